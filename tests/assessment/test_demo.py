"""The demo: Lianyungang's 2018 scheme issued as in the document, and a simulated round, ranked and published,
marked as simulated wherever it shows."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.http import HttpRequest
from django.test import Client
from docx import Document

from jixiao.assessment import demo
from jixiao.assessment.models import ItemScore, Result, Round, RoundStatus, Scheme, SchemeStatus
from jixiao.units.demo import DEMO_PASSWORD, load_units


@pytest.fixture
def demo_round(db):
    units = load_units()
    demo.load(units)
    return Round.objects.select_related("scheme").get()


def finals():
    return [(result.unit.display_name, result.rank, result.final_score) for result in Result.objects.select_related("unit")]


def test_the_demo_issues_the_2018_scheme_and_publishes_a_simulated_round(demo_round):
    scheme = demo_round.scheme
    assert (scheme.document_number, scheme.status, scheme.items.count()) == ("连科协〔2018〕32号", SchemeStatus.ISSUED, 23)
    assert demo_round.status == RoundStatus.PUBLISHED
    assert demo_round.is_simulated
    assert demo_round.judges.count() == 16
    assert [result.rank for result in Result.objects.all()] == [1, 2, 3, 4, 5, 6]
    assert Result.objects.filter(advanced=True).count() == 3
    # County judges never scored their own county.
    assert not ItemScore.objects.filter(judge__user__username="judge_sim_donghai", unit__short_name="东海县").exists()


def test_the_donghai_filler_sees_the_result_marked_as_simulated(demo_round):
    client = Client()
    assert client.login(request=HttpRequest(), username="donghai_filler", password=DEMO_PASSWORD)
    donghai = demo_round.assessed_units.get(short_name="东海县")

    page = client.get(f"/assessment/rounds/{demo_round.pk}/units/{donghai.pk}/result/").content.decode()
    notice = Document(io.BytesIO(client.get(f"/assessment/rounds/{demo_round.pk}/notice.docx").content))

    assert "模拟评审：以下评分由演示程序以固定随机种子生成" in page
    # Under the red 版头 and its 发文字号, before the title.
    assert notice.paragraphs[3].text.startswith("【模拟数据")
    for name in ("模拟评委·", "连云港评委", "judge_sim"):
        assert name not in page


def test_loading_the_demo_again_changes_nothing(demo_round):
    before = finals()
    demo.load(load_units())
    assert finals() == before
    assert Scheme.objects.count() == 1 and Round.objects.count() == 1


def test_the_simulation_is_seeded_and_only_a_simulated_round_may_be_replaced(demo_round):
    before = finals()
    call_command("simulate_assessment_round", "--replace", stdout=io.StringIO())
    assert finals() == before

    Round.objects.update(is_simulated=False)
    with pytest.raises(CommandError, match="只有模拟评审可以用 --replace 重新生成"):
        call_command("simulate_assessment_round", "--replace", stdout=io.StringIO())


def test_every_page_and_file_of_the_simulated_round_says_it_is_simulated(demo_round):
    from openpyxl import load_workbook

    office, judge = Client(), Client()
    assert office.login(request=HttpRequest(), username="lianyungang_office", password=DEMO_PASSWORD)
    assert judge.login(request=HttpRequest(), username="lianyungang_judge", password=DEMO_PASSWORD)
    donghai = demo_round.assessed_units.get(short_name="东海县")
    base = f"/assessment/rounds/{demo_round.pk}/"
    banner = "模拟评审：以下评分由演示程序以固定随机种子生成"

    for page in (office.get(base), office.get(base + "results/"), office.get(base + "fairness/"),
                 office.get(base + f"results/{donghai.pk}/"), judge.get(base + "score/"), judge.get(base + f"score/{donghai.pk}/")):
        assert page.status_code == 200
        assert banner in page.content.decode(), page.request["PATH_INFO"]
    assert "模拟" in office.get("/assessment/").content.decode()
    ranking = load_workbook(io.BytesIO(office.get(base + "ranking.xlsx").content)).active
    assert ranking["A2"].value == "【模拟数据：由演示程序按固定随机种子生成的模拟评审，不是真实考核结果】"
    sheet = Document(io.BytesIO(office.get(base + f"units/{donghai.pk}/sheet.docx").content))
    assert sheet.paragraphs[0].text.startswith("【模拟数据")
    # The seeded lenient judge is what the fairness page has to flag.
    flagged = [row["judge"].user.username for row in office.get(base + "fairness/").context["judges"] if row["outlier"]]
    assert flagged == ["judge_sim_dept_5"]
