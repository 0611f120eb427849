"""Sent after the results of a unit-year's goals were stored (goals/results.refresh).

The evaluations app keeps its overview counts by grade from it (it sits above goals in the flow).
"""

from django.dispatch import Signal

# sender=UnitYear, unit_year=<the unit-year whose goals' results were just stored>
results_stored = Signal()
