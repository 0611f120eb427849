from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.checks.registry import Severity


class FindingStatus(models.TextChoices):
    OPEN = "open", "待处理"
    EXPLAINED = "explained", "已说明"
    RESOLVED = "resolved", "已解决"


class Finding(models.Model):
    """A check result kept between runs, so that answers are not lost.

    `key` identifies the finding across runs (same rule, same cells). When a
    run no longer produces it, it is resolved; when it comes back, it reopens.
    """

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="findings")
    fiscal_year = models.PositiveIntegerField("年度")
    area = models.CharField("类别", max_length=20)
    rule_code = models.CharField("规则", max_length=60)
    key = models.CharField(max_length=255)
    severity = models.CharField("严重程度", max_length=10, choices=Severity.choices)
    message = models.TextField("说明")
    fix = models.TextField("修改建议", blank=True)
    places = models.JSONField("位置", default=list)
    status = models.CharField("状态", max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    explanation = models.TextField("情况说明", blank=True)
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    explained_at = models.DateTimeField(null=True, blank=True)
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "检查发现"
        verbose_name_plural = "检查发现"
        ordering = ["unit__path", "fiscal_year", "area", "rule_code", "key"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "fiscal_year", "area", "key"], name="unique_finding_key")
        ]
        indexes = [models.Index(fields=["status", "severity"])]

    def __str__(self):
        return f"{self.unit} {self.fiscal_year} {self.rule_code}"

    @property
    def is_active(self):
        return self.status != FindingStatus.RESOLVED
