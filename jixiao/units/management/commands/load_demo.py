import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from jixiao.units.demo import DEMO_PASSWORD, load_units, load_users
from jixiao.units.models import Unit

# Each area loads its own part of the demo, in dependency order. A module that
# does not exist yet is skipped.
DEMO_STEPS = [
    "jixiao.accounts.demo",
    "jixiao.goals.demo",
    "jixiao.evaluations.demo",
    "jixiao.assessment.demo",
    "jixiao.healthcheck.demo",
]


class Command(BaseCommand):
    help = "载入五份源文件中的演示数据（单位、账号、财务数据、目标、考核）。"

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="数据库已有演示数据时跳过")

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Unit.objects.filter(name="岳阳市科学技术协会").exists():
            self.stdout.write("演示数据已存在，跳过载入。")
        else:
            with transaction.atomic():
                units = load_units()
                for module_name in DEMO_STEPS:
                    try:
                        module = importlib.import_module(module_name)
                    except ModuleNotFoundError as error:
                        if error.name != module_name:
                            raise
                        continue
                    module.load(units)
            self.stdout.write(self.style.SUCCESS("演示数据已载入。"))
        units = {unit.name: unit for unit in Unit.objects.all()}
        from jixiao.sources.units import UNITS  # noqa: PLC0415

        printed = load_users({key: units[name] for key, name, *_ in UNITS})
        self.stdout.write(f"\n演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, display, roles in printed:
            self.stdout.write(f"  {username:<20} {display}  —  {roles}")
