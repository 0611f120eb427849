"""The administrative region (行政区划) a unit belongs to, read from the unit chain.

Rules that vary by place (monitoring schemes, indicator frameworks) are published for a
region named as people write it: "四川省", "岳阳市", "东海县". An association is named after
its region ("岳阳市科学技术协会", short "岳阳市科协"), so the region of a unit is the name of the
nearest unit in its chain (itself, then its parents) that carries one; a sub-unit such as
"科技馆" takes its parent's.
"""

import re

from jixiao.units.models import Unit

_ASSOCIATION = re.compile(r"^(?P<region>.+?(?:省|自治区|特别行政区|市|自治州|州|地区|盟|县|自治县|旗|区))(?:科学技术协会|科协)$")


def region_of_name(name: str) -> str:
    """"岳阳市科学技术协会" → "岳阳市"; "" when the name carries no region."""
    found = _ASSOCIATION.match((name or "").strip())
    return found["region"] if found else ""


def region_names(unit: Unit) -> list[str]:
    """The regions a unit lies in, nearest first: ["岳阳市", "湖南省"] for 岳阳市科协 and its sub-units."""
    chain = {item.pk: item for item in Unit.objects.filter(pk__in=unit.ancestor_ids())} if unit.path else {}
    chain.setdefault(unit.pk, unit)
    names = []
    for pk in reversed(unit.ancestor_ids() or [unit.pk]):
        item = chain.get(pk)
        if item is None:
            continue
        name = region_of_name(item.name) or region_of_name(item.short_name)
        if name and name not in names:
            names.append(name)
    return names
