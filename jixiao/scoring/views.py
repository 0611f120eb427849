"""The finance bureau's scoring-scheme pages: list, copy, edit a draft, preview, publish, import, export.

Every page is for finance-bureau roles only (404 for anyone else, as for a unit one
does not cover); the state rules (only drafts change, stale saves refused, publish
only for one's own region) are enforced in jixiao.scoring.domain under the row lock.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jixiao.accounts.models import UnitYear
from jixiao.goals.domain import execution_of
from jixiao.goals.scoring import scheme_of, score_goal
from jixiao.scoring import domain, editing, exchange
from jixiao.scoring.engine import execution_part
from jixiao.scoring.models import RangeAboveRule, ReverseRule, SchemeKind, SchemeStatus, SchemeVersion
from jixiao.scoring.queries import SchemeBook, UnknownScheme, data_of, scheme_of_version
from jixiao.scoring.schemes import LAYOUTS
from jixiao.units.access import _denied
from jixiao.units.queries import visible_units

MAX_FILE_BYTES = 200_000


def _editor(request):
    if not domain.may_edit_schemes(request.user):
        _denied(request.user, "scoring.edit_scheme", None)
        raise Http404("只有财政部门可以管理评分方案")


def _version(request, code) -> SchemeVersion:
    _editor(request)
    return get_object_or_404(SchemeVersion, code=code)


@login_required
def index(request):
    _editor(request)
    versions = SchemeVersion.objects.prefetch_related("categories", "validity").select_related("based_on")
    return render(request, "scoring/index.html", {"versions": versions})


@login_required
def detail(request, code):
    version = _version(request, code)
    data = data_of(version)
    return render(request, "scoring/detail.html", {
        "version": version, "data": data, "scheme": scheme_of_version(version),
        "layouts": LAYOUTS, "regions": domain.regions_of(request.user), "kinds": SchemeKind.choices,
        "history": version.history.select_related("history_user")[:20],
    })


@login_required
@require_POST
def copy(request, code):
    source = _version(request, code)
    new_version = request.POST.get("as") == "version"
    new_code = request.POST.get("code", "").strip()
    try:
        copied = domain.copy_scheme(source, new_code, request.user, new_version=new_version)
    except exchange.SchemeFileError as error:
        messages.error(request, f"未复制：{error}")
        return redirect("scoring:detail", source.code)
    except domain.SchemeRefused as refused:
        messages.error(request, f"未复制：{refused}")
        return redirect("scoring:detail", source.code)
    messages.success(request, f"已复制为草稿“{copied.code}”，请修改后预览并发布。")
    return redirect("scoring:edit", copied.code)


def _edit_page(request, version, typed, status=200):
    return render(request, "scoring/edit.html", {
        "version": version, "typed": typed, "layouts": LAYOUTS, "reverse_rules": ReverseRule.choices,
        "range_rules": RangeAboveRule.choices,
    }, status=status)


@login_required
def edit(request, code):
    version = _version(request, code)
    if version.status != SchemeStatus.DRAFT:
        messages.error(request, f"“{version.name}”已发布，不能修改；请“建新版本”。")
        return redirect("scoring:detail", version.code)
    base = data_of(version)
    if request.method != "POST":
        return _edit_page(request, version, editing.typed_from_data(base))
    typed = editing.typed_from_post(request.POST)
    data, where = editing.data_from_typed(typed, base)
    problems = exchange.problems(data)
    if problems:
        return _edit_page(request, version, editing.place_problems(typed, problems, where), status=400)
    try:
        expected = int(request.POST.get("revision", ""))
    except ValueError:
        expected = -1
    try:
        domain.save_draft(version, data, request.user, expected)
    except domain.SchemeRefused as refused:
        typed.general.append(str(refused))
        return _edit_page(request, version, typed, status=409)
    messages.success(request, "已保存草稿。")
    return redirect("scoring:detail", version.code)


def _preview_rows(user, version, unit_year):
    """Per goal of the unit-year: its score under its own scheme and under the version, side by side."""
    scheme = scheme_of_version(version)
    book = SchemeBook.load()  # every goal's own scheme from one read, not one per goal
    rows = []
    for goal in unit_year.goals.prefetch_related("indicators").order_by("sort_order", "pk"):
        indicators = list(goal.indicators.all())
        rate = execution_of(goal)[2]
        try:
            old_scheme, old_error = scheme_of(goal, book=book), ""
        except UnknownScheme as unknown:
            old_scheme, old_error = None, str(unknown)
        if not any(row.points is not None for row in indicators):
            # Only the money part can be scored: its points and score under each scheme, side by side.
            rows.append({"goal": goal, "unscored": True, "rate": rate, "old_scheme": old_scheme, "old_error": old_error,
                         "old_execution": _execution_line(rate, old_scheme), "new_execution": _execution_line(rate, scheme)})
            continue
        old = score_goal(goal, rate, indicators=indicators, scheme=old_scheme) if old_scheme else None
        new = score_goal(goal, rate, indicators=indicators, scheme=scheme)
        rows.append({
            "goal": goal, "rate": rate, "old_scheme": old_scheme, "old": old, "old_error": old_error, "new": new,
            "delta": (new.total - old.total) if old is not None else None,
            "consequence": scheme.consequences.get(new.grade, ""),
            "categories": _categories_side_by_side(old, new),
        })
    return rows


def _execution_line(rate, scheme):
    """(score, points) of the 预算执行率 part under a scheme, or None where it cannot be scored."""
    if scheme is None:
        return None
    score, _ = execution_part(rate, scheme)
    return (score, scheme.execution_points) if score is not None else None


def _categories_side_by_side(old, new) -> list[dict]:
    """Execution and each category: (name, old subtotal of points, new subtotal of points)."""
    def execution(result):
        return (result.execution_score, result.execution_points) if result and result.execution_points else None

    lines = [{"name": "预算执行率", "old": execution(old), "new": execution(new)}]
    names = [c.name for c in (old.categories if old else [])]
    names += [c.name for c in new.categories if c.name not in names]
    for name in names:
        before = next(((c.subtotal, c.effective_points) for c in (old.categories if old else []) if c.name == name), None)
        after = next(((c.subtotal, c.effective_points) for c in new.categories if c.name == name), None)
        lines.append({"name": name, "old": before, "new": after})
    return lines


@login_required
def preview(request, code):
    version = _version(request, code)
    unit_years = (UnitYear.objects.filter(unit__in=visible_units(request.user), goals__isnull=False)
                  .distinct().select_related("unit").order_by("unit__path", "-fiscal_year"))
    chosen, rows = None, []
    if request.GET.get("unit_year"):
        try:
            chosen = unit_years.get(pk=int(request.GET["unit_year"]))
        except (ValueError, UnitYear.DoesNotExist):
            raise Http404("无权查看该单位年度") from None
        rows = _preview_rows(request.user, version, chosen)
    return render(request, "scoring/preview.html", {
        "version": version, "unit_years": unit_years, "chosen": chosen, "rows": rows,
    })


@login_required
@require_POST
def publish(request, code):
    version = _version(request, code)
    region = request.POST.get("region", "").strip()
    errors = {}
    years = {}
    for name, label in (("from_year", "起始年度"), ("to_year", "截止年度")):
        text = request.POST.get(name, "").strip()
        if not text:
            years[name] = None
        elif text.isdigit() and 2000 <= int(text) <= 2100:
            years[name] = int(text)
        else:
            errors[name] = f"{label}须为四位年份（如 2022），可留空"
    kind = request.POST.get("kind", "")
    if kind not in dict(SchemeKind.choices):
        errors["kind"] = "请选择适用类型"
    if errors:
        for message in errors.values():
            messages.error(request, f"未发布：{message}")
        return redirect("scoring:detail", version.code)
    try:
        domain.publish(version, [{"region": region, "kind": kind, **years}], request.user)
    except (domain.SchemeRefused, exchange.SchemeFileError) as refused:
        messages.error(request, f"未发布：{refused}")
        return redirect("scoring:detail", version.code)
    messages.success(request, f"已发布“{version.name}”，适用于{region or '全国'}。")
    return redirect("scoring:detail", version.code)


@login_required
def export(request, code):
    version = _version(request, code)
    response = HttpResponse(domain.export(version), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="scoring-scheme-{version.code}.json"'
    return response


@login_required
@require_POST
def import_file(request):
    _editor(request)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "未导入：请选择评分方案文件（.json）")
        return redirect("scoring:index")
    if upload.size > MAX_FILE_BYTES:
        messages.error(request, "未导入：文件过大，评分方案文件不超过 200 KB")
        return redirect("scoring:index")
    try:
        data = exchange.read(upload.read())
        with transaction.atomic():
            version = domain.import_scheme(data, request.user)
    except exchange.SchemeFileError as error:
        messages.error(request, f"未导入：{error}")
        return redirect("scoring:index")
    except domain.SchemeRefused as refused:
        messages.error(request, f"未导入：{refused}")
        return redirect("scoring:index")
    messages.success(request, f"已导入为草稿“{version.code}”；文件中的适用范围在发布前不生效。")
    return redirect("scoring:detail", version.code)
