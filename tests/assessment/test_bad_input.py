"""Garbage the issue found giving a 500 in the assessment: a Chinese message, no 500, nothing stored changed."""

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.assessment.models import Evidence, Judge, MeasureValue, Round
from tests.assessment.test_submissions import PDF, measure, revision_of, submission_url
from tests.test_access_sweep import LinkCollector


def told(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_removing_a_judge_named_abc_is_refused_with_a_message(round_2018, city_judge, lianyungang_office, client_for):
    response = client_for(lianyungang_office).post(f"/assessment/rounds/{round_2018.pk}/judges/", {"remove": "abc"})
    assert response.status_code == 302
    assert told(response) == ["要移出的评委不在本轮名单中，请刷新页面。"]
    assert Judge.objects.filter(round=round_2018).count() == 1


def test_evidence_for_item_abc_is_refused_and_no_file_is_kept(round_2018, donghai_filler, client_for, units, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = client_for(donghai_filler).post(submission_url(round_2018, units["donghai"], "evidence/"),
                                                {"item": "abc", "file": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 302
    assert told(response) == ["所选考核项目不存在，请刷新页面后重新选择。"]
    assert not Evidence.objects.exists()
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


def test_a_deadline_of_year_one_or_9999_is_refused_with_the_range(issued_2018, round_2018, lianyungang_office, client_for):
    client = client_for(lianyungang_office)
    before = Round.objects.get(pk=round_2018.pk).submission_deadline
    for typed in ["0001-01-01T00:00", "9999-12-31T23:59"]:
        response = client.post(f"/assessment/rounds/{round_2018.pk}/status/", {"action": "deadline", "deadline": typed})
        assert response.status_code == 302
        assert told(response)[-1] == "填报截止时间超出范围：日期须在 2000-01-01 至 2099-12-31 之间。"
    assert Round.objects.get(pk=round_2018.pk).submission_deadline == before


def test_opening_a_round_with_a_deadline_of_year_one_is_refused(issued_2018, lianyungang_office, client_for):
    response = client_for(lianyungang_office).post(f"/assessment/schemes/{issued_2018.pk}/open-round/", {"deadline": "0001-01-01T00:00"})
    assert response.status_code == 302
    assert told(response) == ["填报截止时间超出范围：日期须在 2000-01-01 至 2099-12-31 之间。"]
    assert not Round.objects.exists()


def test_1e30_as_a_measure_is_refused_beside_its_field(round_2018, donghai_filler, client_for, units):
    exchanges = measure(round_2018.scheme, "academic_exchanges")
    response = client_for(donghai_filler).post(submission_url(round_2018, units["donghai"]), {
        "revision": revision_of(round_2018, units["donghai"]), f"measure-{exchanges.pk}": "1e30"})
    assert response.status_code == 422
    # "1e30" is not how anyone writes a count: the one number reader refuses it as not a number.
    assert "请输入数字，如 6" in response.content.decode()
    assert not MeasureValue.objects.exists()


def test_1e30_as_points_and_an_overlong_name_are_refused_in_the_scheme_editor(draft_2018, lianyungang_office, client_for):
    client = client_for(lianyungang_office)
    item = draft_2018.items.first()
    category = draft_2018.categories.first()
    collector = LinkCollector()
    collector.feed(client.get(f"/assessment/schemes/{draft_2018.pk}/edit/").content.decode())
    data = dict(max((fields for _, fields in collector.posts), key=len))  # the editor's form, as shown
    data.update({f"item-{item.pk}-points": "1e30", f"category-{category.pk}-name": "长" * 300})
    response = client.post(f"/assessment/schemes/{draft_2018.pk}/edit/", data)
    page = response.content.decode()
    assert response.status_code in (200, 400)
    assert "请输入数字，如 6" in page  # "1e30" is not a number to the one reader
    assert "不超过 100 字符 (目前字符数 300)" in page
    item.refresh_from_db()
    category.refresh_from_db()
    assert item.points < 1000 and len(category.name) < 300
