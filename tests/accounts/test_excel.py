"""Excel in and out of a unit-year: template, fill, upload; export; bad files; access."""

import io
import os
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from jixiao.accounts.excel import read_cell
from jixiao.accounts.models import Figure, UnitYear, UnitYearStatus
from jixiao.money import AmountError


@pytest.fixture
def yueyang_2017(source_accounts):
    return UnitYear.objects.get(unit=source_accounts["yueyang"], fiscal_year=2017)


def url(unit_year, what):
    return f"/accounts/{unit_year.unit_id}/{unit_year.fiscal_year}/excel/{what}/"


def download(client, unit_year, what="template"):
    response = client.get(url(unit_year, what))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return openpyxl.load_workbook(io.BytesIO(response.content))


def upload(client, unit_year, workbook, name="岳阳2017.xlsx"):
    if isinstance(workbook, openpyxl.Workbook):
        buffer = io.BytesIO()
        workbook.save(buffer)
        workbook = buffer.getvalue()
    handle = io.BytesIO(workbook)
    handle.name = name
    return client.post(url(unit_year, "import"), {"workbook": handle})


def column(ws, label):
    """The column letter of a header, as a clerk finds it on row 2."""
    for cell in ws[2]:
        if cell.value == label:
            return cell.column_letter
    raise AssertionError(f"no column {label}")


def row_of(ws, label):
    for cell in ws["A"]:
        if cell.value == label:
            return cell.row
    raise AssertionError(f"no row {label}")


def at(ws, row_label, column_label):
    return ws[f"{column(ws, column_label)}{row_of(ws, row_label)}"]


def snapshot(unit_year):
    """Everything an import could change: the page's figures, revision and history rows."""
    years = UnitYear.objects.filter(unit__path__startswith=unit_year.unit.path, fiscal_year=unit_year.fiscal_year)
    figures = sorted(Figure.objects.filter(unit_year__in=years).values_list("unit_year_id", "line", "amount"))
    return figures, UnitYear.objects.get(pk=unit_year.pk).revision, Figure.history.count()


def listed_errors(response):
    return re.findall(r'<li class="sev-error">([^<]*)</li>', response.content.decode())


def amount(unit_year, code, unit=None):
    year = unit_year if unit is None else UnitYear.objects.get(unit=unit, fiscal_year=unit_year.fiscal_year)
    figure = Figure.objects.filter(unit_year=year, line=code).first()
    return None if figure is None else figure.amount


def test_the_page_offers_the_three_excel_links(client_for, yueyang_filler, yueyang_2017):
    html = client_for(yueyang_filler).get(f"/accounts/{yueyang_2017.unit_id}/2017/").content.decode()
    for label, what in (("下载Excel模板", "template"), ("导出Excel", "export"), ("导入Excel", "import")):
        assert f'href="{url(yueyang_2017, what)}">{label}</a>' in html


def test_the_template_is_laid_out_like_the_page_with_stored_figures(client_for, yueyang_filler, yueyang_2017):
    workbook = download(client_for(yueyang_filler), yueyang_2017)
    assert workbook.sheetnames[:5] == ["收入", "支出和结余", "三公经费", "固定资产", "预算数"]
    income = workbook["收入"]
    assert [income.cell(row, 1).value for row in range(4, 9)] == ["合计", "科协机关", "科技活动管理中心", "科技馆", "下属单位加总（计算值）"]
    assert income["A4"].value == "合计" and income["B2"].value == "收入合计" and income["D2"].value == "财政拨款收入"
    assert income["B4"].value == 1086.91 and income["D5"].value == 507.07
    expenditure = workbook["支出和结余"]
    assert at(expenditure, "合计", "支出合计").value == 1003.30
    assert at(expenditure, "合计", "当年结余").value == 83.62
    # The computed total beside the stated one: a formula (it follows what is
    # typed in Excel), locked, grey, ignored on import.
    computed = at(expenditure, "科技馆", "支出合计（计算值）")
    assert computed.value == (
        "=IF(COUNT('支出和结余'!C7,'支出和结余'!D7,'支出和结余'!E7,'支出和结余'!F7,'支出和结余'!G7)=0,\"\","
        "SUM(IF('支出和结余'!K7=\"\",N('支出和结余'!C7),'支出和结余'!K7),'支出和结余'!F7,'支出和结余'!G7))"
    )
    assert computed.protection.locked and computed.fill.fgColor.rgb.endswith("E7E6E6")
    assert not at(expenditure, "科技馆", "项目支出").protection.locked
    assert expenditure.protection.sheet
    assert workbook["_jixiao"].sheet_state == "hidden"
    key_column = column(income, "行标识（勿改）")
    assert income.column_dimensions[key_column].hidden
    assert income[f"{key_column}4"].value == yueyang_2017.pk


def test_template_filled_and_uploaded_changes_the_figures_and_writes_history(client_for, yueyang_filler, yueyang_2017, units):
    client = client_for(yueyang_filler)
    workbook = download(client, yueyang_2017)
    expenditure, income = workbook["支出和结余"], workbook["收入"]
    at(expenditure, "科技馆", "项目支出").value = 1239.23
    at(income, "科协机关", "财政拨款收入").value = "1,086.91"
    at(income, "合计", "经营收入及其他收入").value = None
    # Typing over a computed cell changes nothing: import ignores it.
    at(expenditure, "合计", "支出合计（计算值）").value = 1.00
    response = upload(client, yueyang_2017, workbook)
    assert response.status_code == 302, listed_errors(response)
    page = client.get(response["Location"]).content.decode()
    assert "已从 Excel 导入，修改了 3 个单元格。" in page
    assert amount(yueyang_2017, "exp_project", units["yueyang_museum"]) == Decimal("1239.23")
    assert amount(yueyang_2017, "income_fiscal", units["yueyang_office"]) == Decimal("1086.91")
    assert amount(yueyang_2017, "income_operating_other") is None
    assert amount(yueyang_2017, "exp_total") == Decimal("1003.30")
    history = client.get(f"/accounts/{yueyang_2017.unit_id}/2017/history/").content.decode()
    assert re.search(r'<td>yueyang_filler</td><td class="label">科技馆</td>\s*<td class="label">项目支出</td><td>239.23</td><td>1239.23</td>', history)
    assert re.search(r'<td>yueyang_filler</td><td class="label">科协机关</td>\s*<td class="label">财政拨款收入</td><td>507.07</td><td>1086.91</td>', history)
    assert re.search(r'<td>yueyang_filler</td><td class="label">岳阳市科学技术协会</td>\s*<td class="label">经营收入及其他收入</td><td>103.00</td><td>（空）</td>', history)


def test_uploading_the_template_unchanged_changes_nothing(client_for, yueyang_filler, yueyang_2017):
    client = client_for(yueyang_filler)
    figures, _, history = snapshot(yueyang_2017)
    response = upload(client, yueyang_2017, download(client, yueyang_2017))
    assert response.status_code == 302
    assert "没有数据变化" in client.get(response["Location"]).content.decode()
    assert snapshot(yueyang_2017)[0] == figures and snapshot(yueyang_2017)[2] == history


def test_the_export_holds_the_document_figures_and_the_derived_values(client_for, finance_officer, yueyang_2017):
    workbook = download(client_for(finance_officer), yueyang_2017, "export")
    income, expenditure, sangong = workbook["收入"], workbook["支出和结余"], workbook["三公经费"]
    assert at(income, "合计", "收入合计").value == 1086.91
    assert at(income, "科技馆", "财政拨款收入").value == 234.67
    assert at(expenditure, "合计", "支出合计").value == 1003.30
    assert at(expenditure, "科协机关", "基本支出").value == 283.54
    assert at(expenditure, "合计", "当年结余（计算值）").value == 83.61
    assert at(expenditure, "下属单位加总（计算值）", "项目支出").value == 643.90
    assert at(sangong, "合计", "三公经费合计").value == 15.25
    derived = {row[0]: (row[1], row[2]) for row in workbook["计算指标"].iter_rows(min_row=2, values_only=True)}
    assert derived["基本支出占支出合计"] == (35.82, "%")
    assert derived["项目支出占支出合计"] == (64.18, "%")
    assert derived["预算执行率（整体）"] == (92.31, "%")
    assert derived["三公经费比预算节约"] == (21.5, "万元")
    assert derived["三公经费比上年节约"] == (3.3, "万元")
    assert not expenditure.protection.sheet


def test_a_workbook_with_one_bad_row_lists_every_error_and_stores_nothing(client_for, yueyang_filler, yueyang_2017):
    client = client_for(yueyang_filler)
    before = snapshot(yueyang_2017)
    workbook = download(client, yueyang_2017)
    income = workbook["收入"]
    assert income["A5"].value == "科协机关"
    income["B5"] = "六百"              # letters
    income["D5"] = "507.0.7"           # two decimal points
    income["E5"] = -5                  # negative
    income["I5"] = 10**13              # far too large
    income["C6"] = "37.99"             # a good change on another row: not stored either
    workbook["支出和结余"]["C7"] = "1.234"
    response = upload(client, yueyang_2017, workbook)
    assert response.status_code == 400
    assert listed_errors(response) == [
        "收入 第5行 B列（收入合计）：请输入数字金额（万元），如 1086.91",
        "收入 第5行 D列（财政拨款收入）：金额只能有一个小数点",
        "收入 第5行 E列（政府性基金拨款）：金额不能为负数",
        "收入 第5行 I列（经营收入及其他收入）：金额过大，上限为 9,999,999,999.99 万元，请检查单位是否为万元",
        "支出和结余 第7行 C列（基本支出）：金额最多保留两位小数（万元）",
    ]
    assert "未导入：共 5 处问题，没有保存任何数据" in response.content.decode()
    assert snapshot(yueyang_2017) == before


def test_an_oversized_upload_is_refused(client_for, yueyang_filler, yueyang_2017):
    client = client_for(yueyang_filler)
    before = snapshot(yueyang_2017)
    response = upload(client, yueyang_2017, b"PK" + b"\0" * (6 * 1024 * 1024))
    assert response.status_code == 413
    assert listed_errors(response) == ["文件过大（6.0 MB），上限为 5 MB。模板本身只有几十 KB，请勿在其中插入图片等内容。"]
    assert snapshot(yueyang_2017) == before


NOT_XLSX = "文件不是有效的 Excel 工作簿（.xlsx）：请下载本页的 Excel 模板，在 Excel 或 WPS 中填写后按 .xlsx 格式保存再上传。"


def _zip_without_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("readme.txt", "not a workbook")
    return buffer.getvalue()


@pytest.mark.parametrize(("content", "message"), [
    ("单位,收入合计\n合计,1086.91\n".encode(), NOT_XLSX),
    (_zip_without_workbook(), NOT_XLSX),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "文件是旧版 Excel 97-2003（.xls）格式：请在 Excel 或 WPS 中“另存为” .xlsx 格式后再上传。"),
], ids=["text-renamed", "zip-not-workbook", "old-xls"])
def test_a_file_that_is_not_an_xlsx_workbook_is_refused(client_for, yueyang_filler, yueyang_2017, content, message):
    client = client_for(yueyang_filler)
    before = snapshot(yueyang_2017)
    response = upload(client, yueyang_2017, content)
    assert response.status_code == 400
    assert listed_errors(response) == [message]
    assert snapshot(yueyang_2017) == before


def test_a_workbook_not_made_from_a_template_is_refused(client_for, yueyang_filler, yueyang_2017):
    workbook = openpyxl.Workbook()
    workbook.active.title = "收入"
    workbook.active["B4"] = 1086.91
    response = upload(client_for(yueyang_filler), yueyang_2017, workbook)
    assert listed_errors(response) == ["文件中没有本系统的模板标识：请先在本页下载 Excel 模板，在模板中填写后上传。"]


def test_another_years_template_is_refused(client_for, yueyang_filler, yueyang_2017):
    client = client_for(yueyang_filler)
    workbook = download(client, yueyang_2017)
    other = UnitYear.objects.create(unit=yueyang_2017.unit, fiscal_year=2018)
    before = snapshot(other)
    response = upload(client, other, workbook)
    assert listed_errors(response) == ["此文件是“岳阳市科学技术协会”2017年度的模板，不是本页的单位和年度，不能导入。请在本页重新下载模板。"]
    assert snapshot(other) == before


def test_a_template_older_than_the_stored_figures_is_refused(client_for, yueyang_filler, yueyang_2017):
    from jixiao.accounts.domain import save_figures

    client = client_for(yueyang_filler)
    workbook = download(client, yueyang_2017)
    save_figures(yueyang_2017, {(yueyang_2017.pk, "income_fiscal"): Decimal("825.53")}, yueyang_filler, yueyang_2017.revision)
    at(workbook["收入"], "合计", "上年结转（结余）").value = 1.00
    before = snapshot(yueyang_2017)
    response = upload(client, yueyang_2017, workbook)
    assert response.status_code == 409
    assert listed_errors(response) == ["导入失败：下载模板后，其他人已修改了本年度数据，未保存任何数据。请重新下载模板，填写后再导入。"]
    assert snapshot(yueyang_2017) == before


def test_a_submitted_year_refuses_the_import(client_for, yueyang_filler, yueyang_2017):
    client = client_for(yueyang_filler)
    workbook = download(client, yueyang_2017)
    at(workbook["收入"], "合计", "财政拨款收入").value = 1.00
    UnitYear.objects.filter(pk=yueyang_2017.pk).update(status=UnitYearStatus.SUBMITTED)
    before = snapshot(yueyang_2017)
    assert "本年度数据已提交，不能导入" in client.get(url(yueyang_2017, "import")).content.decode()
    response = upload(client, yueyang_2017, workbook)
    assert response.status_code == 409
    assert listed_errors(response) == ["本年度数据已提交，不能导入；如需修改，请审核人退回后再导入。"]
    assert snapshot(yueyang_2017) == before


@pytest.mark.parametrize("persona", ["outsider", "donghai_filler"])
def test_people_without_a_role_on_yueyang_get_404_everywhere(request, client_for, yueyang_filler, yueyang_2017, persona):
    workbook = download(client_for(yueyang_filler), yueyang_2017)
    client = client_for(request.getfixturevalue(persona))
    before = snapshot(yueyang_2017)
    for what in ("template", "export", "import"):
        assert client.get(url(yueyang_2017, what)).status_code == 404, what
    assert upload(client, yueyang_2017, workbook).status_code == 404
    assert snapshot(yueyang_2017) == before


def test_a_county_filler_cannot_reach_another_county(client_for, guanyun_filler, donghai_filler, units):
    donghai = UnitYear.objects.create(unit=units["donghai"], fiscal_year=2018)
    workbook = download(client_for(donghai_filler), donghai)
    client = client_for(guanyun_filler)
    for what in ("template", "export", "import"):
        assert client.get(url(donghai, what)).status_code == 404, what
    assert upload(client, donghai, workbook).status_code == 404
    assert not Figure.objects.filter(unit_year=donghai).exists()


def test_readers_may_export_but_only_editors_import(client_for, yueyang_reviewer, yueyang_2017):
    client = client_for(yueyang_reviewer)
    download(client, yueyang_2017, "export")
    workbook = download(client, yueyang_2017, "template")
    before = snapshot(yueyang_2017)
    page = client.get(url(yueyang_2017, "import"))
    assert page.status_code == 403
    assert listed_errors(page) == ["您在本单位的角色只能查看数据，不能导入；请由填报人导入。"]
    assert 'type="file"' not in page.content.decode()
    assert upload(client, yueyang_2017, workbook).status_code == 403
    assert snapshot(yueyang_2017) == before


@pytest.mark.parametrize(("cell", "expected"), [
    (1086.91, Decimal("1086.91")),
    (1003.3, Decimal("1003.30")),
    (158.39 + 825.52, Decimal("983.91")),
    (12, Decimal("12.00")),
    ("1,086.91", Decimal("1086.91")),
    (" 1086.91 ", Decimal("1086.91")),
    (None, None),
    ("", None),
])
def test_cells_are_read_as_a_clerk_means_them(cell, expected):
    assert read_cell(cell, allow_negative=False) == expected


@pytest.mark.parametrize(("cell", "message"), [
    (100 / 3, "金额最多保留两位小数（万元）"),
    (True, "请输入数字金额（万元），如 1086.91"),
    (1e16, "金额过大，上限为 9,999,999,999.99 万元，请检查单位是否为万元"),
    ("1.2.3", "金额只能有一个小数点"),
])
def test_cells_that_are_not_amounts_are_refused(cell, message):
    with pytest.raises(AmountError, match=re.escape(message)):
        read_cell(cell, allow_negative=False)


def test_the_province_roll_up_adds_every_association_with_its_sub_units(source_accounts):
    """queries.region_sheet (used by bench_accounts): Hunan 2017 = Yueyang (its three sub-units) + a county."""
    from jixiao.accounts.lines import LINES
    from jixiao.accounts.queries import region_sheet
    from jixiao.units.models import Unit

    county = Unit.objects.create(name="测试县科学技术协会", level="county", parent=source_accounts["yueyang"])
    county_year = UnitYear.objects.create(unit=county, fiscal_year=2017)
    Figure.objects.create(unit_year=county_year, line="income_fiscal", amount=Decimal("10.00"))
    Figure.objects.create(unit_year=county_year, line="exp_personnel", amount=Decimal("4.50"))
    hunan = region_sheet(source_accounts["hunan"], 2017)
    assert sorted(child.unit_name for child in hunan.children) == ["岳阳市科协", "测试县科学技术协会"]
    assert [child.unit_name for child in hunan.children[0].children] == ["科协机关", "科技活动管理中心", "科技馆"]
    assert hunan.value("income_fiscal") == Decimal("835.52")
    assert hunan.value("income_total") == Decimal("1096.91")
    assert hunan.value("exp_total") == Decimal("1007.80")
    assert hunan.value("sangong_actual") == Decimal("15.25")
    assert hunan.value("balance_current") == Decimal("89.11")
    assert all(hunan.value(line.code) is None for line in LINES if line.section == "budget")
    assert region_sheet(source_accounts["zhejiang"], 2017).children == []


def test_the_import_form_is_csrf_protected_and_works_with_its_token(yueyang_filler, yueyang_2017):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(yueyang_filler)
    workbook = download(client, yueyang_2017)
    at(workbook["收入"], "合计", "上年结转（结余）").value = 158.40
    assert upload(client, yueyang_2017, workbook).status_code == 403
    form = client.get(url(yueyang_2017, "import")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    handle = io.BytesIO(buffer.getvalue())
    handle.name = "岳阳2017.xlsx"
    response = client.post(url(yueyang_2017, "import"), {"csrfmiddlewaretoken": token, "workbook": handle})
    assert response.status_code == 302
    assert amount(yueyang_2017, "income_carry_over") == Decimal("158.40")


def test_the_export_carries_the_execution_rates_of_special_funds(client_for, lishui_filler, source_accounts):
    lishui = UnitYear.objects.get(unit=source_accounts["lishui"], fiscal_year=2020)
    workbook = download(client_for(lishui_filler), lishui, "export")
    derived = {row[0]: (row[1], row[2]) for row in workbook["计算指标"].iter_rows(min_row=2, values_only=True)}
    assert derived["科学普及专项执行率"] == (92.33, "%")
    assert derived["预算执行率（整体）"] == (96.96, "%")
    income = workbook["收入"]
    assert [income.cell(row, 1).value for row in range(4, 6)] == ["丽水市科学技术协会", None]


LIBREOFFICE_CALC = "/usr/lib/libreoffice/program/libsclo.so"


def recalculated(workbook, tmp_path):
    """The workbook as a spreadsheet program computes it: LibreOffice Calc, headless."""
    if not (shutil.which("soffice") and os.path.exists(LIBREOFFICE_CALC)):
        pytest.skip("跳过：未安装 LibreOffice Calc（Debian 软件包 libreoffice-calc-nogui），无法让表格软件重算模板公式")
    source = tmp_path / "filled.xlsx"
    workbook.save(source)
    subprocess.run(
        ["soffice", "--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path / "out"), str(source)],
        env={**os.environ, "HOME": str(tmp_path)}, capture_output=True, timeout=180, check=True,
    )
    return openpyxl.load_workbook(tmp_path / "out" / "filled.xlsx", data_only=True)


def test_the_templates_totals_follow_what_the_clerk_types_in_a_spreadsheet(client_for, yueyang_filler, yueyang_2017, tmp_path):
    workbook = download(client_for(yueyang_filler), yueyang_2017)
    at(workbook["支出和结余"], "科技馆", "项目支出").value = 1239.23
    at(workbook["收入"], "科协机关", "上年结转（结余）").value = None
    computed = recalculated(workbook, tmp_path)
    income, expenditure = computed["收入"], computed["支出和结余"]
    assert at(expenditure, "科技馆", "支出合计（计算值）").value == pytest.approx(1291.21)
    assert at(expenditure, "下属单位加总（计算值）", "项目支出").value == pytest.approx(1643.90)
    assert at(expenditure, "合计", "支出合计（计算值）").value == pytest.approx(2003.30)
    assert at(income, "科协机关", "收入合计（计算值）").value == pytest.approx(584.07)
    assert at(income, "合计", "收入合计（计算值）").value == pytest.approx(1064.21)
    # 当年结余 of the summary: its income and expenditure as the sub-units add up.
    assert at(expenditure, "合计", "当年结余（计算值）").value == pytest.approx(1064.21 - 2003.30)
    assert at(expenditure, "科技活动管理中心", "当年结余（计算值）").value == pytest.approx(22.30)
    assert at(computed["三公经费"], "科技馆", "三公经费合计（计算值）").value == pytest.approx(2.18)
    assert at(computed["固定资产"], "合计", "固定资产合计（计算值）").value == pytest.approx(1086.47)


def test_a_name_typed_as_a_formula_stays_text_in_the_export(client_for, yueyang_filler, yueyang_2017, units):
    from jixiao.units.models import Unit

    Unit.objects.create(name='=HYPERLINK("http://example.com","点我")', level="sub_unit", parent=units["yueyang"], sort_order=9)
    for what in ("export", "template"):
        label = download(client_for(yueyang_filler), yueyang_2017, what)["收入"]["A8"]
        assert (label.value, label.data_type) == ('=HYPERLINK("http://example.com","点我")', "s")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_the_filler_downloads_fills_and_uploads_the_template(login_page, yueyang_filler, source_accounts, tmp_path):
    from tests.conftest import screenshot

    yueyang = source_accounts["yueyang"]
    page = login_page(yueyang_filler)
    page.goto(f"/accounts/{yueyang.pk}/2017/")
    with page.expect_download() as download_info:
        page.click("a:has-text('下载Excel模板')")
    template = tmp_path / "template.xlsx"
    download_info.value.save_as(template)
    workbook = openpyxl.load_workbook(template)
    at(workbook["支出和结余"], "科技馆", "项目支出").value = "1,239.23"
    at(workbook["收入"], "科技馆", "财政拨款收入").value = "234..67"
    workbook.save(tmp_path / "bad.xlsx")

    page.click("a:has-text('导入Excel')")
    page.set_input_files('input[type="file"]', str(tmp_path / "bad.xlsx"))
    page.click("button:has-text('导入')")
    page.locator("#import-errors").filter(has_text="收入 第7行 D列（财政拨款收入）：金额只能有一个小数点").wait_for()
    screenshot(page, "accounts-excel-import-errors")
    museum = UnitYear.objects.get(unit=source_accounts["yueyang_museum"], fiscal_year=2017)
    assert amount(museum, "exp_project") == Decimal("239.23")

    at(workbook["收入"], "科技馆", "财政拨款收入").value = 234.67
    workbook.save(tmp_path / "good.xlsx")
    page.set_input_files('input[type="file"]', str(tmp_path / "good.xlsx"))
    page.click("button:has-text('导入')")
    page.locator(".messages").filter(has_text="已从 Excel 导入，修改了 1 个单元格。").wait_for()
    from jixiao.accounts.grid import field_name

    assert page.input_value(f'input[name="{field_name(museum.pk, "exp_project")}"]') == "1239.23"
