"""A county reports its figures, narratives and evidence; sees its own thresholds met or not; the deadline and the
office's return decide when it may change them."""

import io
import zipfile
from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.assessment.models import Evidence, MeasureValue, Submission, SubmissionStatus, UnitAttribute

SHANGHAI = ZoneInfo("Asia/Shanghai")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32



def revision_of(round_, unit) -> int:
    """The revision the county's form carries, as the page would post it."""
    from jixiao.assessment.models import Submission

    return Submission.objects.filter(round=round_, unit=unit).values_list("revision", flat=True).first() or 0

def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def measure(scheme, code):
    return next(m for item in scheme.items.all() for m in item.measures.all() if m.code == code)


def submission_url(round_, unit, suffix=""):
    return f"/assessment/rounds/{round_.pk}/units/{unit.pk}/{suffix}"


def page_rows(response):
    """(measure, threshold, met) as the page shows them, from the view's context."""
    return {
        row.measure.code: (row.threshold_text, row.typed, row.met_label)
        for item_row in response.context["rows"] for row in item_row.measures
    }


def test_donghai_sees_its_own_thresholds_and_whether_its_figures_meet_them(round_2018, donghai_filler, client_for, units):
    client = client_for(donghai_filler)
    scheme = round_2018.scheme
    response = client.post(submission_url(round_2018, units["donghai"]), {"revision": revision_of(round_2018, units["donghai"]),
        f"measure-{measure(scheme, 'academic_exchanges').pk}": "5",
        f"measure-{measure(scheme, 'information_pushes').pk}": "12",
        f"narrative-{scheme.items.get(number=5).pk}": "举办学术交流活动5场。",
        "summary": "全年工作总结",
    })
    assert response.status_code == 302

    rows = page_rows(client.get(submission_url(round_2018, units["donghai"])))
    assert rows["academic_exchanges"] == ("不少于6场次", "5", "未达到")
    assert rows["information_pushes"] == ("不少于10家", "12", "达到")
    assert rows["family_farms"] == ("不少于2家", "", "未填写")
    assert rows["grassroots_events"] == ("待登记是否有科普大篷车", "", "门槛待定")


def test_lianyun_has_its_own_lower_thresholds_and_no_family_farm_target(round_2018, units, client_for, django_user_model):
    from jixiao.units.models import Role, RoleKind

    filler = django_user_model.objects.create_user("lianyun_filler")
    Role.objects.create(user=filler, unit=units["lianyun"], kind=RoleKind.FILLER)
    UnitAttribute.objects.create(unit=units["lianyun"], year=2018, code="has_science_caravan", value=False)

    rows = page_rows(client_for(filler).get(submission_url(round_2018, units["lianyun"])))

    assert rows["academic_exchanges"][0] == "不少于4场次"
    assert rows["information_pushes"][0] == "不少于6家"
    assert rows["family_farms"] == ("本单位无此项门槛", "", "无门槛")
    assert rows["grassroots_events"][0] == "不少于12场次"


def test_a_figure_that_is_not_a_number_is_refused_beside_its_field_and_nothing_typed_is_lost(round_2018, donghai_filler, client_for, units):
    client = client_for(donghai_filler)
    scheme = round_2018.scheme
    exchanges, pushes = measure(scheme, "academic_exchanges"), measure(scheme, "information_pushes")

    response = client.post(submission_url(round_2018, units["donghai"]), {"revision": revision_of(round_2018, units["donghai"]),
        f"measure-{exchanges.pk}": "六场",
        f"measure-{pushes.pk}": "12",
        "summary": "总结草稿",
    })

    assert response.status_code == 422
    rows = {row.measure.code: row for item_row in response.context["rows"] for row in item_row.measures}
    assert (rows["academic_exchanges"].typed, rows["academic_exchanges"].error) == ("六场", "请输入数字，如 6")
    assert rows["information_pushes"].typed == "12"
    assert response.context["summary"] == "总结草稿"
    assert "请输入数字，如 6" in response.content.decode()
    # All or nothing: the valid figure was not stored either.
    assert MeasureValue.objects.count() == 0


def upload(client, round_, unit, name, content, item=None):
    data = {"file": SimpleUploadedFile(name, content)}
    if item is not None:
        data["item"] = item.pk
    return client.post(submission_url(round_, unit, "evidence/"), data, follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_evidence_is_accepted_by_its_content(round_2018, donghai_filler, client_for, units):
    client = client_for(donghai_filler)
    item_5 = round_2018.scheme.items.get(number=5)

    upload(client, round_2018, units["donghai"], "学术交流台账.pdf", PDF, item_5)
    upload(client, round_2018, units["donghai"], "活动照片.png", PNG, item_5)
    upload(client, round_2018, units["donghai"], "统计表.docx", docx_bytes())

    assert sorted(Evidence.objects.values_list("original_name", "kind")) == [
        ("学术交流台账.pdf", "pdf"), ("活动照片.png", "png"), ("统计表.docx", "docx"),
    ]
    evidence = Evidence.objects.get(kind="pdf")
    download = client.get(f"/assessment/evidence/{evidence.pk}/")
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF


def test_evidence_whose_content_is_not_what_its_name_says_is_refused(round_2018, donghai_filler, client_for, units):
    client = client_for(donghai_filler)

    renamed_program = upload(client, round_2018, units["donghai"], "台账.pdf", b"MZ\x90\x00 not a pdf")
    picture_named_pdf = upload(client, round_2018, units["donghai"], "台账.pdf", PNG)
    zip_named_docx = upload(client, round_2018, units["donghai"], "台账.docx", b"PK\x03\x04garbage")

    assert messages_of(renamed_program) == ["文件「台账.pdf」不是可接受的类型（PDF、Word（docx）、Excel（xlsx）、JPG 图片、PNG 图片）；按文件内容判断，与扩展名无关"]
    assert messages_of(picture_named_pdf) == ["文件「台账.pdf」的内容是 PNG 图片，扩展名却是“.pdf”；请改正扩展名后再上传"]
    assert messages_of(zip_named_docx)[0].startswith("文件「台账.docx」不是可接受的类型")
    assert Evidence.objects.count() == 0


def test_evidence_over_the_size_limit_is_refused(round_2018, donghai_filler, client_for, units, monkeypatch):
    monkeypatch.setattr("jixiao.assessment.submissions.EVIDENCE_MAX_BYTES", 1024)
    response = upload(client_for(donghai_filler), round_2018, units["donghai"], "大文件.pdf", PDF + b"0" * 2048)

    assert messages_of(response) == ["文件过大（2 KB），上限 1 KB"]
    assert Evidence.objects.count() == 0


def test_after_the_deadline_the_county_can_no_longer_change_its_submission(round_2018, donghai_filler, client_for, units):
    round_2018.submission_deadline = datetime(2019, 1, 10, 17, 0, tzinfo=SHANGHAI)
    round_2018.save()
    client = client_for(donghai_filler)
    exchanges = measure(round_2018.scheme, "academic_exchanges")

    with time_machine.travel(datetime(2019, 1, 10, 16, 59, tzinfo=SHANGHAI)):
        assert client.post(submission_url(round_2018, units["donghai"]), {"revision": revision_of(round_2018, units["donghai"]), f"measure-{exchanges.pk}": "7"}).status_code == 302

    with time_machine.travel(datetime(2019, 1, 10, 17, 1, tzinfo=SHANGHAI)):
        page = client.get(submission_url(round_2018, units["donghai"]))
        late = client.post(submission_url(round_2018, units["donghai"]), {"revision": revision_of(round_2018, units["donghai"]), f"measure-{exchanges.pk}": "9"})
        late_file = upload(client, round_2018, units["donghai"], "补充台账.pdf", PDF)

    assert page.context["locked"] == "已过填报截止时间（2019-01-10 17:00），不能再修改"
    assert page.context["editable"] is False
    assert late.status_code == 409
    assert messages_of(late_file) == ["已过填报截止时间（2019-01-10 17:00），不能再修改"]
    assert list(MeasureValue.objects.values_list("value", flat=True)) == [7]


def test_the_office_returns_a_submitted_report_with_a_comment_and_the_county_may_change_it_again(
    round_2018, donghai_filler, lianyungang_office, client_for, units, client
):
    round_2018.submission_deadline = datetime(2019, 1, 10, 17, 0, tzinfo=SHANGHAI)
    round_2018.save()
    exchanges = measure(round_2018.scheme, "academic_exchanges")
    with time_machine.travel(datetime(2019, 1, 9, 9, 0, tzinfo=SHANGHAI)):
        county = client_for(donghai_filler)
        county.post(submission_url(round_2018, units["donghai"]), {"revision": revision_of(round_2018, units["donghai"]), f"measure-{exchanges.pk}": "5"})
        county.post(submission_url(round_2018, units["donghai"], "submit/"))
        locked = county.get(submission_url(round_2018, units["donghai"])).context["locked"]

    with time_machine.travel(datetime(2019, 1, 11, 9, 0, tzinfo=SHANGHAI)):
        office = client_for(lianyungang_office)
        office.post(submission_url(round_2018, units["donghai"], "return/"), {"comment": "第5项缺少台账"})
        county = client_for(donghai_filler)
        page = county.get(submission_url(round_2018, units["donghai"]))
        county.post(submission_url(round_2018, units["donghai"]), {"revision": revision_of(round_2018, units["donghai"]), f"measure-{exchanges.pk}": "6"})

    assert locked == "已报送；如需修改，请联系考核办公室退回"
    assert "考核办公室退回意见：第5项缺少台账" in page.content.decode()
    assert page.context["editable"] is True
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.RETURNED
    assert list(MeasureValue.objects.values_list("value", flat=True)) == [6]
    # Every change of a figure is recorded: 5, then 6.
    assert [record.value for record in MeasureValue.history.order_by("history_date")] == [5, 6]


def test_a_return_needs_a_comment(round_2018, donghai_filler, lianyungang_office, client_for, units):
    client_for(donghai_filler).post(submission_url(round_2018, units["donghai"], "submit/"))
    response = client_for(lianyungang_office).post(submission_url(round_2018, units["donghai"], "return/"), {"comment": " "}, follow=True)

    assert messages_of(response)[-1] == "请填写退回意见，说明需要修改的地方"
    assert Submission.objects.get().status == SubmissionStatus.SUBMITTED


def test_a_county_cannot_see_another_countys_submission(round_2018, donghai_filler, guanyun_filler, client_for, units):
    client_for(guanyun_filler).post(submission_url(round_2018, units["guanyun"]), {"revision": revision_of(round_2018, units["guanyun"]), "summary": "灌云的总结"})
    client = client_for(donghai_filler)

    assert client.get(submission_url(round_2018, units["guanyun"])).status_code == 404
    assert client.post(submission_url(round_2018, units["guanyun"]), {"revision": revision_of(round_2018, units["guanyun"]), "summary": "改写"}).status_code == 404
    assert Submission.objects.get(unit=units["guanyun"]).summary == "灌云的总结"
    evidence_upload = client.post(submission_url(round_2018, units["guanyun"], "evidence/"), {"file": SimpleUploadedFile("a.pdf", PDF)})
    assert evidence_upload.status_code == 404


def test_the_office_reads_a_submission_but_does_not_change_it(round_2018, donghai_filler, lianyungang_office, client_for, units):
    client_for(donghai_filler).post(submission_url(round_2018, units["donghai"]), {"revision": revision_of(round_2018, units["donghai"]), "summary": "东海总结"})
    office = client_for(lianyungang_office)

    page = office.get(submission_url(round_2018, units["donghai"]))
    change = office.post(submission_url(round_2018, units["donghai"]), {"revision": revision_of(round_2018, units["donghai"]), "summary": "考核办改写"})

    assert page.status_code == 200 and page.context["editable"] is False
    assert change.status_code == 404
    assert Submission.objects.get().summary == "东海总结"


def test_two_people_on_the_county_submission(round_2018, donghai_filler, session_of, units, django_user_model):
    from jixiao.assessment.models import MeasureValue
    from jixiao.units.models import Role, RoleKind

    colleague = django_user_model.objects.create_user("donghai_colleague")
    Role.objects.create(user=colleague, unit=units["donghai"], kind=RoleKind.FILLER)
    exchanges = measure(round_2018.scheme, "academic_exchanges")
    url = submission_url(round_2018, units["donghai"])
    shown = revision_of(round_2018, units["donghai"])
    assert session_of(donghai_filler).post(url, {f"measure-{exchanges.pk}": "7", "summary": "甲", "revision": shown}).status_code == 302
    response = session_of(colleague).post(url, {f"measure-{exchanges.pk}": "9", "revision": shown})
    page = response.content.decode()
    assert response.status_code == 409
    assert "其他人已修改了本单位的填报" in page and "他人已改为：7" in page
    assert MeasureValue.objects.get(measure=exchanges).value == 7
    # A field missing from the post keeps its stored value: the summary stays.
    assert session_of(colleague).post(url, {f"measure-{exchanges.pk}": "9", "revision": shown + 1}).status_code == 302
    assert MeasureValue.objects.get(measure=exchanges).value == 9
    from jixiao.assessment.models import Submission

    assert Submission.objects.get(round=round_2018, unit=units["donghai"]).summary == "甲"


def test_a_refused_save_then_submit_sends_nothing(round_2018, donghai_filler, client_for, units):
    from jixiao.assessment.models import Submission, SubmissionStatus

    client = client_for(donghai_filler)
    exchanges = measure(round_2018.scheme, "academic_exchanges")
    url = submission_url(round_2018, units["donghai"])
    typed = {f"measure-{exchanges.pk}": "六场", "revision": revision_of(round_2018, units["donghai"])}
    assert client.post(url, typed).status_code == 422
    response = client.post(submission_url(round_2018, units["donghai"], "submit/"), typed, follow=True)
    assert "未报送：页面上有 1 个数值尚未保存或填写有误。请先保存，再报送。" in response.content.decode()
    assert Submission.objects.get(round=round_2018, unit=units["donghai"]).status == SubmissionStatus.DRAFT
