"""Performance goals and their indicators, per unit-year (department-wide) or per project.

An indicator keeps the document's own words (target_text, actual_text, claimed
completion) beside the numbers read from them, so that a vague target such as
"不低于5－10场次" stays visible instead of being silently turned into a number.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.goals.monitoring import Forecast

AMOUNT = {"max_digits": 14, "decimal_places": 2}
VALUE = {"max_digits": 16, "decimal_places": 4}
POINTS = {"max_digits": 6, "decimal_places": 2}


class Level1(models.TextChoices):
    OUTPUT = "产出指标", "产出指标"
    OUTCOME = "效益指标", "效益指标"
    SATISFACTION = "满意度指标", "满意度指标"
    COST = "成本指标", "成本指标"


LEVEL2_CHOICES = {
    Level1.OUTPUT: ["数量指标", "质量指标", "时效指标", "成本指标"],
    Level1.OUTCOME: ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "满意度指标"],
    Level1.SATISFACTION: ["服务对象满意度指标"],
    Level1.COST: ["经济成本指标", "社会成本指标", "生态环境成本指标"],
}


class Operator(models.TextChoices):
    GE = ">=", "≥"
    GT = ">", "＞"
    EQ = "=", "＝"
    LT = "<", "＜"
    LE = "<=", "≤"
    QUALITATIVE = "qualitative", "定性"
    OTHER = "quantitative_other", "定量（其他）"
    NOT_APPLICABLE = "not_applicable", "不适用"
    RANGE = "range", "区间"


QUANTITATIVE = {Operator.GE, Operator.GT, Operator.EQ, Operator.LT, Operator.LE, Operator.RANGE}


class ValueBasis(models.TextChoices):
    PLAN = "plan", "计划标准"
    INDUSTRY = "industry", "行业标准"
    HISTORY = "history", "历史标准"
    OTHER = "other", "其他标准"


class LibraryIndicator(models.Model):
    """A reusable indicator: what it measures, its unit and direction, and past values."""

    name = models.CharField("指标名称", max_length=120, unique=True)
    level1 = models.CharField("一级指标", max_length=10, choices=Level1.choices)
    level2 = models.CharField("二级指标", max_length=20)
    unit_of_measure = models.CharField("计量单位", max_length=20, blank=True)
    operator = models.CharField("方向", max_length=20, choices=Operator.choices, default=Operator.GE)
    explanation = models.TextField("指标解释", blank=True)
    value_basis = models.CharField("指标值依据", max_length=10, choices=ValueBasis.choices, default=ValueBasis.PLAN)
    # {"2020": {"unit": "丽水市科协", "target": "130", "actual": "140"}, ...}: where the value came from.
    past_values = models.JSONField("历年值", default=dict, blank=True)

    class Meta:
        verbose_name = "指标库指标"
        verbose_name_plural = "指标库"
        ordering = ["level1", "level2", "name"]

    def __str__(self):
        return self.name


class GoalKind(models.TextChoices):
    DEPARTMENT = "department", "部门整体支出"
    PROJECT = "project", "项目支出"


class Goal(models.Model):
    """The performance goal of a unit-year (department-wide) or of one of its projects."""

    unit_year = models.ForeignKey("accounts.UnitYear", on_delete=models.CASCADE, related_name="goals")
    kind = models.CharField("类型", max_length=12, choices=GoalKind.choices)
    name = models.CharField("名称", max_length=120)
    # The project's money lives in the accounts; a project goal points at it.
    special_fund = models.ForeignKey(
        "accounts.SpecialFund", null=True, blank=True, on_delete=models.SET_NULL, related_name="goals"
    )
    overall_goal = models.TextField("总体目标", blank=True)
    basis = models.TextField("目标设置依据", blank=True)
    scheme_code = models.CharField("评分办法", max_length=40, blank=True)
    # What a report says about itself, kept to compare with what the data supports.
    declared_score = models.DecimalField("自评报告所填得分", null=True, blank=True, **POINTS)
    declared_grade = models.CharField("自评报告所填等次", max_length=10, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    # Bumped on every save of the indicator table / of the monitoring sheet: a stale save is refused.
    revision = models.PositiveIntegerField(default=0)
    monitoring_revision = models.PositiveIntegerField(default=0)
    # Stored results (goals/results.refresh, whenever an input changes: indicators, figures, funds, findings),
    # so that lists read them in one query per page instead of re-scoring every goal on every request.
    result_budget = models.DecimalField("预算数", null=True, blank=True, **AMOUNT)
    result_spent = models.DecimalField("执行数", null=True, blank=True, **AMOUNT)
    result_rate = models.DecimalField("预算执行率（%）", null=True, blank=True, max_digits=8, decimal_places=2)
    result_score = models.DecimalField("得分", null=True, blank=True, **POINTS)
    result_grade = models.CharField("等次", max_length=10, blank=True)
    result_open_findings = models.PositiveIntegerField("未处理问题", default=0)
    result_at = models.DateTimeField("结果计算时间", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=[
        "revision", "monitoring_revision", "result_budget", "result_spent", "result_rate", "result_score",
        "result_grade", "result_open_findings", "result_at",
    ])

    class Meta:
        verbose_name = "绩效目标"
        verbose_name_plural = "绩效目标"
        ordering = ["sort_order", "pk"]
        indexes = [models.Index(fields=["result_grade"]), models.Index(fields=["result_score"]),
                   models.Index(fields=["result_rate"]), models.Index(fields=["result_open_findings"]),
                   # The overview's grade counts and its sorts read only these columns of a user's goals (found
                   # through their unit-years): the index answers them without reading the goals' rows, texts and all.
                   models.Index(fields=["unit_year", "sort_order", "result_grade", "result_score", "result_rate",
                                        "result_open_findings"], name="goal_overview_idx")]

    def __str__(self):
        return f"{self.unit_year} {self.name}"

    @property
    def name_without_year(self) -> str:
        """The name without a leading year ("2017年度部门整体支出" → "部门整体支出"), so no title says the year twice."""
        name = self.name
        for prefix in (f"{self.unit_year.fiscal_year}年度", f"{self.unit_year.fiscal_year}年"):
            name = name.removeprefix(prefix)
        return name or self.name

    @property
    def year_title(self) -> str:
        """"2017年度部门整体支出" whether or not the name starts with its year."""
        return f"{self.unit_year.fiscal_year}年度{self.name_without_year}"


class QualitativeGoal(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="qualitative_goals")
    sort_order = models.PositiveIntegerField("排序", default=0)
    planned = models.TextField("预期目标")
    actual = models.TextField("实际完成", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.planned[:40]


class Indicator(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators")
    sort_order = models.PositiveIntegerField("排序", default=0)
    level1 = models.CharField("一级指标", max_length=10, choices=Level1.choices)
    level2 = models.CharField("二级指标", max_length=20)
    name = models.CharField("三级指标", max_length=200)
    library = models.ForeignKey(LibraryIndicator, null=True, blank=True, on_delete=models.SET_NULL, related_name="uses")
    operator = models.CharField("方向", max_length=20, choices=Operator.choices, default=Operator.GE)
    target = models.DecimalField("指标值", null=True, blank=True, **VALUE)
    target_high = models.DecimalField("区间上限", null=True, blank=True, **VALUE)
    target_text = models.CharField("指标值（原文）", max_length=200, blank=True)
    unit_of_measure = models.CharField("计量单位", max_length=20, blank=True)
    points = models.DecimalField("分值", null=True, blank=True, **POINTS)
    actual = models.DecimalField("实际完成值", null=True, blank=True, **VALUE)
    actual_text = models.TextField("实际完成（原文）", blank=True)
    claimed_completion = models.CharField("所填完成情况", max_length=20, blank=True)
    explanation = models.TextField("说明（定量其他必填）", blank=True)
    # The fields an indicator framework may require (frameworks.REQUIRED_FIELDS).
    formula = models.TextField("计算公式", blank=True)
    value_basis = models.CharField("取值依据", max_length=10, choices=ValueBasis.choices, blank=True)
    reference_value = models.CharField("参考值", max_length=100, blank=True)
    last_year_value = models.CharField("上年值", max_length=100, blank=True)
    value_explanation = models.TextField("指标值解释", blank=True)
    qualitative_tier = models.PositiveSmallIntegerField("定性档次", null=True, blank=True)
    qualitative_score = models.DecimalField("定性得分", null=True, blank=True, **POINTS)
    tier_reason = models.TextField("档次理由", blank=True)
    deviation_reason = models.TextField("偏差原因", blank=True)
    corrective_measure = models.TextField("改进措施", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "绩效指标"
        verbose_name_plural = "绩效指标"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name

    @property
    def is_quantitative(self):
        return self.operator in QUANTITATIVE


class Evidence(models.Model):
    """A file backing an indicator's actual value (台账)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="goals/evidence/%Y/")
    original_name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    def __str__(self):
        return self.original_name


class Checkpoint(models.Model):
    """A monitoring date of a goal (双监控): money spent so far and each indicator's progress."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="checkpoints")
    on_date = models.DateField("监控时点")
    spent = models.DecimalField("截至监控时点支出（万元）", null=True, blank=True, **AMOUNT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["on_date"]
        constraints = [models.UniqueConstraint(fields=["goal", "on_date"], name="unique_goal_checkpoint")]

    def __str__(self):
        return f"{self.goal} {self.on_date}"


class IndicatorProgress(models.Model):
    checkpoint = models.ForeignKey(Checkpoint, on_delete=models.CASCADE, related_name="progress")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="progress")
    value = models.DecimalField("已完成值", null=True, blank=True, **VALUE)
    forecast = models.CharField("预计全年", max_length=12, choices=Forecast.choices, blank=True)
    reason = models.TextField("偏差原因", blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["checkpoint", "indicator"], name="unique_checkpoint_indicator")]

    def __str__(self):
        return f"{self.indicator} {self.checkpoint.on_date}"


# --- rules that vary by region and year, as versioned data (issue 12) -------------------------------

class VersionStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class ValidKind(models.TextChoices):
    ALL = "", "部门整体和项目支出"
    DEPARTMENT = "department", "部门整体支出"
    PROJECT = "project", "项目支出"


class VersionedRule(models.Model):
    """A version of a rule set: a draft is edited, a published version is never changed, only superseded.

    Valid for a region ("" everywhere, else a name such as "四川省"; a unit's nearest region wins),
    a range of fiscal years (open where empty) and a kind of goal. Versions of one `code` form a line.
    """

    code = models.CharField("编号", max_length=40)
    version = models.PositiveIntegerField("版本", default=1)
    name = models.CharField("名称", max_length=120)
    source = models.CharField("依据", max_length=200, blank=True)
    region = models.CharField("适用地区", max_length=40, blank=True)
    from_year = models.PositiveIntegerField("起始年度", null=True, blank=True)
    to_year = models.PositiveIntegerField("截止年度", null=True, blank=True)
    kind = models.CharField("适用类型", max_length=12, choices=ValidKind.choices, blank=True)
    status = models.CharField("状态", max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies",
                                 verbose_name="复制自")
    # The finance bureau that made this version (None: shipped with the product); its finance-bureau
    # roles may edit the draft and publish it for its own region.
    owner = models.ForeignKey("units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name="制定单位")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["code", "version"]

    def __str__(self):
        return f"{self.name}（第{self.version}版）"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    @property
    def region_label(self) -> str:
        return self.region or "全国"

    @property
    def years_label(self) -> str:
        if self.from_year is None and self.to_year is None:
            return "各年度"
        if self.from_year == self.to_year:
            return f"{self.from_year}年度"
        if self.to_year is None:
            return f"{self.from_year}年度起"
        if self.from_year is None:
            return f"{self.to_year}年度及以前"
        return f"{self.from_year}—{self.to_year}年度"


class MonitoringMeasure(models.TextChoices):
    PROGRESS = "progress", "支出进度（预算执行率 ÷ 时间进度 × 100）"
    EXECUTION = "execution", "预算执行率（截至监控时点）"


class MonitoringScheme(VersionedRule):
    """A monitoring scheme (绩效运行监控): its checkpoints with thresholds, and the goal-vs-spending gap."""

    measure = models.CharField("预警口径", max_length=12, choices=MonitoringMeasure.choices,
                               default=MonitoringMeasure.PROGRESS)
    basis = models.CharField("时间进度口径", max_length=8, choices=[("days", "按天"), ("months", "按月")], default="days")
    gap_points = models.DecimalField("目标与支出偏差预警（百分点）", null=True, blank=True, max_digits=6, decimal_places=2)
    history = HistoricalRecords()

    class Meta(VersionedRule.Meta):
        verbose_name = "绩效监控方案"
        verbose_name_plural = "绩效监控方案"
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="unique_monitoring_scheme_version")]


class MonitoringCheckpointRule(models.Model):
    """One checkpoint of a scheme: red below `red_below`, green from `green_from`, on the scheme's measure."""

    scheme = models.ForeignKey(MonitoringScheme, on_delete=models.CASCADE, related_name="checkpoints")
    month = models.PositiveSmallIntegerField("月")
    day = models.PositiveSmallIntegerField("日")
    red_below = models.DecimalField("红灯线（低于）", max_digits=6, decimal_places=2)
    green_from = models.DecimalField("绿灯线（不低于）", max_digits=6, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["month", "day"]
        constraints = [models.UniqueConstraint(fields=["scheme", "month", "day"], name="unique_scheme_checkpoint")]

    def __str__(self):
        return f"{self.month}月{self.day}日"


class IndicatorFramework(VersionedRule):
    """An indicator framework (指标体系): the level-1 / level-2 classes and the fields each indicator must carry."""

    # Codes of Indicator fields that must be filled (frameworks.REQUIRED_FIELDS names them).
    required_fields = models.JSONField("必填项", default=list, blank=True)
    history = HistoricalRecords()

    class Meta(VersionedRule.Meta):
        verbose_name = "绩效指标体系"
        verbose_name_plural = "绩效指标体系"
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="unique_indicator_framework_version")]


class FrameworkClass(models.Model):
    """A level-2 class of a framework under its level-1 class, in the order the forms print them."""

    framework = models.ForeignKey(IndicatorFramework, on_delete=models.CASCADE, related_name="classes")
    level1 = models.CharField("一级指标", max_length=10, choices=Level1.choices)
    level2 = models.CharField("二级指标", max_length=20)
    sort_order = models.PositiveIntegerField("排序", default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["framework", "level1", "level2"], name="unique_framework_class")]

    def __str__(self):
        return f"{self.level1}/{self.level2}"
