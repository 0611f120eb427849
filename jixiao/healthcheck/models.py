"""Upload batches of the report health check: who uploaded what, and each file's result.

A batch and its reports are visible only to the user who uploaded them. The
uploaded bytes are kept only until the file is checked; the result (the
engine's `ReportCheck.as_dict()`, blocks and marks included) is what the
pages read.
"""

from django.conf import settings
from django.db import models


class HealthcheckBatch(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="healthcheck_batches")
    created = models.DateTimeField("上传时间", auto_now_add=True)
    total = models.PositiveIntegerField("文件数", default=0)
    done = models.PositiveIntegerField("已处理", default=0)

    class Meta:
        verbose_name = "体检批次"
        verbose_name_plural = "体检批次"
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"体检批次 {self.pk}（{self.done}/{self.total}）"

    @property
    def finished(self) -> bool:
        return self.done >= self.total

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, self.done * 100 // self.total)


class ReportStatus(models.TextChoices):
    PENDING = "pending", "待检查"
    DONE = "done", "已检查"
    REFUSED = "refused", "未能读取"


class HealthcheckReport(models.Model):
    batch = models.ForeignKey(HealthcheckBatch, on_delete=models.CASCADE, related_name="reports")
    position = models.PositiveIntegerField("序号", default=0)
    filename = models.CharField("文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    # Emptied once the file is checked: only the result is needed after that.
    data = models.BinaryField(default=b"", blank=True)
    status = models.CharField("状态", max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING)
    message = models.TextField("未能读取的原因", blank=True)
    # Summary columns, so the progress fragment and the table need not load the result JSON.
    unit = models.CharField("单位", max_length=200, blank=True)
    year = models.PositiveIntegerField("年度", null=True, blank=True)
    kind_label = models.CharField("文件类型", max_length=60, blank=True)
    errors = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)
    hints = models.PositiveIntegerField(default=0)
    facts = models.JSONField("要点", default=list, blank=True)
    result = models.JSONField(null=True, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "体检报告"
        verbose_name_plural = "体检报告"
        ordering = ["batch", "position", "pk"]

    def __str__(self):
        return self.filename

    @property
    def key_facts(self) -> list[str]:
        """The engine's one-line facts, less those the table already shows in its own columns."""
        return [fact for fact in self.facts if not fact.startswith(("单位：", "识别出"))]
