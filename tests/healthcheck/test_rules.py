"""Each report rule on a short report written for it, and extraction of amounts in tables and prose."""

from decimal import Decimal

from jixiao.checks.registry import RULES
from jixiao.healthcheck.domain import check_report

from .helpers import JIANGMEN, YUEYANG, seed_bytes, seed_text

D = Decimal


def check(text, name="测试报告.txt"):
    return check_report(name, text.encode("utf-8"))


def only(result, code):
    found = [finding for finding in result.findings if finding.code == code]
    assert len(found) == 1, [(f.code, f.message) for f in result.findings]
    return found[0]


def test_report_rules_are_in_the_one_registry():
    # The report check uses the rule families; a merged code has one severity for goals and reports alike.
    for code, family in (
        ("report.score_above_execution", "grades"),
        ("score.without_indicators", "targets"), ("target.vague", "targets"), ("target.no_unit", "targets"),
        ("report.plan_unmatched", "targets"), ("target.not_met", "targets"), ("report.section_missing", "report"),
        ("points.items_sum", "scheme_points"), ("points.categories_sum", "scheme_points"),
        ("report.rate_unsupported", "rates"), ("report.spending_missing", "report"),
    ):
        assert RULES[code].area == family


def test_rules_new_in_issue_14_live_in_the_checks_registry():
    for code, severity in (
        ("growth.rate", "error"), ("growth.reading", "warning"), ("count.list", "warning"), ("count.parts", "error"),
        ("score.execution", "warning"), ("scheme.text_points", "error"), ("scheme.category_points", "error"),
        ("grade.low_execution", "warning"), ("sum.reading", "warning"), ("rate.unit_mismatch", "warning"),
        ("balance.spending_above_income", "hint"),
    ):
        assert RULES[code].severity == severity


def test_stated_rate_not_matching_its_figures():
    result = check("某市科协2021年部门整体支出绩效评价报告\n2021年部门预算100万元，实际支出90万元，预算执行率95%。\n")
    finding = only(result, "rate.mismatch")
    assert finding.severity == "error"
    assert finding.message == "部门预算执行率：所列 95% ≠ 90.00 ÷ 100.00 = 90%"
    texts = [result.blocks[m.block].text[m.start : m.end] for m in finding.marks]
    assert texts == ["95%", "90万元", "100万元"]


def test_share_of_total_uses_the_named_whole():
    result = check("全年收入300万元，全年支出200万元，其中基本支出50万元，占总支出的25%，项目支出150万元，占总支出的75%。\n")
    assert [f.code for f in result.findings] == []
    assert [(c.numerator.value, c.denominator.value) for c in result.extraction.rates] == [(D(50), D(200)), (D(150), D(200))]


def test_share_of_total_checked_at_its_precision():
    result = check("全年共支出200万元，其中基本支出50万元，占总支出的30%，项目支出150万元，占总支出的75%。\n")
    assert [f.message for f in result.findings if f.code == "rate.mismatch"] == [
        "基本支出占总支出的比例：所列 30% ≠ 50.00 ÷ 200.00 = 25%",
    ]


def test_prose_parts_exceeding_their_total():
    result = check("整体支出658.77万元，其中人员支出338.42万元，日常公用支出109.75万元，项目支出220.6万元。\n")
    finding = only(result, "sum.parts")
    assert finding.severity == "error"
    assert finding.message == "整体支出：所列 658.77 ≠ 338.42 + 109.75 + 220.60 = 668.77，差 -10.00"


def test_prose_parts_short_of_their_total_may_be_a_partial_list():
    result = check("整体支出658.77万元，其中人员支出338.42万元，日常公用支出109.75万元，项目支出200.6万元。\n")
    finding = only(result, "report.parts_short")
    assert finding.severity == "warning"
    assert finding.message == "整体支出 658.77，“其中”所列各项之和 648.77，少 10.00（若只列了部分项目可忽略）"


def test_a_part_score_is_not_the_report_score():
    result = check("某市科协2021年项目绩效自评报告\n产出指标得分48分，效益指标得分28分。\n综合得分92分，自评优秀。\n")
    assert result.extraction.score.value == D(92)
    assert "grade.band" not in [f.code for f in result.findings]


BALANCE_TABLE = "\n".join(
    [
        "某市科协2021年度部门整体支出绩效自评报告",
        "",
        "\t年度收入情况（万元）",
        "",
        "\t机构名称\n\t收入合计\n\t其中：",
        "",
        "\t\n\t\n\t财政拨款\n\t其他收入",
        "",
        "\t本单位\n\t100.00\n\t90.00\n\t10.00",
        "",
        "\t年度支出和结余情况（万元）",
        "",
        "\t机构名称\n\t支出合计\n\t其中：\n\t结余",
        "",
        "\t\n\t\n\t基本支出\n\t其中：\n\t项目支出\n\t当年结余\n\t累计结余",
        "",
        "\t\n\t\n\t\n\t人员支出\n\t公用支出\n\t\n\t\n\t",
        "",
        "\t本单位\n\t80.00\n\t50.00\n\t40.00\n\t10.00\n\t30.00\n\t25.00\n\t",
        "",
    ]
)


def test_balance_in_a_table_not_income_minus_expenditure():
    result = check(BALANCE_TABLE)
    finding = only(result, "balance.mismatch")
    assert finding.message == "本单位当年结余 25.00 ≠ 100.00 − 80.00 = 20.00，差 5.00"
    assert [result.blocks[m.block].position for m in finding.marks] == [
        "表1 第9行第7列", "表1 第4行第2列", "表1 第9行第2列",
    ]
    assert not [f for f in result.findings if f.code.startswith("sum.")]


def test_grade_outside_its_band():
    result = check("某市科协2021年项目绩效自评报告\n自评优秀。\n得分：85分。\n")
    finding = only(result, "grade.band")
    assert finding.message == "得分 85 对应等次为“良”，所列为“优秀”"


def test_score_above_what_execution_allows():
    result = check("某市科协2021年项目绩效自评报告\n2021年预算安排200万元，年末实际支出20万元。\n得分：95分。\n")
    finding = only(result, "report.score_above_execution")
    assert finding.severity == "warning"  # regions may weight execution differently from the MoF
    assert finding.message == "预算执行率 10.0%，按财政部权重（执行率 10 分）最高只能得 91.00 分，自评得分却为 95 分"


def test_missing_sections_for_the_kind():
    result = check("某市科协2021年项目绩效自评报告\n一、项目概况\n项目内容。\n二、项目绩效情况\n完成。\n")
    missing = [f.message for f in result.findings if f.code == "report.section_missing"]
    assert missing == [
        "项目支出绩效自评报告通常应有“存在问题”部分，本文件中没有找到",
        "项目支出绩效自评报告通常应有“自评结论”部分，本文件中没有找到",
    ]


SCHEME = "\n".join(
    [
        "某市科协2021年度县（区）科协工作目标考核办法",
        "考核基础分为100分，另设加分项目5分。其中，市科协领导评分占40%，县区科协评分占30%。",
        "",
        "\t项目\n\t序号\n\t考核内容及标准\n\t分值",
        "",
        "\t服务科技工作者\n60分\n\t1\n\t开展活动。\n\t30分",
        "",
        "\t\n\t2\n\t推荐人才。\n\t20分",
        "",
        "\t自身建设40分\n\t3\n\t加强建设。\n\t40分",
        "",
        "\t加分项目\n5分\n\t1\n\t获得表彰。\n\t最高\n3分",
        "",
        "\t\n\t2\n\t树立品牌。\n\t最高\n3分",
        "",
    ]
)


def test_scheme_points_not_adding_up():
    result = check(SCHEME)
    messages = [f.message for f in result.findings if f.code in ("points.items_sum", "points.categories_sum")]
    assert messages == [
        "“服务科技工作者”标明 60 分，各项分值 30+20 = 50 分",
        "“加分项目”标明 5 分，各项分值 3+3 = 6 分",
    ]
    assert only(result, "points.weights_sum").message == "评委评分权重 40%+30% = 70%，不是100%"
    assert result.has_errors


INDICATORS = "\n".join(
    [
        "某市科协2021年度部门整体支出绩效自评报告",
        "",
        "\t评价内容\n\t绩效目标\n\t完成情况",
        "",
        "\t数量指标\n\t举办科普讲座20余场\n\t100%",
        "",
        "\t\n\t培训基层干部不少于200\n\t210人",
        "",
        "\t质量指标\n\t参训人员合格率95%\n\t96%",
        "",
        "\t绩效自评综合得分\n\t92",
        "",
    ]
)


def test_vague_and_unitless_targets():
    result = check(INDICATORS)
    assert only(result, "target.vague").message == (
        "数量指标“举办科普讲座20余场”的目标值“20余场”是约数，完成情况填“100%”，看不出实际完成了多少"
    )
    assert only(result, "target.no_unit").message == "数量指标“培训基层干部不少于200”中的“不少于200”没有计量单位"
    assert result.extraction.score.value == D(92)


def test_amounts_in_tables_carry_row_and_column():
    extraction = check_report("岳阳.txt", seed_bytes(YUEYANG)).extraction
    income = next(f for f in extraction.amounts if f.value == D("1086.91"))
    assert (income.unit, income.position, income.exact) == ("万元", "表1 第11行第2列", True)
    balance = next(c for c in extraction.balances if c.balance.value == D("83.62"))
    assert balance.balance.label == "机关及二级机构汇总·当年结余"


def test_amounts_in_prose_carry_label_and_context():
    extraction = check_report("江门.txt", seed_bytes(JIANGMEN)).extraction
    spent = next(f for f in extraction.amounts if f.value == D("106.13"))
    assert (spent.unit, spent.label, spent.position) == ("万元", "年末实际支出", "第7段")
    assert "2022年预算安排155万元，年末实际支出106.13万元" in spent.context
    people = next(f for f in extraction.counts if f.text == "超 1200 万人次")
    assert (people.value, people.unit, people.exact) == (D(1200), "万人次", False)
    informants = next(f for f in extraction.counts if f.text == "6.9 万名")
    assert informants.quantity.scaled == D("69000.0")


def test_gb18030_copy_gives_the_same_findings():
    utf8 = check_report("岳阳.txt", seed_bytes(YUEYANG))
    gb = check_report("岳阳.txt", seed_text(YUEYANG).encode("gb18030"))
    assert [(f.code, f.message, f.marks) for f in gb.findings] == [(f.code, f.message, f.marks) for f in utf8.findings]


def test_table_in_yuan_is_checked_too():
    text = BALANCE_TABLE.replace("（万元）", "（元）").replace("\t90.00\n\t10.00", "\t90.00\n\t20.00")
    result = check(text)
    finding = only(result, "sum.parts")
    assert finding.message == "本单位收入合计：所列 100.00 ≠ 90.00 + 20.00 = 110.00，差 -10.00"
    income = next(item for item in result.extraction.table_figures if item.column == "收入合计")
    assert (income.figure.unit, income.figure.value) == ("元", D("100.00"))
