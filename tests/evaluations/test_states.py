"""States that mean something: no step past an open error, separation of duties, approval freezes a snapshot.

The Yueyang 2017 sequence of issue 10, through the pages a filler, a reviewer and
the finance bureau use.
"""

import io
import re
from decimal import Decimal

import docx
import pytest
import time_machine

from jixiao.accounts import domain as accounts
from jixiao.accounts.grid import field_name
from jixiao.accounts.models import Figure, UnitYear, UnitYearEvent, UnitYearStatus
from jixiao.evaluations import domain
from jixiao.evaluations.domain import StepRefused
from jixiao.evaluations.models import SelfEvaluation, Snapshot, Status, Step
from jixiao.goals.models import Goal


@pytest.fixture
def yueyang_2017(source_accounts):
    return UnitYear.objects.select_related("unit").get(unit=source_accounts["yueyang"], fiscal_year=2017)


@pytest.fixture
def museum_2017(source_accounts):
    return UnitYear.objects.get(unit=source_accounts["yueyang_museum"], fiscal_year=2017)


@pytest.fixture
def draft_evaluation(yueyang_evaluation):
    """Yueyang 2017's self-evaluation back at the start (the demo has it waiting for the reviewer)."""
    yueyang_evaluation.steps.all().delete()
    SelfEvaluation.objects.filter(pk=yueyang_evaluation.pk).update(status=Status.DRAFT)
    yueyang_evaluation.refresh_from_db()
    return yueyang_evaluation


def accounts_url(unit_year, suffix=""):
    return f"/accounts/{unit_year.unit_id}/{unit_year.fiscal_year}/{suffix}"


def goal_url(goal, suffix=""):
    return f"/goals/{goal.unit_year.unit_id}/{goal.unit_year.fiscal_year}/{goal.pk}/{suffix}"


def grid_form(html: str) -> dict[str, str]:
    fields = dict(re.findall(r'<input name="(f-\d+-\w+)" value="([^"]*)"', html))
    fields["revision"] = re.search(r'name="revision" value="(\d+)"', html).group(1)
    return fields


def figure(unit_year, line):
    return Figure.objects.get(unit_year=unit_year, line=line).amount


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def step_as(session, goal, action, **data):
    return session.post(goal_url(goal, f"step/{action}/"), {"revision": goal.revision, **data}, follow=True)


@time_machine.travel("2018-03-20 10:00 +0800", tick=False)
def test_yueyang_two_bad_figures_stop_the_submission_until_fixed_then_every_step_works(
    session_of, yueyang_filler, yueyang_reviewer, finance_officer, yueyang_2017, museum_2017, draft_evaluation,
):
    goal = draft_evaluation.goal
    filler, reviewer, bureau = session_of(yueyang_filler), session_of(yueyang_reviewer), session_of(finance_officer)
    form = grid_form(filler.get(accounts_url(yueyang_2017)).content.decode())
    typed = dict(form)
    form[field_name(museum_2017.pk, "exp_personnel")] = form[field_name(museum_2017.pk, "exp_basic")] = "1.00"
    assert filler.post(accounts_url(yueyang_2017), form).status_code == 302
    assert UnitYear.objects.get(pk=yueyang_2017.pk).status == UnitYearStatus.DRAFT

    refused = step_as(filler, goal, "submit").content.decode()
    assert "岳阳市科协2017年度还有 4 项错误未修正，不能提交审核" in refused
    assert "［单位年度数据页］岳阳市科协：科技馆支出合计：所列 291.21 ≠ 1.00 + 239.23 = 240.23，差 50.98" in refused
    assert SelfEvaluation.objects.get(pk=draft_evaluation.pk).status == Status.DRAFT

    typed["revision"] = str(UnitYear.objects.get(pk=yueyang_2017.pk).revision)
    assert filler.post(accounts_url(yueyang_2017), typed).status_code == 302
    assert "已提交审核" in step_as(filler, goal, "submit").content.decode()
    assert "已审核通过" in step_as(reviewer, goal, "approve").content.decode()
    assert UnitYear.objects.get(pk=yueyang_2017.pk).status == UnitYearStatus.APPROVED
    assert "已报送财政部门" in step_as(reviewer, goal, "send").content.decode()
    assert "已财政接收" in step_as(bureau, goal, "accept").content.decode()
    assert SelfEvaluation.objects.get(pk=draft_evaluation.pk).status == Status.ACCEPTED
    assert UnitYear.objects.get(pk=yueyang_2017.pk).status == UnitYearStatus.RECEIVED
    assert [(step.user.username, step.action) for step in Step.objects.filter(evaluation=draft_evaluation)] == [
        ("yueyang_filler", "submit"), ("yueyang_reviewer", "approve"), ("yueyang_reviewer", "send"), ("yueyang_finance", "accept"),
    ]

    # After 财政接收 any figure of the year is refused, saying why and who can reopen it.
    form = grid_form(filler.get(accounts_url(yueyang_2017)).content.decode())
    form[field_name(yueyang_2017.pk, "exp_basic")] = "1.00"
    response = filler.post(accounts_url(yueyang_2017), form)
    assert response.status_code == 409
    assert "岳阳市科协2017年度数据状态为“财政已接收”，不能修改。如需修改，请财政部门（撤销接收、重新打开）。" in response.content.decode()
    assert figure(yueyang_2017, "exp_basic") == Decimal("359.39")
    # The domain refuses by itself under the lock, whoever calls it (an import, a script).
    with pytest.raises(accounts.Frozen, match="财政部门"):
        accounts.save_figures(yueyang_2017, {(yueyang_2017.pk, "exp_basic"): Decimal("1.00")}, yueyang_filler,
                              UnitYear.objects.get(pk=yueyang_2017.pk).revision)
    funds = grid_form(filler.get(accounts_url(yueyang_2017)).content.decode())["revision"]
    assert filler.post(accounts_url(yueyang_2017, "funds/"), {"revision": funds, "new-0-name": "新项目"}).status_code == 409
    with pytest.raises(StepRefused, match="财政部门（撤销接收、重新打开）"):
        domain.save_actuals(goal, {}, yueyang_filler, goal.revision)
    with pytest.raises(StepRefused, match="财政部门"):
        domain.change_goal(goal, lambda: pytest.fail("a change ran on an accepted goal"))
    with pytest.raises(StepRefused, match="财政部门"):
        domain.save_texts(draft_evaluation, {"summary_text": "改写"}, yueyang_filler, draft_evaluation.text_revision)


def accept(evaluation, filler, reviewer, bureau):
    for action, user in (("submit", filler), ("approve", reviewer), ("send", reviewer), ("accept", bureau)):
        domain.step(evaluation, action, user)
    evaluation.refresh_from_db()


def test_the_accepted_report_keeps_its_text_and_figures_after_a_reopen_and_edit(
    session_of, yueyang_filler, yueyang_reviewer, finance_officer, yueyang_2017, draft_evaluation,
):
    with time_machine.travel("2018-03-20 10:00 +0800", tick=False):
        accept(draft_evaluation, yueyang_filler, yueyang_reviewer, finance_officer)
    filler = session_of(yueyang_filler)
    report = f"/documents/{draft_evaluation.pk}/report.docx"
    accepted = docx_text(filler.get(report).content)
    assert "本文书据2018年03月20日 yueyang_finance财政接收时冻结的第2版数据生成。" in accepted
    assert "草稿" not in accepted
    assert "人员支出占基本支出的99.00%" in accepted or "359.39" in accepted

    with pytest.raises(StepRefused, match="须填写理由"):
        domain.step(draft_evaluation, "bureau_reopen", finance_officer)
    with time_machine.travel("2018-04-02 09:00 +0800", tick=False):
        domain.step(draft_evaluation, "bureau_reopen", finance_officer, "补充说明科技馆基本支出")
    yueyang_2017.refresh_from_db()
    assert yueyang_2017.status == UnitYearStatus.DRAFT
    reopened = UnitYearEvent.objects.filter(unit_year=yueyang_2017, action="reopen").get()
    assert (reopened.user, reopened.comment, reopened.from_status) == (finance_officer, "补充说明科技馆基本支出", "received")

    accounts.save_figures(yueyang_2017, {(yueyang_2017.pk, "exp_basic"): Decimal("1.00")}, yueyang_filler, yueyang_2017.revision)
    draft_evaluation.refresh_from_db()
    domain.save_texts(draft_evaluation, {"summary_text": "重新打开后改写的综述。"}, yueyang_filler, draft_evaluation.text_revision)

    draft = docx_text(filler.get(report).content)
    assert "草稿（财政退回" in draft and "重新打开后改写的综述。" in draft
    assert draft != accepted
    assert docx_text(filler.get(report + "?version=2").content) == accepted
    history = [(s.version, s.action, s.user.username) for s in Snapshot.objects.filter(evaluation=draft_evaluation).order_by("version")]
    assert history == [(1, "approve", "yueyang_reviewer"), (2, "accept", "yueyang_finance")]
    page = filler.get(f"/documents/{draft_evaluation.pk}/").content.decode()
    assert "第2版" in page and "?version=2" in page


def test_documents_of_a_draft_say_so(client_for, yueyang_filler, draft_evaluation, lishui_filler, lishui_talent_evaluation):
    client = client_for(yueyang_filler)
    for name in ("report.docx", "basic-table.docx"):
        assert "草稿（未经审核通过，仅供核对，不作为正式报送文本）" in docx_text(
            client.get(f"/documents/{draft_evaluation.pk}/{name}").content)
    # A project's own documents carry the mark too while it is not approved.
    assert lishui_talent_evaluation.status not in ("approved", "sent", "accepted")
    client = client_for(lishui_filler)
    for name in ("report.docx", "project-table.docx"):
        text = docx_text(client.get(f"/documents/{lishui_talent_evaluation.pk}/{name}").content)
        assert text.startswith("草稿（") and "未经审核通过" in text


def test_one_unit_admin_cannot_return_submit_approve_and_send_the_same_goal(yueyang_admin, yueyang_evaluation, units):
    assert yueyang_evaluation.status == Status.SUBMITTED
    domain.step(yueyang_evaluation, "return", yueyang_admin, "请补充满意度")
    domain.step(yueyang_evaluation, "submit", yueyang_admin)
    with pytest.raises(StepRefused, match="您提交了这份自评，不能由您本人审核通过"):
        domain.step(yueyang_evaluation, "approve", yueyang_admin)
    yueyang_evaluation.refresh_from_db()
    assert yueyang_evaluation.status == Status.SUBMITTED
    assert [a.action for a in domain.available_actions(yueyang_evaluation, yueyang_admin)] == ["return"]
    assert list(Step.objects.filter(evaluation=yueyang_evaluation, user=yueyang_admin).values_list("action", flat=True)) == [
        "return", "submit"]

    # A one-person unit may allow it, explicitly.
    units["yueyang"].allow_single_person = True
    units["yueyang"].save()
    domain.step(yueyang_evaluation, "approve", yueyang_admin)
    domain.step(yueyang_evaluation, "send", yueyang_admin)
    assert SelfEvaluation.objects.get(pk=yueyang_evaluation.pk).status == Status.SENT


def test_a_reviewer_may_not_approve_values_they_typed(yueyang_reviewer, yueyang_filler, draft_evaluation):
    goal = draft_evaluation.goal
    indicator = goal.indicators.first()
    domain.save_actuals(goal, {indicator.pk: {"deviation_reason": "审核人补写的原因"}}, yueyang_reviewer, goal.revision)
    domain.step(draft_evaluation, "submit", yueyang_filler)
    with pytest.raises(StepRefused, match="您修改过这份自评的指标实际值，不能审核自己填写的内容"):
        domain.step(draft_evaluation, "approve", yueyang_reviewer)


def test_the_approver_may_not_accept_for_the_bureau(yueyang_filler, yueyang_reviewer, draft_evaluation, units, django_user_model):
    from jixiao.units.models import Role, RoleKind

    Role.objects.create(user=yueyang_reviewer, unit=units["yueyang"], kind=RoleKind.FINANCE_BUREAU)
    for action in ("submit", "approve", "send"):
        domain.step(draft_evaluation, action, yueyang_filler if action == "submit" else yueyang_reviewer)
    with pytest.raises(StepRefused, match="您审核了这份自评，不能由您本人接收"):
        domain.step(draft_evaluation, "accept", yueyang_reviewer)


def test_an_explained_error_still_stops_the_submission(yueyang_filler, yueyang_2017, museum_2017, draft_evaluation):
    from jixiao.checks.models import FindingStatus
    from jixiao.checks.queries import open_errors

    accounts.save_figures(yueyang_2017, {(museum_2017.pk, "exp_basic"): Decimal("1.00")}, yueyang_filler, yueyang_2017.revision)
    open_errors(yueyang_2017.unit, 2017).update(status=FindingStatus.EXPLAINED, explanation="以后再改")
    with pytest.raises(StepRefused, match="错误须修正（四舍五入尾差可填写说明）"):
        domain.step(draft_evaluation, "submit", yueyang_filler)


def test_no_new_goal_slips_into_a_year_the_finance_bureau_received(
    session_of, yueyang_filler, yueyang_reviewer, finance_officer, yueyang_2017, draft_evaluation,
):
    with time_machine.travel("2018-03-20 10:00 +0800", tick=False):
        accept(draft_evaluation, yueyang_filler, yueyang_reviewer, finance_officer)
    goals_before = yueyang_2017.goals.count()
    response = session_of(yueyang_filler).post(f"/goals/{yueyang_2017.unit_id}/2017/new/", {
        "kind": "project", "name": "补报的项目", "scheme_code": "mof-2020"})
    assert response.status_code == 409
    assert "未新建：" in response.content.decode() and "财政已接收" in response.content.decode()
    assert yueyang_2017.goals.count() == goals_before
    # The domain function refuses it too, whoever calls it.
    with pytest.raises(StepRefused, match="财政部门"):
        domain.add_goal(yueyang_2017, Goal(kind="project", name="脚本补报", scheme_code="mof-2020"), yueyang_filler)
