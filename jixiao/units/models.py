from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class UnitLevel(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县（区）级"
    SUB_UNIT = "sub_unit", "下属单位"


class Unit(models.Model):
    """An organisation unit: an association at some level, or one of its sub-units."""

    name = models.CharField("单位名称", max_length=100)
    short_name = models.CharField("简称", max_length=40, blank=True)
    level = models.CharField("级别", max_length=10, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级单位", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Materialised ancestry ("/1/4/9/") so that "this unit and everything under it"
    # is one indexed prefix query, even for thousands of units.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    sort_order = models.PositiveIntegerField("排序", default=0)
    budget_code = models.CharField("预算编码", max_length=30, blank=True)
    contact_person = models.CharField("联系人", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    authorized_staff = models.PositiveIntegerField("人员编制", null=True, blank=True)
    authorized_staff_admin = models.PositiveIntegerField("编制：行政编", null=True, blank=True)
    authorized_staff_institutional = models.PositiveIntegerField("编制：事业编", null=True, blank=True)
    actual_staff = models.PositiveIntegerField("实有人数", null=True, blank=True)
    actual_staff_admin = models.PositiveIntegerField("实有：行政编", null=True, blank=True)
    actual_staff_institutional = models.PositiveIntegerField("实有：事业编", null=True, blank=True)
    duties = models.TextField("职能职责", blank=True)
    population = models.PositiveBigIntegerField("常住人口（人）", null=True, blank=True)
    # Separation of duties: off by default, a one-person unit may let the same person submit and approve.
    allow_single_person = models.BooleanField("一人单位：允许同一人填报、提交和审核", default=False)
    # Bumped on every save of the profile: a save that started from an older revision is refused.
    revision = models.PositiveIntegerField(default=0)
    history = HistoricalRecords(excluded_fields=["path", "sort_order", "revision"])

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["path", "sort_order"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        expected = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        if self.path != expected:
            old_path = self.path
            self.path = expected
            Unit.objects.filter(pk=self.pk).update(path=expected)
            if old_path:
                for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    child.path = expected + child.path[len(old_path):]
                    Unit.objects.filter(pk=child.pk).update(path=child.path)

    @property
    def display_name(self):
        return self.short_name or self.name

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def is_within(self, other: "Unit") -> bool:
        """True when this unit is `other` or lies below it."""
        return self.path.startswith(other.path)


class RoleKind(models.TextChoices):
    FILLER = "filler", "填报人"
    REVIEWER = "reviewer", "审核人"
    UNIT_ADMIN = "unit_admin", "单位管理员"
    FINANCE_BUREAU = "finance_bureau", "财政部门"
    JUDGE = "judge", "评委"
    ASSESSMENT_OFFICE = "assessment_office", "考核办公室"


class Role(models.Model):
    """A person's role on a unit; it covers the unit and every unit below it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="roles")
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField("角色", max_length=20, choices=RoleKind.choices)

    class Meta:
        verbose_name = "角色"
        verbose_name_plural = "角色"
        constraints = [models.UniqueConstraint(fields=["user", "unit", "kind"], name="unique_role")]

    def __str__(self):
        return f"{self.user} · {self.get_kind_display()} · {self.unit}"
