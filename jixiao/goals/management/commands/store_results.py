from django.core.management.base import BaseCommand

from jixiao.accounts.models import UnitYear
from jixiao.goals.results import refresh_all


class Command(BaseCommand):
    help = "重新计算并保存每个绩效目标的执行率、得分、等次和未处理问题数（升级后或评分办法改动后运行一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="只计算尚未保存结果的目标")

    def handle(self, *args, missing=False, **options):
        unit_years = UnitYear.objects.filter(goals__isnull=False).select_related("unit")
        if missing:
            unit_years = unit_years.filter(goals__result_at__isnull=True)
        count = refresh_all(unit_years.distinct())
        self.stdout.write(self.style.SUCCESS(f"已保存 {count} 个绩效目标的结果。"))
