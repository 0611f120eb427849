"""The shipped versions: the default monitoring scheme (60 / 80 at 6月30日 and 8月31日, as before), a
Sichuan-2025-style one (execution rate at least 25 / 40 / 60 / 80 % by 4月30日 / 6月30日 / 8月31日 /
10月31日), the 2020 three-class indicator framework and the 2021 four-class one."""

from django.db import migrations

from jixiao.goals import shipped


def ship(apps, schema_editor):
    shipped.ship(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("goals", "0005_rulesets_monitoring_schemes_indicator_frameworks")]
    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
