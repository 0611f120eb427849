"""The goal pages as users use them: typing actuals, seeing the score, the review steps, rectification."""

import json
import re

import pytest

from jixiao.evaluations.models import Rectification, SelfEvaluation, Status
from jixiao.goals.models import Goal, Indicator
from tests.page_text import by_testid


@pytest.fixture
def demo_goals(source_accounts):
    return source_accounts


@pytest.fixture
def yueyang_goal(demo_goals):
    goal = Goal.objects.get(unit_year__unit=demo_goals["yueyang"], unit_year__fiscal_year=2017)
    SelfEvaluation.objects.filter(goal=goal).update(status=Status.DRAFT)
    return goal


def url(goal, suffix=""):
    return f"/goals/{goal.unit_year.unit_id}/{goal.unit_year.fiscal_year}/{goal.pk}/{suffix}"


def talents(goal):
    return Indicator.objects.get(goal=goal, level2="数量指标", name="举荐优秀科技人才")


def test_the_reviewer_sees_98_excellent_with_its_formula(client_for, yueyang_reviewer, yueyang_goal):
    page = client_for(yueyang_reviewer).get(url(yueyang_goal)).content.decode()
    assert '<span data-testid="total">98.00</span>' in page
    assert '<span data-testid="grade" class="badge ok">优</span>' in page
    assert "总分：60.00 + 38.00 = 98.00分，评价等次：优" in page
    assert "唐慧，党组成员、副主席，市科协" in page


def test_typing_an_actual_below_target_previews_then_saves_the_lower_score(client_for, yueyang_filler, yueyang_goal):
    client = client_for(yueyang_filler)
    field = f"i-{talents(yueyang_goal).pk}-actual"
    preview = client.post(url(yueyang_goal) + "?preview=1", {field: "5"}, HTTP_HX_REQUEST="true").content.decode()
    assert '<span data-testid="total">96.00</span>' in preview  # 5 ÷ 10 × 4 = 2.00 instead of 4
    assert talents(yueyang_goal).actual is None
    response = client.post(url(yueyang_goal), {field: "5", f"i-{talents(yueyang_goal).pk}-deviation_reason": "人才推荐名额减少",
                                              "revision": yueyang_goal.revision})
    assert response.status_code == 302
    saved = talents(yueyang_goal)
    assert (saved.actual, saved.deviation_reason) == (5, "人才推荐名额减少")
    assert saved.history.first().history_user == yueyang_filler


def test_a_bad_actual_is_refused_beside_its_cell_and_the_rest_stays(client_for, yueyang_filler, yueyang_goal):
    client = client_for(yueyang_filler)
    indicator = talents(yueyang_goal)
    response = client.post(url(yueyang_goal), {f"i-{indicator.pk}-actual": "十二", f"i-{indicator.pk}-deviation_reason": "待核实",
                                              "revision": yueyang_goal.revision})
    assert response.status_code == 400
    page = response.content.decode()
    assert "实际完成值须为数字，如 12 或 12.5" in page
    assert 'value="十二"' in page and "待核实</textarea>" in page
    indicator.refresh_from_db()
    assert (indicator.actual, indicator.deviation_reason) == (None, "")


def test_submit_then_approve_through_the_pages_locks_the_values(client_for, yueyang_filler, yueyang_reviewer, yueyang_goal):
    filler = client_for(yueyang_filler)
    filler.post(url(yueyang_goal, "step/submit/"))
    reviewer = client_for(yueyang_reviewer)
    reviewer.post(url(yueyang_goal, "step/approve/"))
    assert SelfEvaluation.objects.get(goal=yueyang_goal).status == Status.APPROVED
    filler = client_for(yueyang_filler)
    response = filler.post(url(yueyang_goal), {f"i-{talents(yueyang_goal).pk}-actual": "3", "revision": yueyang_goal.revision})
    assert response.status_code == 403
    assert talents(yueyang_goal).actual is None
    response = filler.get(url(yueyang_goal))
    page = response.content.decode()
    # Locked values are text with the banner saying why and who can reopen, not (read-only) input boxes.
    assert "已审核" in page and f'name="i-{talents(yueyang_goal).pk}-actual"' not in page
    assert by_testid(response, "lock-banner") == ["已锁定：自评状态为“已审核”，不能修改。如需修改，请本单位审核人（撤销审核、重新打开）。"]


def test_returning_without_a_reason_is_refused_with_a_message(client_for, yueyang_filler, yueyang_reviewer, yueyang_goal):
    client_for(yueyang_filler).post(url(yueyang_goal, "step/submit/"))
    response = client_for(yueyang_reviewer).post(url(yueyang_goal, "step/return/"), {"comment": ""}, follow=True)
    assert "退回修改须填写理由" in response.content.decode()
    assert SelfEvaluation.objects.get(goal=yueyang_goal).status == Status.SUBMITTED


def test_lishui_2020_problems_stay_on_the_2021_page_until_closed(client_for, lishui_filler, demo_goals):
    client = client_for(lishui_filler)
    lishui = demo_goals["lishui"]
    page = client.get(f"/goals/{lishui.pk}/2021/").content.decode()
    assert "上年评价发现的问题（整改中，4 项）" in page
    assert "进一步完善单位内部控制" in page
    item = Rectification.objects.get(unit=lishui, measure="进一步完善单位内部控制")
    refused = client.post(f"/evaluations/rectifications/{item.pk}/close/", {"close_note": ""}, follow=True)
    assert "关闭整改事项须填写整改结果。" in refused.content.decode()
    client.post(f"/evaluations/rectifications/{item.pk}/close/", {"close_note": "已印发内部控制制度及操作规程"})
    page = client.get(f"/goals/{lishui.pk}/2021/").content.decode()
    assert "上年评价发现的问题（整改中，3 项）" in page
    assert "进一步完善单位内部控制" not in page


def test_the_unit_year_page_shows_jiangmen_rate_beside_its_declared_score(client_for, django_user_model, demo_goals):
    from jixiao.units.models import Role, RoleKind

    person = django_user_model.objects.create_user("jiangmen_filler")
    Role.objects.create(user=person, unit=demo_goals["jiangmen"], kind=RoleKind.FILLER)
    page = client_for(person).get(f"/goals/{demo_goals['jiangmen'].pk}/2022/").content.decode()
    assert '<td class="rate">66.82%</td>' in page
    assert '<td class="declared">95分 优秀</td>' in page
    assert "科学技术普及支出自评 95 分“优秀”，预算执行率 66.82%，但没有任何绩效指标支撑该得分" in page


def test_finance_overview_lists_what_the_officer_covers(client_for, finance_officer, demo_goals):
    page = client_for(finance_officer).get("/evaluations/").content.decode()
    assert "2017年度部门整体支出" in page and "98.00" in page
    assert "丽水" not in page  # the Yueyang finance bureau covers Yueyang only
    charts = json.loads(re.search(r'<script id="charts-data" type="application/json">(.*?)</script>', page)[1])
    assert charts == {"scatter": [[92.31, 98.0, "岳阳市科学技术协会 2017年度部门整体支出"]], "grades": [{"name": "优", "value": 1}]}


def test_outsiders_get_404_everywhere(client_for, outsider, lishui_filler, yueyang_goal):
    for person in (outsider, lishui_filler):
        client = client_for(person)
        for path in (url(yueyang_goal), f"/goals/{yueyang_goal.unit_year.unit_id}/2017/"):
            assert client.get(path).status_code == 404
        assert client.post(url(yueyang_goal), {f"i-{talents(yueyang_goal).pk}-actual": "1"}).status_code == 404
        assert client.post(url(yueyang_goal, "step/submit/")).status_code == 404
    assert talents(yueyang_goal).actual is None


def test_evidence_is_checked_by_content_and_only_unit_people_download_it(client_for, yueyang_filler, outsider, yueyang_goal,
                                                                         settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    indicator = talents(yueyang_goal)
    client = client_for(yueyang_filler)
    fake = SimpleUploadedFile("台账.pdf", b"just some text pretending", content_type="application/pdf")
    page = client.post(url(yueyang_goal, f"indicators/{indicator.pk}/evidence/"), {"file": fake}, follow=True).content.decode()
    assert "“举荐优秀科技人才”的佐证材料未上传：文件「台账.pdf」不是可接受的类型" in page
    real = SimpleUploadedFile("台账.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", content_type="application/pdf")
    page = client.post(url(yueyang_goal, f"indicators/{indicator.pk}/evidence/"), {"file": real}, follow=True).content.decode()
    assert "已为“举荐优秀科技人才”上传佐证材料 台账.pdf。" in page
    evidence = indicator.evidence.get()
    assert client.get(url(yueyang_goal, f"evidence/{evidence.pk}/")).status_code == 200
    assert client_for(outsider).get(url(yueyang_goal, f"evidence/{evidence.pk}/")).status_code == 404


def test_the_evaluation_team_is_recorded(client_for, yueyang_filler, yueyang_goal):
    client = client_for(yueyang_filler)
    client.post(url(yueyang_goal, "team/"), {"name": "王芳", "title": "财务科长", "unit_name": "市科协"})
    page = client.get(url(yueyang_goal)).content.decode()
    assert "王芳，财务科长，市科协" in page
    refused = client.post(url(yueyang_goal, "team/"), {"name": " "}, follow=True).content.decode()
    assert "请填写评价人员姓名。" in refused


def test_a_rectification_gets_an_owner_and_a_due_date(client_for, lishui_filler, outsider, demo_goals):
    item = Rectification.objects.get(unit=demo_goals["lishui"], measure="加强预算编制管理")
    client = client_for(lishui_filler)
    refused = client.post(f"/evaluations/rectifications/{item.pk}/plan/", {"owner": "办公室", "due_date": "明年"}, follow=True)
    assert "整改期限“明年”不是有效日期，请写成 2021-06-30。" in refused.content.decode()
    client.post(f"/evaluations/rectifications/{item.pk}/plan/", {"owner": "办公室", "due_date": "2021-06-30"})
    item.refresh_from_db()
    assert (item.owner, str(item.due_date)) == ("办公室", "2021-06-30")
    assert client_for(outsider).post(f"/evaluations/rectifications/{item.pk}/plan/", {"owner": "x"}).status_code == 404


def test_a_qualitative_goal_is_added_with_its_planned_and_actual_text(client_for, yueyang_filler, yueyang_goal):
    client = client_for(yueyang_filler)
    refused = client.post(url(yueyang_goal, "qualitative/"), {"planned": "", "actual": "x"}, follow=True)
    assert "请填写定性目标的预期目标。" in refused.content.decode()
    client.post(url(yueyang_goal, "qualitative/"), {"planned": "推进科普信息化", "actual": "建成科普e站12个"})
    assert "建成科普e站12个" in client.get(url(yueyang_goal)).content.decode()
