import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from jixiao.accounts.models import UnitYear
from jixiao.evaluations.province import Size
from jixiao.evaluations.province import load as load_province
from jixiao.goals.results import refresh_all
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
        parser.add_argument("--province", action="store_true",
                            help="另载入省级规模测试数据：3000 个单位 × 10 个年度 × 每年度 50 个项目（供 make bench 使用）")
        parser.add_argument("--units", type=int, default=3000, help="规模测试：单位数")
        parser.add_argument("--years", type=int, default=10, help="规模测试：年度数")
        parser.add_argument("--projects", type=int, default=50, help="规模测试：每个单位年度的项目数")
        parser.add_argument("--indicators", type=int, default=3, help="规模测试：每个目标的指标数")

    def handle(self, *args, if_empty=False, province=False, **options):
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
        # Goals stored before their results were (an older database): compute them once.
        refresh_all(UnitYear.objects.filter(goals__result_at__isnull=True).distinct().select_related("unit"))
        if province:
            size = Size(units=options["units"], years=options["years"], projects=options["projects"],
                        indicators=options["indicators"], cities=min(30, options["units"]))
            built = load_province(size, log=self.stdout.write)
            if built:
                self.stdout.write(self.style.SUCCESS(
                    f"规模测试数据已载入：{built['units']} 个单位、{built['unit_years']} 个单位年度、"
                    f"{built['goals']} 个绩效目标，用时 {built['seconds']:.0f} 秒。账号 province_finance 可查看全部。"))
        units = {unit.name: unit for unit in Unit.objects.all()}
        from jixiao.sources.units import UNITS  # noqa: PLC0415

        printed = load_users({key: units[name] for key, name, *_ in UNITS})
        self.stdout.write(f"\n演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, display, roles in printed:
            self.stdout.write(f"  {username:<20} {display}  —  {roles}")
