"""Conflict declarations and deleted evidence leave a trace the office reads on the round's record page."""

from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.assessment.models import ConflictDeclaration, Evidence, Round, RoundStatus
from tests.assessment.test_submissions import PDF, submission_url


def test_a_conflict_declaration_and_a_deleted_evidence_file_show_on_the_round_record(
    scoring_round, city_judge, lianyungang_judge, lianyungang_office, donghai_filler, client_for, units, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    judge = client_for(lianyungang_judge)
    judge.post(f"/assessment/rounds/{scoring_round.pk}/score/conflicts/", {"unit": units["donghai"].pk, "reason": "曾在东海县科协任职"})
    scoring_round.status = "collecting"
    scoring_round.save()
    county = client_for(donghai_filler)
    county.post(submission_url(scoring_round, units["donghai"], "evidence/"), {"file": SimpleUploadedFile("活动照片.pdf", PDF)})
    evidence = Evidence.objects.get()
    county.post(f"/assessment/evidence/{evidence.pk}/delete/")
    assert not Evidence.objects.exists()

    page = client_for(lianyungang_office).get(f"/assessment/rounds/{scoring_round.pk}/history/").content.decode()
    assert "lianyungang_judge 回避 东海县" in page and "曾在东海县科协任职" in page
    assert page.count("东海县 佐证材料") == 2  # uploaded, then deleted
    assert "活动照片.pdf" in page and "（已删除）" in page
    assert client_for(lianyungang_judge).get(f"/assessment/rounds/{scoring_round.pk}/history/").status_code == 404


def test_a_withdrawn_conflict_declaration_shows_on_the_round_record_and_the_judge_may_score_again(
    scoring_round, lianyungang_judge, lianyungang_office, client_for, units
):
    judge = client_for(lianyungang_judge)
    panel = f"/assessment/rounds/{scoring_round.pk}/score/"
    judge.post(f"{panel}conflicts/", {"unit": units["donghai"].pk, "reason": "误选：应为赣榆区"})
    declaration = ConflictDeclaration.objects.get(judge__user=lianyungang_judge, unit=units["donghai"])
    assert judge.get(f"{panel}{units['donghai'].pk}/").status_code == 404

    page = judge.post(f"{panel}conflicts/{declaration.pk}/withdraw/", follow=True).content.decode()

    assert "已撤回对东海县的回避声明" in page
    assert not ConflictDeclaration.objects.filter(pk=declaration.pk).exists()
    assert judge.get(f"{panel}{units['donghai'].pk}/").status_code == 200
    record = client_for(lianyungang_office).get(f"/assessment/rounds/{scoring_round.pk}/history/").content.decode()
    assert record.count("lianyungang_judge 回避 东海县") == 2  # declared, then withdrawn
    assert "误选：应为赣榆区" in record and "撤回回避" in record and "（已撤回）" in record


def test_a_declaration_cannot_be_withdrawn_once_scoring_has_closed(scoring_round, lianyungang_judge, client_for, units):
    judge = client_for(lianyungang_judge)
    panel = f"/assessment/rounds/{scoring_round.pk}/score/"
    judge.post(f"{panel}conflicts/", {"unit": units["donghai"].pk, "reason": "曾在东海县科协任职"})
    declaration = ConflictDeclaration.objects.get()
    Round.objects.filter(pk=scoring_round.pk).update(status=RoundStatus.CLOSED)

    page = judge.post(f"{panel}conflicts/{declaration.pk}/withdraw/", follow=True).content.decode()

    assert "评分已关闭，不能再撤回回避声明" in page
    assert ConflictDeclaration.objects.filter(pk=declaration.pk).exists()
