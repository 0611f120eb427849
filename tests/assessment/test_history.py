"""Conflict declarations and deleted evidence leave a trace the office reads on the round's record page."""

from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.assessment.models import Evidence
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
