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


def test_reviewer_downloads_the_pdf(soffice, client_for, yueyang_reviewer, yueyang_evaluation):
    response = client_for(yueyang_reviewer).get(f"/documents/{yueyang_evaluation.pk}/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_no_soffice_means_no_pdf(monkeypatch):
    monkeypatch.setattr(generate, "soffice_path", lambda: None)
    assert generate.to_pdf(b"not a document") is None
