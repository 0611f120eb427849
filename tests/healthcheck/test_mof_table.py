"""The MoF project self-evaluation table (财预〔2020〕10号 附件): money rows, indicator rows, total score."""

from decimal import Decimal

from jixiao.healthcheck.domain import check_report

D = Decimal


def table(rows):
    return "\n\n".join("\n".join("\t" + cell for cell in row) for row in rows) + "\n"


def report(execution_score="9.5", scores=("20", "28", "28", "9.5"), total="95", actual="95.00"):
    # In a text copy a table runs to the end of the file, so the headings come first.
    head = "某市科协2021年度项目支出绩效自评表\n项目名称：科普活动\n一、项目概况\n二、绩效情况\n三、存在问题\n四、自评结论\n\n"
    money = table([
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "100.00", "100.00", actual, "10", "95%", execution_score],
        ["其中：当年财政拨款", "80.00", "80.00", "75.00", "", "", ""],
        ["上年结转资金", "20.00", "20.00", "20.00", "", "", ""],
    ])
    indicators = table([
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "举办科普讲座", "≥20场次", "22场次", "20", scores[0], ""],
        ["", "质量指标", "讲座满意率", "≥90%", "93%", "30", scores[1], ""],
        ["效益指标", "社会效益", "受众人次", "≥5000人次", "5200人次", "30", scores[2], ""],
        ["满意度指标", "服务对象满意度", "群众满意度", "≥90%", "92%", "10", scores[3], ""],
        ["总分", "100", total],
    ])
    return check_report("自评表.txt", (head + money + "\n" + indicators).encode())


def test_consistent_table_has_no_finding():
    check = report()
    extraction = check.extraction
    assert extraction.execution[0] == D(95)
    assert (extraction.score.value, extraction.execution_score.value) == (D(95), D("9.5"))
    assert [(row.category, row.target.text, row.actual.text, row.score.value) for row in extraction.indicators] == [
        ("数量指标", "≥20场次", "22场次", D(20)),
        ("质量指标", "≥90%", "93%", D(28)),
        ("社会效益", "≥5000人次", "5200人次", D(28)),
        ("服务对象满意度", "≥90%", "92%", D("9.5")),
    ]
    assert [(f.code, f.message) for f in check.findings] == []


def test_stated_execution_rate_checked_against_the_money_row():
    check = report(actual="90.00")
    messages = {f.code: f.message for f in check.findings}
    assert messages["rate.mismatch"] == "年度资金总额执行率：所列 95% ≠ 90.00 ÷ 100.00 = 90%"
    assert messages["sum.parts"] == "年度资金总额全年执行数：所列 90.00 ≠ 75.00 + 20.00 = 95.00，差 -5.00"


def test_scores_not_adding_to_the_total():
    check = report(total="98")
    [finding] = [f for f in check.findings if f.code == "report.score_sum"]
    assert finding.message == "各项得分 20 + 28 + 28 + 9.5 + 9.5 = 95.0 分，总分却为 98 分"
    assert check.has_errors


def test_execution_points_above_points_times_rate():
    check = report(execution_score="10", total="95.5")
    [finding] = [f for f in check.findings if f.code == "score.execution"]
    assert finding.message == (
        "预算执行率 95.00%，执行率得分应为 10.00 × 95.00% = 9.50 分，所列 10 分，高于应得分；只有按四舍五入取整计分时才成立"
    )
    assert finding.severity == "warning"
