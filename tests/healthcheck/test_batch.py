"""Batches through the task queue (the immediate backend in tests): every file ends done or refused, counted once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.healthcheck import tasks
from jixiao.healthcheck.models import HealthcheckBatch, HealthcheckReport, ReportStatus
from tests.healthcheck.helpers import ALL, GANZHOU, JIANGMEN, LIANYUNGANG, LISHUI, YUEYANG, seed_bytes

pytestmark = pytest.mark.django_db


def test_five_documents_and_a_bad_one_all_end_done_with_counts(client_for, outsider):
    files = [SimpleUploadedFile(name, seed_bytes(name)) for name in ALL]
    files.append(SimpleUploadedFile("坏文件.pdf", b"%PDF-1.4 not really"))
    response = client_for(outsider).post("/healthcheck/", {"reports": files})
    batch = HealthcheckBatch.objects.get(owner=outsider)
    assert response.status_code == 302
    assert (batch.total, batch.done) == (6, 6)
    reports = {r.filename: r for r in batch.reports.all()}
    counts = {name: (r.status, r.unit, r.year, r.errors, r.warnings, r.hints) for name, r in reports.items()}
    assert counts == {
        GANZHOU: ("done", "赣州市科协", 2018, 0, 2, 0),
        JIANGMEN: ("done", "江门市科协", 2022, 0, 1, 1),  # 没有指标表 is a hint since issue 14
        LISHUI: ("done", "丽水市科协", 2020, 0, 2, 2),
        YUEYANG: ("done", "岳阳市科协", 2017, 0, 9, 0),
        LIANYUNGANG: ("done", "连科协", 2018, 0, 0, 0),
        "坏文件.pdf": ("refused", "", None, 0, 0, 0),
    }
    assert reports["坏文件.pdf"].message.endswith("（文件已损坏或已加密）。")
    # The uploaded bytes are not kept once checked; the result is.
    assert all(bytes(r.data) == b"" for r in reports.values())
    assert {"考核类别 5 类 23 项：13+28+26+7+26 = 100 分", "加分项目 3 项：4+4+2 = 10 分"} <= set(reports[LIANYUNGANG].facts)
    assert len(reports[YUEYANG].result["blocks"]) == 307


def pending_batch(user, *names):
    batch = HealthcheckBatch.objects.create(owner=user, total=len(names))
    for position, name in enumerate(names, start=1):
        HealthcheckReport.objects.create(batch=batch, position=position, filename=name, data=seed_bytes(name))
    return batch


def test_progress_polls_until_done_then_reloads(client_for, outsider):
    batch = pending_batch(outsider, JIANGMEN, GANZHOU)
    client = client_for(outsider)
    page = client.get(f"/healthcheck/{batch.pk}/").content.decode()
    assert f'hx-get="/healthcheck/{batch.pk}/progress/" hx-trigger="every 1s"' in page
    assert "已处理 <strong>0</strong> / 2 个文件" in page
    assert page.count("排队检查中…") == 2

    first = batch.reports.get(filename=JIANGMEN)
    tasks.check_report_task.enqueue(first.pk)
    fragment = client.get(f"/healthcheck/{batch.pk}/progress/")
    assert "HX-Refresh" not in fragment
    html = fragment.content.decode()
    assert "已处理 <strong>1</strong> / 2 个文件" in html and 'style="width: 50%"' in html
    assert "江门市科协" in html and html.count("排队检查中…") == 1

    tasks.check_report_task.enqueue(batch.reports.get(filename=GANZHOU).pk)
    fragment = client.get(f"/healthcheck/{batch.pk}/progress/")
    assert fragment["HX-Refresh"] == "true"
    assert "hx-trigger" not in fragment.content.decode()
    assert "hx-trigger" not in client.get(f"/healthcheck/{batch.pk}/").content.decode()


def test_a_task_run_twice_counts_once(outsider):
    batch = pending_batch(outsider, JIANGMEN)
    report = batch.reports.get()
    assert tasks.check_stored_report(report.pk) == "done"
    assert tasks.check_stored_report(report.pk) == "missing"
    batch.refresh_from_db()
    assert (batch.total, batch.done) == (1, 1)


def test_an_unexpected_engine_error_is_a_refusal_not_a_stuck_batch(outsider, monkeypatch):
    batch = pending_batch(outsider, JIANGMEN)

    def broken(filename, data):
        raise RuntimeError("bug")

    monkeypatch.setattr(tasks, "check_report", broken)
    tasks.check_report_task.enqueue(batch.reports.get().pk)
    report = batch.reports.get()
    batch.refresh_from_db()
    assert batch.done == 1
    assert report.status == ReportStatus.REFUSED and report.message == tasks.UNEXPECTED


def test_large_batch_links_each_report_instead_of_inlining(client_for, outsider):
    names = [JIANGMEN] * 21
    files = [SimpleUploadedFile(f"{i:02d}-{name}", seed_bytes(name)) for i, name in enumerate(names)]
    client = client_for(outsider)
    response = client.post("/healthcheck/", {"reports": files})
    batch = HealthcheckBatch.objects.get(owner=outsider)
    html = client.get(response["Location"]).content.decode()
    assert (batch.total, batch.done) == (21, 21)
    first = batch.reports.get(position=1)
    assert f'<a href="/healthcheck/{batch.pk}/{first.pk}/">00-{JIANGMEN}</a>' in html
    assert "<mark" not in html
    assert "点击文件名查看每份报告的全文和问题" in html


def test_more_than_the_file_limit_is_refused(client_for, outsider, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    files = [SimpleUploadedFile(f"{i}.txt", b"x") for i in range(4)]
    response = client_for(outsider).post("/healthcheck/", {"reports": files})
    assert response.status_code == 400
    assert "一次最多上传 100 个文件，请分批上传。" in response.content.decode()
    assert not HealthcheckBatch.objects.exists()
