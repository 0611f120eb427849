"""The documents' answer to an approval: keep what the documents print as of that moment."""

from django.dispatch import receiver

from jixiao.documents.data import report_data
from jixiao.documents.frozen import FORMAT, freeze
from jixiao.evaluations.models import Snapshot
from jixiao.evaluations.signals import evaluation_frozen


@receiver(evaluation_frozen, sender=Snapshot)
def keep_report_data(sender, snapshot: Snapshot, **kwargs) -> None:
    """On approve/accept: store what the documents print as of now."""
    data = report_data(snapshot.evaluation, live=True)
    snapshot.data = {"format": FORMAT, "report": freeze(data)}
    snapshot.save(update_fields=["data"])
