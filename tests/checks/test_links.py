"""A finding links to the very cell or indicator row it is about, on the page where it is answered."""

import re

from jixiao.checks.models import Finding


def test_an_accounts_finding_links_to_each_cell_it_names_and_the_cell_carries_that_id(client_for, yueyang_filler, units):
    finding = Finding.objects.get(unit=units["yueyang"], fiscal_year=2017, rule_code="balance.rounding")
    unit_year_id = finding.places[0]["ref"].split(":")[1]
    page = client_for(yueyang_filler).get(f"/accounts/{units['yueyang'].pk}/2017/").content.decode()
    block = re.search(rf'<div class="finding" id="finding-{finding.pk}".*?</div>', page, re.S).group(0)
    assert f'<a href="/accounts/{units["yueyang"].pk}/2017/#uy-{unit_year_id}-balance_current">岳阳市科协 · 当年结余</a>' in block
    assert f'<td id="uy-{unit_year_id}-balance_current"><input name="f-{unit_year_id}-balance_current" value="83.62"' in page


def test_the_cross_unit_list_sends_a_goal_finding_to_its_indicator_row(client_for, finance_officer, units):
    finding = Finding.objects.filter(unit=units["yueyang"], rule_code="target.claim_without_value").order_by("pk").first()
    indicator_id = finding.places[0]["ref"].split(":")[1]
    goal_id = re.search(r"goal:(\d+)", finding.key)[1]
    target = f"/goals/{units['yueyang'].pk}/2017/{goal_id}/#indicator-{indicator_id}"
    listing = client_for(finance_officer).get(f"/checks/?unit={units['yueyang'].pk}&area=goals").content.decode()
    assert f'href="{target}"' in listing
    goal_page = client_for(finance_officer).get(target.split("#", maxsplit=1)[0]).content.decode()
    assert f'<tr data-indicator="{indicator_id}" id="indicator-{indicator_id}">' in goal_page


def test_a_special_fund_finding_links_to_the_funds_row(client_for, yueyang_filler, units):
    finding = Finding.objects.get(unit=units["yueyang"], fiscal_year=2017, rule_code="rate.over_100")
    fund_id = finding.places[0]["ref"].split(":")[1]
    client = client_for(yueyang_filler)
    page = client.get(f"/accounts/{units['yueyang'].pk}/2017/").content.decode()
    assert f'<a href="/accounts/{units["yueyang"].pk}/2017/funds/#fund-{fund_id}">岳阳市科协 · 专项资金 · 全年执行数</a>' in page
    assert f'<tr id="fund-{fund_id}">' in client.get(f"/accounts/{units['yueyang'].pk}/2017/funds/").content.decode()
