"""The upload page and the batch result page, through the views: summaries, marks in the text, refusals."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.healthcheck.models import HealthcheckBatch, HealthcheckReport
from tests.healthcheck.helpers import JIANGMEN, YUEYANG, seed_bytes

pytestmark = pytest.mark.django_db


def upload(client, *files):
    return client.post("/healthcheck/", {"reports": list(files)})


def seed(name):
    return SimpleUploadedFile(name, seed_bytes(name), content_type="text/plain")


@pytest.fixture
def checked(client_for, finance_officer):
    client = client_for(finance_officer)
    response = upload(client, seed(JIANGMEN), seed(YUEYANG))
    batch = HealthcheckBatch.objects.get(owner=finance_officer)
    assert response.status_code == 302 and response["Location"] == f"/healthcheck/{batch.pk}/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    return batch, page.content.decode()


def summary_row(html, filename):
    row = re.search(r"<tr id=\"summary-\d+\">\s*<td class=\"label\"><a[^>]*>" + re.escape(filename) + r"</a>(.*?)</tr>", html, re.S)
    assert row, filename
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]


def test_upload_page_offers_several_files(client_for, outsider):
    html = client_for(outsider).get("/healthcheck/").content.decode()
    assert '<input type="file" name="reports" multiple' in html
    assert "每个不超过 20 MB" in html


def test_anonymous_is_sent_to_login(client):
    response = client.get("/healthcheck/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_two_seed_documents_give_two_summaries(checked):
    batch, html = checked
    assert (batch.total, batch.done) == (2, 2)
    jiangmen = summary_row(html, JIANGMEN)
    assert jiangmen[:6] == ["江门市科协", "2022", "项目支出绩效自评报告", "0", "1", "1"]
    assert "总体预算执行率 66.8%（实际支出 195.10 ÷ 预算 292.00 万元，共 3 项）" in jiangmen[6]
    assert "自评得分 95 分，等次“优秀”" in jiangmen[6]
    yueyang = summary_row(html, YUEYANG)
    assert yueyang[:6] == ["岳阳市科协", "2017", "部门整体支出绩效（自）评价报告", "0", "9", "0"]
    assert "自评得分 98 分，等次“优”" in yueyang[6]


def test_jiangmen_execution_rate_finding_is_marked_in_its_text(checked):
    _, html = checked
    # The score "95分" in 得分：95分。 carries the finding, with its message as the tooltip.
    mark = re.search(r'<mark class="sev-warning" title="([^"]*)">95分</mark>', html)
    assert mark, "95分 not marked"
    assert "总体预算执行率仅 66.8%（实际支出 195.10 ÷ 预算 292.00 万元），自评却为 95 分“优秀”" in mark.group(1)
    # The spending it is computed from is marked too: 年末实际支出106.13万元.
    assert re.search(r'<mark class="sev-warning" title="总体预算执行率仅 66.8%[^"]*">106.13万元</mark>', html)
    # The finding in the list links to its first mark, which exists in the text.
    link = re.search(r'<a href="#(r\d+-f\d+-m1)">总体预算执行率仅 66.8%', html)
    assert link and f'id="{link.group(1)}"' in html


def test_yueyang_balance_rounding_marked_and_table_kept_as_rows(checked):
    _, html = checked
    assert re.search(r'<mark class="sev-warning" title="[^"]*机关及二级机构汇总当年结余 83.62 ≠ 1086.91 − 1003.30 = 83.61，差 0.01（尾差）[^"]*">83.62</mark>', html)
    # 机关及二级机构汇总 | 1086.91 | 158.39 | 825.52 | | | 103.00 stays one table row.
    assert re.search(r'<tr><td[^>]*>机关及二级机构汇总</td><td[^>]*>(?:<span class="anchors">.*?</span></span>)?<mark[^>]*>1086.91</mark></td><td[^>]*>158.39</td>', html)
    assert "建议：" in html


def test_report_text_is_escaped(client_for, outsider):
    client = client_for(outsider)
    text = "<script>alert('x')</script> 某单位2021年项目支出绩效自评报告\n预算安排100万元，年末实际支出50万元。\n自评得分：95分，等次为优秀。\n"
    response = upload(client, SimpleUploadedFile("evil<b>.txt", text.encode(), content_type="text/plain"))
    html = client.get(response["Location"]).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "evil<b>" not in html and "evil&lt;b&gt;.txt" in html


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as entry:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(110):
                entry.write(chunk)
    return buffer.getvalue()


BAD_FILES = {
    "empty": ("空白.docx", b"", "是空文件（0 字节），没有可检查的内容"),
    "garbage": ("乱码.docx", bytes(range(256)) * 40, "乱码.docx"),
    "zip bomb": ("炸弹.docx", None, "解压后达"),
    "50 MB": ("巨大.txt", b"a" * (50 * 1024 * 1024), "超过单个文件上限 20 MB"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_refused_with_message(client_for, outsider, case):
    name, data, expected = BAD_FILES[case]
    if data is None:
        data = zip_bomb()
    client = client_for(outsider)
    response = upload(client, SimpleUploadedFile(name, data), seed(JIANGMEN))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    refused = HealthcheckReport.objects.get(filename=name)
    assert refused.status == "refused" and expected in refused.message
    assert re.search(r'<section class="card" id="refused">.*' + re.escape(name), html, re.S)
    assert expected in html
    # The good file of the same batch is checked all the same.
    assert summary_row(html, JIANGMEN)[0] == "江门市科协"


def test_no_file_chosen(client_for, outsider):
    response = client_for(outsider).post("/healthcheck/", {})
    assert response.status_code == 400
    assert "请选择要检查的报告文件。" in response.content.decode()


def test_batch_belongs_to_its_uploader(checked, client_for, yueyang_filler):
    batch, _ = checked
    report = batch.reports.first()
    client = client_for(yueyang_filler)
    for url in (f"/healthcheck/{batch.pk}/", f"/healthcheck/{batch.pk}/progress/", f"/healthcheck/{batch.pk}/{report.pk}/"):
        assert client.get(url).status_code == 404, url
    assert f"/healthcheck/{batch.pk}/" not in client.get("/healthcheck/").content.decode()


def test_one_report_page(checked, client):
    batch, _ = checked
    report = batch.reports.get(filename=JIANGMEN)
    html = client.get(f"/healthcheck/{batch.pk}/{report.pk}/").content.decode()
    assert "发现的问题（2 项）" in html
    assert "自评得分 95 分，但报告中没有绩效指标表（指标、目标值、实际完成值、得分），得分无从核对" in html


def test_overlapping_marks_split_and_escaped():
    from jixiao.healthcheck.views import Span, highlighted

    html = str(highlighted("a<b>c&d", [
        Span(1, 4, "hint", "提示<1>", "x1"),
        Span(3, 7, "error", "错误\"2\"", "x2"),
        Span(5, 99, "warning", "越界", "x3"),
    ]))
    assert html == (
        'a<span class="anchors"><span class="anchor" id="x1"></span></span>'
        '<mark class="sev-hint" title="提示&lt;1&gt;">&lt;b</mark>'
        '<span class="anchors"><span class="anchor" id="x2"></span></span>'
        '<mark class="sev-error" title="提示&lt;1&gt;\n错误&quot;2&quot;">&gt;</mark>'
        '<mark class="sev-error" title="错误&quot;2&quot;">c</mark>'
        '<span class="anchors"><span class="anchor" id="x3"></span></span>'
        '<mark class="sev-error" title="错误&quot;2&quot;\n越界">&amp;d</mark>'
    )
