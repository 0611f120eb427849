"""The shipped scoring schemes, from jixiao/scoring/shipped/*.json (the exchange format), published:
MoF 2020 (nationwide default), Hunan 2017 department-wide (湖南 2017), a Hubei-style 20 / 80, a
Chongqing-style department form, and the 2021-practice variant with a 成本 category."""

from django.db import migrations

from jixiao.scoring.shipping import CODES, ship


def load(apps, schema_editor):
    ship(apps.get_model)


def unload(apps, schema_editor):
    apps.get_model("scoring", "SchemeVersion").objects.filter(code__in=CODES).delete()


class Migration(migrations.Migration):
    dependencies = [("scoring", "0001_scheme_versions")]
    operations = [migrations.RunPython(load, unload)]
