"""Keeping findings: store a run's results without losing what users answered."""

from django.db import transaction
from django.utils import timezone

from jixiao.bulk import update_rows
from jixiao.checks.models import Finding, FindingStatus
from jixiao.checks.registry import RULES, Result
from jixiao.checks.signals import findings_synced


@transaction.atomic
def sync_findings(unit, fiscal_year: int, area: str, results: list[Result]) -> list[Finding]:
    """Store the results of one run of an area's checks for a unit-year.

    Findings produced again keep their status and explanation; findings no
    longer produced become resolved; resolved findings that come back reopen.
    A handful of statements whatever the number of findings (one read, one
    bulk insert, one update statement executed for each changed row, one update of the resolved), inside the
    caller's lock.
    """
    existing = {f.key: f for f in Finding.objects.select_for_update().filter(unit=unit, fiscal_year=fiscal_year, area=area)}
    now = timezone.now()
    seen = set()
    kept, created, changed_rows = [], [], []
    for result in results:
        key = result.key or result.code
        if key in seen:
            continue
        seen.add(key)
        fix = result.fix or (RULES[result.code].fix if result.code in RULES else "")
        places = [place.as_dict() for place in result.places]
        finding = existing.get(key)
        if finding is None:
            finding = Finding(
                unit=unit, fiscal_year=fiscal_year, area=area, rule_code=result.code, key=key,
                severity=result.severity, message=result.message, fix=fix, places=places,
                first_seen=now, last_seen=now,
            )
            created.append(finding)
        else:
            before = (finding.rule_code, finding.severity, finding.message, finding.fix, finding.places, finding.status)
            changed = (finding.message, finding.severity, finding.rule_code) != (result.message, result.severity, result.code)
            finding.rule_code, finding.severity, finding.message, finding.fix, finding.places = (
                result.code, result.severity, result.message, fix, places,
            )
            if finding.status == FindingStatus.RESOLVED or (changed and finding.status == FindingStatus.EXPLAINED):
                # The figures moved: an old explanation no longer answers the new message.
                finding.status = FindingStatus.OPEN
            finding.last_seen = now
            if before != (finding.rule_code, finding.severity, finding.message, finding.fix, finding.places, finding.status):
                changed_rows.append(finding)
        kept.append(finding)
    if created:
        Finding.objects.bulk_create(created)
    if changed_rows:
        update_rows(changed_rows, ["rule_code", "severity", "message", "fix", "places", "status", "last_seen"])
    rewritten = {finding.pk for finding in changed_rows}
    unchanged = [finding.pk for finding in existing.values() if finding.key in seen and finding.pk not in rewritten]
    if unchanged:
        Finding.objects.filter(pk__in=unchanged).update(last_seen=now)
    gone = [finding.pk for key, finding in existing.items() if key not in seen and finding.status != FindingStatus.RESOLVED]
    if gone:
        Finding.objects.filter(pk__in=gone).update(status=FindingStatus.RESOLVED, last_seen=now)
    findings_synced.send(sender=area, unit=unit, fiscal_year=fiscal_year)
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
