from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from jixiao.assessment import rounds
from jixiao.assessment.models import Round, Scheme, SchemeStatus
from jixiao.assessment.simulation import simulate
from jixiao.sources import lianyungang_2018
from jixiao.units.models import Unit


class Command(BaseCommand):
    help = "生成一轮模拟评审（固定随机种子，全部标记为“模拟”）：填报、评委评分、关闭、公布。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=lianyungang_2018.YEAR)
        parser.add_argument("--seed", type=int, default=2018)
        parser.add_argument("--replace", action="store_true", help="先删除该年度已有的模拟评审（真实评审不会被删除）")

    def handle(self, *args, year, seed, replace, **options):
        issuing = Unit.objects.get(name="连云港市科学技术协会")
        scheme = Scheme.objects.filter(issuing_unit=issuing, year=year, status=SchemeStatus.ISSUED).first()
        if scheme is None:
            raise CommandError(f"{year}年度没有已下达的考核办法")
        existing = Round.objects.filter(scheme__issuing_unit=issuing, scheme__year=year).first()
        if existing is not None:
            if not (replace and existing.is_simulated):
                raise CommandError(f"{year}年度考核已存在；只有模拟评审可以用 --replace 重新生成")
            existing.delete()
        counties = {key: Unit.objects.get(name=name) for key, name, *_ in _county_rows()}
        office = get_user_model().objects.filter(username="lianyungang_office").first()
        try:
            round_ = simulate(scheme, counties, office, seed)
        except rounds.RoundRefused as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(self.style.SUCCESS(f"已生成并公布模拟评审：{round_.simulation_note}"))


def _county_rows():
    from jixiao.sources.units import UNITS  # noqa: PLC0415

    keys = set(lianyungang_2018.COUNTIES.values())
    return [row for row in UNITS if row[0] in keys]
