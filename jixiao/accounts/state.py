"""The state bar of a unit-year's accounts: 草稿 → 已提交 → 已审核 → 财政已接收, with the lock text of accounts.rules."""

from django.urls import reverse
from django.utils.timezone import localtime

from jixiao.accounts.models import UnitYearStatus
from jixiao.accounts.rules import frozen_reason
from jixiao.statebar import NextStep, StateBar, person, stages

ORDER = [UnitYearStatus.DRAFT, UnitYearStatus.SUBMITTED, UnitYearStatus.APPROVED, UnitYearStatus.RECEIVED]
# status → (who holds it, what they do next, the step forward: (permission, label, url name))
FLOW = {
    UnitYearStatus.DRAFT: ("本单位填报人", "填报、检查并提交审核", ("submit", "提交审核", "accounts:submit")),
    UnitYearStatus.SUBMITTED: ("本单位审核人", "审核通过或退回修改", ("approve", "审核通过", "accounts:approve")),
    UnitYearStatus.APPROVED: ("财政部门", "接收或由审核人撤销审核", ("receive", "财政接收", "accounts:receive")),
    UnitYearStatus.RECEIVED: ("财政部门", "已接收归档；如需修改由财政部门撤销接收", None),
}


def unit_year_bar(unit_year, user, events=None, *, form: str = "") -> StateBar:
    """`form`: the page form that 提交审核 posts with it (the grid); `events`: the year's steps, if already loaded."""
    holder, move, forward = FLOW[unit_year.status]
    next_step = None
    if forward and user.has_perm(f"accounts.{forward[0]}", unit_year):
        permission, label, url_name = forward
        next_step = NextStep(label, reverse(url_name, args=[unit_year.unit_id, unit_year.fiscal_year]),
                             form if permission == "submit" else "", unit_year.revision if permission == "submit" else None)
    events = list(events) if events is not None else list(unit_year.events.select_related("user"))
    last = max(events, key=lambda event: (event.at, event.pk)) if events else None
    return StateBar(
        what="年度数据", status=unit_year.get_status_display(), stages=stages([s.label for s in ORDER], ORDER.index(unit_year.status)),
        holder=holder, next_step=next_step, waiting="" if next_step else f"由{holder}{move}",
        lock=frozen_reason(unit_year),
        last=f"最近：{person(last.user)} {localtime(last.at):%Y-%m-%d %H:%M} {last.get_action_display()}" if last else "",
    )
