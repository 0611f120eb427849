"""The unit-year record page shows fund flags and parents, and every version of a finding's explanation."""

from django.db.models import Count, Q

from jixiao.accounts.models import SpecialFund, UnitYear
from jixiao.checks.models import Finding
from jixiao.units.models import Role, RoleKind


def test_fund_flag_and_parent_changes_and_explanation_versions_show_on_the_record(client_for, yueyang_filler, source_accounts):
    with_funds = (UnitYear.objects.annotate(top=Count("special_funds", filter=Q(special_funds__parent=None)))
                  .filter(top__gte=2).select_related("unit").first())
    fund, other = SpecialFund.objects.filter(unit_year=with_funds, parent=None)[:2]
    fund.is_science_popularisation = not fund.is_science_popularisation
    fund.parent = other
    fund.save()

    yueyang = UnitYear.objects.get(unit=source_accounts["yueyang"], fiscal_year=2017)
    finding = Finding.objects.get(unit=yueyang.unit, fiscal_year=2017, rule_code="balance.rounding")
    client = client_for(yueyang_filler)
    client.post(f"/checks/{finding.pk}/explain/", {"explanation": "第一版说明"})
    client.post(f"/checks/{finding.pk}/explain/", {"explanation": "第二版说明：决算四舍五入"})

    page = client.get(f"/accounts/{yueyang.unit_id}/2017/history/").content.decode()
    assert "情况说明" in page and "第一版说明" in page and "第二版说明：决算四舍五入" in page
    assert page.index("第二版说明") < page.rindex("第一版说明")  # newest first, the first version kept

    Role.objects.create(user=yueyang_filler, unit=with_funds.unit, kind=RoleKind.FILLER)
    page = client.get(f"/accounts/{with_funds.unit_id}/{with_funds.fiscal_year}/history/").content.decode()
    assert f"专项资金 {fund.name}：计入科普经费" in page
    assert f"专项资金 {fund.name}：上级项目" in page and other.name in page
