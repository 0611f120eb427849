"""The office's scheme pages: read, check, edit a draft, issue, new version, copy to a new year, open the round."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jixiao.assessment import rounds, schemes
from jixiao.assessment.domain.numbers import fmt_points
from jixiao.assessment.domain.scheme import AttributeUnknown, applicable_threshold, describe_threshold
from jixiao.assessment.domain.scores import EntryError, parse_measure_value
from jixiao.assessment.forms import CopyForm, OpenRoundForm, ReasonForm, SchemeSettingsForm, deadline_problem
from jixiao.assessment.models import Round, Scheme, Threshold, UnitAttributeCode
from jixiao.assessment.submissions import attributes_of
from jixiao.assessment.views.access import scheme_for_office
from jixiao.units.models import Unit, UnitLevel


def scheme_counties(scheme: Scheme) -> list[Unit]:
    round_ = Round.objects.filter(scheme=scheme).first()
    if round_ is not None:
        return list(round_.assessed_units.order_by("sort_order", "pk"))
    return list(Unit.objects.filter(parent=scheme.issuing_unit, level=UnitLevel.COUNTY).order_by("sort_order", "pk"))


def threshold_text(measure, specs, unit, attributes) -> str:
    threshold = applicable_threshold(specs, unit.pk, attributes)
    if threshold is None:
        return "—"
    if isinstance(threshold, AttributeUnknown):
        label = UnitAttributeCode(threshold.attribute).label
        # "有科普大篷车：不少于30场次；无科普大篷车：不少于12场次"
        variants = [
            f"{label if spec.attribute_value else '无' + label.removeprefix('有')}：{describe_threshold(spec, measure.unit_label)}"
            for spec in specs if spec.attribute == threshold.attribute
        ]
        return "；".join(variants)
    return describe_threshold(threshold, measure.unit_label)


def threshold_matrix(scheme: Scheme, counties: list[Unit]) -> list[dict]:
    attributes = {unit.pk: attributes_of(unit, scheme.year) for unit in counties}
    rows = []
    for item in scheme.items.prefetch_related("measures__thresholds"):
        for measure in item.measures.all():
            specs = schemes.threshold_specs(measure)
            rows.append({
                "item": item,
                "measure": measure,
                "cells": [threshold_text(measure, specs, unit, attributes[unit.pk]) for unit in counties],
            })
    return rows


@login_required
def detail(request, scheme_id):
    scheme = scheme_for_office(request.user, scheme_id)
    counties = scheme_counties(scheme)
    versions = Scheme.objects.filter(issuing_unit=scheme.issuing_unit, year=scheme.year).order_by("version")
    return render(request, "assessment/scheme_detail.html", {
        "scheme": scheme,
        "report": schemes.scheme_report(scheme),
        "categories": scheme.categories.prefetch_related("items__measures"),
        "counties": counties,
        "matrix": threshold_matrix(scheme, counties),
        "versions": versions,
        "round": Round.objects.filter(scheme=scheme).first(),
        "reason_form": ReasonForm(),
        "copy_form": CopyForm(initial={"year": scheme.year + 1}),
        "open_form": OpenRoundForm(),
    })


@dataclass
class Field:
    name: str
    value: str
    error: str = ""


def _numbers(scheme: Scheme) -> list[tuple[str, object, str, bool]]:
    """(field name, object, attribute, required) for every figure of a draft that the office may change."""
    fields = []
    for category in scheme.categories.all():
        fields.append((f"category-{category.pk}-points", category, "points", True))
    for item in scheme.items.all():
        fields.append((f"item-{item.pk}-points", item, "points", True))
    for bonus in scheme.bonus_items.all():
        fields.append((f"bonus-{bonus.pk}-cap", bonus, "cap", True))
    for group in scheme.judge_groups.all():
        fields.append((f"group-{group.pk}-weight", group, "weight", True))
    for threshold in Threshold.objects.filter(measure__item__scheme=scheme):
        fields.append((f"threshold-{threshold.pk}-min", threshold, "minimum", False))
        fields.append((f"threshold-{threshold.pk}-max", threshold, "maximum", False))
    return fields


def _texts(scheme: Scheme) -> list[tuple[str, object, str]]:
    fields = []
    for category in scheme.categories.all():
        fields.append((f"category-{category.pk}-name", category, "name"))
    for item in scheme.items.all():
        fields.append((f"item-{item.pk}-content", item, "content"))
        fields.append((f"item-{item.pk}-standard", item, "standard"))
    for bonus in scheme.bonus_items.all():
        fields.append((f"bonus-{bonus.pk}-content", bonus, "content"))
    for group in scheme.judge_groups.all():
        fields.append((f"group-{group.pk}-name", group, "name"))
    return fields


def _fits(obj, attribute: str, value) -> str:
    """Why a value does not fit its column (digits, length), as PostgreSQL would refuse it; "" when it fits."""
    if value in (None, ""):
        return ""
    try:
        obj._meta.get_field(attribute).run_validators(value)
    except ValidationError as error:
        return "；".join(error.messages)
    return ""


@login_required
def edit(request, scheme_id):
    """A draft's settings, points, weights, caps, texts and thresholds; saved all together or not at all."""
    scheme = scheme_for_office(request.user, scheme_id)
    if scheme.is_frozen:
        messages.error(request, "已下达的考核办法不能修改；请生成新版本并填写修改原因")
        return redirect("assessment:scheme", scheme.pk)
    numbers, texts = _numbers(scheme), _texts(scheme)
    fields: dict[str, Field] = {}
    for name, obj, attribute, _ in numbers:
        fields[name] = Field(name, fmt_points(getattr(obj, attribute)) if getattr(obj, attribute) is not None else "")
    for name, obj, attribute in texts:
        fields[name] = Field(name, getattr(obj, attribute))
    form = SchemeSettingsForm(request.POST or None, instance=scheme)
    if request.method == "POST":
        parsed = {}
        for name, obj, attribute, required in numbers:
            typed = request.POST.get(name, "").strip()
            fields[name].value = typed
            try:
                parsed[name] = parse_measure_value(typed)
                if required and parsed[name] is None:
                    fields[name].error = "必填"
            except EntryError as error:
                fields[name].error = str(error)
            else:
                fields[name].error = fields[name].error or _fits(obj, attribute, parsed[name])
        for name, obj, attribute in texts:
            fields[name].value = request.POST.get(name, "").strip()
            if not fields[name].value and not name.endswith("-standard"):
                fields[name].error = "必填"
            else:
                fields[name].error = _fits(obj, attribute, fields[name].value)
        if form.is_valid() and not any(field.error for field in fields.values()):
            with transaction.atomic():
                form.save()
                changed = set()
                for name, obj, attribute, _ in numbers:
                    if getattr(obj, attribute) != parsed[name]:
                        setattr(obj, attribute, parsed[name])
                        changed.add(obj)
                for name, obj, attribute in texts:
                    if getattr(obj, attribute) != fields[name].value:
                        setattr(obj, attribute, fields[name].value)
                        changed.add(obj)
                for obj in changed:
                    obj.save()
            messages.success(request, "已保存。下达前请查看各项合计检查。")
            return redirect("assessment:scheme", scheme.pk)
        messages.error(request, "有数值无法保存，请按提示修改；其他内容已保留在表中，尚未保存。")
    return render(request, "assessment/scheme_edit.html", {
        "scheme": scheme,
        "form": form,
        "categories": [(c, fields[f"category-{c.pk}-name"], fields[f"category-{c.pk}-points"]) for c in scheme.categories.all()],
        "items": [
            {
                "item": item,
                "content": fields[f"item-{item.pk}-content"],
                "standard": fields[f"item-{item.pk}-standard"],
                "points": fields[f"item-{item.pk}-points"],
                "thresholds": [
                    (t, fields[f"threshold-{t.pk}-min"], fields[f"threshold-{t.pk}-max"])
                    for measure in item.measures.all() for t in measure.thresholds.select_related("unit", "measure")
                ],
            }
            for item in scheme.items.prefetch_related("measures")
        ],
        "bonus_items": [(b, fields[f"bonus-{b.pk}-content"], fields[f"bonus-{b.pk}-cap"]) for b in scheme.bonus_items.all()],
        "groups": [(g, fields[f"group-{g.pk}-name"], fields[f"group-{g.pk}-weight"]) for g in scheme.judge_groups.all()],
    })


@login_required
@require_POST
def issue(request, scheme_id):
    scheme = scheme_for_office(request.user, scheme_id)
    try:
        schemes.issue(scheme, request.user)
    except schemes.SchemeRefused as refused:
        messages.error(request, "不能下达：" + "；".join(refused.reasons))
    else:
        messages.success(request, "考核办法已下达，内容已冻结。")
    return redirect("assessment:scheme", scheme.pk)


@login_required
@require_POST
def new_version(request, scheme_id):
    scheme = scheme_for_office(request.user, scheme_id)
    try:
        version = schemes.new_version(scheme, request.POST.get("reason", ""), request.user)
    except schemes.SchemeRefused as refused:
        messages.error(request, "；".join(refused.reasons))
        return redirect("assessment:scheme", scheme.pk)
    messages.success(request, f"已生成第{version.version}版草稿，修改后下达即替代第{scheme.version}版。")
    return redirect("assessment:scheme_edit", version.pk)


@login_required
@require_POST
def copy(request, scheme_id):
    scheme = scheme_for_office(request.user, scheme_id)
    form = CopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写有效的年度")
        return redirect("assessment:scheme", scheme.pk)
    try:
        copied = schemes.copy_to_year(scheme, form.cleaned_data["year"], request.user)
    except schemes.SchemeRefused as refused:
        messages.error(request, "；".join(refused.reasons))
        return redirect("assessment:scheme", scheme.pk)
    messages.success(request, f"已复制为{copied.year}年度考核办法草稿，请修改文号和各项指标后下达。")
    return redirect("assessment:scheme", copied.pk)


@login_required
@require_POST
def open_round(request, scheme_id):
    scheme = scheme_for_office(request.user, scheme_id)
    form = OpenRoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, "填报截止时间" + deadline_problem(form))
        return redirect("assessment:scheme", scheme.pk)
    deadline = form.cleaned_data["deadline"]
    if deadline is not None and deadline < timezone.now():
        messages.error(request, "填报截止时间不能早于现在")
        return redirect("assessment:scheme", scheme.pk)
    try:
        round_ = rounds.open_round(scheme, request.user, deadline)
    except rounds.RoundRefused as refused:
        messages.error(request, str(refused))
        return redirect("assessment:scheme", scheme.pk)
    messages.success(request, "考核已开始，各县（区）可以填报。")
    return redirect("assessment:round", round_.pk)

