"""The administrative region (行政区划) a unit belongs to, read from the unit chain: the one place that says it.

Rules that vary by place (scoring schemes, monitoring schemes, indicator frameworks) are published for a
region named as people write it: "四川省", "岳阳市", "东海县", or without its level, "湖北". An association is
named after its region ("岳阳市科学技术协会", short "岳阳市科协"), a finance bureau too ("岳阳市财政局"), so the
region of a unit is the name of the nearest unit in its chain (itself, then its parents) that carries one;
a sub-unit such as "科技馆" takes its parent's.
"""

import re

from jixiao.units.models import Unit

_LEVELS = "省|自治区|特别行政区|市|自治州|州|地区|盟|自治县|县|旗|区"
_NAMED_AFTER_REGION = re.compile(rf"^(?P<region>.+?(?:{_LEVELS}))(?:科学技术协会|科协|财政局|财政厅)$")
_LEVEL_SUFFIX = re.compile(rf"^(?P<stem>.{{2,}}?)(?:{_LEVELS})$")


def region_of_name(name: str) -> str:
    """"岳阳市科学技术协会" → "岳阳市"; "" when the name carries no region."""
    found = _NAMED_AFTER_REGION.match((name or "").strip())
    return found["region"] if found else ""


def region_names_of(units) -> dict[int, list[str]]:
    """{unit pk: the regions it lies in, nearest first}, for many units in one query."""
    units = list(units)
    chain_ids = {pk for unit in units for pk in (unit.ancestor_ids() or [unit.pk])}
    by_pk = {item.pk: item for item in Unit.objects.filter(pk__in=chain_ids)} if chain_ids else {}
    found = {}
    for unit in units:
        names = []
        for pk in reversed(unit.ancestor_ids() or [unit.pk]):
            item = unit if pk == unit.pk else by_pk.get(pk)
            if item is None:
                continue
            name = region_of_name(item.name) or region_of_name(item.short_name)
            if name and name not in names:
                names.append(name)
        found[unit.pk] = names
    return found


def region_names(unit: Unit) -> list[str]:
    """The regions a unit lies in, nearest first: ["岳阳市", "湖南省"] for 岳阳市科协 and its sub-units."""
    return region_names_of([unit])[unit.pk]


def with_short_forms(regions: list[str]) -> list[str]:
    """Each region as written and without its level, nearest first: ["鄂州市", "鄂州", "湖北省", "湖北"],
    so that a rule published for "湖北" and one published for "湖北省" both reach a 鄂州 unit."""
    forms = []
    for name in regions:
        short = _LEVEL_SUFFIX.match(name)
        for form in (name, short["stem"] if short else ""):
            if form and form not in forms:
                forms.append(form)
    return forms


def place_names_of(units) -> dict[int, list[str]]:
    """{unit pk: its regions with their short forms}, in one query (see with_short_forms)."""
    return {pk: with_short_forms(names) for pk, names in region_names_of(units).items()}


def place_names(unit: Unit) -> list[str]:
    """The names a rule published for this unit's place may carry, nearest first."""
    return with_short_forms(region_names(unit))
