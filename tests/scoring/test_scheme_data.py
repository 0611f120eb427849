"""Schemes as data: the shipped versions, lookup by region and year, unknown codes refused, versions
never edited once published, the rules a scheme must satisfy, and a file exported and imported back."""

import io
import json
from decimal import Decimal as D

import pytest

from jixiao.evaluations import domain as workflow
from jixiao.goals.goal_forms import GoalForm
from jixiao.goals.models import Goal
from jixiao.goals.scoring import scheme_of, score_goal
from jixiao.scoring import domain, exchange
from jixiao.scoring.models import SchemeStatus, SchemeVersion
from jixiao.scoring.queries import SchemeBook, UnknownScheme, scheme_by_code, scheme_of_version
from tests.scoring.shipped import SHIPPED_BOOK

pytestmark = pytest.mark.django_db


def test_the_database_holds_the_shipped_schemes_exactly(db):
    book = SchemeBook.load()
    assert sorted(book.schemes) == ["chongqing-style-department", "hubei-style", "hunan-2017-department", "mof-2020",
                                    "practice-2021-cost"]
    assert book.schemes == SHIPPED_BOOK.schemes
    mof = book.by_code("mof-2020")
    assert (mof.execution_points, mof.category_points) == (D("10"), {"产出指标": D("50"), "效益指标": D("30"), "满意度指标": D("10")})
    assert mof.consequences == {"优": "优先保障，下年度预算优先安排", "良": "维持现有预算规模",
                                "中": "压减下年度预算，限期整改", "差": "原则上取消或暂停该项支出"}
    hubei = book.by_code("hubei-style")
    assert (hubei.execution_points, hubei.category_points) == (D("20"), {"年度绩效目标": D("80")})
    assert hubei.split_categories == {"年度绩效目标": ("产出指标", "效益指标", "满意度指标", "成本指标")}
    assert book.by_code("practice-2021-cost").category_points["成本指标"] == D("10")
    for scheme in book.schemes.values():
        assert scheme.total_points == D("100"), scheme.code


def test_schemes_are_looked_up_by_place_year_and_kind(db):
    book = SchemeBook.load()
    assert book.scheme_for(["岳阳市", "岳阳", "湖南省", "湖南"], 2017, "department").code == "hunan-2017-department"
    assert book.scheme_for(["岳阳市", "岳阳", "湖南省", "湖南"], 2017, "project").code == "mof-2020"
    assert book.scheme_for(["湖南"], 2018, "department").code == "mof-2020"
    assert book.scheme_for(["湖北"], 2022, "project").code == "mof-2020"  # until a Hubei scheme is published


def test_unknown_code_is_refused_in_chinese_never_replaced(source_evaluations, yueyang_filler):
    message = "评分方案代码“hubei-custom”不存在或尚未发布，不能按它计分；请选择已发布的评分方案，或请财政部门发布该方案"
    with pytest.raises(UnknownScheme) as refused:
        scheme_by_code("hubei-custom")
    assert str(refused.value) == message
    with pytest.raises(UnknownScheme):
        SchemeBook.load().by_code("hubei-custom")
    # A goal stored with it (by a script, an old import) is not scored under MoF: it is not scored, and says why.
    goal = Goal.objects.get(unit_year__unit=source_evaluations["yueyang"], unit_year__fiscal_year=2017)
    Goal.objects.filter(pk=goal.pk).update(scheme_code="hubei-custom")
    goal.refresh_from_db()
    with pytest.raises(UnknownScheme):
        score_goal(goal, D("90"))
    from jixiao.goals.domain import run_goal_checks, summarize

    assert summarize(goal).result is None
    run_goal_checks(goal.unit_year)
    finding = goal.unit_year.unit.findings.get(rule_code="points.unknown_scheme")
    assert finding.message == f"{goal.name}：{message}"
    # The goal page names it instead of failing.
    from django.test import Client

    client = Client()
    client.force_login(yueyang_filler)
    page = client.get(f"/goals/{goal.unit_year.unit_id}/2017/{goal.pk}/")
    assert page.status_code == 200 and message in page.content.decode()
    # A new goal naming it is refused, in the form and in the domain.
    form = GoalForm({"kind": "project", "name": "新目标", "scheme_code": "hubei-custom"}, unit_year=goal.unit_year)
    assert form.errors["scheme_code"] == ["评分方案“hubei-custom”不存在或尚未发布，请从列表中选择"]
    with pytest.raises(workflow.StepRefused) as step:
        workflow.add_goal(goal.unit_year, Goal(kind="project", name="脚本目标", scheme_code="hubei-custom"), yueyang_filler)
    assert str(step.value) == message


def test_a_draft_cannot_be_chosen_for_a_goal(finance_officer, units):
    draft = domain.copy_scheme(SchemeVersion.objects.get(code="mof-2020"), "mof-draft", finance_officer)
    assert draft.status == SchemeStatus.DRAFT
    with pytest.raises(UnknownScheme):
        scheme_by_code("mof-draft")


def _data(code="test-scheme", **changes):
    data = exchange.shipped("mof-2020")
    data["code"] = code
    data.update(changes)
    return data


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"execution": {"points": "10", "formula": "rate_capped"}, "categories": [{"name": "产出指标", "points": "50"}]},
     "categories", "预算执行率与各类别分值合计 10 + 50 = 60 分，应为 100 分"),
    ({"grade_bands": [{"grade": "优", "floor": "90"}, {"grade": "良", "floor": "90"}, {"grade": "差", "floor": "0"}]},
     "grade_bands-1-floor", "等次须从高到低排列且不重叠：“良”的分数线 90 分不低于上一等次“优”的 90 分"),
    ({"grade_bands": [{"grade": "优", "floor": "90"}, {"grade": "良", "floor": "60"}]},
     "grade_bands-1-floor", "最低等次“良”的分数线应为 0 分，否则低分没有等次"),
    ({"qualitative_tiers": [["100", "80"], ["70", "0"]]}, "qualitative_tiers", "第2档的上限 70% 应接上一档的下限 80%"),
    ({"categories": [{"name": "年度绩效目标", "points": "90", "split_by_unit": True, "members": []}]},
     "categories-0-members", "“年度绩效目标”由单位分配分值，须列出其下的一级指标（如 产出指标、效益指标）"),
    ({"execution": {"points": 10.0, "formula": "rate_capped"}}, "execution_points",
     "execution_points 须写成字符串形式的数字（如 \"10\"），不接受浮点数"),
    ({"over_achievement": {"ratio": "1", "deduction": False}}, "over_achievement_ratio",
     "超额完成提示倍数须大于 1（如 2 倍），不提示时留空"),
    ({"code": "湖北"}, "code", "方案代码须为小写字母、数字和连字符（如 hubei-2022），不超过40个字符"),
])
def test_a_scheme_breaking_a_rule_is_refused_with_the_field(change, field, message):
    assert (field, message) in exchange.problems(_data(**change))
    with pytest.raises(exchange.SchemeFileError):
        exchange.scheme_from_data(_data(**change))


def test_a_published_version_is_never_edited_and_a_stale_save_is_refused(finance_officer, units):
    mof = SchemeVersion.objects.get(code="mof-2020")
    with pytest.raises(domain.SchemeRefused, match="已发布，不能再修改"):
        domain.save_draft(mof, exchange.shipped("mof-2020"), finance_officer, mof.revision)
    draft = domain.copy_scheme(mof, "mof-2020-v2", finance_officer, new_version=True)
    assert (draft.family, draft.version) == ("mof", 2)
    domain.save_draft(draft, {**exchange.shipped("mof-2020"), "name": "第二版"}, finance_officer, draft.revision)
    with pytest.raises(domain.SchemeRefused, match="已被他人修改"):
        domain.save_draft(draft, {**exchange.shipped("mof-2020"), "name": "同时修改"}, finance_officer, draft.revision)


def test_publishing_supersedes_the_earlier_version_and_refuses_a_clash(units, django_user_model):
    admin = django_user_model.objects.create_superuser("scheme_admin", password="pw")
    hunan = SchemeVersion.objects.get(code="hunan-2017-department")
    second = domain.copy_scheme(hunan, "hunan-2017-department-v2", admin, new_version=True)
    domain.publish(second, [{"region": "湖南", "from_year": 2017, "to_year": 2017, "kind": "department"}], admin)
    assert SchemeVersion.objects.get(code="hunan-2017-department").status == SchemeStatus.SUPERSEDED
    # A goal scored under the first version keeps it.
    assert scheme_by_code("hunan-2017-department").category_points == {"产出指标": D("60"), "效益指标": D("40")}
    other = domain.copy_scheme(hunan, "hunan-other", admin)
    with pytest.raises(domain.SchemeRefused, match="同一地区、年度和类型只能有一个评分方案"):
        domain.publish(other, [{"region": "湖南", "from_year": 2016, "to_year": 2018, "kind": ""}], admin)


def test_an_exported_file_imported_back_scores_the_demo_the_same(client, source_evaluations, finance_officer):
    client.force_login(finance_officer)
    goals = [goal for goal in Goal.objects.prefetch_related("indicators") if goal.indicators.exclude(points=None).exists()]
    assert goals, "the demo has scored goals"
    for code in sorted({goal.scheme_code for goal in goals}):
        exported = client.get(f"/scoring/{code}/export/")
        assert exported.status_code == 200
        assert exported["Content-Disposition"] == f'attachment; filename="scoring-scheme-{code}.json"'
        data = json.loads(exported.content)
        data["code"] = f"{code}-copy"
        upload = io.BytesIO(json.dumps(data, ensure_ascii=False).encode())
        upload.name = "scheme.json"
        assert client.post("/scoring/import/", {"file": upload}).status_code == 302
        imported = scheme_of_version(SchemeVersion.objects.get(code=f"{code}-copy"))
        for goal in (g for g in goals if g.scheme_code == code):
            from jixiao.goals.domain import execution_of

            rate = execution_of(goal)[2]
            before, after = score_goal(goal, rate), score_goal(goal, rate, scheme=imported)
            assert (after.total, after.grade, after.explanation, after.errors) == (before.total, before.grade, before.explanation, before.errors)
            assert [i.score for i in after.indicators] == [i.score for i in before.indicators]
            assert before.total == goal.result_score  # what the overview shows


def test_a_bad_file_is_refused_whole(client, finance_officer):
    client.force_login(finance_officer)
    count = SchemeVersion.objects.count()
    for content, message in [
        (b"not json", "文件不是有效的 JSON"),
        (b'{"code": "x"}', "文件不是评分方案文件"),
        (json.dumps({**exchange.shipped("mof-2020"), "code": "dup"} | {"categories": []}).encode(), "至少设置一个评分类别"),
        (json.dumps(exchange.shipped("mof-2020")).encode(), "方案代码“mof-2020”已存在"),
    ]:
        upload = io.BytesIO(content)
        upload.name = "scheme.json"
        page = client.post("/scoring/import/", {"file": upload}, follow=True)
        assert message in page.content.decode()
    assert SchemeVersion.objects.count() == count


def test_scheme_of_a_goal_without_a_code_is_its_places(source_evaluations):
    goal = Goal.objects.get(unit_year__unit=source_evaluations["yueyang"], unit_year__fiscal_year=2017)
    goal.scheme_code = ""
    assert scheme_of(goal).code == "hunan-2017-department"
