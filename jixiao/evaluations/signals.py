"""Sent inside the step's transaction when an approval or acceptance freezes an evaluation.

The documents app fills the snapshot with what its documents print (it sits above
evaluations in the flow, so evaluations cannot call it directly).
"""

from django.dispatch import Signal

# sender=Snapshot, snapshot=<the new Snapshot row, data still empty>
evaluation_frozen = Signal()
