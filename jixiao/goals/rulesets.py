"""Monitoring schemes and indicator frameworks as versioned data: which version applies, copying, editing, publishing.

A version is chosen for a unit, a fiscal year and a kind of goal: among the published versions
valid for the year and kind, the one of the unit's nearest region (units.regions) wins, then a
version for the kind before one for every kind, then the latest published. A published version
is never changed: a finance bureau copies it into a draft, edits the draft (validated, with a
revision so that no save is lost) and publishes it for its own region and a range of years; the
newer version supersedes the older where they overlap.
"""

import json
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from jixiao.goals import frameworks, monitoring
from jixiao.goals.models import (
    LEVEL2_CHOICES,
    FrameworkClass,
    IndicatorFramework,
    Level1,
    MonitoringCheckpointRule,
    MonitoringMeasure,
    MonitoringScheme,
    ValidKind,
    VersionStatus,
)
from jixiao.numbers import NumberError, read_decimal
from jixiao.units.models import Role, RoleKind, Unit
from jixiao.units.regions import place_names, region_names

HUNDRED = Decimal(100)
MIN_YEAR, MAX_YEAR = 2000, 2099


class RuleRefused(ValueError):
    """An edit or a publication that cannot be made; the message is for the user, in Chinese."""


class StaleDraft(RuleRefused):
    pass


# --- which version applies ------------------------------------------------------------------------

def _applicable(model, unit: Unit, year: int, kind: str, regions: list[str] | None = None):
    regions = place_names(unit) if regions is None else regions
    rows = (model.objects.filter(status=VersionStatus.PUBLISHED)
            .filter(Q(region="") | Q(region__in=regions))
            .filter(Q(from_year__isnull=True) | Q(from_year__lte=year))
            .filter(Q(to_year__isnull=True) | Q(to_year__gte=year))
            .filter(Q(kind="") | Q(kind=kind)))
    if model is MonitoringScheme:
        rows = rows.prefetch_related("checkpoints")
    else:
        rows = rows.prefetch_related("classes")

    def rank(row):
        nearness = regions.index(row.region) if row.region else len(regions)
        return (nearness, 0 if row.kind else 1, -(row.published_at.timestamp() if row.published_at else 0), -row.version)

    found = sorted(rows, key=rank)
    return found[0] if found else None


def monitoring_scheme_for(unit: Unit, year: int, kind: str) -> MonitoringScheme | None:
    return _applicable(MonitoringScheme, unit, year, kind)


def framework_for(unit: Unit, year: int, kind: str) -> IndicatorFramework | None:
    return _applicable(IndicatorFramework, unit, year, kind)


def monitoring_rules(scheme: MonitoringScheme | None) -> monitoring.MonitoringRules:
    """A stored scheme as the plain rules the monitoring functions read; the default when there is none."""
    if scheme is None:
        return monitoring.DEFAULT_RULES
    return monitoring.MonitoringRules(
        name=scheme.name,
        checkpoints=tuple(monitoring.CheckpointRule(row.month, row.day, monitoring.MonitoringThresholds(
            row.red_below, row.green_from)) for row in scheme.checkpoints.all()),
        measure=scheme.measure, basis=scheme.basis, gap_points=scheme.gap_points,
        version_label=f"{scheme.name}（第{scheme.version}版，{scheme.region_label}，{scheme.years_label}）",
    )


def framework_rules(framework: IndicatorFramework | None) -> frameworks.FrameworkRules:
    """A stored framework as plain rules; without one, the classes the goals app has always known."""
    if framework is None:
        return frameworks.FrameworkRules("指标分类", tuple((level1, tuple(LEVEL2_CHOICES[level1])) for level1 in Level1))
    grouped: dict[str, list[str]] = {}
    for row in framework.classes.all():
        grouped.setdefault(row.level1, []).append(row.level2)
    return frameworks.FrameworkRules(
        framework.name, tuple((level1, tuple(level2)) for level1, level2 in grouped.items()),
        tuple(framework.required_fields or ()),
        version_label=f"{framework.name}（第{framework.version}版，{framework.region_label}，{framework.years_label}）",
    )


def monitoring_rules_of(goal, cache: dict | None = None) -> monitoring.MonitoringRules:
    """The monitoring rules for a goal's unit, year and kind (cached per unit-year and kind when a cache is given)."""
    unit_year = goal.unit_year
    key = (unit_year.unit_id, unit_year.fiscal_year, goal.kind)
    if cache is not None and key in cache:
        return cache[key]
    rules = monitoring_rules(monitoring_scheme_for(unit_year.unit, unit_year.fiscal_year, goal.kind))
    if cache is not None:
        cache[key] = rules
    return rules


def framework_rules_of(goal) -> frameworks.FrameworkRules:
    unit_year = goal.unit_year
    return framework_rules(framework_for(unit_year.unit, unit_year.fiscal_year, goal.kind))


# --- who may edit ----------------------------------------------------------------------------------

def finance_units(user):
    """The units on which the user holds a finance-bureau role (their own rules are made for these)."""
    if not user.is_authenticated:
        return Unit.objects.none()
    return Unit.objects.filter(pk__in=Role.objects.filter(user=user, kind=RoleKind.FINANCE_BUREAU).values("unit_id"))


def may_edit(user, version) -> bool:
    """A draft is edited and published by the finance bureau that made it (or an administrator)."""
    if not version.is_draft or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return version.owner_id is not None and finance_units(user).filter(pk=version.owner_id).exists()


def publish_regions(version) -> list[str]:
    """Where a version may be published: the region of the bureau that made it (全国 for an administrator's)."""
    if version.owner_id is None:
        return [""]
    names = region_names(version.owner)
    return names[:1]


def superseded_by(version):
    """The later published version of the same region and kind that covers some of its years, if any."""
    if version.status != VersionStatus.PUBLISHED or version.published_at is None:
        return None
    later = (type(version).objects.filter(status=VersionStatus.PUBLISHED, region=version.region, kind=version.kind,
                                          published_at__gt=version.published_at)
             .exclude(pk=version.pk).order_by("-published_at"))
    for other in later:
        low = max(version.from_year or MIN_YEAR, other.from_year or MIN_YEAR)
        high = min(version.to_year or MAX_YEAR, other.to_year or MAX_YEAR)
        if low <= high:
            return other
    return None


# --- copying ----------------------------------------------------------------------------------------

def _next_version(model, code: str) -> int:
    return (model.objects.filter(code=code).aggregate(top=Max("version"))["top"] or 0) + 1


@transaction.atomic
def copy_version(version, user, owner: Unit):
    """A new draft copied from any version, made by `owner`'s finance bureau; the source is not touched."""
    if not user.is_superuser and not finance_units(user).filter(pk=owner.pk).exists():
        raise RuleRefused("只有财政部门可以新建方案版本")
    model = type(version)
    draft = model.objects.create(
        code=version.code, version=_next_version(model, version.code), name=version.name, source=version.source,
        region=(region_names(owner)[:1] or [""])[0], from_year=version.from_year, to_year=version.to_year,
        kind=version.kind, status=VersionStatus.DRAFT, based_on=version, owner=owner, created_by=user,
        **_own_fields(version),
    )
    if model is MonitoringScheme:
        _create_rows(user, [MonitoringCheckpointRule(scheme=draft, month=row.month, day=row.day, red_below=row.red_below,
                                                     green_from=row.green_from) for row in version.checkpoints.all()])
    else:
        _create_rows(user, [FrameworkClass(framework=draft, level1=row.level1, level2=row.level2, sort_order=row.sort_order)
                            for row in version.classes.all()])
    return draft


def _create_rows(user, rows) -> None:
    """Saved one by one so that each row's history records who made it (a scheme has a handful of rows)."""
    for row in rows:
        row._history_user = user
        row.save()


def _own_fields(version) -> dict:
    if isinstance(version, MonitoringScheme):
        return {"measure": version.measure, "basis": version.basis, "gap_points": version.gap_points}
    return {"required_fields": list(version.required_fields or [])}


# --- validating and saving drafts -------------------------------------------------------------------

@dataclass
class Checked:
    """What a posted draft becomes: values to store, or a Chinese message per field."""

    values: dict
    errors: dict


def _number(text: str, what: str, errors: dict, key: str, high: Decimal | None = None) -> Decimal | None:
    try:
        value = read_decimal(text, example="60 或 62.5", subject=what, max_abs=Decimal("1000000"))
    except NumberError as error:
        errors[key] = str(error)
        return None
    if value is None:
        errors[key] = f"请填写{what}"
        return None
    if value < 0 or (high is not None and value > high):
        errors[key] = f"{what}须在 0–{monitoring.fmt_plain(high)} 之间" if high is not None else f"{what}不能为负数"
        return None
    if value.as_tuple().exponent < -2:
        errors[key] = f"{what}最多保留两位小数"
        return None
    return value


def check_monitoring(post) -> Checked:
    """A posted monitoring draft: name, measure, time basis, gap and checkpoint rows cp-N-date / -red / -green.

    Checkpoints are dated within any year and strictly ordered; each row's red line is not above its
    green line; the lines increase from one checkpoint to the next (strictly for the execution rate,
    which only grows over the year; not lower for the spending progress, a ratio to the time share).
    """
    errors, values = {}, {}
    values["name"] = (post.get("name") or "").strip()
    if not values["name"]:
        errors["name"] = "请填写方案名称"
    values["source"] = (post.get("source") or "").strip()
    measure = post.get("measure", "")
    if measure not in MonitoringMeasure.values:
        errors["measure"] = "请选择预警口径"
    values["measure"] = measure
    basis = post.get("basis", "days")
    if basis not in ("days", "months"):
        errors["basis"] = "请选择时间进度口径"
    values["basis"] = basis
    gap_text = (post.get("gap_points") or "").strip()
    values["gap_points"] = _number(gap_text, "偏差预警百分点", errors, "gap_points", HUNDRED) if gap_text else None
    high = HUNDRED if measure == MonitoringMeasure.EXECUTION else None
    rows, previous, line = [], None, 0
    indexes = sorted({int(key.split("-")[1]) for key in post if key.startswith("cp-") and key.split("-")[1].isdigit()})
    for index in indexes:
        date_text = (post.get(f"cp-{index}-date") or "").strip()
        red_text, green_text = (post.get(f"cp-{index}-red") or "").strip(), (post.get(f"cp-{index}-green") or "").strip()
        if not (date_text or red_text or green_text):
            continue
        line += 1
        try:
            # A checkpoint recurs every year: a non-leap year refuses 2月29日.
            on_date = monitoring.checkpoint_dates(2023, [date_text])[0]
        except monitoring.MonitoringError as error:
            errors[f"cp-{index}-date"] = f"第{line}个时点：{str(error).replace(' 在 2023 年不存在', ' 并非每年都有')}"
            continue
        red = _number(red_text, "红灯线", errors, f"cp-{index}-red", high)
        green = _number(green_text or red_text, "绿灯线", errors, f"cp-{index}-green", high)
        if red is None or green is None:
            continue
        if red > green:
            errors[f"cp-{index}-green"] = f"第{line}个时点：绿灯线 {monitoring.fmt_plain(green)} 不能低于红灯线 {monitoring.fmt_plain(red)}"
            continue
        if previous is not None:
            if (on_date.month, on_date.day) <= (previous[0].month, previous[0].day):
                errors[f"cp-{index}-date"] = f"第{line}个时点 {on_date.month}月{on_date.day}日 须晚于上一个时点 {previous[0].month}月{previous[0].day}日"
                continue
            strict = measure == MonitoringMeasure.EXECUTION
            for what, now, before, key in (("红灯线", red, previous[1], "red"), ("绿灯线", green, previous[2], "green")):
                if now < before or (strict and now == before):
                    rule = "须高于" if strict else "不得低于"
                    why = "（预算执行率随时间只增不减）" if strict else ""
                    errors[f"cp-{index}-{key}"] = (f"第{line}个时点的{what} {monitoring.fmt_plain(now)} {rule}"
                                                   f"上一个时点的 {monitoring.fmt_plain(before)}{why}")
        previous = (on_date, red, green)
        rows.append((on_date.month, on_date.day, red, green))
    if not rows and not any(key.startswith("cp-") for key in errors):
        errors["checkpoints"] = "至少需要一个监控时点"
    values["checkpoints"] = rows
    return Checked(values, errors)


def check_framework(post) -> Checked:
    """A posted framework draft: name, classes (one level-1 per line) and required fields."""
    errors, values = {}, {}
    values["name"] = (post.get("name") or "").strip()
    if not values["name"]:
        errors["name"] = "请填写指标体系名称"
    values["source"] = (post.get("source") or "").strip()
    classes, class_errors = frameworks.parse_classes(post.get("classes", ""))
    for level1, level2s in classes:
        if level1 not in Level1.values:
            class_errors.append(f"一级指标“{level1}”无法计分，只能是：{'、'.join(Level1.values)}")
        for level2 in level2s:
            if len(level2) > 20:
                class_errors.append(f"二级指标“{level2}”超过 20 个字")
    if class_errors:
        errors["classes"] = "；".join(class_errors)
    values["classes"] = classes
    required = post.getlist("required") if hasattr(post, "getlist") else list(post.get("required", []))
    unknown = [name for name in required if name not in frameworks.REQUIRED_FIELDS]
    if unknown:
        errors["required"] = "必填项无效"
    values["required_fields"] = [name for name in frameworks.REQUIRED_FIELDS if name in required]
    return Checked(values, errors)


def _lock_draft(version, user, expected_revision: int):
    locked = type(version).objects.select_for_update().get(pk=version.pk)
    if not locked.is_draft:
        raise RuleRefused(f"{locked}已发布，已发布的版本不能修改；请复制为新版本后修改")
    if not may_edit(user, locked):
        raise RuleRefused("只有制定该草稿的财政部门可以修改")
    if expected_revision != locked.revision:
        raise StaleDraft("该草稿已被他人修改，未保存；页面已显示最新内容，请核对后重新修改")
    return locked


@transaction.atomic
def save_monitoring_draft(scheme: MonitoringScheme, checked: Checked, user, expected_revision: int) -> MonitoringScheme:
    if checked.errors:
        raise RuleRefused(f"有 {len(checked.errors)} 处填写有误，未保存")
    locked = _lock_draft(scheme, user, expected_revision)
    values = checked.values
    for name in ("name", "source", "measure", "basis", "gap_points"):
        setattr(locked, name, values[name])
    locked.revision += 1
    locked._history_user = user
    locked.save()
    locked.checkpoints.all().delete()
    _create_rows(user, [MonitoringCheckpointRule(scheme=locked, month=month, day=day, red_below=red, green_from=green)
                        for month, day, red, green in values["checkpoints"]])
    return locked


@transaction.atomic
def save_framework_draft(framework: IndicatorFramework, checked: Checked, user, expected_revision: int) -> IndicatorFramework:
    if checked.errors:
        raise RuleRefused(f"有 {len(checked.errors)} 处填写有误，未保存")
    locked = _lock_draft(framework, user, expected_revision)
    values = checked.values
    for name in ("name", "source", "required_fields"):
        setattr(locked, name, values[name])
    locked.revision += 1
    locked._history_user = user
    locked.save()
    locked.classes.all().delete()
    pairs = [(level1, level2) for level1, level2s in values["classes"] for level2 in level2s]
    _create_rows(user, [FrameworkClass(framework=locked, level1=level1, level2=level2, sort_order=order)
                        for order, (level1, level2) in enumerate(pairs, start=1)])
    return locked


def stored_values(version) -> dict:
    """A version's content in the shape a posted form has, to validate it again before publishing."""
    if isinstance(version, MonitoringScheme):
        post = {"name": version.name, "source": version.source, "measure": version.measure, "basis": version.basis,
                "gap_points": "" if version.gap_points is None else str(version.gap_points)}
        for index, row in enumerate(version.checkpoints.all()):
            post.update({f"cp-{index}-date": f"{row.month}月{row.day}日", f"cp-{index}-red": str(row.red_below),
                         f"cp-{index}-green": str(row.green_from)})
        return post
    grouped: dict[str, list[str]] = {}
    for row in version.classes.all():
        grouped.setdefault(row.level1, []).append(row.level2)
    return {"name": version.name, "source": version.source, "classes": frameworks.classes_text(grouped.items()),
            "required": list(version.required_fields or [])}


def check_stored(version) -> Checked:
    post = stored_values(version)
    return check_monitoring(post) if isinstance(version, MonitoringScheme) else check_framework(_ListPost(post))


class _ListPost(dict):
    def getlist(self, key):
        value = self.get(key, [])
        return list(value) if isinstance(value, list | tuple) else [value]


def read_years(from_text: str, to_text: str) -> tuple[int | None, int | None, dict]:
    errors, years = {}, []
    for key, typed in (("from_year", from_text), ("to_year", to_text)):
        text = (typed or "").strip()
        if not text:
            years.append(None)
            continue
        if not text.isdigit() or not MIN_YEAR <= int(text) <= MAX_YEAR:
            errors[key] = f"年度须为 {MIN_YEAR}–{MAX_YEAR} 之间的四位数字"
            years.append(None)
            continue
        years.append(int(text))
    if not errors and years[0] is not None and years[1] is not None and years[0] > years[1]:
        errors["to_year"] = f"截止年度 {years[1]} 不能早于起始年度 {years[0]}"
    return years[0], years[1], errors


@transaction.atomic
def publish(version, user, region: str, from_year: int | None, to_year: int | None, kind: str, expected_revision: int):
    """Publish a draft for a region, a range of years and a kind; from then on it is never changed."""
    locked = _lock_draft(version, user, expected_revision)
    allowed = publish_regions(locked)
    if region not in allowed:
        raise RuleRefused(f"只能发布到本财政部门所在地区：{'、'.join(name or '全国' for name in allowed)}")
    if kind not in ValidKind.values:
        raise RuleRefused("适用类型无效")
    checked = check_stored(locked)
    if checked.errors:
        raise RuleRefused("草稿尚有错误，不能发布：" + "；".join(checked.errors.values()))
    locked.region, locked.from_year, locked.to_year, locked.kind = region, from_year, to_year, kind
    locked.status = VersionStatus.PUBLISHED
    locked.published_by, locked.published_at = user, timezone.now()
    locked.revision += 1
    locked._history_user = user
    locked.save()
    return locked


# --- files to share between provinces (JSON) ---------------------------------------------------------

def export_json(version) -> str:
    """A version as a JSON file another finance bureau may import as a draft."""
    content = stored_values(version)
    kind = "monitoring_scheme" if isinstance(version, MonitoringScheme) else "indicator_framework"
    data = {"type": kind, "code": version.code, "version": version.version, "region": version.region,
            "from_year": version.from_year, "to_year": version.to_year, "kind": version.kind, **content}
    return json.dumps(data, ensure_ascii=False, indent=2)


@transaction.atomic
def import_json(text: str, user, owner: Unit, model):
    """A new draft from an exported file: all or nothing, every field validated as if typed."""
    if not user.is_superuser and not finance_units(user).filter(pk=owner.pk).exists():
        raise RuleRefused("只有财政部门可以导入方案")
    try:
        data = json.loads(text)
    except (ValueError, TypeError) as error:
        raise RuleRefused("文件不是有效的 JSON 方案文件") from error
    expected = "monitoring_scheme" if model is MonitoringScheme else "indicator_framework"
    if not isinstance(data, dict) or data.get("type") != expected:
        raise RuleRefused("文件类型不符：请导入" + ("绩效监控方案" if model is MonitoringScheme else "绩效指标体系") + "文件")
    post = _ListPost({key: value if isinstance(value, list) else ("" if value is None else str(value))
                      for key, value in data.items()})
    checked = check_monitoring(post) if model is MonitoringScheme else check_framework(post)
    if checked.errors:
        raise RuleRefused("文件内容有误，未导入：" + "；".join(checked.errors.values()))
    code = str(data.get("code") or "imported")[:40]
    draft = model.objects.create(code=code, version=_next_version(model, code), name=checked.values["name"][:120],
                                 source=checked.values["source"][:200], region=(region_names(owner)[:1] or [""])[0],
                                 status=VersionStatus.DRAFT, owner=owner, created_by=user)
    if model is MonitoringScheme:
        return save_monitoring_draft(draft, checked, user, draft.revision)
    return save_framework_draft(draft, checked, user, draft.revision)
