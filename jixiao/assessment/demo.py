"""Demo: Lianyungang's 2018 scheme exactly as in 连科协〔2018〕32号, issued, and a published simulated round."""

from django.contrib.auth import get_user_model
from django.core.management import call_command

from jixiao.assessment import schemes
from jixiao.assessment.models import Round, SchemeStatus
from jixiao.sources import lianyungang_2018
from jixiao.units.demo import load_users


def load(units) -> None:
    # The demo users (the office, the judge, the Donghai filler) are created after the areas' demos; the
    # simulated round needs them now. load_users is idempotent.
    load_users(units)
    counties = {key: units[key] for key in lianyungang_2018.COUNTIES.values()}
    scheme = schemes.load_source(lianyungang_2018, units["lianyungang"], counties)
    office = get_user_model().objects.get(username="lianyungang_office")
    if scheme.status == SchemeStatus.DRAFT:
        schemes.issue(scheme, office)
    if not Round.objects.filter(scheme__issuing_unit=units["lianyungang"], scheme__year=lianyungang_2018.YEAR).exists():
        call_command("simulate_assessment_round", year=lianyungang_2018.YEAR, stdout=open("/dev/null", "w"))
