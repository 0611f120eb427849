"""Sent after a run's findings are stored, so that what reads them (stored results of goals) follows."""

from django.dispatch import Signal

# sender: the area ("accounts", "goals"); unit, fiscal_year: the unit-year whose findings changed.
findings_synced = Signal()
