"""The state bar of a county's submission: 填报中 → 已报送 → 现场评审 → 结果已公布, who holds it, why it is locked."""

from django.urls import reverse

from jixiao.assessment.models import RoundStatus, SubmissionStatus
from jixiao.statebar import NextStep, StateBar, stages

STAGES = ["填报中", "已报送", "现场评审", "结果已公布"]


def submission_bar(submission, round_) -> StateBar:
    if round_.status == RoundStatus.PUBLISHED:
        current, holder = 3, "考核办公室（已公布）"
    elif round_.status in {RoundStatus.SCORING, RoundStatus.CLOSED}:
        current, holder = 2, "评委与考核办公室"
    elif submission.pk and submission.status == SubmissionStatus.SUBMITTED:
        current, holder = 1, "考核办公室"
    else:
        current, holder = 0, "本县（区）科协"
    status = submission.get_status_display() if submission.pk else "未填报"
    waiting = {0: "由本县（区）科协填报并报送考核办公室", 1: "由考核办公室审阅，需修改时退回",
               2: "由评委现场评审打分", 3: "查看考核结果"}[current]
    result = NextStep("查看考核结果", reverse("assessment:county_result", args=[round_.pk, submission.unit_id]), link=True)
    return StateBar(what="考核填报", status=status, stages=stages(STAGES, current), holder=holder,
                    next_step=result if current == 3 else None, waiting=waiting)
