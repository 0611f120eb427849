"""Keeping findings: store a run's results without losing what users answered."""

from django.db import transaction
from django.utils import timezone

from jixiao.checks.models import Finding, FindingStatus
from jixiao.checks.registry import RULES, Result


@transaction.atomic
def sync_findings(unit, fiscal_year: int, area: str, results: list[Result]) -> list[Finding]:
    """Store the results of one run of an area's checks for a unit-year.

    Findings produced again keep their status and explanation; findings no
    longer produced become resolved; resolved findings that come back reopen.
    """
    existing = {f.key: f for f in Finding.objects.select_for_update().filter(unit=unit, fiscal_year=fiscal_year, area=area)}
    seen = set()
    kept = []
    for result in results:
        key = result.key or result.code
        if key in seen:
            continue
        seen.add(key)
        fix = result.fix or (RULES[result.code].fix if result.code in RULES else "")
        places = [place.as_dict() for place in result.places]
        finding = existing.get(key)
        if finding is None:
            finding = Finding.objects.create(
                unit=unit,
                fiscal_year=fiscal_year,
                area=area,
                rule_code=result.code,
                key=key,
                severity=result.severity,
                message=result.message,
                fix=fix,
                places=places,
            )
        else:
            changed = (finding.message, finding.severity, finding.rule_code) != (result.message, result.severity, result.code)
            finding.rule_code, finding.severity, finding.message, finding.fix, finding.places = (
                result.code, result.severity, result.message, fix, places,
            )
            if finding.status == FindingStatus.RESOLVED or (changed and finding.status == FindingStatus.EXPLAINED):
                # The figures moved: an old explanation no longer answers the new message.
                finding.status = FindingStatus.OPEN
            finding.save()
        kept.append(finding)
    for key, finding in existing.items():
        if key not in seen and finding.status != FindingStatus.RESOLVED:
            finding.status = FindingStatus.RESOLVED
            finding.save(update_fields=["status", "last_seen"])
    return kept


def explain(finding: Finding, user, explanation: str) -> Finding:
    text = explanation.strip()
    if not text:
        raise ValueError("请填写情况说明")
    finding.explanation = text
    finding.explained_by = user
    finding.explained_at = timezone.now()
    if finding.status == FindingStatus.OPEN:
        finding.status = FindingStatus.EXPLAINED
    finding.save()
    return finding
