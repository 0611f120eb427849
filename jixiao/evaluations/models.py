"""The self-evaluation of a goal, its review steps, its team, and the problems it names."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    RETURNED = "returned", "已退回"
    APPROVED = "approved", "已审核"
    SENT = "sent", "已报送财政"
    ACCEPTED = "accepted", "财政已接收"
    BUREAU_RETURNED = "bureau_returned", "财政退回"


class SelfEvaluation(models.Model):
    goal = models.OneToOneField("goals.Goal", on_delete=models.CASCADE, related_name="evaluation")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    # Narrative sections the user may edit before export; empty means "generate from the data".
    summary_text = models.TextField("评价报告综述", blank=True)
    analysis_text = models.TextField("部门整体支出情况分析", blank=True)
    # Bumped on every save of the report texts: a save that started from an older revision is refused.
    text_revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["text_revision"])

    class Meta:
        verbose_name = "绩效自评"
        verbose_name_plural = "绩效自评"

    def __str__(self):
        return f"{self.goal} 自评"

    @property
    def is_locked(self):
        return self.status not in {Status.DRAFT, Status.RETURNED, Status.BUREAU_RETURNED}


class Step(models.Model):
    """One step of the workflow: who, when, from which status to which, and why."""

    evaluation = models.ForeignKey(SelfEvaluation, on_delete=models.CASCADE, related_name="steps")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField("操作", max_length=20)
    from_status = models.CharField(max_length=20, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    comment = models.TextField("意见", blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.evaluation} {self.action}"


class Snapshot(models.Model):
    """What an approval or acceptance froze: the data every document prints, as of that moment.

    One row per approve/accept; earlier rows stay after a reopen, so the history says
    who approved which version. Documents of an approved or accepted evaluation are
    generated from its latest snapshot (documents.data.report_data).
    """

    evaluation = models.ForeignKey(SelfEvaluation, on_delete=models.CASCADE, related_name="snapshots")
    version = models.PositiveIntegerField("版本")
    action = models.CharField("操作", max_length=20)
    status = models.CharField("冻结时状态", max_length=20, choices=Status.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    data = models.JSONField("文书数据")

    class Meta:
        verbose_name = "审定快照"
        verbose_name_plural = "审定快照"
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "version"], name="unique_snapshot_version")]

    def __str__(self):
        return f"{self.evaluation} 第{self.version}版"


class TeamMember(models.Model):
    evaluation = models.ForeignKey(SelfEvaluation, on_delete=models.CASCADE, related_name="team")
    sort_order = models.PositiveIntegerField("排序", default=0)
    name = models.CharField("姓名", max_length=40)
    title = models.CharField("职务/职称", max_length=60, blank=True)
    unit_name = models.CharField("单位", max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name


class RectificationStatus(models.TextChoices):
    OPEN = "open", "整改中"
    CLOSED = "closed", "已整改"


class Rectification(models.Model):
    """A problem an evaluation names and the measure taken, open until someone closes it."""

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="rectifications")
    raised_in_year = models.PositiveIntegerField("提出年度")
    evaluation = models.ForeignKey(
        SelfEvaluation, null=True, blank=True, on_delete=models.SET_NULL, related_name="rectifications"
    )
    problem = models.TextField("存在问题")
    measure = models.TextField("整改措施")
    owner = models.CharField("责任人/部门", max_length=60, blank=True)
    due_date = models.DateField("整改期限", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=RectificationStatus.choices, default=RectificationStatus.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    close_note = models.TextField("整改结果", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "整改事项"
        verbose_name_plural = "整改事项"
        ordering = ["status", "due_date", "pk"]

    def __str__(self):
        return self.problem[:40]


class OverviewCount(models.Model):
    """How many goals of a unit-year have each stored grade and evaluation status ("" for none yet).

    The finance bureau's overview counts and pages a province's million goals from these few rows per unit-year
    instead of counting the goals on every request. Recounted (evaluations/overview_counts) whenever the goals'
    results are stored and at every step of an evaluation, the only two ways a grade or a status changes.
    """

    unit_year = models.ForeignKey("accounts.UnitYear", on_delete=models.CASCADE, related_name="+")
    grade = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=20, blank=True)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit_year", "grade", "status"], name="unique_overview_count")]

    def __str__(self):
        return f"{self.unit_year_id} {self.grade or '未评分'} {self.status or '未开始'}：{self.count}"
