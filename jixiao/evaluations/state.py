"""The state bar of a self-evaluation (goal, monitoring and report-text pages): 草稿 → 待审核 → 已审核 → 已报送 → 已接收."""

from django.urls import reverse
from django.utils.timezone import localtime

from jixiao.evaluations.domain import FORWARD, available_actions, locked_reason
from jixiao.evaluations.models import Status
from jixiao.statebar import NextStep, StateBar, person, stages

STAGES = ["草稿", "待审核", "已审核", "已报送", "已接收"]
STAGE_OF = {Status.DRAFT: 0, Status.RETURNED: 0, Status.BUREAU_RETURNED: 0, Status.SUBMITTED: 1,
            Status.APPROVED: 2, Status.SENT: 3, Status.ACCEPTED: 4}
# Who holds the evaluation in each status, and the move that person makes next.
HOLDER = {
    Status.DRAFT: ("本单位填报人", "填写实际完成值并提交审核"),
    Status.RETURNED: ("本单位填报人", "按退回意见修改后再次提交审核"),
    Status.BUREAU_RETURNED: ("本单位填报人", "按财政退回意见修改后再次提交审核"),
    Status.SUBMITTED: ("本单位审核人", "审核通过或退回修改"),
    Status.APPROVED: ("本单位审核人", "报送财政部门"),
    Status.SENT: ("财政部门", "财政接收或退回"),
    Status.ACCEPTED: ("财政部门", "已接收归档；如需修改由财政部门撤销接收"),
}


def evaluation_bar(evaluation, user, *, form: str = "") -> StateBar | None:
    """The bar for a goal's evaluation; `form` is the page form that 提交审核 posts with it (the indicator table)."""
    if evaluation is None:
        return None
    goal = evaluation.goal
    holder, move = HOLDER[evaluation.status]
    forward = [t for t in available_actions(evaluation, user) if t.action in FORWARD]
    next_step = None
    if forward:
        transition = forward[0]
        url = reverse("goals:step", args=[goal.unit_year.unit_id, goal.unit_year.fiscal_year, goal.pk, transition.action])
        next_step = NextStep(transition.label, url, form if transition.action == "submit" else "", goal.revision)
    last = evaluation.steps.select_related("user").order_by("-at", "-pk").first()
    return StateBar(
        what="自评", status=evaluation.get_status_display(), stages=stages(STAGES, STAGE_OF[evaluation.status]),
        holder=holder, next_step=next_step, waiting="" if next_step else f"由{holder}{move}",
        lock=locked_reason(evaluation),
        last=f"最近：{person(last.user)} {localtime(last.at):%Y-%m-%d %H:%M} {last.get_from_status_display()} → {last.get_to_status_display()}"
        if last else "",
    )
