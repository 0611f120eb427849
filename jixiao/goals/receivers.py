"""Stored goal results follow their unit-year's findings (every save and step ends by storing findings)."""

from django.dispatch import receiver

from jixiao.checks.signals import findings_synced
from jixiao.goals import results


@receiver(findings_synced)
def refresh_results(sender, unit, fiscal_year, **kwargs):
    results.refresh_for(unit, fiscal_year)
