from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.accounts.lines import LINES

AMOUNT = {"max_digits": 14, "decimal_places": 2}


class UnitYearStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    APPROVED = "approved", "已审核"
    RECEIVED = "received", "财政已接收"


class UnitYear(models.Model):
    """A unit's accounts for one fiscal year."""

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="years")
    fiscal_year = models.PositiveIntegerField("年度")
    status = models.CharField("状态", max_length=10, choices=UnitYearStatus.choices, default=UnitYearStatus.DRAFT)
    # Bumped on every save of the figures: a save that started from an older
    # revision is refused instead of overwriting someone else's figures.
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "单位年度"
        verbose_name_plural = "单位年度"
        ordering = ["unit__path", "-fiscal_year"]
        constraints = [models.UniqueConstraint(fields=["unit", "fiscal_year"], name="unique_unit_year")]

    def __str__(self):
        return f"{self.unit} {self.fiscal_year}年"


class Figure(models.Model):
    """One cell: an amount in 万元 for a line of a unit-year. An empty cell has no row."""

    unit_year = models.ForeignKey(UnitYear, on_delete=models.CASCADE, related_name="figures")
    line = models.CharField("项目", max_length=40, choices=[(line.code, line.label) for line in LINES])
    amount = models.DecimalField("金额（万元）", **AMOUNT)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "金额"
        verbose_name_plural = "金额"
        constraints = [models.UniqueConstraint(fields=["unit_year", "line"], name="unique_figure_line")]

    def __str__(self):
        return f"{self.unit_year} {self.get_line_display()} {self.amount}"


class SpecialFund(models.Model):
    """A special fund or project line, with its own sub-lines (e.g. 科普活动 = 转移支付 + 本单位)."""

    unit_year = models.ForeignKey(UnitYear, on_delete=models.CASCADE, related_name="special_funds")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    name = models.CharField("名称", max_length=120)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_science_popularisation = models.BooleanField("计入科普经费", default=False)
    initial_budget = models.DecimalField("年初预算数", null=True, blank=True, **AMOUNT)
    adjusted_budget = models.DecimalField("调整后预算数", null=True, blank=True, **AMOUNT)
    actual = models.DecimalField("全年执行数", null=True, blank=True, **AMOUNT)
    note = models.TextField("说明", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "专项资金"
        verbose_name_plural = "专项资金"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name


class UnitYearEvent(models.Model):
    """A step of a unit-year's review: who, when, why; approval and receipt keep the figures they froze."""

    ACTIONS = {"submit": "提交审核", "reopen": "退回修改", "approve": "审核通过", "receive": "财政接收"}

    unit_year = models.ForeignKey(UnitYear, on_delete=models.CASCADE, related_name="events")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=20, choices=list(ACTIONS.items()))
    comment = models.TextField(blank=True)
    from_status = models.CharField(max_length=10, choices=UnitYearStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=UnitYearStatus.choices, blank=True)
    # On approve/receive: the figures and funds of that moment ({"revision": n, "years": {...}}).
    snapshot = models.JSONField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.unit_year} {self.get_action_display()}"
