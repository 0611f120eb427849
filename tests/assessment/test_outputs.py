"""What the office and the county read off the pages, from the hand-worked round (see DEDUCTIONS in conftest):
the charts' figures, the fairness analytics, and a scheme refused on the office's page with its reason."""

import json
from decimal import Decimal

from jixiao.assessment import rounds
from jixiao.assessment.models import SchemeStatus

D = Decimal


def url(round_, suffix=""):
    return f"/assessment/rounds/{round_.pk}/{suffix}"


def chart_json(response, script_id):
    text = response.content.decode()
    start = text.index(f'<script id="{script_id}" type="application/json">') + len(f'<script id="{script_id}" type="application/json">')
    return json.loads(text[start:text.index("</script>", start)])


def test_the_results_page_draws_the_ranking_bar_the_category_radar_and_each_judges_score_distribution(
    closed_round, lianyungang_office, client_for
):
    page = client_for(lianyungang_office).get(url(closed_round, "results/"))
    charts = chart_json(page, "chart-data")

    text = page.content.decode()
    for chart in ("chart-ranking", "chart-radar", "chart-judges"):
        assert f'id="{chart}"' in text
    assert "vendor/echarts-5.6.0.min.js" in text and "assessment/charts.js" in text
    assert [(bar["name"], bar["value"]) for bar in charts["ranking"]] == [
        ("灌南县", "98.40"), ("东海县", "98.00"), ("海州区", "97.00"), ("灌云县", "96.00"), ("赣榆区", "94.00"), ("连云区", "91.10"),
    ]
    assert [(axis["name"], axis["max"]) for axis in charts["radar"]["indicators"]] == [
        ("为科技工作者服务", 13), ("为创新驱动发展服务", 28), ("为提高全民科学素质服务", 26), ("为党和政府科学决策服务", 7), ("加强自身建设", 26),
    ]
    radar = {series["name"]: [D(value) for value in series["value"]] for series in charts["radar"]["series"]}
    # Donghai's item 20: 40% × 9 + 30% × 8 + 30% × 10 = 9, so 加强自身建设 is 26 − 2 = 24; every other category is full.
    assert radar["东海县"] == [13, 28, 26, 7, 24]
    # Lianyun's item 20: 40% × 3 + 30% × 2 + 30% × 1 = 2.1 → 26 − 8.9 = 17.1.
    assert radar["连云区"] == [13, 28, 26, 7, D("17.1")]
    assert len(radar) == 6
    boxes = {judge["name"]: [D(value) for value in judge["box"]] for judge in charts["judges"]}
    # Minimum, quartiles (medians of the halves) and maximum of each judge's county totals:
    # the city judge 98, 96, 99, 94, 97, 92; the department judge 97, 96, 98, 95, 97, 91;
    # the Guanyun judge (not his own county) 99, 98, 93, 97, 90.
    assert boxes == {
        "lianyungang_judge": [92, 94, D("96.5"), 98, 99],
        "机关评委李四": [91, 95, D("96.5"), 97, 98],
        "灌云评委张三": [90, D("91.5"), 97, D("98.5"), 99],
    }


def test_the_county_sees_only_its_own_radar_and_no_judges_distribution(closed_round, lianyungang_office, donghai_filler, client_for):
    rounds.publish_round(closed_round, lianyungang_office, 2)

    page = client_for(donghai_filler).get(url(closed_round, f"units/{closed_round.assessed_units.get(short_name='东海县').pk}/result/"))

    radar = chart_json(page, "radar-data")
    assert [(series["name"], [D(value) for value in series["value"]]) for series in radar["series"]] == [("东海县", [13, 28, 26, 7, 24])]
    text = page.content.decode()
    assert 'id="chart-data"' not in text and 'id="chart-judges"' not in text


def test_the_fairness_page_shows_each_judges_deviation_the_agreement_per_item_and_the_other_aggregation(
    closed_round, lianyungang_office, client_for
):
    page = client_for(lianyungang_office).get(url(closed_round, "fairness/"))

    # Deviation from the panel's median total per county, averaged over the counties the judge scored:
    # city judge 0, 0, +1, 0, 0, +1 → 0.33; department judge −1, 0, 0, +1, 0, 0 → 0;
    # Guanyun judge (5 counties) +1, 0, −1, 0, −1 → −0.2. Nobody is far enough off to be flagged.
    assert [(row["judge"].name, row["counties"], row["mean"], row["outlier"]) for row in page.context["judges"]] == [
        ("lianyungang_judge", 6, "0.33", False), ("灌云评委张三", 5, "-0.20", False), ("机关评委李四", 6, "0.00", False),
    ]
    agreement = {row["item"].number: (row["spread"], row["share"], row["level"]) for row in page.context["agreement"]}
    # Only item 20 differs between judges: distance from the median per county 2/3, 0, 1/3, 2/3, 0, 2/3 → mean 7/18 = 0.39,
    # 3.54 % of its 11 points.
    assert agreement[20] == ("0.39", "3.54", "高")
    assert agreement[1] == ("0.00", "0.00", "高")
    # One judge per group: dropping extremes cannot apply, so the ranking cannot change.
    assert page.context["any_changed"] is False
    assert [(row["unit"].short_name, row["rank"], row["other_rank"]) for row in page.context["comparison"]] == [
        ("灌南县", 1, 1), ("东海县", 2, 2), ("海州区", 3, 3), ("灌云县", 4, 4), ("赣榆区", 5, 5), ("连云区", 6, 6),
    ]
    assert "名次不变" in page.content.decode()


def test_the_fairness_page_flags_a_lenient_judge_and_a_ranking_that_depends_on_dropping_extremes(
    scoring_round, city_judge, department_judge, guanyun_judge, lianyungang_office, client_for, units, django_user_model
):
    from tests.assessment.conftest import make_judge, score_all

    # Five leaders: four agree with the other groups; the fifth gives Ganyu full marks and every other county 89.
    leaders = [city_judge] + [
        make_judge(scoring_round, django_user_model.objects.create_user(f"leader_{n}", first_name=f"领导{n}"), 1, units["lianyungang"])
        for n in range(2, 6)
    ]
    # Points off item 20 (11 points): totals 100, 99, 98, 95.5, 97, 96.
    strict = {"donghai": 0, "guanyun": 1, "guannan": 2, "ganyu": D("4.5"), "haizhou": 3, "lianyun": 4}
    for judge in leaders[:4] + [department_judge, guanyun_judge]:
        for key, deduction in strict.items():
            if not (judge == guanyun_judge and key == "guanyun"):
                score_all(judge, units[key], lambda item, d=deduction: item.points - (d if item.number == 20 else 0))
    for key in strict:
        score_all(leaders[4], units[key], lambda item, k=key: item.points - (11 if item.number == 20 and k != "ganyu" else 0))
    assert scoring_round.scheme.drop_extremes is False
    rounds.close_round(scoring_round, lianyungang_office)

    page = client_for(lianyungang_office).get(url(scoring_round, "fairness/"))

    # 领导5 is off the panel's median by −11, −10, −9, +4.5, −8, −7: −6.75 on average; everyone else by 0.
    deviations = {row["judge"].name: (row["mean"], row["outlier"]) for row in page.context["judges"]}
    assert deviations["领导5"] == ("-6.75", True)
    assert [name for name, (_, outlier) in deviations.items() if outlier] == ["领导5"]
    # Plain mean (the scheme's setting), Ganyu: 40% × (4 × 95.5 + 100)/5 + 60% × 95.5 = 38.56 + 57.30 = 95.86;
    # Lianyun: 40% × (4 × 96 + 89)/5 + 60% × 96 = 37.84 + 57.60 = 95.44. Dropping the leaders' extremes leaves
    # Ganyu 95.50 and Lianyun 96.00: the two swap places.
    comparison = {row["unit"].short_name: (row["rank"], row["final"], row["other_rank"], row["other_final"], row["changed"])
                  for row in page.context["comparison"]}
    assert comparison["赣榆区"] == (5, "95.86", 6, "95.50", True)
    assert comparison["连云区"] == (6, "95.44", 5, "96.00", True)
    assert comparison["东海县"] == (1, "99.12", 1, "100.00", False)
    assert page.context["any_changed"] is True
    assert "有单位名次改变" in page.content.decode()


def test_the_office_is_told_why_a_scheme_with_wrong_sums_cannot_be_issued(draft_2018, lianyungang_office, client_for):
    item_5 = draft_2018.items.get(number=5)
    item_5.points = Decimal(4)
    item_5.save()
    office = client_for(lianyungang_office)

    detail = office.get(f"/assessment/schemes/{draft_2018.pk}/")
    refused = office.post(f"/assessment/schemes/{draft_2018.pk}/issue/", follow=True)

    reason = "「为创新驱动发展服务」各项（第5、6、7、8、9、10项）分值之和 4 + 3 + 8 + 4 + 6 + 4 = 29 ≠ 28，应等于类别分值 28"
    assert reason in detail.content.decode()
    assert [str(message) for message in refused.context["messages"]] == [f"不能下达：{reason}"]
    draft_2018.refresh_from_db()
    assert draft_2018.status == SchemeStatus.DRAFT


def test_the_ranking_workbook_has_numbers_borders_and_keeps_formula_like_names_as_text(
    closed_round, lianyungang_office, client_for, units
):
    import io

    from openpyxl import load_workbook

    from tests.test_spreadsheets import assert_text_cell

    donghai = units["donghai"]
    donghai.name = "=1+1县科协"
    donghai.save()
    data = client_for(lianyungang_office).get(f"/assessment/rounds/{closed_round.pk}/ranking.xlsx").content
    assert_text_cell(data, "=1+1县科协")
    sheet = load_workbook(io.BytesIO(data)).active
    header = next(row for row in sheet.iter_rows() if row[0].value == "名次")
    total_column = next(cell.column for cell in header if cell.value == "总得分")
    figures = [row[total_column - 1] for row in sheet.iter_rows(min_row=header[0].row + 1) if row[1].value]
    assert figures and all(isinstance(cell.value, int | float) for cell in figures)
    assert all(cell.number_format == "0.00" and cell.border.left.style == "thin" for cell in figures)
    assert sheet.page_setup.orientation == "landscape"
