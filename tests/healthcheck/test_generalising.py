"""The six failure classes of issue 14, each with examples of our own (figures not in the issue).

1. 其中 after a year-on-year clause; 2. a share across a parenthesis; 3. units and lists;
4. other provinces' wordings; 5. two-sided and missing rules; 6. numbers wrapped in PDF cells.
"""

from decimal import Decimal as D

from jixiao.healthcheck.numbers import read_numbers
from jixiao.healthcheck.reading import _Builder, read_report, rejoin_wrapped_number

from .helpers import check_text

HEAD = "某市科协2023年部门整体支出绩效自评报告\n"


def codes(result, severity=None):
    return [f.code for f in result.findings if severity is None or f.severity == severity]


def only(result, code):
    found = [f for f in result.findings if f.code == code]
    assert len(found) == 1, [(f.code, f.message) for f in result.findings]
    return found[0]


# --- 1. 其中 after a year-on-year clause --------------------------------------------------


def test_where_after_a_year_on_year_clause_takes_the_total_not_the_change():
    result = check_text(HEAD + "支出合计480.00万元，较上年增加60.00万元，增长14.29%。其中：基本支出300.00万元，项目支出180.00万元。\n")
    assert codes(result, "error") == [] and codes(result, "warning") == []
    [claim] = result.extraction.sums
    assert (claim.total.value, [p.value for p in claim.parts]) == (D("480.00"), [D("300.00"), D("180.00")])


def test_a_typo_in_the_parts_is_no_longer_hidden():
    result = check_text(HEAD + "支出合计480.00万元，较上年增加60.00万元，增长14.29%。其中：基本支出300.00万元，项目支出190.00万元。\n")
    finding = only(result, "sum.reading")
    assert finding.severity == "warning"  # the total closes the sentence before: a reading, named
    assert "480.00 ≠ 300.00 + 190.00 = 490.00" in finding.message and "“其中”之前一句" in finding.message


def test_in_one_sentence_the_typo_is_an_error():
    result = check_text(HEAD + "支出合计480.00万元，较上年增加60.00万元，其中：基本支出300.00万元，项目支出190.00万元。\n")
    finding = only(result, "sum.parts")
    assert finding.severity == "error"
    assert finding.message.startswith("支出合计：所列 480.00 ≠ 300.00 + 190.00 = 490.00")


# --- 2. a share across a parenthesis --------------------------------------------------------


def test_share_after_a_parenthesis_belongs_to_the_figure_before_it():
    text = HEAD + "本年收入合计820.00万元；包括财政拨款收入820.00万元（其中政府性基金0万元，国有资本经营预算0万元），占收入合计100%。\n"
    result = check_text(text)
    assert codes(result, "error") == []
    [share] = [r for r in result.extraction.rates if "占" in r.what]
    assert (share.numerator.value, share.denominator.value) == (D("820.00"), D("820.00"))


def test_wrong_share_across_a_parenthesis_is_found():
    text = HEAD + "本年收入合计820.00万元；包括财政拨款收入738.00万元（其中政府性基金0万元），占收入合计95%。\n"
    finding = only(check_text(text), "rate.mismatch")
    assert finding.message.endswith("所列 95% ≠ 738.00 ÷ 820.00 = 90%")


# --- 3. units and lists -------------------------------------------------------------------


def test_yuan_and_wan_yuan_in_one_sentence():
    result = check_text(HEAD + "该项目预算60万元，实际支出594,300.00元，执行率99.05%。\n")
    assert codes(result, "error") == [] and "report.rate_unsupported" not in codes(result)
    wrong = check_text(HEAD + "该项目预算60万元，实际支出594,300.00元，执行率96.05%。\n")
    assert only(wrong, "rate.mismatch").message.endswith("所列 96.05% ≠ 59.43 ÷ 60.00 = 99.05%")


def test_lists_keep_their_items_apart_and_share_the_last_unit():
    separately = read_numbers("分别支出80，95，110万元")
    assert [(q.value, q.unit) for q in separately] == [(D(80), "万元"), (D(95), "万元"), (D(110), "万元")]
    enumerated = read_numbers("分别为80、95、110万元")
    assert [(q.value, q.unit) for q in enumerated] == [(D(80), "万元"), (D(95), "万元"), (D(110), "万元")]


def test_space_separators_chinese_numerals_capitals_and_percent_in_words():
    assert [(q.value, q.unit) for q in read_numbers("拨付1 250 000.00元")] == [(D("1250000.00"), "元")]
    assert [(q.value, q.unit) for q in read_numbers("下达资金一百二十万元")] == [(D(1200000), "元")]
    assert [(q.value, q.unit) for q in read_numbers("金额壹佰贰拾万元整")] == [(D(1200000), "元")]
    assert [(q.value, q.unit) for q in read_numbers("执行率为百分之九十八点五")] == [(D("98.5"), "%")]


def test_percent_in_words_is_supported_by_the_figures_beside_it():
    result = check_text(HEAD + "该项目预算120万元，实际支出118.2万元，执行率百分之九十八点五。\n")
    assert "report.rate_unsupported" not in codes(result) and codes(result, "error") == []


def test_a_table_in_yuan_keeps_its_unit():
    text = HEAD + "收入支出决算表（元）\n\n\t收入合计\n\t财政拨款收入\n\t其他收入\n\n\t1,500,000.00\n\t1,450,000.00\n\t50,000.00\n"
    result = check_text(text)
    assert {f.unit for f in result.extraction.amounts} == {"元"}
    assert codes(result, "error") == []


# --- 4. other provinces' wordings, as data ------------------------------------------------


def test_score_wordings_of_other_forms():
    assert check_text(HEAD + "自评总分：93.5分。\n").extraction.score.value == D("93.5")
    assert check_text(HEAD + "经评价，综合评分为91分。\n").extraction.score.value == D("91")


CHONGQING = "\n".join([
    "2023年度部门整体绩效自评表 |",
    "项目名称: | 某县科学技术协会整体支出 | 自评总分: | 98.2 |",
    " | 年初预算数 | 全年(调整)预算数 | 全年执行数 | 执行率 | 执行率权重 | 执行率得分 |",
    "年度总金额 | 2,200,000.00 | 2,400,000.00 | 2,316,000.00 | 96.50 | 10.00 | {score} |",
])


def test_chongqing_web_table_with_weights_and_rates_without_percent():
    fine = check_text(CHONGQING.format(score="9.65"))
    assert fine.extraction.execution[0] == D("96.50")
    assert codes(fine, "error") == [] and "score.execution" not in codes(fine)
    low = only(check_text(CHONGQING.format(score="8.65")), "score.execution")
    assert low.message.startswith("预算执行率 96.50%，执行率得分应为 10.00 × 96.50% = 9.65 分，所列 8.65 分，低于应得分")


HUBEI = "\n".join([
    "2023年度科普经费项目自评表",
    "", "\t预算执行情况（万元）（20分）", "\t预算数（A）", "\t执行数（B）", "\t执行率（B/A）", "\t得分（20分×执行率）",
    "", "\t年度财政资金总额", "\t80", "\t76", "\t95", "\t{score}",
    "", "\t年度绩效目标（80分）", "\t一级指标", "\t二级指标", "\t三级指标", "\t年初目标值（A）", "\t实际完成值（B）", "\t得分",
    "", "\t产出指标", "\t数量指标", "\t举办科普讲座", "\t12场", "\t12场", "\t30",
])


def test_hubei_form_execution_twenty_points_and_targets_a_b():
    fine = check_text(HUBEI.format(score="19"))
    assert fine.extraction.has_indicator_table
    assert (fine.extraction.execution_points.value, fine.extraction.execution_score.value) == (D(20), D(19))
    assert "score.execution" not in codes(fine)  # 20 × 95% = 19
    low = only(check_text(HUBEI.format(score="17")), "score.execution")
    assert "应为 20.00 × 95.00% = 19.00 分，所列 17 分，低于应得分" in low.message


def test_category_points_under_the_forms_own_scheme():
    text = "\n".join([
        "项目支出绩效自评表",
        "", "\t绩效指标", "\t一级指标", "\t二级指标", "\t三级指标", "\t年度指标值", "\t实际完成值", "\t分值", "\t得分",
        "", "\t", "\t产出指标（40分）", "\t数量指标", "\t讲座场次", "\t12场", "\t12场", "\t10", "\t10",
        "", "\t", "\t", "\t质量指标", "\t合格率", "\t100%", "\t100%", "\t10", "\t10",
        "", "\t", "\t", "\t时效指标", "\t按时完成率", "\t100%", "\t100%", "\t15", "\t15",
    ])
    finding = only(check_text(text), "scheme.category_points")
    assert finding.message == "“产出指标”标明 40 分，各项分值 10+10+15 = 35 分"


def test_a_table_only_form_gets_no_section_findings():
    result = check_text(HUBEI.format(score="19"))
    assert "report.section_missing" not in codes(result)


# --- 5. rules two-sided and complete -------------------------------------------------------


def test_execution_score_too_low_is_found_and_says_which_reading_fits():
    text = HUBEI.replace("\t76", "\t79.6").replace("\t95", "\t99.5").format(score="19")
    finding = only(check_text(text), "score.execution")
    assert finding.message.endswith("应为 20.00 × 99.50% = 19.90 分，所列 19 分，低于应得分；只有按向下取整计分时才成立")


def test_the_units_overall_execution_rate_is_the_one_named_overall_not_the_first_one_met():
    # One fund's rate (130.00 %) stands before and after the whole unit's; the summary and the rules take the whole unit's.
    for text in (
        "科普专项：全年预算400.00万元，实际支出520.00万元，执行率130.00%。\n全年支出合计900.00万元，整体预算执行率90.00%。\n",
        "全年支出合计900.00万元，整体预算执行率90.00%。\n科普专项：全年预算400.00万元，实际支出520.00万元，执行率130.00%。\n",
    ):
        result = check_text(HEAD + text)
        assert result.extraction.execution[0] == D("90.00")
        assert "总体预算执行率 90.00%（报告所列）" in result.facts


def test_low_execution_beside_good():
    result = check_text("某项目2023年度绩效自评报告\n预算执行率实际完成50%。\n项目绩效自评等级为良。\n")
    assert only(result, "grade.low_execution").message == "总体预算执行率仅 50.0%，自评却为 “良”"


def test_growth_rate_not_following_from_its_figures():
    result = check_text(HEAD + "本年收入300.00万元，较上年增加50.00万元，增长21.50%。\n")
    finding = only(result, "growth.rate")
    assert finding.severity == "error"
    assert finding.message.endswith("增长 21.50% ≠ 50.00 ÷ 250.00（300.00 − 50.00） = 20.00%")
    assert codes(check_text(HEAD + "本年收入300.00万元，较上年增加50.00万元，增长20.00%。\n"), "error") == []


def test_counts_and_lists():
    parts = only(check_text(HEAD + "全年共实施12个项目，其中：科普类7个、学术类6个。\n"), "count.parts")
    assert (parts.severity, parts.message) == ("error", "全年共实施12个，其中 7 + 6 = 13个，分项多于合计")
    names = only(check_text(HEAD + "下属单位8个，分别是科技馆、学会服务中心、培训中心、信息中心、青少年中心、科普基地、档案室。\n"),
                 "count.list")
    assert names.message.startswith("写明下属单位8个，列出的却是 7 个：科技馆、学会服务中心")


def test_scheme_text_against_points_column():
    text = "\n".join([
        "某县科协工作考核评分标准",
        "", "\t考核内容", "\t评分标准", "\t分值",
        "", "\t组织建设", "\t按时换届记5分", "\t5",
        "", "\t", "\t建立学会党组织记0.5分", "\t5",
        "", "\t合计", "\t", "\t10",
    ])
    finding = only(check_text(text), "scheme.text_points")
    assert (finding.severity, finding.message) == ("error", "建立学会党组织记0.5分评分标准写“0.5分”，分值栏为 5 分")


def test_spending_above_income_is_a_hint():
    result = check_text(HEAD + "1、收入：512.30万元。\n2、支出：530.10万元。\n")
    finding = only(result, "balance.spending_above_income")
    assert finding.severity == "hint" and "是否动用了上年结转结余" in finding.message


def test_completion_rate_with_its_counts_in_the_sentence():
    result = check_text(HEAD + "本项目共设置绩效目标15个、完成12个，目标完成率80%。\n")
    assert "report.rate_unsupported" not in codes(result) and codes(result, "error") == []
    wrong = check_text(HEAD + "本项目共设置绩效目标15个、完成12个，目标完成率85%。\n")
    assert only(wrong, "rate.mismatch").message.endswith("所列 85% ≠ 12.00 ÷ 15.00 = 80%")


def test_none_is_an_answer_not_a_missing_section():
    text = ("某市科协2023年项目绩效自评报告\n一、项目概况\n项目内容。\n二、项目绩效情况\n完成。\n"
            "存在问题：无。\n三、自评结论\n良好。\n")
    assert "report.section_missing" not in codes(check_text(text))


def test_total_of_scores_under_the_forms_scheme():
    rows = [
        "", "\t项目资金（万元）", "\t年初预算数", "\t全年预算数", "\t全年执行数", "\t分值", "\t执行率", "\t得分",
        "", "\t年度资金总额", "\t100", "\t100", "\t95", "\t20", "\t95%", "\t19",
        "", "\t一级指标", "\t二级指标", "\t三级指标", "\t年度指标值", "\t实际完成值", "\t分值", "\t得分",
        "", "\t产出指标", "\t数量指标", "\t讲座", "\t10场", "\t10场", "\t40", "\t40",
        "", "\t效益指标", "\t社会效益", "\t覆盖人数", "\t1000人", "\t1000人", "\t40", "\t38",
        "", "\t总分", "\t100", "\t{total}",
    ]
    text = "项目支出绩效自评表\n" + "\n".join(rows)
    assert "report.score_sum" not in codes(check_text(text.format(total="97")))
    finding = only(check_text(text.format(total="99")), "report.score_sum")
    assert finding.message == "各项得分 40 + 38 + 19 = 97 分，总分却为 99 分"


# --- 6. numbers wrapped in PDF cells ----------------------------------------------------------


def test_wrapped_number_in_a_narrow_cell_is_rejoined():
    assert rejoin_wrapped_number("2,415,30\n0.00") == "2,415,300.00"
    assert rejoin_wrapped_number("12\n34") == "12\n34"  # two numbers, not one cut in two
    builder = _Builder()
    builder.cell("1,086,9\n10.00", 1, 2, 3)
    assert builder.blocks[0].text == "1,086,910.00"
    assert [q.value for q in read_numbers(builder.blocks[0].text)] == [D("1086910.00")]


def test_web_table_rows_become_cells():
    report = read_report("表.txt", "总额 | 238.93 | 251.89 | 100.00% |\n其中:财政资金 | 238.93 | 251.89 |\n".encode())
    rows = report.rows()
    assert [cell.text for cell in rows[(1, 1)]] == ["总额", "238.93", "251.89", "100.00%"]


def test_goal_points_heading_the_table_against_its_categories():
    rows = [
        "", "\t年度绩效目标（90分）", "\t一级指标", "\t二级指标", "\t三级指标", "\t年度指标值", "\t实际完成值", "\t分值", "\t得分",
        "", "\t", "\t产出指标（50分）", "\t数量指标", "\t讲座场次", "\t12场", "\t12场", "\t30", "\t30",
        "", "\t", "\t", "\t质量指标", "\t合格率", "\t100%", "\t100%", "\t20", "\t20",
        "", "\t", "\t效益指标（30分）", "\t社会效益", "\t覆盖人数", "\t800人", "\t800人", "\t30", "\t30",
        "", "\t", "\t满意度指标（{satisfaction}分）", "\t满意度", "\t群众满意度", "\t90%", "\t95%", "\t{satisfaction}", "\t{satisfaction}",
    ]
    text = "项目支出绩效自评表\n" + "\n".join(rows)
    assert "scheme.category_points" not in codes(check_text(text.format(satisfaction="10")))
    finding = only(check_text(text.format(satisfaction="20")), "scheme.category_points")
    assert finding.message == "“年度绩效目标”标明 90 分，各项分值 50+30+20 = 100 分"


# --- copies of forms from more provinces (held-out corpus, 2026-12): shapes the first corpus lacked ----------


def test_tab_separated_rows_become_cells_with_their_empty_leading_cells():
    report = read_report("表.txt", "其中：本年财政拨款\t150.5\t120.25\t120.25\n\t\t培训人次\t≥300人\t320\t8\t8\n".encode())
    rows = report.rows()
    assert [cell.text for cell in rows[(1, 1)]] == ["其中：本年财政拨款", "150.5", "120.25", "120.25"]
    assert [cell.text for cell in rows[(1, 2)]] == ["", "", "培训人次", "≥300人", "320", "8", "8"]
    word_copy = read_report("表.txt", "\t项目名称\n\t科普大篷车\n".encode()).rows()
    assert [cell.text for cell in word_copy[(1, 1)]] == ["项目名称", "科普大篷车"]  # one cell per tab-led line


def test_a_funding_header_without_its_label_column_lines_up_and_over_100_is_a_warning():
    text = "\n".join([
        "部门整体支出绩效自评表 |",
        "预算资金（万元） |",
        "年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
        "年度资金总额 | 250.00 | 250.00 | 262.50 | 10 | {rate} |",
    ])
    fine = check_text(text.format(rate="105.00%"))
    assert codes(fine, "error") == [] and "score.execution" not in codes(fine)
    assert only(fine, "rate.over_100").message == "年度资金总额执行率 105.00%（262.50 ÷ 250.00）超过100%，需说明原因"
    wrong = only(check_text(text.format(rate="104.00%")), "rate.mismatch")
    assert wrong.message == "年度资金总额执行率：所列 104.00% ≠ 262.50 ÷ 250.00 = 105.00%"


TAB_FORM = "\n".join([
    "项目支出绩效自评表",
    "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
    "产出指标（30分）\t数量指标\t科普讲座\t=6场\t6\t{points}\t{points}",
    "\t\t科普展板\t=20块\t20\t10\t10",
    "\t时效指标\t按时完成率\t100%\t100%\t10\t10",
])


def test_rows_that_drop_their_empty_remark_cell_keep_their_columns():
    fine = check_text(TAB_FORM.format(points="10"))
    assert [row.points.value for row in fine.extraction.indicators] == [D(10), D(10), D(10)]
    assert "scheme.category_points" not in codes(fine)
    finding = only(check_text(TAB_FORM.format(points="12")), "scheme.category_points")
    assert finding.message == "“产出指标”标明 30 分，各项分值 12+10+10 = 32 分"


def test_two_where_lists_of_the_same_items_the_one_that_adds_up_makes_the_other_complete():
    text = HEAD + ("年初计划资金850000元，其中宣传费300000元，培训费250000元，设备费200000元。"
                   "实际使用资金812000元，其中宣传费298000元，培训费250000元，设备费264000元。\n")
    finding = only(check_text(text), "sum.parts")
    assert finding.severity == "error"
    assert finding.message.startswith("年初计划资金（与“实际使用资金”所列同名各项比照，按完整列举核对）：所列 850000.00 ≠")
    # Without the matching complete list, a shortfall in a 其中 may be a selection: a warning only.
    alone = check_text(HEAD + "年初计划资金850000元，其中宣传费300000元，培训费250000元，设备费200000元。\n")
    assert codes(alone, "error") == [] and "report.parts_short" in codes(alone)


def test_a_total_that_holds_only_without_the_execution_score_is_a_warning_naming_that_reading():
    rows = [
        "资金情况（万元） | 全年预算数（A） | 全年执行数（B） | 分值 | 执行率（B/A） | 得分 |",
        "年度资金总额： | 40 | 40 | 10 | 100.00% | 10 |",
        "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分 | 未完成原因 |",
        "产出指标（60分） | 数量指标 | 新建科普e站 | 60 | ≥4个 | 4个 | 60 | |",
        "效益指标（40分） | 社会效益指标 | 受益群众 | 40 | ≥2000人 | 2100人 | 40 | |",
        "总分 | 100 | | {total} | |",
    ]
    text = "绩效目标自评表\n" + "\n".join(rows)
    reading = only(check_text(text.format(total="100")), "score.sum_reading")
    assert reading.severity == "warning"
    assert reading.message == ("各项指标得分 100.00 分加执行率得分 10.00 分 = 110.00 分，总分为 100.00 分；"
                               "只有把总分读作不含执行率得分时才相符")
    # The 总分 row is not an indicator, and a total that fits no reading stays an error.
    wrong = check_text(text.format(total="95"))
    assert only(wrong, "report.score_sum").message == "各项得分 60 + 40 + 10 = 110 分，总分却为 95 分"


NINGXIA = "\n".join([
    "部门项目支出绩效自评表（2023年）",
    "项目名称 | 科普大篷车运行 | 自评得分 | {total} |",
    "项目资金（万元） | 年度资金总额 | 年初预算数 | 调整预算数（A） | 全年执行数（B） | 执行率（B/A） |",
    "| | 40 | 40 | 38 | 95% |",
    "一级指标 | 二级指标 | 三级指标 | 参考分值 | 指标值（A） | 全年实际值（B） | 得分 | 未完成原因分析及改进措施 |",
    "项目决策（10分） | 项目立项 | 相关性 | 5 | — | 符合科协职能 | 5 | |",
    "| | 可行性 | 5 | | 有实施方案 | 5 | |",
    "项目管理（20分） | 投入管理 | 预算执行率 | 20 | — | 95% | {execution} | |",
    "项目产出（40分） | 数量指标（25分） | 巡展场次 | 25 | 20场 | 20场 | 25 | |",
    "| 质量指标（{quality}分） | 展品完好率 | 15 | ≥95% | 98% | 15 | |",
    "项目效益（30分） | 社会效益指标 | 受益人数 | 20 | ≥1万人次 | 1.2万人次 | 20 | |",
    "| 服务对象满意度指标（10分） | 观众满意度 | 10 | ≥90% | 93% | 10 | |",
])


def test_nested_categories_and_the_execution_line_inside_the_indicator_table():
    fine = check_text(NINGXIA.format(total="99", execution="19", quality="15"))
    assert codes(fine, "error") == [] and "score.execution" not in codes(fine)  # 20 × 95% = 19
    assert (fine.extraction.execution_points.value, fine.extraction.execution_score.value) == (D(20), D(19))
    # The 预算执行率 row is one of the scores, counted once; the row without a target value counts too.
    wrong_total = only(check_text(NINGXIA.format(total="98", execution="19", quality="15")), "report.score_sum")
    assert wrong_total.message == "各项得分 5 + 19 + 25 + 15 + 20 + 10 + 5 = 99 分，总分却为 98 分"
    low = only(check_text(NINGXIA.format(total="97", execution="17", quality="15")), "score.execution")
    assert "应为 20.00 × 95.00% = 19.00 分，所列 17 分，低于应得分" in low.message
    # A sub-category heading holds its own rows and is one item of the category around it.
    nested = check_text(NINGXIA.format(total="99", execution="19", quality="10"))
    assert sorted(f.message for f in nested.findings if f.code == "scheme.category_points") == [
        "“质量指标”标明 10 分，各项分值 15 = 15 分",
        "“项目产出”标明 40 分，各项分值 25+10 = 35 分",
    ]


YUNNAN = "\n".join([
    "2023年度项目支出绩效自评表 |",
    "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
    "年度资金总额 | 12.50 | 12.50 | 12.50 | 10.00 | 100% | 10.00 |",
    "绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
    "一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 |",
    "产出指标 | 数量指标 | 科普讲座 | ≥ | 8 | 场 | {done} | 40.00 | 40.00 | |",
    "满意度指标 | 服务对象满意度指标 | 满意度 | ≥ | 90 | % | 96 | 50.00 | 50.00 | |",
])


def test_target_sign_value_and_unit_in_three_columns_under_a_two_line_header():
    fine = check_text(YUNNAN.format(done="9"))
    rows = fine.extraction.indicators
    assert [(q.value, q.unit, q.bound) for row in rows for q in row.target_numbers] == [
        (D(8), "场", "≥"), (D(90), "%", "≥")]
    assert [row.points.value for row in rows] == [D("40.00"), D("50.00")]
    assert "target.no_unit" not in codes(fine)
    # Before the unit column was read with its value, "≥ | 90 | %" was reported as a target without a unit.
    assert [f.code for f in fine.findings] == []


def test_growth_rate_whose_figure_of_this_year_stands_in_another_sentence():
    summary = "2023年“三公”经费支出决算中，公务用车运行费支出决算6.40万元；公务接待费支出决算2.10万元。\n"
    clause = "公务接待费支出决算比预算无增减变化，比去年增加0.70万元，增长{rate}%，主要是接待上级检查增加。\n"
    fine = check_text(HEAD + summary + clause.format(rate="50.0"))  # 0.70 ÷ (2.10 − 0.70) = 50.0 %
    assert "growth.rate" not in codes(fine) and "growth.reading" not in codes(fine)
    wrong = only(check_text(HEAD + summary + clause.format(rate="45.0")), "growth.reading")
    assert wrong.severity == "warning"  # the pairing of the figures is a reading, and the message says which
    assert wrong.message == ("公务接待费支出决算增长 45.0% ≠ 0.70 ÷ 1.40（2.10 − 0.70） = 50.0%"
                             "（本年数取自另一句，按此读法）")


def test_a_total_column_under_a_two_line_header_is_the_sum_of_its_items():
    text = "\n".join([
        "某市科协“三公”经费预决算表", "金额单位：万元", "",
        "\t2022年决算数", "\t", "\t", "\t", "\t2023年预算数", "",
        "\t合计", "\t因公出国（境）费", "\t公务用车购置及运行费", "\t公务接待费",
        "\t合计", "\t因公出国（境）费", "\t公务用车购置及运行费", "\t公务接待费", "",
        "\t18.60", "\t0", "\t12.40", "\t6.20", "\t{total}", "\t0", "\t11.00", "\t5.50",
        "关于“三公”经费的说明",
    ])
    assert "sum.parts" not in codes(check_text(text.format(total="16.50")))
    finding = only(check_text(text.format(total="17.50")), "sum.parts")
    assert finding.message == "合计（表1 第3行第5列）：所列 17.50 ≠ 0.00 + 11.00 + 5.50 = 16.50，差 1.00"
