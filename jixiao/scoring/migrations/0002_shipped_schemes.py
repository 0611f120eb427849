"""The shipped scoring schemes, from jixiao/scoring/shipped/*.json (the exchange format), published:
MoF 2020 (nationwide default), Hunan 2017 department-wide (湖南 2017), a Hubei-style 20 / 80, a
Chongqing-style department form, and the 2021-practice variant with a 成本 category."""

import json
from pathlib import Path

from django.db import migrations

SHIPPED = Path(__file__).resolve().parent.parent / "shipped"
CODES = ["mof-2020", "hunan-2017-department", "hubei-style", "chongqing-style-department", "practice-2021-cost"]


def load(apps, schema_editor):
    version_model = apps.get_model("scoring", "SchemeVersion")
    category_model = apps.get_model("scoring", "SchemeCategory")
    band_model = apps.get_model("scoring", "GradeBand")
    validity_model = apps.get_model("scoring", "SchemeValidity")
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


def unload(apps, schema_editor):
    apps.get_model("scoring", "SchemeVersion").objects.filter(code__in=CODES).delete()


class Migration(migrations.Migration):
    dependencies = [("scoring", "0001_scheme_versions")]
    operations = [migrations.RunPython(load, unload)]
