"""Downloading the documents: a role on the goal's unit is needed; outsiders get 404 for every URL."""

import io
import re
from urllib.parse import quote

import pytest
from docx import Document
from openpyxl import load_workbook

from jixiao.documents import generate

NAMES = ["report.docx", "basic-table.xlsx", "basic-table.docx", "project-table.xlsx", "project-table.docx", "report.pdf"]


@pytest.fixture
def no_soffice(monkeypatch):
    monkeypatch.setattr(generate, "soffice_path", lambda: None)


@pytest.mark.parametrize("name", NAMES)
def test_outsider_gets_404_for_every_document(client_for, outsider, yueyang_evaluation, name):
    response = client_for(outsider).get(f"/documents/{yueyang_evaluation.pk}/{name}")
    assert response.status_code == 404


def test_outsider_gets_404_for_the_documents_page(client_for, outsider, yueyang_evaluation):
    assert client_for(outsider).get(f"/documents/{yueyang_evaluation.pk}/").status_code == 404


def test_another_units_filler_gets_404(client_for, lishui_filler, yueyang_evaluation):
    assert client_for(lishui_filler).get(f"/documents/{yueyang_evaluation.pk}/report.docx").status_code == 404


def test_anonymous_is_sent_to_log_in(client, yueyang_evaluation):
    response = client.get(f"/documents/{yueyang_evaluation.pk}/report.docx")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_finance_officer_downloads_the_report_with_a_chinese_file_name(client_for, finance_officer, yueyang_evaluation):
    response = client_for(finance_officer).get(f"/documents/{yueyang_evaluation.pk}/report.docx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    filename = "岳阳市科学技术协会2017年度部门整体支出绩效自评报告.docx"
    assert f"filename*=utf-8''{quote(filename)}" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    assert any(cell.text == "98.00" for table in document.tables for row in table.rows for cell in row.cells)


def test_finance_officer_and_filler_download_the_tables(
    client_for, finance_officer, lishui_filler, yueyang_evaluation, lishui_talent_evaluation
):
    for user, evaluation, kind in ((finance_officer, yueyang_evaluation, "basic-table"),
                                   (lishui_filler, lishui_talent_evaluation, "project-table")):
        client = client_for(user)
        response = client.get(f"/documents/{evaluation.pk}/{kind}.xlsx")
        assert response.status_code == 200
        load_workbook(io.BytesIO(response.content))
        response = client.get(f"/documents/{evaluation.pk}/{kind}.docx")
        assert response.status_code == 200
        Document(io.BytesIO(response.content))


def test_a_unit_year_has_no_project_form_and_a_project_no_department_table(
    client_for, finance_officer, lishui_filler, yueyang_evaluation, lishui_talent_evaluation
):
    assert client_for(finance_officer).get(f"/documents/{yueyang_evaluation.pk}/project-table.xlsx").status_code == 404
    assert client_for(lishui_filler).get(f"/documents/{lishui_talent_evaluation.pk}/basic-table.docx").status_code == 404


def test_file_names_never_say_the_year_twice(yueyang_evaluation, lishui_talent_evaluation):
    from jixiao.documents.views import documents_for, filename_for

    names = [filename_for(evaluation, name) for evaluation in (yueyang_evaluation, lishui_talent_evaluation)
             for name in documents_for(evaluation)]
    assert "岳阳市科学技术协会2017年度部门整体支出绩效自评报告.pdf" in names
    assert "丽水市科学技术协会2020年度人才发展专项项目支出绩效自评表.xlsx" in names
    assert "丽水市科学技术协会2020年度人才发展专项项目绩效自评报告.docx" in names
    assert not any(re.search(r"(\d{4}年度).*\1", name) for name in names)


def test_project_table_file_name_carries_the_project(client_for, lishui_filler, lishui_talent_evaluation):
    response = client_for(lishui_filler).get(f"/documents/{lishui_talent_evaluation.pk}/project-table.xlsx")
    assert response.status_code == 200
    assert quote("丽水市科学技术协会2020年度人才发展专项项目支出绩效自评表.xlsx") in response["Content-Disposition"]


def test_pdf_without_libreoffice_is_a_404_page_that_says_why(client_for, yueyang_reviewer, yueyang_evaluation, no_soffice):
    response = client_for(yueyang_reviewer).get(f"/documents/{yueyang_evaluation.pk}/report.pdf")
    assert response.status_code == 404
    page = response.content.decode()
    assert "服务器未安装 LibreOffice" in page
    assert f"/documents/{yueyang_evaluation.pk}/report.docx" in page


def test_documents_page_lists_downloads_and_stale_figures(client_for, yueyang_filler, yueyang_evaluation):
    yueyang_evaluation.analysis_text = "2017年市科协整体支出1030.30万元。"
    yueyang_evaluation.save()
    page = client_for(yueyang_filler).get(f"/documents/{yueyang_evaluation.pk}/").content.decode()
    assert "岳阳市科学技术协会2017年度部门整体支出绩效自评报告.docx" in page
    assert "1030.30万元 与数据不符：支出合计现为 1003.30万元" in page
