"""The Yueyang filler's 2017 page: the document's tables, computed figures, saving, conflicts and history."""

import re
from decimal import Decimal

import pytest

from jixiao.accounts.grid import field_name
from jixiao.accounts.models import Figure, UnitYear, UnitYearStatus
from jixiao.checks.models import Finding


@pytest.fixture
def yueyang_2017(source_accounts):
    return UnitYear.objects.get(unit=source_accounts["yueyang"], fiscal_year=2017)


def page_url(unit_year, suffix=""):
    return f"/accounts/{unit_year.unit_id}/{unit_year.fiscal_year}/{suffix}"


def form_of(html: str) -> dict[str, str]:
    """The page's form as a browser would post it: every input's name and value."""
    fields = dict(re.findall(r'<input name="(f-\d+-\w+)" value="([^"]*)"', html))
    fields["revision"] = re.search(r'name="revision" value="(\d+)"', html).group(1)
    return fields


def cell(unit_year, code, unit=None):
    year = unit_year if unit is None else UnitYear.objects.get(unit=unit, fiscal_year=unit_year.fiscal_year)
    figure = Figure.objects.filter(unit_year=year, line=code).first()
    return None if figure is None else figure.amount


def test_the_filler_sees_the_documents_tables_with_computed_rates(client_for, yueyang_filler, yueyang_2017):
    html = client_for(yueyang_filler).get(page_url(yueyang_2017)).content.decode()
    for label in ("合计", "科协机关", "科技活动管理中心", "科技馆"):
        assert f'<td class="label">{label}</td>' in html
    summary = yueyang_2017.pk
    assert f'name="{field_name(summary, "income_total")}" value="1086.91"' in html
    assert f'name="{field_name(summary, "balance_current")}" value="83.62"' in html
    # The stated balance beside the computed one, marked as not matching.
    assert re.search(rf'id="c-{field_name(summary, "balance_current")}" class="computed mismatch">= 83.61<', html)
    derived = dict(re.findall(r'data-derived="(\w+)"><td class="label">[^<]*</td><td class="value">([^<]*)<', html))
    assert derived["share_basic"] == "35.82%"
    assert derived["share_project"] == "64.18%"
    assert derived["execution_overall"] == "92.31%"
    assert derived["sangong_saving_budget"] == "21.50 万元"
    assert derived["sangong_saving_last_year"] == "3.30 万元"


def test_the_page_lists_the_rounding_warning(client_for, yueyang_filler, yueyang_2017):
    html = client_for(yueyang_filler).get(page_url(yueyang_2017)).content.decode()
    assert "岳阳市科协当年结余 83.62 ≠ 1086.91 − 1003.30 = 83.61，差 0.01（尾差）" in html


def test_saving_a_changed_figure_records_who_old_and_new(client_for, yueyang_filler, yueyang_2017, units):
    client = client_for(yueyang_filler)
    form = form_of(client.get(page_url(yueyang_2017)).content.decode())
    museum = UnitYear.objects.get(unit=units["yueyang_museum"], fiscal_year=2017)
    form[field_name(museum.pk, "exp_project")] = "1,239.23"
    response = client.post(page_url(yueyang_2017), form, follow=True)
    assert "已保存，修改了 1 个单元格。" in response.content.decode()
    assert cell(museum, "exp_project") == Decimal("1239.23")
    history = client.get(page_url(yueyang_2017, "history/")).content.decode()
    row = re.search(r"<tr><td>[^<]+</td><td>yueyang_filler</td><td class=\"label\">科技馆</td>\s*<td class=\"label\">项目支出</td><td>239.23</td><td>1239.23</td></tr>", history)
    assert row, history


@pytest.mark.parametrize(("typed", "message"), [
    ("12a", "请输入数字金额（万元），如 1086.91"),
    ("1.2.3", "金额只能有一个小数点"),
    ("-5", "金额不能为负数"),
    ("10000000000000", "金额过大，上限为 9,999,999,999.99 万元，请检查单位是否为万元"),
])
def test_bad_amounts_are_refused_beside_the_cell_and_everything_typed_stays(client_for, yueyang_filler, yueyang_2017, typed, message):
    client = client_for(yueyang_filler)
    form = form_of(client.get(page_url(yueyang_2017)).content.decode())
    bad, other = field_name(yueyang_2017.pk, "income_fiscal"), field_name(yueyang_2017.pk, "income_carry_over")
    form[bad], form[other] = typed, "158.40"
    response = client.post(page_url(yueyang_2017), form)
    html = response.content.decode()
    assert response.status_code == 400
    error = re.search(rf'id="e-{bad}" class="cell-error">([^<]*)<', html).group(1)
    assert error == message
    assert f'name="{bad}" value="{typed}"' in html
    assert f'name="{other}" value="158.40"' in html
    assert cell(yueyang_2017, "income_fiscal") == Decimal("825.52")
    assert cell(yueyang_2017, "income_carry_over") == Decimal("158.39")


def test_the_second_of_two_editors_is_told_and_nothing_is_overwritten(client_for, yueyang_filler, yueyang_2017, django_user_model, units):
    from jixiao.units.models import Role, RoleKind

    colleague = django_user_model.objects.create_user("yueyang_colleague", password="pw")
    Role.objects.create(user=colleague, unit=units["yueyang"], kind=RoleKind.FILLER)
    first, second = client_for(yueyang_filler), client_for(colleague)
    form_first = form_of(first.get(page_url(yueyang_2017)).content.decode())
    form_second = form_of(second.get(page_url(yueyang_2017)).content.decode())
    fiscal = field_name(yueyang_2017.pk, "income_fiscal")
    form_first[fiscal], form_second[fiscal] = "825.53", "900.00"
    assert first.post(page_url(yueyang_2017), form_first).status_code == 302
    response = second.post(page_url(yueyang_2017), form_second)
    html = response.content.decode()
    assert response.status_code == 409
    assert "其他人已修改了这些数据" in html
    assert f'name="{fiscal}" value="900.00"' in html
    assert "他人已改为：825.53" in html
    assert cell(yueyang_2017, "income_fiscal") == Decimal("825.53")


def test_live_preview_recomputes_totals_without_storing(client_for, yueyang_filler, yueyang_2017, units):
    client = client_for(yueyang_filler)
    form = form_of(client.get(page_url(yueyang_2017)).content.decode())
    museum = UnitYear.objects.get(unit=units["yueyang_museum"], fiscal_year=2017)
    form[field_name(museum.pk, "income_fiscal")] = "334.67"
    html = client.post(page_url(yueyang_2017, "derived/"), form).content.decode()

    def shown(year, code):
        return re.search(rf'id="c-{field_name(year.pk, code)}" hx-swap-oob="true" class="([^"]*)">([^<]*)<', html).groups()

    assert shown(museum, "income_total") == ("computed mismatch", "= 447.37")
    assert shown(yueyang_2017, "income_fiscal") == ("computed mismatch", "= 925.52")
    assert shown(yueyang_2017, "income_total") == ("computed mismatch", "= 1186.91")
    assert cell(museum, "income_fiscal") == Decimal("234.67")


def test_errors_block_submission_warnings_do_not(client_for, yueyang_filler, yueyang_2017):
    client = client_for(yueyang_filler)
    form = form_of(client.get(page_url(yueyang_2017)).content.decode())
    form[field_name(yueyang_2017.pk, "exp_total")] = "1103.30"
    client.post(page_url(yueyang_2017), form)
    response = client.post(page_url(yueyang_2017, "submit/"), follow=True)
    assert "项错误未修正，不能提交" in response.content.decode()
    assert UnitYear.objects.get(pk=yueyang_2017.pk).status == UnitYearStatus.DRAFT
    form = form_of(client.get(page_url(yueyang_2017)).content.decode())
    form[field_name(yueyang_2017.pk, "exp_total")] = "1003.30"
    client.post(page_url(yueyang_2017), form)
    response = client.post(page_url(yueyang_2017, "submit/"), follow=True)
    assert "已提交审核。" in response.content.decode()
    assert UnitYear.objects.get(pk=yueyang_2017.pk).status == UnitYearStatus.SUBMITTED


def test_a_submitted_year_is_read_only_until_the_reviewer_returns_it(client_for, yueyang_filler, yueyang_reviewer, yueyang_2017):
    filler = client_for(yueyang_filler)
    form = form_of(filler.get(page_url(yueyang_2017)).content.decode())
    filler.post(page_url(yueyang_2017, "submit/"))
    form[field_name(yueyang_2017.pk, "income_fiscal")] = "1.00"
    assert filler.post(page_url(yueyang_2017), form).status_code == 409
    assert cell(yueyang_2017, "income_fiscal") == Decimal("825.52")
    reviewer = client_for(yueyang_reviewer)
    assert reviewer.post(page_url(yueyang_2017, "reopen/"), {"reason": "三公经费请补充说明"}).status_code == 302
    assert UnitYear.objects.get(pk=yueyang_2017.pk).status == UnitYearStatus.DRAFT
    assert "三公经费请补充说明" in filler.get(page_url(yueyang_2017)).content.decode()


def test_a_finding_is_explained_and_the_answer_kept(client_for, yueyang_filler, yueyang_2017):
    finding = Finding.objects.get(unit=yueyang_2017.unit, rule_code="balance.rounding")
    client = client_for(yueyang_filler)
    client.post(f"/checks/{finding.pk}/explain/", {"explanation": "决算报表四舍五入所致", "next": page_url(yueyang_2017)})
    finding.refresh_from_db()
    assert (finding.status, finding.explanation, finding.explained_by) == ("explained", "决算报表四舍五入所致", yueyang_filler)
    listing = client.get("/checks/").content.decode()
    assert "决算报表四舍五入所致" in listing


def test_special_funds_are_edited_with_their_sub_lines(client_for, units, source_accounts, django_user_model):
    from jixiao.accounts.models import SpecialFund
    from jixiao.units.models import Role, RoleKind

    filler = django_user_model.objects.create_user("jiangmen_filler", password="pw")
    Role.objects.create(user=filler, unit=units["jiangmen"], kind=RoleKind.FILLER)
    jiangmen = UnitYear.objects.get(unit=units["jiangmen"], fiscal_year=2022)
    client = client_for(filler)
    html = client.get(page_url(jiangmen, "funds/")).content.decode()
    fields = dict(re.findall(r'<input name="((?:fund|new)-[\w-]+)" value="([^"]*)"', html))
    fields.update({key: "on" for key in re.findall(r'<input type="checkbox" name="([\w-]+)" checked', html)})
    fields.update(dict(re.findall(r'<select name="([\w-]+)"[^>]*>(?:(?!</select>).)*?<option value="(\d+)" selected', html, re.S)))
    fields["revision"] = re.search(r'name="revision" value="(\d+)"', html).group(1)
    fields["new-0-name"], fields["new-0-adjusted_budget"] = "新增项目", "1..0"
    response = client.post(page_url(jiangmen, "funds/"), fields)
    assert "金额只能有一个小数点" in response.content.decode()
    assert not SpecialFund.objects.filter(name="新增项目").exists()
    fields["new-0-adjusted_budget"] = "10.00"
    client.post(page_url(jiangmen, "funds/"), fields)
    assert SpecialFund.objects.get(name="新增项目").adjusted_budget == Decimal("10.00")


def test_checks_run_on_demand_for_the_filler_and_readers_only_read_them(client_for, yueyang_filler, finance_officer, yueyang_2017):
    Finding.objects.filter(unit=yueyang_2017.unit).delete()
    # Re-running the checks rewrites findings: a reader may not (tests/security/test_read_only_roles.py).
    assert client_for(finance_officer).post(page_url(yueyang_2017, "check/")).status_code == 404
    assert not Finding.objects.filter(unit=yueyang_2017.unit).exists()
    response = client_for(yueyang_filler).post(page_url(yueyang_2017, "check/"), follow=True)
    # The cent differences of three sums and the balance, the carry-over against 2016's balance, the special funds over 100 %.
    assert "已重新检查，共 6 条检查发现。" in response.content.decode()
    assert Finding.objects.filter(unit__path__startswith=yueyang_2017.unit.path, fiscal_year=2017).count() == 6
