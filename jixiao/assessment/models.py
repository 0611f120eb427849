"""Target assessment (目标考核): schemes, rounds, county submissions, judges' scores, results.

A scheme is issued once and then frozen: a change makes a new version with a
reason. A round runs one issued scheme: counties report, judges score on site,
the office closes, reviews and publishes. Every figure that changes keeps its
history (who, when, old, new).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

POINTS = {"max_digits": 6, "decimal_places": 2}
MEASURE_VALUE = {"max_digits": 14, "decimal_places": 2}


class SchemeStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    ISSUED = "issued", "已下达"
    SUPERSEDED = "superseded", "已被新版本替代"


class TieBreak(models.TextChoices):
    SHARED = "shared", "总分相同者并列同一名次"
    BASE_SCORE = "base_score", "总分相同时，不含加分的得分高者在前；仍相同则并列"
    FIRST_GROUP = "first_group", "总分相同时，权重最大评委组的得分高者在前；仍相同则并列"


class Scheme(models.Model):
    """考核办法: one version of a city association's scheme for a year."""

    issuing_unit = models.ForeignKey("units.Unit", verbose_name="下达单位", on_delete=models.PROTECT, related_name="assessment_schemes")
    year = models.PositiveIntegerField("考核年度")
    version = models.PositiveIntegerField("版本", default=1)
    title = models.CharField("名称", max_length=200)
    document_number = models.CharField("文号", max_length=60, blank=True)
    base_points = models.DecimalField("基础分", default=Decimal(100), **POINTS)
    bonus_cap = models.DecimalField("加分上限", default=Decimal(10), **POINTS)
    score_step = models.DecimalField("评分步长", default=Decimal("0.5"), **POINTS)
    drop_extremes = models.BooleanField("去掉最高分和最低分", default=False)
    drop_extremes_min_judges = models.PositiveIntegerField("去极值所需最少评委人数（每组）", default=5)
    routine_weight = models.DecimalField("平时工作情况权重（%）", default=Decimal(0), **POINTS)
    tie_break = models.CharField("同分规则", max_length=20, choices=TieBreak.choices, default=TieBreak.SHARED)
    presentation_minutes = models.PositiveIntegerField("现场陈述（分钟）", default=15)
    questions_minutes = models.PositiveIntegerField("现场答辩（分钟）", default=5)
    status = models.CharField("状态", max_length=12, choices=SchemeStatus.choices, default=SchemeStatus.DRAFT)
    previous = models.ForeignKey("self", verbose_name="上一版本", null=True, blank=True, on_delete=models.PROTECT, related_name="next_versions")
    change_reason = models.TextField("修改原因", blank=True)
    issued_at = models.DateTimeField("下达时间", null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "考核办法"
        verbose_name_plural = "考核办法"
        ordering = ["-year", "issuing_unit__path", "-version"]
        constraints = [models.UniqueConstraint(fields=["issuing_unit", "year", "version"], name="unique_scheme_version")]

    def __str__(self):
        return f"{self.title}（第{self.version}版）"

    @property
    def is_frozen(self):
        return self.status != SchemeStatus.DRAFT


class Category(models.Model):
    """考核类别, e.g. 为科技工作者服务 13分."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="categories")
    number = models.PositiveIntegerField("序号")
    name = models.CharField("类别", max_length=100)
    points = models.DecimalField("分值", **POINTS)

    class Meta:
        verbose_name = "考核类别"
        verbose_name_plural = "考核类别"
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["scheme", "number"], name="unique_category_number")]

    def __str__(self):
        return self.name


class Item(models.Model):
    """考核内容及标准 with its points; numbered through the whole scheme as in the document."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="items")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveIntegerField("序号")
    content = models.TextField("考核内容及标准")
    standard = models.TextField("评分标准", blank=True)
    points = models.DecimalField("分值", **POINTS)
    # Empty: the scheme's step.
    score_step = models.DecimalField("评分步长", null=True, blank=True, **POINTS)

    class Meta:
        verbose_name = "考核项目"
        verbose_name_plural = "考核项目"
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["scheme", "number"], name="unique_item_number")]

    def __str__(self):
        return f"{self.number}. {self.content[:20]}"

    @property
    def step(self):
        return self.score_step or self.scheme.score_step


class Measure(models.Model):
    """A measurable figure of an item (学术交流活动, 场次) with its thresholds."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="measures")
    code = models.SlugField("代码", max_length=60)
    name = models.CharField("指标", max_length=120)
    unit_label = models.CharField("计量单位", max_length=20)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "考核指标"
        verbose_name_plural = "考核指标"
        ordering = ["sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["item", "code"], name="unique_measure_code")]

    def __str__(self):
        return self.name


class UnitAttributeCode(models.TextChoices):
    HAS_SCIENCE_CARAVAN = "has_science_caravan", "有科普大篷车"


class Threshold(models.Model):
    """考核指标门槛. Applies to one county, to counties with (or without) an attribute, or to all.

    The most specific applies: a county's own threshold, then its attribute's, then the general one.
    """

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="thresholds")
    unit = models.ForeignKey("units.Unit", verbose_name="适用单位", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    attribute = models.CharField("适用属性", max_length=40, choices=UnitAttributeCode.choices, blank=True)
    attribute_value = models.BooleanField("属性取值", null=True, blank=True)
    minimum = models.DecimalField("不少于", null=True, blank=True, **MEASURE_VALUE)
    maximum = models.DecimalField("不多于", null=True, blank=True, **MEASURE_VALUE)

    class Meta:
        verbose_name = "指标门槛"
        verbose_name_plural = "指标门槛"
        ordering = ["pk"]

    def __str__(self):
        return f"{self.measure} ≥ {self.minimum}"


class BonusItem(models.Model):
    """加分项目 (最高N分)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="bonus_items")
    number = models.PositiveIntegerField("序号")
    content = models.TextField("内容")
    cap = models.DecimalField("最高分", **POINTS)

    class Meta:
        verbose_name = "加分项目"
        verbose_name_plural = "加分项目"
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["scheme", "number"], name="unique_bonus_number")]

    def __str__(self):
        return f"加分{self.number}（最高{self.cap}分）"


class JudgeGroup(models.Model):
    """评委组 with its weight in percent."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="judge_groups")
    number = models.PositiveIntegerField("序号")
    name = models.CharField("评委组", max_length=60)
    weight = models.DecimalField("权重（%）", **POINTS)

    class Meta:
        verbose_name = "评委组"
        verbose_name_plural = "评委组"
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["scheme", "number"], name="unique_group_number")]

    def __str__(self):
        return f"{self.name}（{self.weight}%）"


class UnitAttribute(models.Model):
    """A fact about an assessed county in a year that thresholds may depend on (有科普大篷车)."""

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="assessment_attributes")
    year = models.PositiveIntegerField("年度")
    code = models.CharField("属性", max_length=40, choices=UnitAttributeCode.choices)
    value = models.BooleanField("取值")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "考核对象属性"
        verbose_name_plural = "考核对象属性"
        constraints = [models.UniqueConstraint(fields=["unit", "year", "code"], name="unique_unit_attribute")]

    def __str__(self):
        return f"{self.unit} {self.year} {self.get_code_display()}={self.value}"


class RoundStatus(models.TextChoices):
    COLLECTING = "collecting", "县区填报"
    SCORING = "scoring", "现场评审"
    CLOSED = "closed", "评分已关闭"
    PUBLISHED = "published", "结果已公布"


class Round(models.Model):
    """One year's assessment under an issued scheme: submissions, scoring, results."""

    scheme = models.OneToOneField(Scheme, verbose_name="考核办法", on_delete=models.PROTECT, related_name="round")
    assessed_units = models.ManyToManyField("units.Unit", verbose_name="考核对象", related_name="assessment_rounds")
    status = models.CharField("状态", max_length=12, choices=RoundStatus.choices, default=RoundStatus.COLLECTING)
    submission_deadline = models.DateTimeField("填报截止时间", null=True, blank=True)
    is_simulated = models.BooleanField("模拟数据", default=False)
    simulation_note = models.CharField("模拟说明", max_length=200, blank=True)
    advanced_count = models.PositiveIntegerField("先进单位名额", null=True, blank=True)
    published_at = models.DateTimeField("公布时间", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "考核评审"
        verbose_name_plural = "考核评审"

    def __str__(self):
        return f"{self.scheme.title}（{self.get_status_display()}）"


class RoundEventKind(models.TextChoices):
    OPENED = "opened", "开始填报"
    SCORING_STARTED = "scoring_started", "开始现场评审"
    CLOSED = "closed", "关闭评分"
    REOPENED = "reopened", "重新开放评分"
    PUBLISHED = "published", "公布结果"
    SCHEME_VERSION = "scheme_version", "启用新版本考核办法"


class RoundEvent(models.Model):
    """The round's log: who closed, reopened (with the reason) or published, and when."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=20, choices=RoundEventKind.choices)
    reason = models.TextField("原因", blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class Judge(models.Model):
    """评委: a person with a judge role, placed in a group of the round's scheme."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="judges")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_judgeships")
    group = models.ForeignKey(JudgeGroup, verbose_name="评委组", on_delete=models.PROTECT, related_name="judges")
    home_unit = models.ForeignKey("units.Unit", verbose_name="所在单位", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "评委"
        verbose_name_plural = "评委"
        ordering = ["group__number", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="unique_round_judge")]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.user.get_full_name() or self.user.username


class ConflictDeclaration(models.Model):
    """A judge's declared conflict of interest with an assessed unit (回避)."""

    judge = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="conflicts")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField("回避原因", max_length=200)
    at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["judge", "unit"], name="unique_conflict")]

    def __str__(self):
        return f"{self.judge} 回避 {self.unit}"


class ItemScore(models.Model):
    """One judge's score of one item for one assessed unit. One row, ever: saves update it."""

    judge = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="scores")
    score = models.DecimalField("得分", **POINTS)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "评委评分"
        verbose_name_plural = "评委评分"
        constraints = [models.UniqueConstraint(fields=["judge", "unit", "item"], name="unique_item_score")]

    def __str__(self):
        return f"{self.judge} {self.unit} {self.item.number}: {self.score}"


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", "填报中"
    SUBMITTED = "submitted", "已报送"
    RETURNED = "returned", "已退回修改"


class Submission(models.Model):
    """A county's year-end report: per item its figures, narrative and evidence; the presentation."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="submissions")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="assessment_submissions")
    status = models.CharField("状态", max_length=12, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT)
    summary = models.TextField("总体情况说明", blank=True)
    presentation = models.FileField("现场陈述材料", upload_to="assessment/presentations/%Y/", blank=True)
    presentation_name = models.CharField(max_length=200, blank=True)
    presentation_kind = models.CharField(max_length=10, blank=True)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    returned_at = models.DateTimeField("退回时间", null=True, blank=True)
    return_comment = models.TextField("退回意见", blank=True)
    # Bumped on every save of the form: a save that started from an older revision is refused.
    revision = models.PositiveIntegerField(default=0)
    history = HistoricalRecords(excluded_fields=["revision"])

    class Meta:
        verbose_name = "县区填报"
        verbose_name_plural = "县区填报"
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="unique_submission")]

    def __str__(self):
        return f"{self.unit} {self.round.scheme.year}"


class ItemReport(models.Model):
    """The county's narrative for one item."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="item_reports")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+")
    narrative = models.TextField("完成情况说明", blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "item"], name="unique_item_report")]

    def __str__(self):
        return f"{self.submission} 第{self.item.number}项"


class MeasureValue(models.Model):
    """The county's figure for one measure (e.g. 学术交流活动 7 场次)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="measure_values")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField("完成值", **MEASURE_VALUE)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "measure"], name="unique_measure_value")]

    def __str__(self):
        return f"{self.measure} {self.value}"


class Evidence(models.Model):
    """台账 / 证明材料: a file whose type was checked by its content."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="evidence")
    item = models.ForeignKey(Item, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to="assessment/evidence/%Y/")
    original_name = models.CharField("文件名", max_length=200)
    kind = models.CharField("类型", max_length=10)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


class BonusAward(models.Model):
    """Bonus points awarded by the office for one bonus item, with the evidence for it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="bonus_awards")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    bonus_item = models.ForeignKey(BonusItem, on_delete=models.PROTECT, related_name="awards")
    points = models.DecimalField("加分", **POINTS)
    evidence = models.TextField("依据")
    awarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "加分"
        verbose_name_plural = "加分"
        ordering = ["bonus_item__number", "pk"]

    def __str__(self):
        return f"{self.unit} 加分{self.bonus_item.number} {self.points}"


class RoutineRecord(models.Model):
    """平时工作情况: the office's record of a county's routine work, on the base scale."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="routine_records")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    score = models.DecimalField("平时工作得分", **POINTS)
    note = models.TextField("说明", blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="unique_routine_record")]

    def __str__(self):
        return f"{self.unit} 平时工作 {self.score}"


class Veto(models.Model):
    """一票否决, with its reason and the meeting that approved it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="vetoes")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField("否决原因")
    meeting = models.CharField("批准会议", max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "一票否决"
        verbose_name_plural = "一票否决"
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="unique_veto")]

    def __str__(self):
        return f"{self.unit} 一票否决"


class Ranking(models.Model):
    """The round's ranking as the results page shows it, stored when its inputs last changed (closing the round, a
    bonus, routine-work record or veto, publishing): the page and the ranking workbook read it a page at a time
    instead of summing every judge's scores again on every request."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="ranking")
    charts = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.round} 排名"


class RankingRow(models.Model):
    """One county's line of the stored ranking, in ranking order (`position`); `values` as the page prints them."""

    ranking = models.ForeignKey(Ranking, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField()
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    values = models.JSONField(default=dict)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["ranking", "position"], name="unique_ranking_position")]

    def __str__(self):
        return f"{self.unit} 第{self.position}行"


class Result(models.Model):
    """A published result: kept as published, so later edits cannot change what was announced."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="results")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveIntegerField("名次", null=True, blank=True)
    final_score = models.DecimalField("总得分", null=True, blank=True, **POINTS)
    panel_score = models.DecimalField("评委评分", null=True, blank=True, **POINTS)
    bonus = models.DecimalField("加分", default=Decimal(0), **POINTS)
    vetoed = models.BooleanField("一票否决", default=False)
    advanced = models.BooleanField("先进单位", default=False)
    # The explanation as published, without judges' names (those stay with the office).
    explanation = models.JSONField(default=dict)

    class Meta:
        ordering = ["rank", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="unique_result")]

    def __str__(self):
        return f"{self.unit} 第{self.rank}名"
