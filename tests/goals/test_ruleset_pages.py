"""Finance bureaus copy, edit and publish monitoring schemes and indicator frameworks; nobody else changes them."""

import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.goals import rulesets
from jixiao.goals.models import GoalKind, IndicatorFramework, MonitoringScheme, VersionStatus
from jixiao.units.models import Role, RoleKind

D = Decimal


@pytest.fixture
def default_scheme(db):
    return MonitoringScheme.objects.get(code="default", version=1)


@pytest.fixture
def framework_2021(db):
    return IndicatorFramework.objects.get(code="framework-2021", version=1)


@pytest.fixture
def lishui_finance(units, django_user_model):
    person = django_user_model.objects.create_user("lishui_finance")
    Role.objects.create(user=person, unit=units["lishui"], kind=RoleKind.FINANCE_BUREAU)
    return person


def copy_url(kind, version):
    return f"/goals/rules/{kind}/{version.pk}/copy/"


def detail_url(kind, version):
    return f"/goals/rules/{kind}/{version.pk}/"


def yueyang_draft(client, scheme) -> MonitoringScheme:
    response = client.post(copy_url("monitoring", scheme))
    assert response.status_code == 302
    return MonitoringScheme.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


SICHUAN_LIKE = {"name": "岳阳市执行进度预警", "measure": "execution", "basis": "days", "gap_points": "15",
                "cp-0-date": "4月30日", "cp-0-red": "25", "cp-0-green": "30",
                "cp-1-date": "6月30日", "cp-1-red": "40", "cp-1-green": "45",
                "cp-2-date": "9月30日", "cp-2-red": "65", "cp-2-green": ""}


# --- reading --------------------------------------------------------------------------------------

def test_everyone_reads_the_published_versions_but_only_finance_bureaus_are_offered_a_copy(
        client_for, yueyang_filler, finance_officer, default_scheme):
    page = client_for(yueyang_filler).get("/goals/rules/").content.decode()
    for name in ("默认监控方案（双监控：6月30日、8月31日）", "四川式执行进度预警", "2020年三类指标体系", "2021年四类指标体系"):
        assert name in page
    assert "复制为新版本</button>" not in page
    detail = client_for(yueyang_filler).get(detail_url("monitoring", default_scheme)).content.decode()
    assert "已发布的版本不能修改" in detail and 'name="cp-0-date"' not in detail
    assert "复制为新版本</button>" in client_for(finance_officer).get("/goals/rules/").content.decode()


# --- who may change -------------------------------------------------------------------------------

def test_only_finance_bureaus_copy_and_nobody_edits_a_published_version(
        client_for, yueyang_filler, yueyang_reviewer, outsider, finance_officer, default_scheme, framework_2021):
    assert client_for(outsider).get("/goals/rules/").status_code == 403
    assert client_for(outsider).get(detail_url("monitoring", default_scheme)).status_code == 403
    assert client_for(outsider).get(f"/goals/rules/monitoring/{default_scheme.pk}/export/").status_code == 403
    for person in (yueyang_filler, yueyang_reviewer, outsider):
        client = client_for(person)
        assert client.post(copy_url("monitoring", default_scheme)).status_code == 403
        assert client.post(copy_url("framework", framework_2021)).status_code == 403
        assert client.post(detail_url("monitoring", default_scheme), SICHUAN_LIKE).status_code == 403
        upload = SimpleUploadedFile("s.json", rulesets.export_json(default_scheme).encode(), "application/json")
        assert client.post("/goals/rules/monitoring/import/", {"file": upload}).status_code == 403
    # A finance bureau cannot change a published version either: it copies it.
    response = client_for(finance_officer).post(detail_url("monitoring", default_scheme), SICHUAN_LIKE)
    assert response.status_code == 403
    assert MonitoringScheme.objects.count() == 2
    default_scheme.refresh_from_db()
    assert default_scheme.measure == "progress" and default_scheme.checkpoints.count() == 2


def test_a_draft_is_seen_and_changed_only_by_the_bureau_that_made_it(
        client_for, finance_officer, lishui_finance, yueyang_filler, default_scheme):
    draft = yueyang_draft(client_for(finance_officer), default_scheme)
    assert draft.status == VersionStatus.DRAFT and draft.region == "岳阳市" and draft.version == 2
    for person in (lishui_finance, yueyang_filler):
        client = client_for(person)
        assert client.get(detail_url("monitoring", draft)).status_code == 404
        assert client.post(detail_url("monitoring", draft), SICHUAN_LIKE).status_code == 404
        assert "第2版" not in client.get("/goals/rules/").content.decode()
    with pytest.raises(rulesets.RuleRefused, match="只有制定该草稿的财政部门可以修改"):
        rulesets.save_monitoring_draft(draft, rulesets.check_monitoring(SICHUAN_LIKE), lishui_finance, draft.revision)


# --- editing with validation -------------------------------------------------------------------------

def test_thresholds_must_increase_and_dates_be_ordered_in_chinese(client_for, finance_officer, default_scheme):
    client = client_for(finance_officer)
    draft = yueyang_draft(client, default_scheme)
    bad = {**SICHUAN_LIKE, "cp-1-date": "3月31日", "cp-2-red": "30", "cp-2-green": "20", "gap_points": "120"}
    response = client.post(detail_url("monitoring", draft), {**bad, "revision": draft.revision})
    page = response.content.decode()
    assert response.status_code == 400
    assert "第2个时点 3月31日 须晚于上一个时点 4月30日" in page
    assert "第3个时点：绿灯线 20 不能低于红灯线 30" in page
    assert "偏差预警百分点须在 0–100 之间" in page
    assert 'value="3月31日"' in page  # what was typed stays on the page
    lower = {**SICHUAN_LIKE, "cp-2-red": "40", "cp-2-green": "45"}
    page = client.post(detail_url("monitoring", draft), {**lower, "revision": draft.revision}).content.decode()
    assert "第3个时点的红灯线 40 须高于上一个时点的 40（预算执行率随时间只增不减）" in page
    page = client.post(detail_url("monitoring", draft), {"name": "x", "measure": "progress", "basis": "days",
                                                         "cp-0-date": "2月29日", "cp-0-red": "60", "cp-0-green": "80",
                                                         "revision": draft.revision}).content.decode()
    assert "第1个时点：监控时点 2月29日 并非每年都有" in page
    draft.refresh_from_db()
    assert draft.revision == 0 and draft.measure == "progress"


def test_a_stale_draft_save_is_refused(client_for, finance_officer, default_scheme):
    client = client_for(finance_officer)
    draft = yueyang_draft(client, default_scheme)
    assert client.post(detail_url("monitoring", draft), {**SICHUAN_LIKE, "revision": 0}).status_code == 302
    response = client.post(detail_url("monitoring", draft), {**SICHUAN_LIKE, "name": "旧页面", "revision": 0})
    assert response.status_code == 409
    assert "该草稿已被他人修改，未保存" in response.content.decode()
    draft.refresh_from_db()
    assert draft.name == "岳阳市执行进度预警"


def test_a_published_yueyang_scheme_applies_to_yueyang_from_its_first_year_and_supersedes(
        client_for, finance_officer, units, default_scheme):
    client = client_for(finance_officer)
    draft = yueyang_draft(client, default_scheme)
    assert client.post(detail_url("monitoring", draft), {**SICHUAN_LIKE, "revision": 0}).status_code == 302
    refused = client.post(detail_url("monitoring", draft), {"action": "publish", "region": "湖南省", "from_year": "2025",
                                                            "revision": 1})
    assert refused.status_code == 409 and "只能发布到本财政部门所在地区：岳阳市" in refused.content.decode()
    wrong_years = client.post(detail_url("monitoring", draft), {"action": "publish", "region": "岳阳市", "from_year": "2026",
                                                                "to_year": "2025", "revision": 1})
    assert wrong_years.status_code == 400 and "截止年度 2025 不能早于起始年度 2026" in wrong_years.content.decode()
    response = client.post(detail_url("monitoring", draft), {"action": "publish", "region": "岳阳市", "from_year": "2025",
                                                             "to_year": "", "kind": "", "revision": 1})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.region, draft.from_year, draft.published_by) == ("published", "岳阳市", 2025, finance_officer)
    for unit in (units["yueyang"], units["yueyang_museum"]):
        assert rulesets.monitoring_scheme_for(unit, 2025, GoalKind.PROJECT) == draft
    assert rulesets.monitoring_scheme_for(units["yueyang"], 2017, GoalKind.PROJECT) == default_scheme
    assert rulesets.monitoring_scheme_for(units["lishui"], 2025, GoalKind.PROJECT) == default_scheme
    rules = rulesets.monitoring_rules(draft)
    assert [(rule.label, rule.thresholds.red_below, rule.thresholds.green_from) for rule in rules.checkpoints] == [
        ("4月30日", D("25"), D("30")), ("6月30日", D("40"), D("45")), ("9月30日", D("65"), D("65"))]
    assert client.post(detail_url("monitoring", draft), SICHUAN_LIKE).status_code == 403
    # A newer version for the same place and years takes over; the list says so.
    newer = yueyang_draft(client, draft)
    client.post(detail_url("monitoring", newer), {"action": "publish", "region": "岳阳市", "from_year": "2026",
                                                  "revision": 0})
    assert rulesets.monitoring_scheme_for(units["yueyang"], 2026, GoalKind.PROJECT) == MonitoringScheme.objects.get(pk=newer.pk)
    assert rulesets.monitoring_scheme_for(units["yueyang"], 2025, GoalKind.PROJECT) == draft
    assert "已被第3版取代（2026年度起）" in client.get("/goals/rules/").content.decode()


# --- frameworks -------------------------------------------------------------------------------------

def test_a_framework_draft_refuses_classes_the_scoring_cannot_count(client_for, finance_officer, framework_2021, units):
    client = client_for(finance_officer)
    response = client.post(copy_url("framework", framework_2021))
    draft = IndicatorFramework.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    assert list(draft.classes.values_list("level1", "level2"))[:2] == [("成本指标", "经济成本指标"), ("成本指标", "社会成本指标")]
    bad = {"name": "岳阳2025指标体系", "classes": "产出指标：数量指标\n可持续指标：长效机制", "required": ["formula"],
           "revision": 0}
    page = client.post(detail_url("framework", draft), bad).content.decode()
    assert "一级指标“可持续指标”无法计分，只能是：产出指标、效益指标、满意度指标、成本指标" in page
    good = {**bad, "classes": "成本指标：经济成本指标\n产出指标：数量指标、质量指标\n效益指标：社会效益指标\n满意度指标：服务对象满意度指标"}
    assert client.post(detail_url("framework", draft), good).status_code == 302
    assert client.post(detail_url("framework", draft), {"action": "publish", "region": "岳阳市", "from_year": "2025",
                                                        "kind": "project", "revision": 1}).status_code == 302
    found = rulesets.framework_rules(rulesets.framework_for(units["yueyang"], 2025, GoalKind.PROJECT))
    assert found.name == "岳阳2025指标体系" and found.required == ("formula",)
    assert found.level2_names("产出指标") == ("数量指标", "质量指标")
    # Department goals of the same year keep the national 2021 framework: this one was published for projects.
    assert rulesets.framework_for(units["yueyang"], 2025, GoalKind.DEPARTMENT) == framework_2021


# --- files --------------------------------------------------------------------------------------------

def test_an_exported_scheme_imports_as_a_draft_with_the_same_rules(client_for, lishui_finance, units):
    sichuan = MonitoringScheme.objects.get(code="sichuan-2025")
    client = client_for(lishui_finance)
    exported = client.get(f"/goals/rules/monitoring/{sichuan.pk}/export/")
    assert exported["Content-Type"].startswith("application/json")
    data = json.loads(exported.content)
    assert data["cp-1-date"] == "6月30日" and data["measure"] == "execution"
    upload = SimpleUploadedFile("sichuan.json", exported.content, "application/json")
    response = client.post("/goals/rules/monitoring/import/", {"file": upload})
    assert response.status_code == 302
    imported = MonitoringScheme.objects.exclude(pk=sichuan.pk).get(code="sichuan-2025")
    assert (imported.status, imported.owner, imported.region, imported.version) == ("draft", units["lishui"], "丽水市", 2)
    assert rulesets.monitoring_rules(imported).checkpoints == rulesets.monitoring_rules(sichuan).checkpoints
    # A broken file stores nothing and says why.
    broken = {**data, "cp-2-red": "10"}
    upload = SimpleUploadedFile("bad.json", json.dumps(broken, ensure_ascii=False).encode(), "application/json")
    response = client.post("/goals/rules/monitoring/import/", {"file": upload}, follow=True)
    assert "文件内容有误，未导入：第3个时点的红灯线 10 须高于上一个时点的 40" in response.content.decode()
    assert MonitoringScheme.objects.filter(code="sichuan-2025").count() == 2
    upload = SimpleUploadedFile("x.json", b"not json", "application/json")
    assert "文件不是有效的 JSON 方案文件" in client.post("/goals/rules/framework/import/", {"file": upload}, follow=True).content.decode()
