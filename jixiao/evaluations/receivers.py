"""The overview's counts follow the goals' stored grades (goals/results sends results_stored after storing them)."""

from django.dispatch import receiver

from jixiao.evaluations import overview_counts
from jixiao.goals.signals import results_stored


@receiver(results_stored)
def recount_overview(sender, unit_year, **kwargs):
    overview_counts.recount([unit_year.pk])
