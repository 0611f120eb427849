"""Changing scoring schemes: copy, edit a draft, publish for a region and years, import, export.

Every state rule is enforced here, under the version's row lock: only a draft is
edited (a published version is never changed, only superseded by a new version),
a save that started from an older revision is refused, only a finance bureau edits,
and it publishes only for a region where it holds its role.
"""

from django.db import transaction
from django.utils import timezone

from jixiao.scoring import exchange
from jixiao.scoring.models import GradeBand, SchemeCategory, SchemeStatus, SchemeValidity, SchemeVersion
from jixiao.scoring.queries import data_of
from jixiao.units.models import RoleKind
from jixiao.units.queries import visible_units
from jixiao.units.regions import place_names


class SchemeRefused(Exception):
    """A change the rules do not allow; the message says why, in Chinese."""


def finance_units(user):
    return visible_units(user, {RoleKind.FINANCE_BUREAU})


def may_edit_schemes(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or finance_units(user).exists()))


def regions_of(user) -> list[str]:
    """The place names a finance bureau may publish for: the places of the units it covers."""
    names = []
    for unit in finance_units(user):
        for name in place_names(unit)[:2]:
            if name not in names:
                names.append(name)
    return names


def _require_editor(user):
    if not may_edit_schemes(user):
        raise SchemeRefused("只有财政部门可以修改评分方案")


def _write_parts(version: SchemeVersion, data: dict, with_validity: bool):
    version.categories.all().delete()
    version.grade_bands.all().delete()
    SchemeCategory.objects.bulk_create([
        SchemeCategory(scheme=version, sort_order=index, name=c["name"].strip(), points=c["points"],
                       split_by_unit=bool(c.get("split_by_unit")),
                       members=[m.strip() for m in c.get("members") or [] if m.strip()])
        for index, c in enumerate(data["categories"])
    ])
    GradeBand.objects.bulk_create([
        GradeBand(scheme=version, sort_order=index, grade=b["grade"].strip(), floor=b["floor"],
                  consequence=b.get("consequence", "").strip())
        for index, b in enumerate(data["grade_bands"])
    ])
    if with_validity:
        version.validity.all().delete()
        SchemeValidity.objects.bulk_create([
            SchemeValidity(scheme=version, region=line.get("region", "") or "", from_year=line.get("from_year"),
                           to_year=line.get("to_year"), kind=line.get("kind", "") or "")
            for line in data.get("validity") or []
        ])


def _set_fields(version: SchemeVersion, data: dict):
    over = data.get("over_achievement") or {}
    version.name = data["name"].strip()
    version.source = data.get("source", "").strip()
    version.layout = data.get("layout", "mof")
    version.execution_points = data["execution"]["points"]
    version.execution_formula = data["execution"].get("formula", "rate_capped")
    version.reverse_rule = data.get("reverse_rule", "ratio")
    version.allow_ranges = bool(data.get("allow_ranges"))
    version.range_above_rule = data.get("range_above_rule", "full")
    version.satisfaction_redistribution = bool(data.get("satisfaction_redistribution", True))
    version.over_achievement_ratio = over.get("ratio") or None
    version.over_achievement_deduction = bool(over.get("deduction"))
    version.step = data.get("step", "0.01")
    version.tolerance = data.get("tolerance", "0.01")
    version.qualitative_tiers = [[str(high), str(low)] for high, low in data["qualitative_tiers"]]
    version.category_aliases = dict(data.get("category_aliases") or {})


def _check(data: dict):
    found = exchange.problems(data)
    if found:
        raise exchange.SchemeFileError(found)


@transaction.atomic
def import_scheme(data: dict, user, status: str = SchemeStatus.DRAFT) -> SchemeVersion:
    """A scheme file stored as a new draft (whole or nothing). Its validity lines are kept for publishing."""
    _require_editor(user)
    _check(data)
    if SchemeVersion.objects.filter(code=data["code"]).exists():
        raise exchange.SchemeFileError([("code", f"方案代码“{data['code']}”已存在，请在文件中改用新的代码")])
    version = SchemeVersion(code=data["code"], family=data.get("family") or data["code"],
                            version=int(data.get("version") or 1), status=status, created_by=user)
    _set_fields(version, data)
    version._history_user = user
    version.save()
    _write_parts(version, data, with_validity=True)
    version.refresh_from_db()  # numbers as stored (Decimal), not as typed
    return version


@transaction.atomic
def copy_scheme(source: SchemeVersion, code: str, user, new_version: bool = False) -> SchemeVersion:
    """A new draft with the source's content: a new scheme (its own family) or the next version of the same one."""
    _require_editor(user)
    data = data_of(source)
    data["code"] = code
    if new_version:
        data["version"] = (SchemeVersion.objects.filter(family=source.family).order_by("-version")
                           .values_list("version", flat=True).first() or 0) + 1
        data["family"] = source.family
    else:
        data["version"] = 1
        data["family"] = code
        data["name"] = f"{source.name}（副本）"
    data["validity"] = []
    problems = [p for p in exchange.problems(data) if p[0] == "code"]
    if problems:
        raise exchange.SchemeFileError(problems)
    version = import_scheme(data, user)
    version.based_on = source
    version.save(update_fields=["based_on"])
    return version


@transaction.atomic
def save_draft(version: SchemeVersion, data: dict, user, expected_revision: int) -> SchemeVersion:
    """Store what the finance bureau typed on a draft; refused on a published version or a stale revision."""
    _require_editor(user)
    locked = SchemeVersion.objects.select_for_update().get(pk=version.pk)
    if locked.status != SchemeStatus.DRAFT:
        raise SchemeRefused(f"“{locked.name}”已发布，不能再修改；请“建新版本”后修改并发布，已按本版本计分的目标不受影响")
    if locked.revision != expected_revision:
        raise SchemeRefused("本方案已被他人修改，请刷新页面后重新填写")
    data = {**data, "code": locked.code}
    _check(data)
    _set_fields(locked, data)
    locked.revision += 1
    locked._history_user = user
    locked.save()
    _write_parts(locked, data, with_validity=False)
    locked.refresh_from_db()
    return locked


@transaction.atomic
def publish(version: SchemeVersion, lines: list[dict], user) -> SchemeVersion:
    """Publish a draft for regions, years and kinds; earlier published versions of the same scheme are superseded.

    lines: [{"region": "湖北", "from_year": 2022, "to_year": None, "kind": "project"}]. A finance
    bureau publishes only for a place it covers; nationwide ("") only an administrator.
    """
    _require_editor(user)
    locked = SchemeVersion.objects.select_for_update().get(pk=version.pk)
    if locked.status != SchemeStatus.DRAFT:
        raise SchemeRefused(f"“{locked.name}”已发布，不能重复发布")
    data = data_of(locked)
    data["validity"] = lines
    _check(data)
    allowed = regions_of(user)
    for line in lines:
        region = line.get("region", "") or ""
        if user.is_superuser:
            continue
        if region == "":
            raise SchemeRefused("全国适用的评分方案只能由系统管理员发布；请填写适用地区")
        if region not in allowed:
            raise SchemeRefused(f"您不是“{region}”的财政部门，不能为该地区发布评分方案（可发布：{'、'.join(allowed) or '无'}）")
    for line in lines:
        clash = _clash(locked, line)
        if clash is not None:
            raise SchemeRefused(
                f"{line.get('region') or '全国'}{_years(line)}已适用“{clash.scheme.name}”（{clash.years_text()}），"
                "同一地区、年度和类型只能有一个评分方案；请调整年度，或为该方案建新版本")
    SchemeVersion.objects.filter(family=locked.family, status=SchemeStatus.PUBLISHED).update(status=SchemeStatus.SUPERSEDED)
    locked.status = SchemeStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.published_by = user
    locked._history_user = user
    locked.save()
    _write_parts(locked, data, with_validity=True)
    return locked


def _years(line: dict) -> str:
    return SchemeValidity(from_year=line.get("from_year"), to_year=line.get("to_year")).years_text()


def _clash(version: SchemeVersion, line: dict) -> SchemeValidity | None:
    """A published line of another scheme for the same region and kind whose years overlap `line`'s."""
    low, high = line.get("from_year") or 0, line.get("to_year") or 9999
    kind = line.get("kind", "") or ""
    others = (SchemeValidity.objects.select_related("scheme")
              .filter(scheme__status=SchemeStatus.PUBLISHED, region=line.get("region", "") or "")
              .exclude(scheme__family=version.family))
    for other in others:
        if kind and other.kind and kind != other.kind:
            continue
        if (other.from_year or 0) <= high and low <= (other.to_year or 9999):
            return other
    return None


def export(version: SchemeVersion) -> str:
    return exchange.write(data_of(version))
