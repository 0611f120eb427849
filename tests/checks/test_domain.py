"""The finding lifecycle of checks/domain.sync_findings: open → explained → resolved when fixed → reopened."""

from decimal import Decimal as D

import pytest

from jixiao.checks.domain import explain, sync_findings
from jixiao.checks.models import Finding, FindingStatus
from jixiao.checks.registry import Amount, Place
from jixiao.checks.rules.balances import balance_of

# A year the demo has no findings for, so only this test's findings are stored.
YEAR = 2031


def run(unit, stated):
    """The balance check of one unit-year, as the accounts run it on every save."""
    result = balance_of(
        Amount(D(stated), Place("当年结余", "uy:1:balance_current")),
        Amount(D("1086.91"), Place("收入合计", "uy:1:income_total")),
        Amount(D("1003.30"), Place("支出合计", "uy:1:exp_total")),
        "岳阳市科协当年结余",
    )
    return sync_findings(unit, YEAR, "accounts", [result] if result else [])


def stored(unit):
    return Finding.objects.get(unit=unit, fiscal_year=YEAR, area="accounts")


@pytest.mark.django_db
def test_open_explained_resolved_reopened(units, django_user_model):
    unit = units["yueyang"]
    clerk = django_user_model.objects.create_user("lifecycle_clerk")
    [finding] = run(unit, "83.62")
    assert (finding.rule_code, finding.severity, finding.status) == ("balance.rounding", "warning", FindingStatus.OPEN)
    assert finding.fix == "尾差在四舍五入范围内；确认后可填写说明。"

    explain(finding, clerk, "决算报表按各单位四舍五入后汇总，尾差 0.01。")
    run(unit, "83.62")  # the same difference again: the answer stands
    again = stored(unit)
    assert again.status == FindingStatus.EXPLAINED and again.explained_by == clerk

    assert run(unit, "83.61") == []  # fixed
    assert stored(unit).status == FindingStatus.RESOLVED

    [back] = run(unit, "83.62")  # the difference comes back: open again, the old answer kept for reference
    assert back.pk == again.pk and back.status == FindingStatus.OPEN
    assert back.explanation.startswith("决算报表")


@pytest.mark.django_db
def test_a_changed_difference_reopens_an_explained_finding(units, django_user_model):
    unit = units["yueyang"]
    clerk = django_user_model.objects.create_user("lifecycle_clerk2")
    [finding] = run(unit, "83.62")
    explain(finding, clerk, "尾差")
    [moved] = run(unit, "90.00")  # no longer a rounding difference: an error, and the explanation no longer answers it
    assert (moved.pk, moved.rule_code, moved.severity, moved.status) == (finding.pk, "balance.mismatch", "error", FindingStatus.OPEN)


@pytest.mark.django_db
def test_an_empty_explanation_is_refused(units, django_user_model):
    [finding] = run(units["yueyang"], "83.62")
    with pytest.raises(ValueError, match="请填写情况说明"):
        explain(finding, django_user_model.objects.create_user("lifecycle_clerk3"), "   ")


@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 120])
def test_findings_are_stored_in_a_handful_of_statements_whatever_their_number(units, count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jixiao.checks.registry import RULES

    unit = units["ganzhou"]
    rule = RULES["sum.parts"]

    def results(message):
        return [rule.found(f"{message}{n}", key=f"bench:{n}") for n in range(count)]

    def statements(found) -> int:
        with CaptureQueriesContext(connection) as captured:
            sync_findings(unit, 2099, "accounts", found)
        return sum(1 for query in captured.captured_queries if query["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"})

    # A bulk insert (SQLite splits it by its limit of bound parameters), then one bulk update of the changed,
    # then the kept's last-seen and the resolved: never one statement per finding.
    assert statements(results("第一次")) <= 3
    assert statements(results("第二次")) <= 3
    assert statements(results("第二次")[: count // 2]) == 2
    stored_findings = Finding.objects.filter(unit=unit, fiscal_year=2099)
    assert stored_findings.count() == count
    assert stored_findings.filter(status=FindingStatus.RESOLVED).count() == count - count // 2
    assert stored_findings.get(key="bench:0").message == "第二次0"
