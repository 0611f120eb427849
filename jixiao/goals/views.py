"""Goals, indicators, scoring and the self-evaluation workflow of a unit-year. Load, call the domain, render."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jixiao.accounts.models import UnitYear
from jixiao.checks.models import Finding
from jixiao.checks.queries import active
from jixiao.evaluations import domain as workflow
from jixiao.evaluations.models import Rectification, RectificationStatus, SelfEvaluation, TeamMember
from jixiao.evaluations.rules import ACTION_PERMISSIONS
from jixiao.evaluations.state import evaluation_bar
from jixiao.goals import checks, department, domain, rulesets
from jixiao.goals.forms import field_name, read_indicators
from jixiao.goals.frameworks import field_details
from jixiao.goals.goal_forms import GoalForm, IndicatorForm
from jixiao.goals.models import Evidence, Goal, Indicator, LibraryIndicator, QualitativeGoal
from jixiao.goals.scoring import scheme_of, score_goal
from jixiao.history import field_changes
from jixiao.money import fmt_plain
from jixiao.params import fit_filename, parse_id, posted_revision
from jixiao.scoring.engine import execution_part, qualitative_tier_choices
from jixiao.scoring.queries import SchemeBook, UnknownScheme
from jixiao.units.access import unit_for
from jixiao.units.queries import visible_units
from jixiao.units.regions import place_names


@login_required
def index(request):
    unit_years = (
        UnitYear.objects.filter(unit__in=visible_units(request.user), goals__isnull=False)
        .select_related("unit").distinct().order_by("unit__path", "-fiscal_year")
    )
    return render(request, "goals/index.html", {"unit_years": unit_years})


def _unit_year(user, unit_id, year) -> UnitYear:
    unit = unit_for(user, unit_id)
    return get_object_or_404(UnitYear.objects.select_related("unit"), unit=unit, fiscal_year=year)


def _goal(user, unit_id, year, goal_id) -> Goal:
    unit_year = _unit_year(user, unit_id, year)
    return get_object_or_404(Goal.objects.select_related("unit_year__unit", "evaluation"), pk=goal_id, unit_year=unit_year)


@login_required
def unit_year_goals(request, unit_id, year):
    unit_year = _unit_year(request.user, unit_id, year)
    goals = domain.summarize_all(unit_year.goals.select_related("unit_year__unit", "evaluation").prefetch_related("indicators"))
    carried = Rectification.objects.filter(
        unit=unit_year.unit, raised_in_year__lt=unit_year.fiscal_year, status=RectificationStatus.OPEN,
    )
    raised = Rectification.objects.filter(unit=unit_year.unit, raised_in_year=unit_year.fiscal_year)
    findings = active(Finding.objects.filter(unit=unit_year.unit, fiscal_year=year, area=checks.AREA)).select_related("explained_by")
    return render(request, "goals/unit_year.html", {
        "years_chart": _years_chart(unit_year.unit),
        "unit_year": unit_year, "unit": unit_year.unit, "goals": goals,
        "department_indicators": department.department_indicators(unit_year),
        "carried": carried, "raised": raised, "findings": findings,
        "can_edit": request.user.has_perm("units.change_unit_data", unit_year.unit),
    })


def _years_chart(unit) -> dict:
    """The unit's years side by side: overall execution rate and the department-wide score, as stored
    (goals/results.py): two queries whatever the number of years."""
    stored = {row["unit_year_id"]: row for row in Goal.objects.filter(unit_year__unit=unit, kind="department")
              .order_by("sort_order", "pk").values("unit_year_id", "result_rate", "result_score")}
    years, rates, scores = [], [], []
    for unit_year_id, fiscal_year in UnitYear.objects.filter(unit=unit).order_by("fiscal_year").values_list("pk", "fiscal_year"):
        row = stored.get(unit_year_id)
        years.append(str(fiscal_year))
        rates.append(str(row["result_rate"]) if row and row["result_rate"] is not None else None)
        scores.append(str(row["result_score"]) if row and row["result_score"] is not None else None)
    return {"years": years, "rates": rates, "scores": scores}


def _may_change(user, goal) -> tuple[bool, bool]:
    """(may type values: while the evaluation is not locked; may grade 定性 tiers: the reviewer, up to approval)."""
    evaluation = getattr(goal, "evaluation", None)
    may_grade = evaluation is not None and not workflow.grading_refused(evaluation, user)
    if evaluation is not None and evaluation.is_locked:
        return False, may_grade
    unit = goal.unit_year.unit
    return user.has_perm("units.change_unit_data", unit) or user.has_perm("units.review_unit", unit), may_grade


DOCUMENT_LINKS = (("文书与报告文字", "index"), ("自评报告（Word）", "report_docx"), ("基本情况表（Excel）", "basic_table_xlsx"),
                  ("项目支出绩效自评表（Excel）", "project_table_xlsx"), ("项目支出绩效自评表（Word）", "project_table_docx"),
                  ("自评报告（PDF）", "report_pdf"))


def _document_links(evaluation) -> list[tuple[str, str]]:
    if evaluation is None:
        return []
    # Only the documents this kind of goal has: the 基本情况表 for the department, the project table for a project.
    skip = "project_table" if evaluation.goal.kind == "department" else "basic_table"
    return [(label, reverse(f"documents:{name}", kwargs={"evaluation_id": evaluation.pk}))
            for label, name in DOCUMENT_LINKS if not name.startswith(skip)]


def stale_notes(posted, latest) -> dict[str, str]:
    """Beside each typed cell whose stored value is now different: what the other person saved."""
    notes = {}
    by_pk = {indicator.pk: indicator for indicator in latest}
    for pk, values in posted.values.items():
        for name, typed in values.items():
            stored = getattr(by_pk[pk], name) if pk in by_pk else None
            if stored != typed:
                shown = fmt_plain(stored) if isinstance(stored, Decimal) else ("（空）" if stored in (None, "") else stored)
                notes[field_name(pk, name)] = f"他人已改为：{shown}"
    return notes


def unsaved_changes(posted, indicators) -> int:
    """How many typed cells differ from what is stored (a submit must not leave them behind)."""
    by_pk = {indicator.pk: indicator for indicator in indicators}
    return sum(1 for pk, values in posted.values.items() for name, typed in values.items()
               if getattr(by_pk[pk], name) != typed)


def _goal_page(request, goal, posted=None, status=200, errors=None):
    # Each indicator's evidence in one query with the indicators, not one per row.
    indicators = list(goal.indicators.prefetch_related("evidence"))
    may_type, may_grade = _may_change(request.user, goal)
    budget, spent, rate = domain.execution_of(goal)
    shown = posted.with_values(indicators) if posted else indicators
    has_points = any(row.points is not None for row in indicators)
    try:
        scheme, scheme_error = scheme_of(goal), ""
    except UnknownScheme as unknown:
        scheme, scheme_error = None, str(unknown)
    result = score_goal(goal, rate, indicators=shown, scheme=scheme) if has_points and scheme else None
    # Without points the indicator part cannot be scored; the money part can, under the goal's scheme.
    execution_only = execution_part(rate, scheme)[1] if scheme and not result else ""
    scores = {score.key: score for score in result.indicators} if result else {}
    texts = posted.texts if posted else {}
    errors = errors if errors is not None else (posted.errors if posted else {})
    rows = []
    for indicator in shown:
        def cell(name, indicator=indicator):
            key = field_name(indicator.pk, name)
            # A 定性 indicator's actual is its words (actual_text), typed under the same field name.
            value = getattr(indicator, "actual_text" if name == "actual" and indicator.operator == "qualitative" else name)
            text = texts.get(key, fmt_plain(value) if isinstance(value, Decimal) else ("" if value is None else str(value)))
            return {"name": key, "text": text, "error": errors.get(key, "")}
        rows.append({"indicator": indicator, "score": scores.get(str(indicator.pk)), "actual": cell("actual"),
                     "deviation_reason": cell("deviation_reason"), "corrective_measure": cell("corrective_measure"),
                     "qualitative_tier": cell("qualitative_tier"), "qualitative_score": cell("qualitative_score"),
                     "tier_reason": cell("tier_reason"), "details": field_details(indicator)})
    evaluation = getattr(goal, "evaluation", None)
    # A finding's key ends with its goal's ref, or holds it before an indicator's ref.
    findings = active(Finding.objects.filter(
        Q(key__contains=f"goal:{goal.pk}:") | Q(key__endswith=f"goal:{goal.pk}"),
        unit=goal.unit_year.unit, fiscal_year=goal.unit_year.fiscal_year, area=checks.AREA,
    ))
    context = {
        "goal": goal, "unit_year": goal.unit_year, "unit": goal.unit_year.unit, "scheme": scheme,
        "scheme_error": scheme_error, "execution_only": execution_only,
        "rows": rows, "result": result, "budget": budget, "spent": spent, "rate": rate,
        "may_type": may_type, "may_grade": may_grade, "error_count": len(errors),
        "has_qualitative": any(row.operator == "qualitative" for row in indicators),
        "tiers": qualitative_tier_choices(scheme) if scheme else [],
        "bar": evaluation_bar(evaluation, request.user, form="indicator-form"),
        "evaluation": evaluation, "actions": workflow.available_actions(evaluation, request.user) if evaluation else [],
        "steps": evaluation.steps.select_related("user") if evaluation else [],
        "team": evaluation.team.all() if evaluation else [],
        "documents": _document_links(evaluation), "findings": findings.select_related("explained_by"),
        "can_explain": request.user.has_perm("units.change_unit_data", goal.unit_year.unit),
        "qualitative_goals": goal.qualitative_goals.all(), "revision": goal.revision,
        "locked_reason": workflow.locked_reason(evaluation) if evaluation else "",
    }
    live = bool(request.htmx and request.method == "POST" and "preview" in request.GET)
    return render(request, "goals/_score.html" if live else "goals/goal.html", {**context, "live": live}, status=status)


@login_required
def goal_page(request, unit_id, year, goal_id):
    goal = _goal(request.user, unit_id, year, goal_id)
    if request.method != "POST":
        return _goal_page(request, goal)
    may_type, may_grade = _may_change(request.user, goal)
    if not may_type and not may_grade:
        evaluation = getattr(goal, "evaluation", None)
        reason = workflow.locked_reason(evaluation) if evaluation else ""
        messages.error(request, f"未保存：{reason or '您没有修改权限。'}")
        return _goal_page(request, goal, status=403)
    indicators = list(goal.indicators.all())
    posted = read_indicators(request.POST, indicators, may_grade, may_type)
    if "preview" in request.GET:
        return _goal_page(request, goal, posted)
    if posted.errors:
        messages.error(request, f"有 {len(posted.errors)} 处填写有误，未保存；其余填写内容保留在页面上。")
        return _goal_page(request, goal, posted, status=400)
    try:
        if may_type:
            workflow.save_actuals(goal, posted.values, request.user, posted_revision(request.POST))
        else:  # the reviewer grading 定性 indicators while the evaluation waits for review
            workflow.save_grades(goal, posted.values, request.user, posted_revision(request.POST))
    except workflow.StaleGoal as stale:
        messages.error(request, str(stale))
        goal.refresh_from_db()
        return _goal_page(request, goal, posted, status=409, errors=stale_notes(posted, list(goal.indicators.all())))
    except workflow.StepRefused as refused:
        messages.error(request, f"未保存：{refused}")
        return _goal_page(request, goal, posted, status=409)
    messages.success(request, "已保存。")
    return redirect("goals:goal", unit_id, year, goal.pk)


@login_required
@require_POST
def evaluation_step(request, unit_id, year, goal_id, action):
    goal = _goal(request.user, unit_id, year, goal_id)
    # The permission first (the role alone: there may be no evaluation yet): a refused step leaves no new row behind.
    transition = workflow.TRANSITIONS.get(action)
    existing = SelfEvaluation.objects.filter(goal=goal).first() or SelfEvaluation(goal=goal)
    if transition is None or not ACTION_PERMISSIONS[action](request.user, existing):
        messages.error(request, f"您没有权限执行“{transition.label}”。" if transition else "未知操作。")
        return redirect("goals:goal", unit_id, year, goal.pk)
    indicators = list(goal.indicators.all())
    # 提交审核 posts the indicator table with it: typed values that are wrong or not saved are not left behind.
    may_type, may_grade = _may_change(request.user, goal)
    posted = read_indicators(request.POST, indicators, may_grade, may_type)
    expected = posted_revision(request.POST) if "revision" in request.POST else None
    try:
        if posted.errors:
            raise workflow.StepRefused(f"未{transition.label}：页面上有 {len(posted.errors)} 处填写有误，尚未保存。请改正并保存后再提交。")
        if unsaved_changes(posted, indicators):
            raise workflow.StepRefused(f"未{transition.label}：页面上有 {unsaved_changes(posted, indicators)} 处修改尚未保存。"
                                       "请先保存，核对得分后再提交。")
        # One transaction: a step refused for the state also takes back the row it would have needed.
        with transaction.atomic():
            workflow.step(workflow.ensure_evaluation(goal), action, request.user, request.POST.get("comment", ""),
                          expected_revision=expected)
    except workflow.StepRefused as refused:
        messages.error(request, str(refused))
        if posted.texts:
            # Loaded again: the refused step's transaction was rolled back.
            return _goal_page(request, _goal(request.user, unit_id, year, goal_id), posted, status=409)
    else:
        messages.success(request, f"已{workflow.TRANSITIONS[action].label}。")
    return redirect("goals:goal", unit_id, year, goal.pk)


@login_required
def new_goal(request, unit_id, year):
    unit_year = _unit_year(request.user, unit_id, year)
    unit_for(request.user, unit_id, "units.change_unit_data")
    form = GoalForm(request.POST or None, initial={"scheme_code": getattr(scheme_for_unit(unit_year), "code", "")}, unit_year=unit_year)
    if request.method == "POST" and form.is_valid():
        try:
            goal = workflow.add_goal(unit_year, form.save(commit=False), request.user)
        except workflow.StepRefused as refused:
            messages.error(request, f"未新建：{refused}")
            return render(request, "goals/new_goal.html", {"form": form, "unit_year": unit_year, "unit": unit_year.unit},
                          status=409)
        messages.success(request, "已新建绩效目标，请添加指标。")
        return redirect("goals:goal", unit_id, year, goal.pk)
    return render(request, "goals/new_goal.html", {"form": form, "unit_year": unit_year, "unit": unit_year.unit},
                  status=400 if form.errors else 200)


@login_required
def new_indicator(request, unit_id, year, goal_id):
    goal = _goal(request.user, unit_id, year, goal_id)
    may_type, _ = _may_change(request.user, goal)
    if not may_type or not request.user.has_perm("units.change_unit_data", goal.unit_year.unit):
        raise Http404("无权修改")
    try:
        scheme = scheme_of(goal)
    except UnknownScheme:
        scheme = None  # the goal page names the unknown code; typing indicators is not blocked by it
    framework = rulesets.framework_rules_of(goal)
    # Picking from the library (a GET with ?library=) fills in its fields; the user may change them before adding.
    picked = LibraryIndicator.objects.filter(pk=parse_id(request.GET.get("library"))).first() if request.method != "POST" else None
    form = IndicatorForm(request.POST or None, scheme=scheme, framework=framework,
                         initial=IndicatorForm.initial_from(picked) if picked else None)
    if request.method == "POST" and form.is_valid():
        indicator = form.save(commit=False)
        for name in ("level1", "level2", "name", "unit_of_measure"):
            setattr(indicator, name, form.cleaned_data[name])
        indicator.goal = goal
        indicator.sort_order = goal.indicators.count() + 1
        indicator._history_user = request.user
        try:
            workflow.change_goal(goal, indicator.save)
        except workflow.StepRefused as refused:
            messages.error(request, f"未添加：{refused}")
            return redirect("goals:goal", unit_id, year, goal.pk)
        domain.run_goal_checks(goal.unit_year)
        messages.success(request, f"已添加指标“{indicator.name}”。")
        return redirect("goals:goal", unit_id, year, goal.pk)
    return render(request, "goals/new_indicator.html", {
        "form": form, "goal": goal, "unit": goal.unit_year.unit, "unit_year": goal.unit_year,
        "library": LibraryIndicator.objects.all(), "framework": framework, "picked": picked,
    }, status=400 if form.errors else 200)


@login_required
def library(request):
    return render(request, "goals/library.html", {"items": LibraryIndicator.objects.all()})


def scheme_for_unit(unit_year, kind: str = "project"):
    """The scheme published for the unit's place and year (the finance bureau's choice); the user may change it."""
    try:
        return SchemeBook.load().scheme_for(place_names(unit_year.unit), unit_year.fiscal_year, kind)
    except UnknownScheme:
        return None


def _editable_goal(request, unit_id, year, goal_id) -> Goal:
    goal = _goal(request.user, unit_id, year, goal_id)
    may_type, _ = _may_change(request.user, goal)
    if not may_type:
        raise Http404("无权修改")
    return goal


@login_required
@require_POST
def add_evidence(request, unit_id, year, goal_id, indicator_id):
    from jixiao.assessment.domain.files import EVIDENCE_KINDS, EVIDENCE_MAX_BYTES, UploadError, check_upload

    goal = _editable_goal(request, unit_id, year, goal_id)
    indicator = get_object_or_404(goal.indicators, pk=indicator_id)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择要上传的佐证材料。")
        return redirect("goals:goal", unit_id, year, goal.pk)
    try:
        checked = check_upload(upload.name, upload.size, upload, EVIDENCE_KINDS, EVIDENCE_MAX_BYTES)
    except UploadError as error:
        messages.error(request, f"“{indicator.name}”的佐证材料未上传：{error}")
        return redirect("goals:goal", unit_id, year, goal.pk)
    upload.seek(0)
    # Stored under a fixed short name (the path column holds 100 characters); the name people see is
    # kept within its column, extension included, so the row is always written with its file.
    upload.name = f"evidence.{checked.kind}"
    try:
        workflow.change_goal(goal, lambda: Evidence.objects.create(
            indicator=indicator, file=upload, original_name=fit_filename(checked.name, 200), uploaded_by=request.user))
    except workflow.StepRefused as refused:
        messages.error(request, f"未上传：{refused}")
        return redirect("goals:goal", unit_id, year, goal.pk)
    messages.success(request, f"已为“{indicator.name}”上传佐证材料 {checked.name}。")
    return redirect("goals:goal", unit_id, year, goal.pk)


@login_required
@require_POST
def delete_evidence(request, unit_id, year, goal_id, evidence_id):
    """Remove a file uploaded by mistake while the evaluation is editable; the goal's record keeps the deletion."""
    goal = _editable_goal(request, unit_id, year, goal_id)
    evidence = Evidence.objects.filter(pk=parse_id(evidence_id), indicator__goal=goal).select_related("indicator").first()
    if evidence is None:
        messages.error(request, "要删除的佐证材料不存在（可能已被删除），请刷新页面。")
        return redirect("goals:goal", unit_id, year, goal.pk)

    def remove():
        evidence._history_user = request.user
        evidence.delete()
        # The file goes only once its row is gone for good.
        transaction.on_commit(lambda: evidence.file.delete(save=False))

    try:
        with transaction.atomic():
            workflow.change_goal(goal, remove)
    except workflow.StepRefused as refused:
        messages.error(request, f"未删除：{refused}")
        return redirect("goals:goal", unit_id, year, goal.pk)
    messages.success(request, f"已删除“{evidence.indicator.name}”的佐证材料 {evidence.original_name}。")
    return redirect("goals:goal", unit_id, year, goal.pk)


@login_required
def evidence_file(request, unit_id, year, goal_id, evidence_id):
    from django.http import FileResponse

    goal = _goal(request.user, unit_id, year, goal_id)
    evidence = get_object_or_404(Evidence, pk=evidence_id, indicator__goal=goal)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name)


@login_required
@require_POST
def team_member(request, unit_id, year, goal_id):
    goal = _editable_goal(request, unit_id, year, goal_id)
    if "remove" in request.POST:
        member = TeamMember.objects.filter(evaluation__goal=goal, pk=parse_id(request.POST.get("remove"))).first()
        if member is None:
            messages.error(request, "要删除的评价人员不存在（可能已被删除），请刷新页面。")
            return redirect("goals:goal", unit_id, year, goal.pk)
        try:
            workflow.change_goal(goal, member.delete)
        except workflow.StepRefused as refused:
            messages.error(request, f"未删除：{refused}")
        else:
            messages.success(request, "已删除评价人员。")
        return redirect("goals:goal", unit_id, year, goal.pk)
    name = request.POST.get("name", "").strip()
    if not name:
        messages.error(request, "请填写评价人员姓名。")
        return redirect("goals:goal", unit_id, year, goal.pk)
    member = TeamMember(name=name, title=request.POST.get("title", "").strip(), unit_name=request.POST.get("unit_name", "").strip())
    try:
        # The lengths are checked here as PostgreSQL would, so that SQLite does not store what PostgreSQL refuses.
        member.full_clean(exclude=["evaluation", "sort_order"])
    except ValidationError as error:
        messages.error(request, "评价人员未添加：" + "；".join(f"{TeamMember._meta.get_field(field).verbose_name}{'、'.join(texts)}" for field, texts in error.message_dict.items()))
        return redirect("goals:goal", unit_id, year, goal.pk)

    def add_member():
        evaluation = workflow.ensure_evaluation(goal)
        member.evaluation = evaluation
        member.sort_order = evaluation.team.count() + 1
        member.save()

    try:
        workflow.change_goal(goal, add_member)
    except workflow.StepRefused as refused:
        messages.error(request, f"未添加：{refused}")
        return redirect("goals:goal", unit_id, year, goal.pk)
    messages.success(request, f"已添加评价人员 {name}。")
    return redirect("goals:goal", unit_id, year, goal.pk)


@login_required
@require_POST
def qualitative_goal(request, unit_id, year, goal_id):
    goal = _editable_goal(request, unit_id, year, goal_id)
    planned = request.POST.get("planned", "").strip()
    if not planned:
        messages.error(request, "请填写定性目标的预期目标。")
        return redirect("goals:goal", unit_id, year, goal.pk)
    item = QualitativeGoal(goal=goal, planned=planned, actual=request.POST.get("actual", "").strip(),
                           sort_order=goal.qualitative_goals.count() + 1)
    item._history_user = request.user
    try:
        workflow.change_goal(goal, item.save)
    except workflow.StepRefused as refused:
        messages.error(request, f"未添加：{refused}")
        return redirect("goals:goal", unit_id, year, goal.pk)
    messages.success(request, "已添加定性目标。")
    return redirect("goals:goal", unit_id, year, goal.pk)


@login_required
def goal_history(request, unit_id, year, goal_id):
    """Every recorded change of a goal: its fields, indicators, evidence, evaluation team and status, newest first."""
    goal = _goal(request.user, unit_id, year, goal_id)
    indicator_ids = set(Indicator.history.filter(goal_id=goal.pk).values_list("id", flat=True))
    names = dict(Indicator.history.filter(goal_id=goal.pk).values_list("id", "name"))
    changes = [
        *field_changes(Goal.history.filter(id=goal.pk).select_related("history_user"), lambda r: "目标",
                       {"name": "名称", "overall_goal": "总体目标", "basis": "目标设置依据", "declared_score": "自评报告所填得分"}),
        *field_changes(Indicator.history.filter(goal_id=goal.pk).select_related("history_user"), lambda r: f"指标 {r.name}",
                       {"name": "三级指标", "target_text": "指标值", "points": "分值", "actual": "实际完成值",
                        "actual_text": "实际完成情况", "qualitative_score": "定性得分", "tier_reason": "档次理由",
                        "qualitative_tier": "定性档次", "deviation_reason": "偏差原因"}),
        *field_changes(Evidence.history.filter(indicator_id__in=indicator_ids).select_related("history_user"),
                       lambda r: f"佐证材料（{names.get(r.indicator_id, '')}）", {"original_name": "文件"}),
        *field_changes(TeamMember.history.filter(evaluation__goal=goal).select_related("history_user"), lambda r: f"评价人员 {r.name}",
                       {"name": "姓名", "title": "职务/职称", "unit_name": "单位"}),
        *field_changes(SelfEvaluation.history.filter(goal_id=goal.pk).select_related("history_user"), lambda r: "自评",
                       {"status": "状态"}),
    ]
    changes.sort(key=lambda change: change.when, reverse=True)
    return render(request, "goals/history.html", {"goal": goal, "unit": goal.unit_year.unit, "year": year, "changes": changes})
