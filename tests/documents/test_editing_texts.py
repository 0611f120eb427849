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


def test_two_people_on_the_report_texts(session_of, yueyang_filler, draft, units, django_user_model):
    from jixiao.units.models import Role, RoleKind

    colleague = django_user_model.objects.create_user("yueyang_colleague")
    Role.objects.create(user=colleague, unit=units["yueyang"], kind=RoleKind.FILLER)
    shown = draft.text_revision
    url = f"/documents/{draft.pk}/"
    assert session_of(yueyang_filler).post(url, {"summary_text": "甲写的综述", "revision": shown}).status_code == 302
    response = session_of(colleague).post(url, {"summary_text": "乙写的综述", "revision": shown})
    page = response.content.decode()
    assert response.status_code == 409
    assert "其他人已修改了报告文字" in page and "他人保存的“评价报告综述”：甲写的综述" in page and "乙写的综述</textarea>" in page
    draft.refresh_from_db()
    assert draft.summary_text == "甲写的综述"


def test_a_text_missing_from_the_post_is_not_blanked(client_for, yueyang_filler, draft):
    SelfEvaluation.objects.filter(pk=draft.pk).update(analysis_text="原有的分析")
    client_for(yueyang_filler).post(f"/documents/{draft.pk}/", {"summary_text": "新综述", "revision": draft.text_revision})
    draft.refresh_from_db()
    assert (draft.analysis_text, draft.summary_text) == ("原有的分析", "新综述")
