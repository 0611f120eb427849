"""The shipped scoring schemes (jixiao/scoring/shipped/*.json, the exchange format), published: created by
migration 0002 and again by the demo loader when the tables were emptied since (tests, a flush).
A shipped version that exists is never overwritten: a published version is not changed."""

import json
from pathlib import Path

SHIPPED = Path(__file__).resolve().parent / "shipped"
CODES = ["mof-2020", "hunan-2017-department", "hubei-style", "chongqing-style-department", "practice-2021-cost"]


def ship(get_model) -> None:
    """`get_model("scoring", name)`: the migration's historical models, or django.apps.apps.get_model."""
    version_model = get_model("scoring", "SchemeVersion")
    category_model = get_model("scoring", "SchemeCategory")
    band_model = get_model("scoring", "GradeBand")
    validity_model = get_model("scoring", "SchemeValidity")
    for code in CODES:
        data = json.loads((SHIPPED / f"{code}.json").read_text(encoding="utf-8"))
        if version_model.objects.filter(code=code).exists():
            continue
        over = data.get("over_achievement") or {}
        version = version_model.objects.create(
            code=code, family=data["family"], version=data["version"], name=data["name"], source=data["source"],
            layout=data["layout"], execution_points=data["execution"]["points"],
            execution_formula=data["execution"]["formula"], reverse_rule=data["reverse_rule"],
            allow_ranges=data["allow_ranges"], range_above_rule=data["range_above_rule"],
            satisfaction_redistribution=data["satisfaction_redistribution"],
            over_achievement_ratio=over.get("ratio"), over_achievement_deduction=over.get("deduction", False),
            step=data["step"], tolerance=data["tolerance"], qualitative_tiers=data["qualitative_tiers"],
            category_aliases=data["category_aliases"], status="published",
        )
        for index, category in enumerate(data["categories"]):
            category_model.objects.create(scheme=version, sort_order=index, name=category["name"],
                                          points=category["points"], split_by_unit=category["split_by_unit"],
                                          members=category["members"])
        for index, band in enumerate(data["grade_bands"]):
            band_model.objects.create(scheme=version, sort_order=index, grade=band["grade"], floor=band["floor"],
                                      consequence=band["consequence"])
        for line in data["validity"]:
            validity_model.objects.create(scheme=version, region=line["region"], from_year=line["from_year"],
                                          to_year=line["to_year"], kind=line["kind"])
