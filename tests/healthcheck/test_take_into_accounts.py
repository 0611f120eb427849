"""Taking a checked report's amounts into a unit-year, confirmed cell by cell."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.accounts.models import Figure, UnitYear, UnitYearStatus
from jixiao.healthcheck.domain import check_report
from jixiao.healthcheck.import_figures import Targets, draft
from jixiao.healthcheck.models import HealthcheckReport
from tests.healthcheck.helpers import JIANGMEN, LISHUI, YUEYANG, seed_bytes

pytestmark = pytest.mark.django_db
D = Decimal


def result_of(name):
    return check_report(name, seed_bytes(name)).as_dict()


YUEYANG_TARGETS = Targets(1, "岳阳市科学技术协会", {"科协机关": 2, "科技活动管理中心": 3, "科技馆": 4})


def test_yueyang_totals_offered_per_unit_and_sub_unit():
    proposal = draft(result_of(YUEYANG), YUEYANG_TARGETS, {(1, "income_total"): D("1086.91")})
    offers = {(o.target, o.code): o for o in proposal.offers}
    assert offers[(1, "income_total")].value == D("1086.91") and offers[(1, "income_total")].unchanged
    assert offers[(1, "income_total")].quote == "机关及二级机构汇总 · 收入合计：1086.91"
    assert offers[(1, "exp_total")].value == D("1003.30") and offers[(1, "exp_total")].current is None
    assert offers[(1, "income_fiscal")].value == D("825.52")  # header 公共财政拨款
    assert offers[(1, "exp_office")].value == D("3.58")  # header 公用支出, stated again in prose
    assert offers[(1, "sangong_vehicle_operation")].value == D("3.57")  # header 公务用车运维费
    assert offers[(4, "income_total")].value == D("347.37")  # 3、科技馆
    assert offers[(2, "exp_personnel")].value == D("279.96")  # 1、科协机关
    # 项目支出 and 当年结余 sit under a header row shifted by merged cells: the table is not read
    # there; 项目支出 643.91 is still offered from the prose, 当年结余 not at all.
    assert offers[(1, "exp_project")].value == D("643.91") and "项目支出643.91万元" in offers[(1, "exp_project")].quote
    assert (1, "balance_current") not in offers and (4, "exp_project") not in offers
    skipped = {(n.text, n.position): n.reason for n in proposal.not_offered}
    assert skipped[("83.62万元", "表1 第19行第7列")] == "表头与数据列对不齐（合并单元格），无法确定所属项目"
    # "本年结余2.4万元" is the balance of basic spending, not of the year: no such line.
    assert skipped[("2.4万元", "表1 第69行第1列")] == "没有对应的收支项目"
    # Approximate amounts are never offered.
    assert (1, "income_total") in offers and not any(o.value == D("10") for o in proposal.offers)


def test_lishui_budget_and_actual_of_the_same_line_are_not_offered():
    proposal = draft(result_of(LISHUI), Targets(9, "丽水市科学技术协会", {}), {})
    offers = {o.code: o.value for o in proposal.offers}
    assert offers["income_total"] == D("679.41") and offers["exp_basic"] == D("448.17")
    assert "sangong_reception" not in offers
    reasons = {n.reason for n in proposal.not_offered if n.label == "公务接待费"}
    assert reasons == {"报告中同一项目有不同金额：1.85、1.47"}


def test_jiangmen_has_nothing_to_offer():
    proposal = draft(result_of(JIANGMEN), Targets(1, "江门市科学技术协会", {}), {})
    assert proposal.offers == [] and len(proposal.not_offered) == 11


@pytest.fixture
def yueyang_report(source_accounts, yueyang_filler, client_for):
    client = client_for(yueyang_filler)
    client.post("/healthcheck/", {"reports": [SimpleUploadedFile(YUEYANG, seed_bytes(YUEYANG))]})
    report = HealthcheckReport.objects.get(batch__owner=yueyang_filler)
    summary = UnitYear.objects.get(unit=source_accounts["yueyang"], fiscal_year=2017)
    museum = UnitYear.objects.get(unit=source_accounts["yueyang_museum"], fiscal_year=2017)
    # The stored accounts differ from the report in two cells.
    Figure.objects.filter(unit_year=summary, line="income_total").delete()
    Figure.objects.filter(unit_year=museum, line="income_fiscal").update(amount=D("334.67"))
    return client, report, summary, museum


def url(report):
    return f"/healthcheck/{report.batch_id}/{report.pk}/accounts/"


def test_filler_confirms_cells_and_only_those_are_stored(yueyang_report, yueyang_filler):
    client, report, summary, museum = yueyang_report
    page = client.get(url(report)).content.decode()
    assert f'<option value="{summary.pk}">岳阳市科学技术协会 2017年</option>' in page
    assert "丽水" not in page
    html = client.get(url(report), {"unit_year": summary.pk}).content.decode()
    assert f'<tr id="offer-{summary.pk}-income_total" class="differs">' in html
    assert "其中 2 项与目前数据不同" in html
    assert f'<input type="checkbox" name="take" value="{summary.pk}:income_total"' in html
    assert f'<input type="checkbox" name="take" value="{museum.pk}:income_fiscal"' in html
    # Cells already equal to the report need no confirmation.
    assert f'value="{summary.pk}:exp_total"' not in html

    response = client.post(url(report), {
        "unit_year": summary.pk, "revision": summary.revision, "take": [f"{summary.pk}:income_total", f"{summary.pk}:exp_total"],
    })
    assert response.status_code == 302 and response["Location"] == f"/accounts/{summary.unit_id}/2017/"
    assert Figure.objects.get(unit_year=summary, line="income_total").amount == D("1086.91")
    # Not ticked: the museum's 334.67 stays.
    assert Figure.objects.get(unit_year=museum, line="income_fiscal").amount == D("334.67")
    record = Figure.history.filter(unit_year=summary, line="income_total").latest("history_date")
    assert record.history_user == yueyang_filler
    followed = client.get(response["Location"]).content.decode()
    assert f"已从“{YUEYANG}”录入 1 个单元格，请核对。" in followed


def test_stale_revision_saves_nothing(yueyang_report):
    client, report, summary, museum = yueyang_report
    response = client.post(url(report), {"unit_year": summary.pk, "revision": summary.revision - 1 if summary.revision else 99,
                                         "take": [f"{museum.pk}:income_fiscal"]})
    assert response.status_code == 409
    assert "其他人已修改了该年度的收支数据，未保存任何数据" in response.content.decode()
    assert Figure.objects.get(unit_year=museum, line="income_fiscal").amount == D("334.67")


def test_submitted_year_is_refused(yueyang_report):
    client, report, summary, museum = yueyang_report
    UnitYear.objects.filter(pk=summary.pk).update(status=UnitYearStatus.SUBMITTED)
    response = client.post(url(report), {"unit_year": summary.pk, "revision": summary.revision, "take": [f"{museum.pk}:income_fiscal"]})
    assert response.status_code == 409
    assert Figure.objects.get(unit_year=museum, line="income_fiscal").amount == D("334.67")


def test_nothing_ticked(yueyang_report):
    client, report, summary, _ = yueyang_report
    response = client.post(url(report), {"unit_year": summary.pk, "revision": summary.revision})
    assert "请勾选要录入的金额" in response.content.decode()


@pytest.mark.parametrize("who", ["outsider", "finance_officer", "lishui_filler"])
def test_no_editing_role_no_unit_year(who, request, source_accounts, client_for):
    """Someone without an editing role on Yueyang checks the report himself, and still cannot take it in."""
    user = request.getfixturevalue(who)
    client = client_for(user)
    client.post("/healthcheck/", {"reports": [SimpleUploadedFile(YUEYANG, seed_bytes(YUEYANG))]})
    report = HealthcheckReport.objects.get(batch__owner=user)
    summary = UnitYear.objects.get(unit=source_accounts["yueyang"], fiscal_year=2017)
    page = client.get(url(report)).content.decode()
    assert "岳阳市科学技术协会 2017年" not in page
    assert client.get(url(report), {"unit_year": summary.pk}).status_code == 404
    before = Figure.objects.get(unit_year=summary, line="exp_total").amount
    response = client.post(url(report), {"unit_year": summary.pk, "revision": summary.revision, "take": [f"{summary.pk}:exp_total"]})
    assert response.status_code == 404
    assert Figure.objects.get(unit_year=summary, line="exp_total").amount == before


def test_another_users_report_is_404(yueyang_report, client_for, yueyang_reviewer):
    _, report, summary, _ = yueyang_report
    assert client_for(yueyang_reviewer).get(url(report), {"unit_year": summary.pk}).status_code == 404
