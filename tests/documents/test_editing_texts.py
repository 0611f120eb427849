"""The report's narrative can be edited before export; a figure that no longer matches the data is pointed out."""

import pytest

from jixiao.evaluations.models import SelfEvaluation, Status


@pytest.fixture
def draft(yueyang_evaluation):
    SelfEvaluation.objects.filter(pk=yueyang_evaluation.pk).update(status=Status.DRAFT)
    yueyang_evaluation.refresh_from_db()
    return yueyang_evaluation


def test_the_generated_analysis_is_offered_and_an_edited_wrong_figure_is_flagged(client_for, yueyang_filler, draft):
    client = client_for(yueyang_filler)
    page = client.get(f"/documents/{draft.pk}/").content.decode()
    assert "整体支出1003.30万元，其中：基本支出359.39万元，占总支出的35.82%" in page
    edited = "2017年岳阳市科协整体支出1003.30万元，其中：基本支出369.39万元，占总支出的35.82%。"
    response = client.post(f"/documents/{draft.pk}/", {"analysis_text": edited, "summary_text": "", "revision": draft.text_revision},
                           follow=True)
    page = response.content.decode()
    assert "文字已保存，但有 1 处数字与数据不符，请核对。" in page
    assert "369.39" in page
    draft.refresh_from_db()
    assert draft.analysis_text == edited


def test_a_locked_evaluation_keeps_its_text(client_for, yueyang_filler, yueyang_evaluation):
    SelfEvaluation.objects.filter(pk=yueyang_evaluation.pk).update(status=Status.APPROVED)
    response = client_for(yueyang_filler).post(f"/documents/{yueyang_evaluation.pk}/", {"analysis_text": "改了"}, follow=True)
    assert "文字未保存：自评状态为“已审核”，不能修改。如需修改，请本单位审核人（撤销审核、重新打开）。" in response.content.decode()
    yueyang_evaluation.refresh_from_db()
    assert yueyang_evaluation.analysis_text == ""


def test_outsiders_cannot_edit(client_for, outsider, draft):
    assert client_for(outsider).post(f"/documents/{draft.pk}/", {"analysis_text": "x"}).status_code == 404
    draft.refresh_from_db()
    assert draft.analysis_text == ""
