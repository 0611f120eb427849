"""Scoring schemes as data a finance bureau edits: versions, categories, grade bands, validity.

A version (SchemeVersion, one code each) is a draft until published; a published
version is never edited again, only superseded by a new version copied from it.
Goals name the version they are scored under by its code. The engine never reads
these models: jixiao.scoring.queries turns a version into a ScoringScheme once
and keeps it for the whole scoring run.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.scoring.schemes import (
    EXECUTION_FORMULA_LABELS,
    EXECUTION_RATE_CAPPED,
    LAYOUT_MOF,
    LAYOUTS,
    RANGE_ABOVE_FULL,
    REVERSE_RATIO,
)

POINTS = {"max_digits": 7, "decimal_places": 2}


class SchemeStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    SUPERSEDED = "superseded", "已被新版本取代"


class SchemeKind(models.TextChoices):
    ANY = "", "项目支出和部门整体支出"
    PROJECT = "project", "项目支出"
    DEPARTMENT = "department", "部门整体支出"


class ReverseRule(models.TextChoices):
    RATIO = REVERSE_RATIO, "目标值 ÷ 实际值 × 分值"
    LINEAR_TO_DOUBLE = "linear_to_double", "按超出比例线性扣分，达到目标2倍得0分"


class RangeAboveRule(models.TextChoices):
    FULL = RANGE_ABOVE_FULL, "超过上限仍得满分"
    RATIO = "ratio", "上限 ÷ 实际值 × 分值"


class SchemeVersion(models.Model):
    code = models.SlugField("方案代码", max_length=40, unique=True,
                            help_text="唯一标识本版本，如 hubei-2022；目标按此代码计分")
    family = models.SlugField("方案系列", max_length=40, help_text="同一方案各版本共用，如 hubei")
    version = models.PositiveIntegerField("版本号", default=1)
    name = models.CharField("方案名称", max_length=120)
    source = models.CharField("依据文件", max_length=240, blank=True)
    layout = models.CharField("自评表格式", max_length=12, choices=LAYOUTS.items(), default=LAYOUT_MOF)
    execution_points = models.DecimalField("预算执行率分值", **POINTS)
    execution_formula = models.CharField("执行率计分公式", max_length=20, choices=EXECUTION_FORMULA_LABELS.items(),
                                         default=EXECUTION_RATE_CAPPED)
    reverse_rule = models.CharField("反向指标（≤）未完成时", max_length=20, choices=ReverseRule.choices,
                                    default=ReverseRule.RATIO)
    allow_ranges = models.BooleanField("允许区间目标值（如 5-10次）", default=False)
    range_above_rule = models.CharField("区间目标值超过上限时", max_length=12, choices=RangeAboveRule.choices,
                                        default=RangeAboveRule.FULL)
    satisfaction_redistribution = models.BooleanField("未设满意度指标时，其分值按比例调入产出、效益", default=True)
    over_achievement_ratio = models.DecimalField("超额完成提示倍数", null=True, blank=True, max_digits=6,
                                                 decimal_places=2, help_text="实际值超过目标值的该倍数时提示核实；留空不提示")
    over_achievement_deduction = models.BooleanField("超过提示倍数时扣分", default=False)
    step = models.DecimalField("计分单位（分）", max_digits=6, decimal_places=2, default="0.01")
    tolerance = models.DecimalField("核对容差（分）", max_digits=6, decimal_places=2, default="0.01",
                                    help_text="体检报告时，所填得分与计算得分相差不超过此值视为一致")
    # [[high %, low %], ...], best tier first; and {level-1 class: category it is scored under}.
    qualitative_tiers = models.JSONField("定性指标档次", default=list)
    category_aliases = models.JSONField("一级指标归类", default=dict, blank=True)
    status = models.CharField("状态", max_length=12, choices=SchemeStatus.choices, default=SchemeStatus.DRAFT)
    based_on = models.ForeignKey("self", verbose_name="复制自", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="copies")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发布人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    # Bumped on every save of a draft: a save that started from an older revision is refused.
    revision = models.PositiveIntegerField(default=0)
    history = HistoricalRecords(excluded_fields=["revision"])

    class Meta:
        verbose_name = "评分方案"
        verbose_name_plural = "评分方案"
        ordering = ["family", "-version"]

    def __str__(self):
        return f"{self.name}（{self.code}，第{self.version}版）"

    @property
    def is_draft(self) -> bool:
        return self.status == SchemeStatus.DRAFT


class SchemeCategory(models.Model):
    """A level-1 category with its points, or a part the unit splits over its own level-1 classes."""

    scheme = models.ForeignKey(SchemeVersion, on_delete=models.CASCADE, related_name="categories")
    sort_order = models.PositiveIntegerField("排序", default=0)
    name = models.CharField("类别名称", max_length=40)
    points = models.DecimalField("分值", **POINTS)
    split_by_unit = models.BooleanField("由单位分配到各一级指标", default=False)
    # The level-1 classes printed as its sub-headers when split by the unit (产出指标, 效益指标, ...).
    members = models.JSONField("包含的一级指标", default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "评分类别"
        verbose_name_plural = "评分类别"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.name}（{self.points}分）"


class GradeBand(models.Model):
    scheme = models.ForeignKey(SchemeVersion, on_delete=models.CASCADE, related_name="grade_bands")
    sort_order = models.PositiveIntegerField("排序", default=0)
    grade = models.CharField("等次", max_length=4)
    floor = models.DecimalField("分数线（≥）", **POINTS)
    consequence = models.CharField("结果应用", max_length=80, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "评价等次"
        verbose_name_plural = "评价等次"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.grade} ≥ {self.floor}"


class SchemeValidity(models.Model):
    """Where and when a published version applies: a region ("" = nationwide), years, kind of goal."""

    scheme = models.ForeignKey(SchemeVersion, on_delete=models.CASCADE, related_name="validity")
    region = models.CharField("适用地区", max_length=20, blank=True, help_text="省或市的名称，如 湖北、岳阳；留空为全国")
    from_year = models.PositiveIntegerField("起始年度", null=True, blank=True)
    to_year = models.PositiveIntegerField("截止年度", null=True, blank=True)
    kind = models.CharField("适用类型", max_length=12, choices=SchemeKind.choices, blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "适用范围"
        verbose_name_plural = "适用范围"
        ordering = ["region", "-from_year", "pk"]

    def __str__(self):
        return f"{self.region or '全国'} {self.years_text()}"

    def years_text(self) -> str:
        if self.from_year and self.to_year:
            return f"{self.from_year}年" if self.from_year == self.to_year else f"{self.from_year}–{self.to_year}年"
        if self.from_year:
            return f"{self.from_year}年起"
        if self.to_year:
            return f"至{self.to_year}年"
        return "各年度"
