"""Goal pages with garbage: a Chinese message, no 500, nothing stored changed, no file left without its row."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.evaluations import demo as evaluations_demo
from jixiao.evaluations.models import SelfEvaluation, Status, TeamMember
from jixiao.goals import demo as goals_demo
from jixiao.goals.models import Evidence, Goal
from tests.goals.test_goal_pages import talents, url

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def yueyang_goal(source_accounts):
    goals_demo.load(source_accounts)
    evaluations_demo.load(source_accounts)
    goal = Goal.objects.get(unit_year__unit=source_accounts["yueyang"], unit_year__fiscal_year=2017)
    SelfEvaluation.objects.filter(goal=goal).update(status=Status.DRAFT)
    return goal


def told(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_removing_team_member_abc_is_refused_with_a_message(client_for, yueyang_filler, yueyang_goal):
    client = client_for(yueyang_filler)
    before = sorted(TeamMember.objects.values_list("pk", "name"))
    for typed in ["abc", "¹", "-1", "99999999999999999999999"]:
        response = client.post(url(yueyang_goal, "team/"), {"remove": typed})
        assert response.status_code == 302
        assert told(response)[-1] == "要删除的评价人员不存在（可能已被删除），请刷新页面。"
    assert sorted(TeamMember.objects.values_list("pk", "name")) == before


def test_an_overlong_team_member_is_refused_before_any_row_is_written(client_for, yueyang_filler, yueyang_goal):
    SelfEvaluation.objects.filter(goal=yueyang_goal).delete()
    response = client_for(yueyang_filler).post(url(yueyang_goal, "team/"), {"name": "王" * 41, "unit_name": "市科协"})
    assert told(response) == ["评价人员未添加：姓名确保该变量包含不超过 40 字符 (目前字符数 41)。"]
    assert not TeamMember.objects.exists()
    assert not SelfEvaluation.objects.filter(goal=yueyang_goal).exists()


def test_evidence_with_a_300_character_name_is_stored_with_its_row(client_for, yueyang_filler, yueyang_goal, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    indicator = talents(yueyang_goal)
    name = "佐" * 300 + ".pdf"
    response = client_for(yueyang_filler).post(url(yueyang_goal, f"indicators/{indicator.pk}/evidence/"), {"file": SimpleUploadedFile(name, PDF)})
    assert response.status_code == 302
    evidence = Evidence.objects.get(indicator=indicator)
    assert len(evidence.original_name) == 200 and evidence.original_name.endswith("….pdf")
    files = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert [str(path.relative_to(tmp_path)) for path in files] == [evidence.file.name]
