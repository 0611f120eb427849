from django.db.models import QuerySet

from jixiao.checks.models import Finding, FindingStatus
from jixiao.checks.registry import Severity
from jixiao.units.queries import visible_units


def findings_visible_to(user) -> QuerySet[Finding]:
    return Finding.objects.filter(unit__in=visible_units(user)).select_related("unit")


def active(findings: QuerySet[Finding]) -> QuerySet[Finding]:
    return findings.exclude(status=FindingStatus.RESOLVED)


def blocking(findings: QuerySet[Finding]) -> QuerySet[Finding]:
    """Errors block submission, whether explained or not."""
    return active(findings).filter(severity=Severity.ERROR)


# Where a user fixes a finding of each area, as the refusal of a step names it.
FIXED_ON = {"accounts": "单位年度数据页", "goals": "绩效目标页"}


def open_errors(unit, fiscal_year: int) -> QuerySet[Finding]:
    """The errors that stop a unit-year's steps: every area, the unit and its sub-units.

    An error must be fixed; only a rounding difference (a `*.rounding` rule) may be
    explained instead. Warnings and hints never stop a step.
    """
    errors = blocking(Finding.objects.filter(unit__path__startswith=unit.path, fiscal_year=fiscal_year))
    return errors.exclude(status=FindingStatus.EXPLAINED, rule_code__endswith=".rounding").select_related("unit")


def where_to_fix(findings, limit: int = 5) -> str:
    """"[单位年度数据页] 岳阳市科协：收入合计与分项之和不符；……" for a refusal message."""
    findings = list(findings)
    listed = [f"［{FIXED_ON.get(finding.area, finding.area)}］{finding.unit.display_name}：{finding.message}"
              for finding in findings[:limit]]
    more = f"；另有 {len(findings) - limit} 项" if len(findings) > limit else ""
    return "；".join(listed) + more
