"""The health check on the five source documents: what each must show, and no false error."""

from decimal import Decimal

import pytest

from jixiao.healthcheck.domain import check_report

from .helpers import ALL, GANZHOU, JIANGMEN, LIANYUNGANG, LISHUI, YUEYANG, docx_from_seed, seed_bytes

D = Decimal


def checked(name):
    return check_report(name, seed_bytes(name))


def codes(check):
    return [finding.code for finding in check.findings]


def by_code(check, code):
    return [finding for finding in check.findings if finding.code == code]


@pytest.mark.parametrize("name", ALL)
def test_no_error_on_any_source_document(name):
    check = checked(name)
    assert [f.message for f in check.findings if f.severity == "error"] == []
    assert not check.has_errors


@pytest.mark.parametrize(
    ("name", "unit", "year", "kind"),
    [
        (GANZHOU, "赣州市科协", 2018, "special_fund_summary"),
        (JIANGMEN, "江门市科协", 2022, "project_self_evaluation"),
        (LISHUI, "丽水市科协", 2020, "department_wide"),
        (YUEYANG, "岳阳市科协", 2017, "department_wide"),
        (LIANYUNGANG, "连科协", 2018, "assessment_scheme"),
    ],
)
def test_unit_year_and_kind(name, unit, year, kind):
    extraction = checked(name).extraction
    assert (extraction.unit, extraction.year, extraction.kind) == (unit, year, kind)


def test_yueyang_balance_rounding_difference_is_a_warning():
    check = checked(YUEYANG)
    [balance] = [f for f in by_code(check, "balance.rounding") if "机关及二级机构汇总" in f.message]
    assert balance.severity == "warning"
    assert balance.message == "机关及二级机构汇总当年结余 83.62 ≠ 1086.91 − 1003.30 = 83.61，差 0.01（尾差）"
    # The marks point at the three cells in the text a page will highlight.
    texts = [check.blocks[m.block].text[m.start : m.end] for m in balance.marks]
    assert texts == ["83.62", "1086.91", "1003.30"]
    assert check.blocks[balance.marks[0].block].position == "表1 第19行第7列"


def test_yueyang_sub_unit_balances_are_consistent():
    check = checked(YUEYANG)
    messages = " ".join(f.message for f in check.findings)
    for sub_unit in ("1、科协机关当年结余", "2、科技活动管理中心当年结余", "3、科技馆当年结余"):
        assert sub_unit not in messages
    balances = {claim.what: claim.balance.value for claim in check.extraction.balances}
    assert balances["3、科技馆当年结余"] == D("56.16")


def test_yueyang_vague_ranges_marked_100_percent():
    check = checked(YUEYANG)
    vague = by_code(check, "target.vague")
    assert [f.result.data["target"] for f in vague] == ["不低于5－10场次", "不低于5-10个", "1-2次", "5-10次"]
    assert all(f.result.data["actual"] == "100%" and f.severity == "warning" for f in vague)
    assert vague[0].message == (
        "数量指标“指标1：举办主题科普活动不低于5－10场次；”的目标值“不低于5－10场次”是区间（5–10 场次），"
        "完成情况填“100%”，看不出实际完成了多少"
    )


def test_yueyang_score_grade_and_indicator_table():
    extraction = checked(YUEYANG).extraction
    assert (extraction.score.value, extraction.grade.text) == (D(98), "优")
    assert extraction.has_indicator_table and len(extraction.indicators) == 17
    assert extraction.indicators[2].category == "数量指标"


def test_jiangmen_execution_rate_beside_excellent():
    check = checked(JIANGMEN)
    extraction = check.extraction
    assert [(line.budget.value, line.actual.value) for line in extraction.budget_lines] == [
        (D(155), D("106.13")),
        (D(101), D("69.09")),
        (D(36), D("19.88")),
    ]
    assert (extraction.budget_total, extraction.actual_total) == (D("292"), D("195.10"))
    rate, _ = extraction.execution
    assert rate.quantize(D("0.1")) == D("66.8")
    assert (extraction.score.value, extraction.grade.text) == (D(95), "优秀")
    [finding] = by_code(check, "grade.low_execution")
    assert finding.message == "总体预算执行率仅 66.8%（实际支出 195.10 ÷ 预算 292.00 万元），自评却为 95 分“优秀”"
    assert "总体预算执行率 66.8%（实际支出 195.10 ÷ 预算 292.00 万元，共 3 项）" in check.facts


def test_jiangmen_has_no_indicator_table():
    check = checked(JIANGMEN)
    assert not check.extraction.has_indicator_table
    [finding] = by_code(check, "score.without_indicators")
    assert finding.message.startswith("自评得分 95 分，但报告中没有绩效指标表")
    # 95 stays under the ceiling the execution rate allows (6.68 + 90 = 96.68), so no error.
    assert "report.score_above_execution" not in codes(check)


def test_ganzhou_no_spending_and_unsupported_rate():
    check = checked(GANZHOU)
    [spending] = by_code(check, "report.spending_missing")
    assert spending.message == "报告列出“市财政批复科普专项经费”200.00 万元，但没有说明实际支出金额，无法计算预算执行率"
    [rate] = by_code(check, "report.rate_unsupported")
    assert "70％以上" in rate.message and "只给出约数" in rate.message
    marked = [check.blocks[m.block].text[m.start : m.end] for m in rate.marks]
    assert marked == ["70％以上"]


def test_lishui_sums_and_rates_consistent():
    check = checked(LISHUI)
    extraction = check.extraction
    stated = [claim.rate.value for claim in extraction.rates]
    assert stated == [D("96.96"), D("99.98"), D("92.33"), D("100"), D("99.12"), D("100")]
    assert all(claim.numerator is not None and claim.denominator is not None for claim in extraction.rates)
    assert {"sum.parts", "sum.rounding", "rate.mismatch", "balance.mismatch"}.isdisjoint(codes(check))
    totals = {(claim.total.value, tuple(p.value for p in claim.parts)) for claim in extraction.sums}
    assert (D("658.77"), (D("338.42"), D("109.75"), D("210.6"))) in totals
    assert (D("679.41"), (D("9.43"), D("669.98"))) in totals
    assert (D("132.5"), (D("41.5"), D("7"), D("37.88"), D("14.65"), D("20"), D("11.47"))) in totals


def test_lishui_academician_target_not_met():
    check = checked(LISHUI)
    academicians = [f for f in by_code(check, "target.not_met") if "院士" in f.message]
    assert len(academicians) == 1
    finding = academicians[0]
    assert finding.severity == "warning"
    assert finding.message == (
        "人才发展专项：计划“通过各种途径和资源邀请60名以上院士来丽疗休养和参加第九届“人才科技”峰会”，"
        "实际为“通过各种途径邀请院士30人次来丽开展疗休养和实地调研考察”，30人次低于计划的 60名以上"
    )


def test_lishui_training_list_is_summed_before_comparing():
    # "培训50人以上" is met by 11 + 21 + 12 + 9 + 30 people across the listed courses.
    check = checked(LISHUI)
    assert not [f for f in check.findings if "50人以上" in f.message]


def test_lianyungang_points_add_up():
    check = checked(LIANYUNGANG)
    scheme = check.extraction.scheme
    base = [c for c in scheme.categories if not c.bonus]
    assert [c.points.value for c in base] == [D(13), D(28), D(26), D(7), D(26)]
    assert sum(len(c.items) for c in base) == 23
    assert scheme.base_points == D(100) and scheme.base_total.value == D(100)
    [bonus] = [c for c in scheme.categories if c.bonus]
    assert [item.value for item in bonus.items] == [D(4), D(4), D(2)]
    assert scheme.bonus_total.value == D(10)
    assert "points.items_sum" not in codes(check) and "points.categories_sum" not in codes(check)
    assert "考核类别 5 类 23 项：13+28+26+7+26 = 100 分" in check.facts
    assert "加分项目 3 项：4+4+2 = 10 分" in check.facts
    assert [(w.label, w.value) for w in scheme.weights] == [
        ("市科协领导评分", D(40)), ("机关各部门评分", D(30)), ("县区科协评分", D(30)),
    ]
    assert "points.weights_sum" not in codes(check)


def test_summary_rows_for_a_table_across_reports():
    rows = [checked(name).summary() for name in (JIANGMEN, YUEYANG)]
    assert {key: rows[0][key] for key in ("unit", "year", "score", "grade", "errors")} == {
        "unit": "江门市科协", "year": 2022, "score": D(95), "grade": "优秀", "errors": 0,
    }
    assert rows[0]["execution_rate"] == D("66.82")
    assert (rows[1]["unit"], rows[1]["score"], rows[1]["grade"], rows[1]["execution_rate"]) == ("岳阳市科协", D(98), "优", None)


def test_docx_made_from_seed_gives_the_same_findings():
    for name in (YUEYANG, LISHUI):
        from_text = checked(name)
        from_docx = check_report(name.replace(".txt", ".docx"), docx_from_seed(name))
        assert from_docx.format == "docx"
        assert [(f.code, f.message, f.marks) for f in from_docx.findings] == [
            (f.code, f.message, f.marks) for f in from_text.findings
        ]
        assert len(from_text.findings) > 0


def test_table_figures_named_for_the_accounts():
    named = {
        (item.section, item.row, item.column): item.figure.value for item in checked(YUEYANG).extraction.table_figures
    }
    assert named[("income", "1、科协机关", "公共财政拨款")] == D("507.07")
    assert named[("expenditure", "3、科技馆", "项目支出")] == D("239.23")
    assert named[("expenditure", "机关及二级机构汇总", "当年结余")] == D("83.62")
    assert named[("official", "1、科协机关", "公务用车运维费")] == D("2.31")
    assert named[("assets", "2、科技活动管理中心", "在用固定资产")] == D("46.41")
    lishui = {(item.section, item.column): item.figure.value for item in checked(LISHUI).extraction.table_figures}
    assert lishui[("income", "财政拨款收入")] == D("669.98")
    assert lishui[("expenditure", "日常公用支出")] == D("109.75")
    assert lishui[("expenditure", "经营支出及其他支出")] == D("0")
