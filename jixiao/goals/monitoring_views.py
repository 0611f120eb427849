"""Monitoring (双监控): a goal's checkpoints with spending light and indicator forecasts; the bureau's light board."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render

from jixiao.goals import domain
from jixiao.goals.forms import read_value
from jixiao.goals.models import Checkpoint, Goal, IndicatorProgress
from jixiao.goals.monitoring import Forecast, checkpoint_dates, reason_needed, spending_check
from jixiao.goals.views import _goal, _may_change
from jixiao.money import AmountError, parse_amount
from jixiao.units.queries import visible_units


def monitoring_sheet(goal: Goal) -> list[dict]:
    """Each checkpoint of the goal (the default dates until others are stored) with its light and progress."""
    year = goal.unit_year.fiscal_year
    stored = {cp.on_date: cp for cp in goal.checkpoints.prefetch_related("progress")}
    dates = sorted(set(checkpoint_dates(year)) | set(stored))
    budget = domain.execution_of(goal)[0]
    indicators = list(goal.indicators.all())
    sheet = []
    for on_date in dates:
        checkpoint = stored.get(on_date)
        spent = checkpoint.spent if checkpoint else None
        progress = {p.indicator_id: p for p in checkpoint.progress.all()} if checkpoint else {}
        check = spending_check(budget, spent, on_date, year) if spent is not None else None
        rows = []
        for indicator in indicators:
            item = progress.get(indicator.pk)
            rows.append({"indicator": indicator, "value": item.value if item else None,
                         "forecast": item.forecast if item else "", "reason": item.reason if item else "",
                         "needs": reason_needed(item.forecast, check.progress if check else None) if item and item.forecast else ""})
        sheet.append({"on_date": on_date, "spent": spent, "check": check, "rows": rows, "key": on_date.isoformat()})
    return sheet


@login_required
def goal_monitoring(request, unit_id, year, goal_id):
    goal = _goal(request.user, unit_id, year, goal_id)
    may_type, _ = _may_change(request.user, goal)
    errors, texts = {}, {}
    if request.method == "POST":
        if not may_type:
            messages.error(request, "您没有修改权限，未保存任何内容。")
            return redirect("goals:monitoring", unit_id, year, goal_id)
        errors, texts = _save_monitoring(request, goal)
        if not errors:
            messages.success(request, "监控情况已保存。")
            return redirect("goals:monitoring", unit_id, year, goal_id)
        messages.error(request, f"有 {len(errors)} 处填写有误，未保存；其余填写内容保留在页面上。")
    if request.GET.get("format") == "xlsx":
        return _monitoring_xlsx(goal)
    return render(request, "goals/monitoring.html", {
        "goal": goal, "unit": goal.unit_year.unit, "unit_year": goal.unit_year, "sheet": monitoring_sheet(goal),
        "may_type": may_type, "forecasts": Forecast.choices, "errors": errors, "texts": texts,
    }, status=400 if errors else 200)


def _save_monitoring(request, goal):
    errors, texts, parsed = {}, dict(request.POST.items()), []
    for entry in monitoring_sheet(goal):
        key = entry["key"]
        try:
            spent = parse_amount(request.POST.get(f"spent-{key}", ""))
        except AmountError as error:
            errors[f"spent-{key}"] = str(error)
            spent = None
        rows = []
        for row in entry["rows"]:
            pk = row["indicator"].pk
            try:
                value = read_value(request.POST.get(f"p-{key}-{pk}-value", ""), "已完成值")
            except ValueError as error:
                errors[f"p-{key}-{pk}-value"] = str(error)
                value = None
            forecast = request.POST.get(f"p-{key}-{pk}-forecast", "")
            reason = request.POST.get(f"p-{key}-{pk}-reason", "").strip()
            if forecast in (Forecast.POSSIBLE, Forecast.IMPOSSIBLE) and not reason:
                errors[f"p-{key}-{pk}-reason"] = "预计不能确定完成，须填写偏差原因"
            rows.append((row["indicator"], value, forecast if forecast in Forecast.values else "", reason))
        parsed.append((entry["on_date"], spent, rows))
    if errors:
        return errors, texts
    with transaction.atomic():
        for on_date, spent, rows in parsed:
            checkpoint, _ = Checkpoint.objects.get_or_create(goal=goal, on_date=on_date)
            checkpoint.spent = spent
            checkpoint._history_user = request.user
            checkpoint.save()
            for indicator, value, forecast, reason in rows:
                item, _ = IndicatorProgress.objects.get_or_create(checkpoint=checkpoint, indicator=indicator)
                item.value, item.forecast, item.reason = value, forecast, reason
                item._history_user = request.user
                item.save()
    return {}, {}


def _monitoring_xlsx(goal) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for entry in monitoring_sheet(goal):
        sheet = book.create_sheet(entry["on_date"].strftime("%m月%d日"))
        check = entry["check"]
        sheet.append([f"{goal.unit_year.unit.name} {goal.name} 绩效监控（{entry['on_date']:%Y年%m月%d日}）"])
        sheet.append(["截至监控时点支出（万元）", str(entry["spent"]) if entry["spent"] is not None else ""])
        sheet.append(["执行进度", check.light.label if check else "未填", check.explanation if check else ""])
        sheet.append(["一级指标", "二级指标", "三级指标", "指标值", "已完成值", "预计全年", "偏差原因"])
        for row in entry["rows"]:
            ind = row["indicator"]
            sheet.append([ind.level1, ind.level2, ind.name, ind.target_text or (str(ind.target.normalize()) if ind.target is not None else ""),
                          str(row["value"].normalize()) if row["value"] is not None else "",
                          Forecast(row["forecast"]).label if row["forecast"] else "", row["reason"]])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''monitoring.xlsx"
    return response


@login_required
def light_board(request):
    goals = Goal.objects.filter(unit_year__unit__in=visible_units(request.user)).select_related("unit_year__unit")
    rows = [{"goal": goal, "sheet": monitoring_sheet(goal)} for goal in goals]
    return render(request, "goals/light_board.html", {"rows": rows})
