"""Schemes in the database: checked, issued (then frozen), versioned with a reason, copied to a new year."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jixiao.assessment.domain.scheme import (
    CategorySpec,
    GroupSpec,
    ItemSpec,
    SchemeReport,
    SchemeSpec,
    ThresholdSpec,
    check_scheme,
)
from jixiao.assessment.models import (
    BonusItem,
    Category,
    Item,
    ItemReport,
    ItemScore,
    JudgeGroup,
    Measure,
    MeasureValue,
    Round,
    RoundEvent,
    RoundEventKind,
    Scheme,
    SchemeStatus,
    Threshold,
)


class SchemeRefused(Exception):
    """An action on a scheme that cannot be done; `reasons` are for the office, in Chinese."""

    def __init__(self, *reasons: str):
        super().__init__("；".join(reasons))
        self.reasons = list(reasons)


def scheme_spec(scheme: Scheme) -> SchemeSpec:
    return SchemeSpec(
        base_points=scheme.base_points,
        bonus_cap=scheme.bonus_cap,
        step=scheme.score_step,
        categories=[CategorySpec(c.number, c.name, c.points) for c in scheme.categories.all()],
        items=[ItemSpec(i.number, i.category.number, i.points, i.score_step) for i in scheme.items.select_related("category")],
        bonus_caps=[b.cap for b in scheme.bonus_items.all()],
        groups=[GroupSpec(g.name, g.weight) for g in scheme.judge_groups.all()],
        routine_weight=scheme.routine_weight,
        drop_extremes=scheme.drop_extremes,
        drop_extremes_min_judges=scheme.drop_extremes_min_judges,
    )


def scheme_report(scheme: Scheme) -> SchemeReport:
    return check_scheme(scheme_spec(scheme))


def threshold_specs(measure: Measure) -> list[ThresholdSpec]:
    return [
        ThresholdSpec(t.minimum, t.maximum, t.unit_id, t.attribute, t.attribute_value)
        for t in measure.thresholds.all()
    ]


def round_has_data(round_: Round) -> bool:
    """Anything a county or a judge has entered that refers to the scheme's items."""
    return (
        ItemScore.objects.filter(judge__round=round_).exists()
        or MeasureValue.objects.filter(submission__round=round_).exists()
        or ItemReport.objects.filter(submission__round=round_).exclude(narrative="").exists()
        or round_.submissions.filter(evidence__item__isnull=False).exists()
        or round_.bonus_awards.exists()
    )


@transaction.atomic
def issue(scheme: Scheme, user) -> Scheme:
    """Issue a draft: refused with the reasons while a sum does not hold. Issuing freezes it."""
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    if scheme.status != SchemeStatus.DRAFT:
        raise SchemeRefused("该考核办法已下达，不能重复下达；如需修改请生成新版本")
    report = scheme_report(scheme)
    if not report.ok:
        raise SchemeRefused(*(error.message for error in report.errors))
    previous = scheme.previous
    if previous is not None and previous.status == SchemeStatus.ISSUED:
        _move_round(previous, scheme, user)
        previous.status = SchemeStatus.SUPERSEDED
        previous.save(update_fields=["status"])
    scheme.status = SchemeStatus.ISSUED
    scheme.issued_at = timezone.now()
    scheme.issued_by = user
    scheme.save(update_fields=["status", "issued_at", "issued_by"])
    return scheme


def _move_round(previous: Scheme, scheme: Scheme, user) -> None:
    round_ = Round.objects.filter(scheme=previous).first()
    if round_ is None:
        return
    if round_has_data(round_):
        raise SchemeRefused("本年度考核已有县区填报或评委评分，不能再启用新版本的考核办法")
    groups = {group.number: group for group in scheme.judge_groups.all()}
    for judge in round_.judges.select_related("group"):
        if judge.group.number not in groups:
            raise SchemeRefused(f"新版本没有第{judge.group.number}评委组（{judge.group.name}），请先调整评委分组")
        judge.group = groups[judge.group.number]
        judge.save(update_fields=["group"])
    round_.scheme = scheme
    round_.save(update_fields=["scheme"])
    RoundEvent.objects.create(round=round_, kind=RoundEventKind.SCHEME_VERSION, reason=scheme.change_reason, user=user)


@transaction.atomic
def new_version(scheme: Scheme, reason: str, user) -> Scheme:
    """A draft copy of an issued scheme, to change and issue in its place."""
    reason = (reason or "").strip()
    if scheme.status != SchemeStatus.ISSUED:
        raise SchemeRefused("只有已下达的考核办法才需要生成新版本；草稿可以直接修改")
    if not reason:
        raise SchemeRefused("请填写修改原因")
    pending = Scheme.objects.filter(previous=scheme, status=SchemeStatus.DRAFT).first()
    if pending is not None:
        raise SchemeRefused(f"已有待下达的第{pending.version}版草稿，请先修改并下达或删除它")
    latest = Scheme.objects.filter(issuing_unit=scheme.issuing_unit, year=scheme.year).order_by("-version").first()
    return copy_scheme(scheme, year=scheme.year, version=latest.version + 1, previous=scheme, change_reason=reason)


@transaction.atomic
def copy_to_year(scheme: Scheme, year: int, user) -> Scheme:
    if Scheme.objects.filter(issuing_unit=scheme.issuing_unit, year=year).exists():
        raise SchemeRefused(f"{year}年度已有考核办法，不能再复制")
    title = scheme.title.replace(str(scheme.year), str(year))
    return copy_scheme(
        scheme, year=year, version=1, previous=None, title=title, document_number="",
        change_reason=f"由{scheme.year}年度考核办法（第{scheme.version}版）复制",
    )


def copy_scheme(scheme: Scheme, **overrides) -> Scheme:
    """A draft with everything of `scheme` (categories, items, measures, thresholds, bonus items, groups)."""
    fields = {
        field.name: getattr(scheme, field.name)
        for field in Scheme._meta.concrete_fields
        if field.name not in {"id", "status", "issued_at", "issued_by", "created_at"}
    }
    fields.update(overrides)
    copy = Scheme.objects.create(**fields, status=SchemeStatus.DRAFT)
    categories = {}
    for category in scheme.categories.all():
        categories[category.pk] = Category.objects.create(scheme=copy, number=category.number, name=category.name, points=category.points)
    for item in scheme.items.prefetch_related("measures__thresholds"):
        item_copy = Item.objects.create(
            scheme=copy, category=categories[item.category_id], number=item.number, content=item.content,
            standard=item.standard, points=item.points, score_step=item.score_step,
        )
        for measure in item.measures.all():
            measure_copy = Measure.objects.create(
                item=item_copy, code=measure.code, name=measure.name, unit_label=measure.unit_label, sort_order=measure.sort_order
            )
            Threshold.objects.bulk_create(
                Threshold(
                    measure=measure_copy, unit_id=t.unit_id, attribute=t.attribute, attribute_value=t.attribute_value,
                    minimum=t.minimum, maximum=t.maximum,
                )
                for t in measure.thresholds.all()
            )
    for bonus in scheme.bonus_items.all():
        BonusItem.objects.create(scheme=copy, number=bonus.number, content=bonus.content, cap=bonus.cap)
    for group in scheme.judge_groups.all():
        JudgeGroup.objects.create(scheme=copy, number=group.number, name=group.name, weight=group.weight)
    return copy


def load_source(source, issuing_unit, county_units: dict[str, object]) -> Scheme:
    """Type a source module's scheme (e.g. jixiao.sources.lianyungang_2018) into a draft, once."""
    scheme = Scheme.objects.filter(issuing_unit=issuing_unit, year=source.YEAR, version=1).first()
    if scheme is not None:
        return scheme
    scheme = Scheme.objects.create(
        issuing_unit=issuing_unit, year=source.YEAR, version=1, title=source.TITLE,
        document_number=source.DOCUMENT_NUMBER, base_points=Decimal(source.BASE_POINTS), bonus_cap=Decimal(source.BONUS_CAP),
        presentation_minutes=source.PRESENTATION_MINUTES, questions_minutes=source.QUESTIONS_MINUTES,
    )
    scheme.refresh_from_db()
    categories = {
        number: Category.objects.create(scheme=scheme, number=number, name=name, points=Decimal(points))
        for number, name, points in source.CATEGORIES
    }
    for entry in source.ITEMS:
        item = Item.objects.create(
            scheme=scheme, category=categories[entry["category"]], number=entry["number"],
            content=entry["content"], points=Decimal(entry["points"]),
        )
        for order, measure_entry in enumerate(entry["measures"], start=1):
            measure = Measure.objects.create(
                item=item, code=measure_entry["code"], name=measure_entry["name"], unit_label=measure_entry["unit"], sort_order=order
            )
            for threshold in measure_entry["thresholds"]:
                limits = {
                    "minimum": Decimal(threshold["min"]) if "min" in threshold else None,
                    "maximum": Decimal(threshold["max"]) if "max" in threshold else None,
                }
                if "counties" in threshold:
                    for county in threshold["counties"]:
                        Threshold.objects.create(measure=measure, unit=county_units[source.COUNTIES[county]], **limits)
                elif "attribute" in threshold:
                    Threshold.objects.create(
                        measure=measure, attribute=threshold["attribute"], attribute_value=threshold["value"], **limits
                    )
                else:
                    Threshold.objects.create(measure=measure, **limits)
    for number, content, cap in source.BONUS_ITEMS:
        BonusItem.objects.create(scheme=scheme, number=number, content=content, cap=Decimal(cap))
    for number, (name, weight) in enumerate(source.JUDGE_GROUPS, start=1):
        JudgeGroup.objects.create(scheme=scheme, number=number, name=name, weight=Decimal(weight))
    return scheme
