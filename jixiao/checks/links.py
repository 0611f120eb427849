"""Where a finding is answered: the page of its area, down to the cell or indicator row each place names.

A place's ref is written by the check that made it: "uy:<unit-year pk>:<line code>" for a figure of the
accounts grid, "fund:<pk>:<column>" for a special fund (its row on the funds page), "indicator:<pk>" for an
indicator of a goal (whose key holds "goal:<pk>"). The grid cell, the fund row and the indicator row carry
the ref as their id, ":" written "-" (an id a URL fragment can name).
"""

import re

from django.urls import reverse

_GOAL = re.compile(r"(?:^|:)goal:(\d+)(?::|$)")


def anchor_of(ref: str) -> str:
    """ "uy:1:income_total" → "uy-1-income_total", "fund:3:全年执行数" → "fund-3" (the fund's row); the id of the
    element that shows the place."""
    if ref.startswith("fund:"):
        ref = ":".join(ref.split(":")[:2])
    return ref.replace(":", "-")


def _page_of(finding, ref: str) -> str:
    if finding.area == "accounts" and ref.startswith("uy:"):
        return reverse("accounts:unit_year", args=[finding.unit_id, finding.fiscal_year])
    if finding.area == "accounts" and ref.startswith("fund:"):
        return reverse("accounts:funds", args=[finding.unit_id, finding.fiscal_year])
    goal = _GOAL.search(finding.key)
    if finding.area == "goals" and ref.startswith("indicator:") and goal:
        return reverse("goals:goal", args=[finding.unit_id, finding.fiscal_year, int(goal[1])])
    return ""


def place_links(finding) -> list[tuple[str, str]]:
    """(label, link) for each place of the finding; the link is "" where the place has no cell of its own."""
    links = []
    for place in finding.places or []:
        ref = place.get("ref", "") if isinstance(place, dict) else ""
        page = _page_of(finding, ref) if ref else ""
        links.append((place.get("label", "") if isinstance(place, dict) else str(place), f"{page}#{anchor_of(ref)}" if page else ""))
    return links


def finding_link(finding) -> str:
    """The first place the finding names, on its page; else the findings of its area's page; "" for areas without one."""
    for _, link in place_links(finding):
        if link:
            return link
    if finding.area == "accounts":
        return reverse("accounts:unit_year", args=[finding.unit_id, finding.fiscal_year]) + "#findings"
    if finding.area == "goals":
        return reverse("goals:unit_year", args=[finding.unit_id, finding.fiscal_year]) + "#findings"
    return ""
