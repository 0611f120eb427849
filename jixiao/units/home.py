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
    # A panel may ask to come first ("order": 0, the 待办); the others keep their registration order.
    panels = sorted((panel for panel in (make(user) for make in HOME_PANELS) if panel), key=lambda p: p.get("order", 50))
    return {"units": _with_years(list(units)), "roles": roles, "panels": panels}


def _with_years(units):
    """Attach each unit's account years, with status and open findings per year (two queries in all)."""
    from jixiao.accounts.models import UnitYear  # noqa: PLC0415  (accounts depends on units)
    from jixiao.checks.models import Finding, FindingStatus  # noqa: PLC0415

    ids = [unit.pk for unit in units]
    open_by_year = dict(
        ((row["unit_id"], row["fiscal_year"]), row["count"])
        for row in Finding.objects.filter(unit_id__in=ids).exclude(status=FindingStatus.RESOLVED)
        .values("unit_id", "fiscal_year").annotate(count=Count("pk"))
    )
    years: dict[int, list] = {}
    for year in UnitYear.objects.filter(unit_id__in=ids).order_by("-fiscal_year"):
        year.open_findings = open_by_year.get((year.unit_id, year.fiscal_year), 0)
        years.setdefault(year.unit_id, []).append(year)
    for unit in units:
        unit.account_years = years.get(unit.pk, [])
    return units
