"""A goal's record page: team members added and removed, with who and when."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.evaluations import demo as evaluations_demo
from jixiao.evaluations.models import SelfEvaluation, Status, TeamMember
from jixiao.goals import demo as goals_demo
from jixiao.goals.models import Evidence, Goal
from tests.assessment.test_submissions import PDF
from tests.goals.test_goal_pages import url


@pytest.fixture
def yueyang_goal(source_accounts):
    goals_demo.load(source_accounts)
    evaluations_demo.load(source_accounts)
    goal = Goal.objects.get(unit_year__unit=source_accounts["yueyang"], unit_year__fiscal_year=2017)
    SelfEvaluation.objects.filter(goal=goal).update(status=Status.DRAFT)
    return goal


def test_team_members_added_and_removed_show_on_the_goal_record(client_for, yueyang_filler, yueyang_reviewer, yueyang_goal):
    filler = client_for(yueyang_filler)
    filler.post(url(yueyang_goal, "team/"), {"name": "王芳", "title": "财务科长"})
    member = TeamMember.objects.get(name="王芳")
    filler.post(url(yueyang_goal, "team/"), {"remove": member.pk})
    assert not TeamMember.objects.filter(name="王芳").exists()
    page = client_for(yueyang_reviewer).get(url(yueyang_goal, "history/")).content.decode()
    assert "评价人员 王芳" in page and "财务科长" in page and "（已删除）" in page
    assert "yueyang_filler" in page


def test_evidence_uploaded_then_deleted_shows_on_the_goal_record_and_its_file_is_gone(
    client_for, yueyang_filler, yueyang_reviewer, outsider, yueyang_goal, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    indicator = yueyang_goal.indicators.order_by("pk").first()
    filler = client_for(yueyang_filler)
    filler.post(url(yueyang_goal, f"indicators/{indicator.pk}/evidence/"), {"file": SimpleUploadedFile("培训签到表.pdf", PDF)})
    evidence = Evidence.objects.get(indicator=indicator)
    assert client_for(outsider).post(url(yueyang_goal, f"evidence/{evidence.pk}/delete/")).status_code == 404
    filler = client_for(yueyang_filler)
    assert f"evidence/{evidence.pk}/delete/" in filler.get(url(yueyang_goal)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        page = filler.post(url(yueyang_goal, f"evidence/{evidence.pk}/delete/"), follow=True).content.decode()

    assert f"已删除“{indicator.name}”的佐证材料 培训签到表.pdf。" in page
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]
    record = client_for(yueyang_reviewer).get(url(yueyang_goal, "history/")).content.decode()
    assert record.count(f"佐证材料（{indicator.name}）") == 2  # uploaded, then deleted
    assert "培训签到表.pdf" in record and "（已删除）" in record


def test_evidence_of_a_submitted_evaluation_is_not_deleted(client_for, yueyang_filler, yueyang_goal, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    indicator = yueyang_goal.indicators.order_by("pk").first()
    filler = client_for(yueyang_filler)
    filler.post(url(yueyang_goal, f"indicators/{indicator.pk}/evidence/"), {"file": SimpleUploadedFile("培训签到表.pdf", PDF)})
    evidence = Evidence.objects.get(indicator=indicator)
    SelfEvaluation.objects.filter(goal=yueyang_goal).update(status=Status.SUBMITTED)

    response = filler.post(url(yueyang_goal, f"evidence/{evidence.pk}/delete/"), follow=True)

    assert response.status_code in (200, 404)
    assert Evidence.objects.filter(pk=evidence.pk).exists()
