"""The province-size demo (`manage.py load_demo --province`), built small: its pages read as many queries as the
demo's, and the overview counts every goal it holds (issue 16)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from jixiao.evaluations import province
from jixiao.goals.models import Goal
from jixiao.units.models import Unit
from tests.evaluations.test_query_counts import queries

pytestmark = pytest.mark.django_db

SIZE = province.Size(units=12, years=4, projects=6, indicators=3, cities=2)


@pytest.fixture
def small_province():
    built = province.load(SIZE, log=lambda *_: None)
    root = Unit.objects.get(name=province.PROVINCE_NAME)
    return built, root


def main_pages(unit, year, goal) -> list[str]:
    return ["/evaluations/", f"/goals/{unit.pk}/{year}/", f"/goals/{unit.pk}/{year}/{goal.pk}/",
            f"/accounts/{unit.pk}/{year}/"]


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_province_pages_read_as_many_queries_as_the_demos(small_province, finance_officer, units):
    built, root = small_province
    county = Unit.objects.filter(path__startswith=root.path, level="county").order_by("path").first()
    last_year = province.FIRST_YEAR + SIZE.years - 1
    province_goal = Goal.objects.get(unit_year__unit=county, unit_year__fiscal_year=last_year, kind="department")
    demo_goal = Goal.objects.filter(unit_year__unit=units["yueyang"], unit_year__fiscal_year=2017).first()
    demo_client = logged_in(finance_officer)
    province_client = logged_in(get_user_model().objects.get(username=province.PROVINCE_USER))
    for client, pages in ((demo_client, main_pages(units["yueyang"], 2017, demo_goal)),
                          (province_client, main_pages(county, last_year, province_goal))):
        for path in pages:
            client.get(path)  # sessions and each process's scheme cache warm

    demo = [queries(demo_client, path) for path in main_pages(units["yueyang"], 2017, demo_goal)]
    scaled = [queries(province_client, path) for path in main_pages(county, last_year, province_goal)]

    assert scaled == demo
    # Four years of 6 projects and a department goal each, for every county: counted without counting the goals.
    assert built["goals"] == Goal.objects.filter(unit_year__unit__path__startswith=root.path).count()
    assert f"共 {built['goals']} 项" in province_client.get("/evaluations/").content.decode()
