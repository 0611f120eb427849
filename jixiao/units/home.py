"""What each person sees first: the units and years they cover, with status and open findings.

Each area contributes a panel through `HOME_PANELS`, so this module does not
need to know every app.
"""

from django.db.models import Count, Q

from jixiao.units.models import Role
from jixiao.units.queries import visible_units

# Callables (user) -> dict(title=..., template=..., context...) registered by other apps.
HOME_PANELS = []


def home_panel(func):
    HOME_PANELS.append(func)
    return func


def home_context(user):
    from jixiao.checks.models import FindingStatus  # noqa: PLC0415  (checks depends on units)

    units = (
        visible_units(user)
        .annotate(
            open_findings=Count("findings", filter=~Q(findings__status=FindingStatus.RESOLVED)),
            open_errors=Count(
                "findings", filter=~Q(findings__status=FindingStatus.RESOLVED) & Q(findings__severity="error")
            ),
        )
        .order_by("path")
    )
    roles = Role.objects.filter(user=user).select_related("unit") if user.is_authenticated else []
    panels = [panel for panel in (make(user) for make in HOME_PANELS) if panel]
    return {"units": units, "roles": roles, "panels": panels}
