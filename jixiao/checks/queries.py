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
