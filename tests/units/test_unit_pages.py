"""Home and unit pages: what each person covers, and the unit profile the documents carry."""

from django.db.models import Count

from jixiao.accounts.models import UnitYear
from jixiao.checks.models import Finding


def test_home_lists_the_years_the_filler_covers_with_their_open_findings(client_for, yueyang_filler, source_accounts):
    html = client_for(yueyang_filler).get("/").content.decode()
    yueyang = source_accounts["yueyang"]
    assert f'href="/accounts/{yueyang.pk}/2017/">2017年</a>' in html
    # The demo's 6 findings of the accounts (warnings and hints: the source's carry-over 158.39 against 2016's 164.90,
    # special funds at 112.97 %, ...) and 19 of its goals; none is an error.
    by_area = dict(Finding.objects.filter(unit=yueyang, fiscal_year=2017).values_list("area").annotate(n=Count("pk")))
    assert by_area == {"accounts": 6, "goals": 19}
    assert '<span class="badge hint">25 条</span>' in html
    assert "丽水" not in html


def test_the_filler_edits_the_profile_and_the_change_is_recorded(client_for, yueyang_filler, units):
    client = client_for(yueyang_filler)
    yueyang = units["yueyang"]
    response = client.post(f"/units/{yueyang.pk}/", {"contact_person": "张三", "phone": "0730-1234567", "actual_staff": "abc"})
    html = response.content.decode()
    assert "请输入整数" in html
    assert 'value="张三"' in html
    yueyang.refresh_from_db()
    assert yueyang.contact_person != "张三"
    client.post(f"/units/{yueyang.pk}/", {"contact_person": "张三", "phone": "0730-1234567", "actual_staff": "28", "revision": yueyang.revision})
    yueyang.refresh_from_db()
    assert yueyang.contact_person == "张三"
    html = client.get(f"/units/{yueyang.pk}/").content.decode()
    assert "<td>yueyang_filler</td><td class=\"label\">联系人</td>" in html


def test_opening_a_year_creates_its_sub_unit_rows(client_for, yueyang_filler, units):
    client = client_for(yueyang_filler)
    response = client.post(f"/units/{units['yueyang'].pk}/years/", {"fiscal_year": "2018"})
    assert response.status_code == 302
    assert sorted(UnitYear.objects.filter(fiscal_year=2018, unit__path__startswith=units["yueyang"].path).values_list("unit__name", flat=True)) == sorted(
        ["岳阳市科学技术协会", "科协机关", "科技活动管理中心", "科技馆"]
    )


def test_a_county_filler_cannot_open_or_read_another_county_or_the_citys_sub_units(client_for, donghai_filler, units, source_accounts):
    client = client_for(donghai_filler)
    for key in ("guanyun", "lianyungang", "yueyang", "yueyang_museum"):
        assert client.get(f"/units/{units[key].pk}/").status_code == 404
        assert client.post(f"/units/{units[key].pk}/years/", {"fiscal_year": "2019"}).status_code == 404
    yueyang_2017 = UnitYear.objects.get(unit=units["yueyang"], fiscal_year=2017)
    for suffix in ("", "funds/", "history/"):
        assert client.get(f"/accounts/{units['yueyang'].pk}/2017/{suffix}").status_code == 404
    for suffix in ("", "derived/", "submit/", "reopen/", "funds/"):
        assert client.post(f"/accounts/{units['yueyang'].pk}/2017/{suffix}", {}).status_code == 404
    assert UnitYear.objects.get(pk=yueyang_2017.pk).revision == yueyang_2017.revision


def test_two_people_on_the_unit_profile(session_of, yueyang_filler, units, django_user_model):
    from jixiao.units.models import Role, RoleKind

    colleague = django_user_model.objects.create_user("yueyang_colleague")
    Role.objects.create(user=colleague, unit=units["yueyang"], kind=RoleKind.FILLER)
    yueyang = units["yueyang"]
    shown = yueyang.revision
    first, second = session_of(yueyang_filler), session_of(colleague)
    assert first.post(f"/units/{yueyang.pk}/", {"contact_person": "张三", "revision": shown}).status_code == 302
    response = second.post(f"/units/{yueyang.pk}/", {"contact_person": "李四", "phone": "0730-1", "revision": shown})
    page = response.content.decode()
    assert response.status_code == 409
    assert "其他人已修改了单位信息" in page and "他人已改为：张三" in page and 'value="李四"' in page
    yueyang.refresh_from_db()
    assert yueyang.contact_person == "张三"


def test_a_profile_field_missing_from_the_post_is_not_blanked(client_for, yueyang_filler, units):
    yueyang = units["yueyang"]
    before = (yueyang.duties, yueyang.authorized_staff, yueyang.budget_code)
    assert client_for(yueyang_filler).post(f"/units/{yueyang.pk}/", {"phone": "0730-8888888", "revision": yueyang.revision}).status_code == 302
    yueyang.refresh_from_db()
    assert yueyang.phone == "0730-8888888"
    assert (yueyang.duties, yueyang.authorized_staff, yueyang.budget_code) == before
