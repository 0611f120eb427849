"""The report opens in LibreOffice: converted to PDF without error where soffice is installed."""

import pytest

from jixiao.documents import generate


@pytest.fixture
def soffice():
    if generate.soffice_path() is None:
        pytest.skip("PDF 测试跳过：未安装 LibreOffice（soffice），可安装 libreoffice-writer-nogui 后运行")


def test_report_converts_to_pdf(soffice, yueyang_evaluation):
    pdf = generate.to_pdf(generate.self_evaluation_report_docx(yueyang_evaluation))
    assert pdf is not None and pdf.startswith(b"%PDF")
    assert len(pdf) > 10_000


def test_project_table_converts_to_pdf(soffice, lishui_talent_evaluation):
    pdf = generate.to_pdf(generate.project_self_evaluation_docx(lishui_talent_evaluation))
    assert pdf is not None and pdf.startswith(b"%PDF")


def test_reviewer_gets_the_pdf_through_the_queue(soffice, settings, tmp_path, client_for, yueyang_reviewer,
                                                yueyang_evaluation):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(yueyang_reviewer)
    url = f"/documents/{yueyang_evaluation.pk}/report.pdf"
    # The immediate backend of the tests runs the conversion at once; the page then offers the file.
    first = client.get(url)
    assert first.status_code == 200 and "PDF 已生成" in first.content.decode()
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # Cached by content: one PDF stored, under the hash of the report it was made from.
    stored = list((tmp_path / "documents" / "pdf").glob("*.pdf"))
    assert len(stored) == 1
    # A changed report (edited text) is a new PDF, not the cached one.
    yueyang_evaluation.summary_text = "市科协是市委领导下的人民团体。"
    yueyang_evaluation.save()
    assert "PDF 已生成" in client.get(url).content.decode()
    assert len(list((tmp_path / "documents" / "pdf").glob("*.pdf"))) == 2


def test_pdf_link_answers_at_once_with_progress_while_the_queue_works(
    soffice, settings, tmp_path, held_pdf_queue, client_for, yueyang_reviewer, yueyang_evaluation
):
    """With a real queue the worker converts later: the page answers at once and polls for the result."""
    settings.MEDIA_ROOT = tmp_path
    queued = held_pdf_queue.queued
    client = client_for(yueyang_reviewer)
    response = client.get(f"/documents/{yueyang_evaluation.pk}/report.pdf")
    page = response.content.decode()
    assert response.status_code == 200 and "正在生成 PDF" in page
    assert f'hx-get="/documents/{yueyang_evaluation.pk}/report.pdf/status"' in page and 'hx-trigger="every 1s"' in page
    assert len(queued) == 1
    # Asking again does not queue the same conversion twice.
    client.get(f"/documents/{yueyang_evaluation.pk}/report.pdf")
    assert len(queued) == 1
    status = client.get(f"/documents/{yueyang_evaluation.pk}/report.pdf/status").content.decode()
    assert "正在生成 PDF" in status
    # The worker runs the task: the poll now offers the file.
    held_pdf_queue.run(0)
    status = client.get(f"/documents/{yueyang_evaluation.pk}/report.pdf/status").content.decode()
    assert "PDF 已生成" in status and "hx-trigger" not in status


def test_pdf_uses_chinese_faces_never_a_japanese_one(soffice, yueyang_evaluation):
    import os
    import shutil
    import subprocess
    import tempfile

    if shutil.which("pdffonts") is None or not os.path.exists("/etc/fonts/conf.d/65-jixiao-official-fonts.conf"):
        pytest.skip("未安装 poppler-utils 或中文字体映射：请先运行 make document-deps")
    pdf = generate.to_pdf(generate.self_evaluation_report_docx(yueyang_evaluation))
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        fonts = subprocess.run(["pdffonts", handle.name], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert names, fonts
    assert not [name for name in names if "jp" in name.lower() or "JP" in name], fonts
    assert any("UMing" in name or "Serif" in name or "Kai" in name for name in names), fonts


def test_a_failed_conversion_leaves_no_temporary_files(monkeypatch, tmp_path):
    import subprocess
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(generate, "soffice_path", lambda: "/usr/bin/soffice")

    def fail(*args, **kwargs):
        raise subprocess.TimeoutExpired("soffice", 1)

    monkeypatch.setattr(subprocess, "run", fail)
    assert generate.to_pdf(b"PK docx bytes") is None
    assert list(tmp_path.iterdir()) == []


def test_no_soffice_means_no_pdf(monkeypatch):
    monkeypatch.setattr(generate, "soffice_path", lambda: None)
    assert generate.to_pdf(b"not a document") is None
