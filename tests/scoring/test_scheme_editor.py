"""A finance officer makes a Hubei 20 / 80 scheme from a copy of MoF 2020, previews it on a Lishui
project, publishes it for 湖北 2022; a Hubei goal then scores 20 × rate for execution and its
自评表 prints the Hubei layout. Every page refuses anyone but a finance bureau.

The Hubei unit is the demo's 鄂州市科协, whose 2022 科学普及经费 is typed from its own 自评表
(jixiao/sources/ezhou_2022.py): 104 budgeted, 103.97 spent, nine indicators without points."""

import io
import re
from decimal import Decimal as D

import docx
import pytest

from jixiao.accounts.models import SpecialFund, UnitYear
from jixiao.evaluations import domain as workflow
from jixiao.goals.domain import execution_of
from jixiao.goals.models import Goal, Indicator
from jixiao.goals.scoring import scheme_of, score_goal
from jixiao.scoring.models import SchemeStatus, SchemeVersion
from jixiao.scoring.queries import SchemeBook
from jixiao.units.demo import FINANCE_OFFICER_UNITS
from jixiao.units.models import Role, RoleKind, Unit
from jixiao.units.regions import place_names

pytestmark = pytest.mark.django_db

HUBEI_FORM = {
    "name": "湖北省项目支出绩效自评（2022）", "source": "鄂财绩发〔2020〕3号 附件 项目支出绩效自评表", "layout": "hubei",
    "execution_points": "20", "reverse_rule": "ratio", "range_above_rule": "full", "over_ratio": "2", "step": "0.01",
    "tolerance": "0.01", "aliases": "",
    "cat-0-name": "年度绩效目标", "cat-0-points": "80", "cat-0-split": "on", "cat-0-members": "产出指标、效益指标、满意度指标、成本指标",
    "cat-1-name": "", "cat-1-points": "", "cat-1-members": "",
    "cat-2-name": "", "cat-2-points": "", "cat-2-members": "",
    "band-0-grade": "优", "band-0-floor": "90", "band-0-consequence": "优先安排下年度预算",
    "band-1-grade": "良", "band-1-floor": "80", "band-1-consequence": "维持预算规模",
    "band-2-grade": "中", "band-2-floor": "60", "band-2-consequence": "压减预算",
    "band-3-grade": "差", "band-3-floor": "0", "band-3-consequence": "取消项目",
    "band-4-grade": "", "band-4-floor": "", "band-4-consequence": "",
    "tier-0-high": "100", "tier-0-low": "80", "tier-1-high": "80", "tier-1-low": "60", "tier-2-high": "60", "tier-2-low": "0",
    "tier-3-high": "", "tier-3-low": "",
}


@pytest.fixture
def hubei(units):
    """The demo's Hubei units: 湖北省科协 and 鄂州市科协."""
    return {"province": units["hubei"], "city": units["ezhou"]}


@pytest.fixture
def provincial_finance(units, hubei, django_user_model):
    """A finance officer covering Zhejiang (Lishui) and Hubei."""
    user = django_user_model.objects.create_user(username="province_finance_officer", password="pw", first_name="省财政厅")
    for unit in (units["zhejiang"], hubei["province"]):
        Role.objects.create(user=user, unit=unit, kind=RoleKind.FINANCE_BUREAU)
    return user


@pytest.fixture
def demo_finance_officer(units, django_user_model):
    """The demo's provincial finance officer (finance_officer of `make run`): the six provinces, 湖北 among them."""
    user = django_user_model.objects.create_user(username="finance_officer", password="pw", first_name="省财政厅")
    for key in FINANCE_OFFICER_UNITS:
        Role.objects.create(user=user, unit=units[key], kind=RoleKind.FINANCE_BUREAU)
    return user


@pytest.fixture
def ezhou_filler(units, django_user_model):
    user = django_user_model.objects.create_user(username="ezhou_filler", password="pw")
    Role.objects.create(user=user, unit=units["ezhou"], kind=RoleKind.FILLER)
    return user


@pytest.fixture
def ezhou_goal(source_evaluations):
    return Goal.objects.get(unit_year__unit=source_evaluations["ezhou"], unit_year__fiscal_year=2022, name="科学普及经费")


def publish_hubei_copy(client):
    """What the officer does in the browser: copy MoF 2020, type the Hubei form, publish for 湖北 2022 projects."""
    assert client.post("/scoring/mof-2020/copy/", {"code": "hubei-2022", "as": "scheme"}).status_code == 302
    draft = SchemeVersion.objects.get(code="hubei-2022")
    assert client.post("/scoring/hubei-2022/edit/", {**HUBEI_FORM, "revision": draft.revision}).status_code == 302
    client.post("/scoring/hubei-2022/publish/", {"region": "湖北", "from_year": "2022", "to_year": "2022", "kind": "project"})
    assert SchemeVersion.objects.get(code="hubei-2022").status == SchemeStatus.PUBLISHED


def docx_cells(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def texts(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_place_names_run_from_the_unit_up(hubei):
    assert place_names(hubei["city"]) == ["鄂州市", "鄂州", "湖北省", "湖北"]


def test_finance_officer_makes_publishes_and_a_hubei_goal_is_scored_and_printed_under_it(
        client, source_evaluations, provincial_finance, hubei, lishui_filler, ezhou_filler):
    client.force_login(provincial_finance)
    # 1. Copy MoF 2020 as a new scheme: a draft with MoF's content.
    response = client.post("/scoring/mof-2020/copy/", {"code": "hubei-2022", "as": "scheme"})
    assert response.status_code == 302 and response["Location"] == "/scoring/hubei-2022/edit/"
    draft = SchemeVersion.objects.get(code="hubei-2022")
    assert (draft.status, draft.execution_points, draft.based_on.code) == (SchemeStatus.DRAFT, D("10.00"), "mof-2020")
    page = client.get("/scoring/hubei-2022/edit/")
    assert page.status_code == 200 and 'name="cat-0-points" value="50"' in page.content.decode()

    # 2. Typed wrong first: 20 + 70 points and overlapping bands are refused at the field, nothing stored.
    wrong = {**HUBEI_FORM, "revision": draft.revision, "cat-0-points": "70", "band-1-floor": "95"}
    refused = client.post("/scoring/hubei-2022/edit/", wrong)
    assert refused.status_code == 400
    shown = texts(refused)
    assert "预算执行率与各类别分值合计 20 + 70 = 90 分，应为 100 分" in shown
    assert "等次须从高到低排列且不重叠：“良”的分数线 95 分不低于上一等次“优”的 90 分" in shown
    assert 'name="band-1-floor" value="95" class="short invalid"' in refused.content.decode()
    assert SchemeVersion.objects.get(code="hubei-2022").execution_points == D("10.00")

    saved = client.post("/scoring/hubei-2022/edit/", {**HUBEI_FORM, "revision": draft.revision})
    assert saved.status_code == 302
    assert "hubei-2022" not in SchemeBook.load().schemes  # a draft is offered to no goal

    # 3. Preview on Lishui 2020 as the demo holds it (no indicator points): only the money part is scored,
    # 10 × 92.33 % under MoF, 20 × 92.33 % under the new scheme; no total is invented.
    lishui_project = Goal.objects.get(unit_year__unit=source_evaluations["lishui"], name="科学普及专项")
    as_loaded = client.get(f"/scoring/hubei-2022/preview/?unit_year={lishui_project.unit_year_id}").content.decode()
    only_money = re.search(rf'<tr data-goal="{lishui_project.pk}">(.*?)</tr>', as_loaded, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", re.search(r'data-testid="execution-only">(.*?)</td>', only_money, re.S).group(1)) == (
        "预算执行率部分：原 9.23 / 10，新 18.47 / 20；指标未设分值，总分和等次不计")
    # With points typed on 科学普及专项 (8 × 10 = 80), the MoF scheme reads them as 80 points for its
    # 50-point 产出 and nothing for 效益 / 满意度.
    Indicator.objects.filter(goal=lishui_project).update(points=D("10"))
    preview = client.get(f"/scoring/hubei-2022/preview/?unit_year={lishui_project.unit_year_id}")
    assert preview.status_code == 200
    row = re.search(rf'<tr data-goal="{lishui_project.pk}">(.*?)</tr>', preview.content.decode(), re.S).group(1)
    old_total = re.search(r'data-testid="old-total">([^<]*)<', row).group(1)
    new_total = re.search(r'data-testid="new-total"><strong>([^<]*)<', row).group(1)
    # MoF: 9.23 (10 × 92.33 %) + 产出 50 with 满意度's 10 moved in × 50 / 80 = 56.25, over 8 indicators as
    # 7.04 + 7 × 7.03; the first (公民具备科学素质比例) has no actual and scores 0: 9.23 + 7 × 7.03 = 58.44.
    assert old_total == "58.44"
    # Hubei: 18.47 (20 × 92.33 %) + 7 met indicators × 10 of the unit's 80 points = 88.47.
    assert new_total == "88.47"
    assert "18.47 / 20" in texts(preview) and "9.23 / 10" in texts(preview)
    assert "维持预算规模" in row  # 88.47 is 良 under the new bands

    # 4. Publish for 湖北 2022 (project goals); someone else's province is refused.
    refused = client.post("/scoring/hubei-2022/publish/", {"region": "湖南", "from_year": "2022", "to_year": "2022",
                                                            "kind": "project"}, follow=True)
    assert "您不是“湖南”的财政部门" in texts(refused)
    client.post("/scoring/hubei-2022/publish/", {"region": "湖北", "from_year": "2022", "to_year": "2022", "kind": "project"})
    published = SchemeVersion.objects.get(code="hubei-2022")
    assert published.status == SchemeStatus.PUBLISHED
    assert [(v.region, v.from_year, v.to_year, v.kind) for v in published.validity.all()] == [("湖北", 2022, 2022, "project")]
    # A published version is never edited again.
    assert client.get("/scoring/hubei-2022/edit/").status_code == 302

    # 5. A new Hubei (鄂州) project goal of 2022: the new-goal page offers the Hubei scheme.
    # A second project the clerk adds beside the demo's 科学普及经费, with points typed for each indicator.
    unit_year = UnitYear.objects.get(unit=hubei["city"], fiscal_year=2022)
    fund = SpecialFund.objects.create(unit_year=unit_year, name="科普经费", adjusted_budget=D("80.00"), actual=D("76.00"))
    clerk = Unit.objects.get(pk=hubei["city"].pk)
    client.force_login(ezhou_filler)
    new_goal = client.get(f"/goals/{clerk.pk}/2022/new/")
    assert new_goal.status_code == 200
    assert re.search(r'<option value="hubei-2022" selected>', new_goal.content.decode())
    goal = workflow.add_goal(unit_year, Goal(kind="project", name="科普经费", special_fund=fund, scheme_code="hubei-2022"),
                             ezhou_filler)
    for order, (level1, level2, name, target, actual, points) in enumerate([
        ("产出指标", "数量指标", "举办科普讲座", "12", "12", "30"),
        ("产出指标", "质量指标", "讲座满座率", "90", "81", "20"),
        ("效益指标", "社会效益指标", "受众人次", "3000", "3300", "20"),
        ("满意度指标", "服务对象满意度指标", "听众满意度", "90", "95", "10"),
    ], start=1):
        Indicator.objects.create(goal=goal, sort_order=order, level1=level1, level2=level2, name=name, operator=">=",
                                 target=D(target), actual=D(actual), points=D(points), unit_of_measure="场")
    assert scheme_of(goal).code == "hubei-2022"
    result = score_goal(goal, execution_of(goal)[2])
    assert result.execution_explanation == "预算执行率 95.00% × 20分 = 19.00分"
    assert result.indicator(str(goal.indicators.get(name="讲座满座率").pk)).score == D("18.00")  # 81 ÷ 90 × 20
    assert result.total == D("19.00") + D("30") + D("18.00") + D("20") + D("10")
    assert result.errors == []
    # The goal checks read the same scheme: 80 points split by the unit, no "分值合计与评分方案不符".
    assert "points.items_sum" not in {f.rule_code for f in _findings(unit_year)}

    # 6. Its 自评表 in the Hubei layout.
    from jixiao.documents.generate import project_self_evaluation_docx

    document = docx.Document(io.BytesIO(project_self_evaluation_docx(goal.evaluation)))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for printed in ("预算执行情况（万元）（20分）", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分（20分×执行率）",
                    "年度绩效目标（80分）", "产出指标（50分）", "效益指标（20分）", "满意度指标（10分）", "年初目标值（A）",
                    "实际完成值（B）", "19.00", "97.00", "优"):
        assert printed in cells, printed
    assert "全年预算数" not in cells  # not the MoF header

    # Points that do not add up to the scheme's 80 are one finding, on the part the unit splits.
    Indicator.objects.filter(goal=goal, name="举办科普讲座").update(points=D("20"))
    found = [f.message for f in _findings(unit_year) if f.rule_code == "points.items_sum"]
    assert found == ["科普经费年度绩效目标（含产出指标、效益指标、满意度指标）分值合计 70 分，评分办法规定 80 分"]


def test_the_demo_ezhou_goal_scores_10_times_its_rate_under_mof_then_20_times_once_hubei_publishes(
        client, demo_finance_officer, ezhou_filler, ezhou_goal):
    """The 鄂州 科学普及经费 as `make run` shows it: 103.97 of 104 spent (99.97 %), no indicator points, no scheme
    named, so it scores under whatever is published for 湖北 2022 project goals."""
    page_url = f"/goals/{ezhou_goal.unit_year.unit_id}/2022/{ezhou_goal.pk}/"
    form_url = f"/documents/{ezhou_goal.evaluation.pk}/project-table.docx"  # 项目支出绩效自评表（Word）
    assert ezhou_goal.scheme_code == "" and execution_of(ezhou_goal) == (D("104.00"), D("103.97"), D("99.97"))

    # Before: MoF 2020, 10 points for execution.
    assert scheme_of(ezhou_goal).code == "mof-2020"
    client.force_login(ezhou_filler)
    before = texts(client.get(page_url))
    assert "预算执行率 99.97% × 10分 = 10.00分 （财政部 财预〔2020〕10号 项目支出绩效自评）" in before
    assert "指标未设分值，无法计算指标得分和总分。" in before
    cells = docx_cells(client.get(form_url).content)
    assert "全年预算数" in cells and "10.00" in cells and "预算执行情况（万元）（20分）" not in cells

    # The provincial finance officer publishes the Hubei 20 / 80 copy for 湖北 2022.
    client.force_login(demo_finance_officer)
    publish_hubei_copy(client)

    # After: the same goal, nothing typed by the unit, scores 20 × 99.97 % = 19.99 for execution.
    assert scheme_of(Goal.objects.get(pk=ezhou_goal.pk)).code == "hubei-2022"
    client.force_login(ezhou_filler)
    after = texts(client.get(page_url))
    assert "预算执行率 99.97% × 20分 = 19.99分 （湖北省项目支出绩效自评（2022））" in after
    assert "指标未设分值，无法计算指标得分和总分。" in after
    # Its 自评表 in the Hubei layout, the form's own figures and the indicators in its words; no total.
    cells = docx_cells(client.get(form_url).content)
    for printed in ("预算执行情况（万元）（20分）", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分（20分×执行率）",
                    "年度绩效目标（80分）", "年初目标值（A）", "实际完成值（B）", "年度财政资金总额", "104.00", "103.97",
                    "99.97%", "19.99", "“科普鄂州”微信公众号运维", "提高普及率", "稳步提升", "≤104万元", "103.97万元"):
        assert printed in cells, printed
    assert "全年预算数" not in cells
    total = cells[cells.index("总分") + 1:cells.index("等级")]
    assert set(total) <= {"总分", ""}  # the indicator part is not scored, so neither is the total


def _findings(unit_year):
    from jixiao.checks.models import Finding
    from jixiao.goals.domain import run_goal_checks

    run_goal_checks(unit_year)
    return list(Finding.objects.filter(unit=unit_year.unit, fiscal_year=unit_year.fiscal_year))
