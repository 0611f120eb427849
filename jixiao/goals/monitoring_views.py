"""Monitoring (双监控): a goal's checkpoints with spending light and indicator forecasts; the bureau's light board."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from openpyxl import Workbook

from jixiao import spreadsheets
from jixiao.evaluations import domain as workflow
from jixiao.evaluations.state import evaluation_bar
from jixiao.goals import domain, rulesets
from jixiao.goals.forms import read_value
from jixiao.goals.models import Goal
from jixiao.goals.monitoring import Forecast, checkpoint_dates, goal_completion, goal_spending_gap, reason_needed
from jixiao.goals.views import _goal, _may_change
from jixiao.money import AmountError, fmt_amount, fmt_percent, fmt_plain, parse_amount
from jixiao.params import posted_revision
from jixiao.units.queries import visible_units


def _field(name: str, value, typed: dict, errors: dict) -> dict:
    """An input of the sheet: what was typed (kept when a save is refused) or what is stored, and its error."""
    stored = fmt_plain(value) if isinstance(value, Decimal) else (value or "")
    return {"name": name, "text": typed.get(name, stored), "error": errors.get(name, "")}


def monitoring_sheet(goal: Goal, typed=None, errors=None, budget=None, rules=None) -> list[dict]:
    """Each checkpoint of the goal (its monitoring scheme's dates, and any other date stored) with its light,
    progress and goal-vs-spending gap, under the scheme of the goal's region, year and kind."""
    typed, errors = typed or {}, errors or {}
    rules = rules or rulesets.monitoring_rules_of(goal)
    year = goal.unit_year.fiscal_year
    stored = {cp.on_date: cp for cp in goal.checkpoints.prefetch_related("progress")}
    dates = sorted(set(checkpoint_dates(year, rules)) | set(stored))
    if budget is None:
        budget = domain.execution_of(goal)[0]
    indicators = list(goal.indicators.all())
    sheet = []
    for on_date in dates:
        key = on_date.isoformat()
        checkpoint = stored.get(on_date)
        spent = checkpoint.spent if checkpoint else None
        progress = {p.indicator_id: p for p in checkpoint.progress.all()} if checkpoint else {}
        check = rules.check(budget, spent, on_date, year) if spent is not None else None
        thresholds = rules.thresholds_on(on_date)
        behind = check.light.progress if check and thresholds is not None else None
        rows = []
        for indicator in indicators:
            item = progress.get(indicator.pk)
            prefix = f"p-{key}-{indicator.pk}"
            rows.append({
                "indicator": indicator,
                "value": _field(f"{prefix}-value", item.value if item else None, typed, errors),
                "forecast": _field(f"{prefix}-forecast", item.forecast if item else "", typed, errors),
                "reason": _field(f"{prefix}-reason", item.reason if item else "", typed, errors),
                "needs": reason_needed(item.forecast, behind, thresholds) if item and item.forecast else "",
            })
        completion = goal_completion([(ind.operator, ind.target, progress[ind.pk].value)
                                      for ind in indicators if ind.pk in progress])
        gap = goal_spending_gap(completion, check.execution_rate, rules.gap_points) if check else ""
        sheet.append({"on_date": on_date, "key": key, "spent": _field(f"spent-{key}", spent, typed, errors),
                      "check": check, "rows": rows, "gap": gap})
    return sheet


@login_required
def goal_monitoring(request, unit_id, year, goal_id):
    goal = _goal(request.user, unit_id, year, goal_id)
    may_type, _ = _may_change(request.user, goal)
    errors, status = {}, 200
    if request.method == "POST":
        if not may_type:
            messages.error(request, "您没有修改权限或自评已锁定，未保存任何内容。")
            return redirect("goals:monitoring", unit_id, year, goal_id)
        before = monitoring_sheet(goal)
        errors, parsed = _read_monitoring(request.POST, before)
        if errors:
            status = 400
            messages.error(request, f"有 {len(errors)} 处填写有误，未保存；其余填写内容保留在页面上。")
        else:
            try:
                workflow.save_monitoring(goal, parsed, request.user, posted_revision(request.POST))
            except workflow.StaleGoal as stale:
                messages.error(request, str(stale))
                goal.refresh_from_db()
                errors, status = _stale_notes(request.POST, monitoring_sheet(goal)), 409
            except workflow.StepRefused as refused:
                messages.error(request, f"未保存：{refused}")
                errors, status = {"": str(refused)}, 409
            else:
                messages.success(request, "监控情况已保存。")
                return redirect("goals:monitoring", unit_id, year, goal_id)
    if request.GET.get("format") == "xlsx":
        return _monitoring_xlsx(goal)
    budget, spent, rate = domain.execution_of(goal)
    return render(request, "goals/monitoring.html", {
        "goal": goal, "unit": goal.unit_year.unit, "unit_year": goal.unit_year,
        "sheet": monitoring_sheet(goal, request.POST if errors else None, errors, budget=budget),
        "year_budget": fmt_amount(budget) if budget is not None else None,
        "year_spent": fmt_amount(spent) if spent is not None else None, "year_rate": fmt_percent(rate),
        "may_type": may_type, "forecasts": Forecast.choices, "errors": errors, "revision": goal.monitoring_revision,
        "rules": rulesets.monitoring_rules_of(goal),
        "bar": evaluation_bar(getattr(goal, "evaluation", None), request.user),
    }, status=status)


def _stale_notes(post, latest_sheet) -> dict[str, str]:
    """Beside each typed cell whose stored text is now different: what the other person saved."""
    notes = {}
    for entry in latest_sheet:
        cells = [entry["spent"], *(row[name] for row in entry["rows"] for name in ("value", "forecast", "reason"))]
        for cell in cells:
            if cell["name"] in post and post[cell["name"]].strip() != cell["text"]:
                notes[cell["name"]] = f"他人已改为：{cell['text'] or '（空）'}"
    return notes


def _read_monitoring(post, sheet):
    """(errors, parsed) from a posted sheet; a field missing from the post keeps its stored value."""
    errors, parsed = {}, []
    for entry in sheet:
        field = entry["spent"]["name"]
        try:
            spent = parse_amount(post.get(field, entry["spent"]["text"]))
        except AmountError as error:
            errors[field] = str(error)
            spent = None
        rows = []
        for row in entry["rows"]:
            value_field, reason_field = row["value"]["name"], row["reason"]["name"]
            try:
                value = read_value(post.get(value_field, row["value"]["text"]), "已完成值")
            except ValueError as error:
                errors[value_field] = str(error)
                value = None
            forecast = post.get(row["forecast"]["name"], row["forecast"]["text"])
            reason = post.get(reason_field, row["reason"]["text"]).strip()
            if forecast in (Forecast.POSSIBLE, Forecast.IMPOSSIBLE) and not reason:
                errors[reason_field] = "预计不能确定完成，须填写偏差原因"
            rows.append((row["indicator"], value, forecast if forecast in Forecast.values else "", reason))
        parsed.append((entry["on_date"], spent, rows))
    return errors, parsed


def _monitoring_xlsx(goal) -> HttpResponse:
    book = Workbook()
    book.remove(book.active)
    for entry in monitoring_sheet(goal):
        sheet = book.create_sheet(entry["on_date"].strftime("%m月%d日"))
        check = entry["check"]
        spreadsheets.text(sheet, 1, 1, f"{goal.unit_year.unit.name} {goal.name} 绩效监控（{entry['on_date']:%Y年%m月%d日}）",
                          bold=True, size=13)
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=7)
        spreadsheets.text(sheet, 2, 1, "截至监控时点支出（万元）", border=True)
        try:
            spreadsheets.number(sheet, 2, 2, parse_amount(entry["spent"]["text"]), border=True)
        except AmountError:
            spreadsheets.text(sheet, 2, 2, entry["spent"]["text"], border=True)
        spreadsheets.text(sheet, 3, 1, "执行进度", border=True)
        spreadsheets.text(sheet, 3, 2, check.light.label if check else "未填", border=True)
        spreadsheets.text(sheet, 3, 3, check.explanation if check else "", border=True)
        header = ["一级指标", "二级指标", "三级指标", "指标值", "已完成值", "预计全年", "偏差原因"]
        for column, label in enumerate(header, start=1):
            spreadsheets.text(sheet, 4, column, label, bold=True, border=True, align="center")
        for line, row in enumerate(entry["rows"], start=5):
            ind = row["indicator"]
            forecast = row["forecast"]["text"]
            values = [ind.level1, ind.level2, ind.name, ind.target_text or fmt_plain(ind.target), row["value"]["text"],
                      Forecast(forecast).label if forecast else "", row["reason"]["text"]]
            for column, text in enumerate(values, start=1):
                spreadsheets.text(sheet, line, column, text, border=True, align="left")
        for column, width in zip("ABCDEFG", (12, 12, 30, 14, 14, 12, 36), strict=True):
            sheet.column_dimensions[column].width = width
        spreadsheets.print_landscape(sheet, title_rows="4:4")
    buffer = spreadsheets.save(book)
    response = HttpResponse(buffer, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''monitoring.xlsx"
    return response


@login_required
def light_board(request):
    goals = (Goal.objects.filter(unit_year__unit__in=visible_units(request.user))
             .select_related("unit_year__unit").prefetch_related("indicators"))
    cache = {}
    rows = [{"goal": goal, "sheet": monitoring_sheet(goal, budget=domain.execution_of(goal, sheet)[0],
                                                     rules=rulesets.monitoring_rules_of(goal, cache))}
            for goal, sheet in domain.with_sheets(goals)]
    return render(request, "goals/light_board.html", {"rows": rows})
