"""The official documents of a self-evaluation, generated from the data.

Public API (each takes a SelfEvaluation):

self_evaluation_report_docx(evaluation) -> bytes
    部门整体支出绩效自评报告, in the layout of the Hunan form (003): cover block,
    一 基本概况, 二 收支情况 by sub-unit, 三 自评情况 (qualitative and quantitative
    tables, score, grade), 四 评价人员, 五 综述.
basic_table_xlsx(evaluation) / basic_table_docx(evaluation) -> bytes
    部门整体支出绩效评价基本情况表, as in the appendix of 002.
project_self_evaluation_xlsx(evaluation) / project_self_evaluation_docx(evaluation) -> bytes
    项目支出绩效自评表 in the MoF layout (财预〔2020〕10号).
to_pdf(docx_bytes) -> bytes | None
    through LibreOffice (`soffice --headless`); None when it is not installed.
figures_in_text_mismatches(text, evaluation) -> list[Result]
    figures in user-edited text that no longer match the data (documents.stale_figure).

Builders (`report_blocks(data)`, ...) are pure over documents.data.ReportData.
"""

import os
import shutil
import subprocess
import tempfile
from decimal import Decimal

from jixiao.accounts import derived
from jixiao.checks.rules.rates import execution_rate
from jixiao.documents import analysis
from jixiao.documents.data import ReportData, report_data
from jixiao.documents.layout import (
    Cell,
    Grid,
    Heading,
    PageBreak,
    Paragraph,
    Spacer,
    Title,
    money_cell,
    percent_cell,
    text_cells,
    to_docx,
    to_xlsx,
)
from jixiao.money import fmt_amount, fmt_percent

UP = Cell(merge_up=True)
PDF_TIMEOUT = int(os.environ.get("JIXIAO_PDF_TIMEOUT", "120"))


def reported(sheet, code) -> Decimal | None:
    """A figure as every document prints it: accounts/derived's figure (the unit's stated figure unless it is off its parts by more than rounding)."""
    return derived.figure(sheet, code)


def _sum_reported(sheet, codes) -> Decimal | None:
    values = [reported(sheet, code) for code in codes]
    present = [value for value in values if value is not None]
    return sum(present, Decimal(0)) if present else None


def _rows_by_unit(data: ReportData):
    """(label, sheet): the summary row, then one row per sub-unit, as 003 lists them."""
    sheet = data.sheet
    if not sheet.children:
        return [(data.unit_short_name, sheet)]
    return [("机关及二级机构汇总", sheet)] + [
        (f"{number}、{child.unit_name}", child) for number, child in enumerate(sheet.children, start=1)
    ]


def date_text(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def score_text(value: Decimal) -> str:
    return fmt_amount(value)


# ---------------------------------------------------------------- 二、收支情况

def income_grid(data: ReportData) -> Grid:
    rows = [
        [Cell("机构名称", bold=True, align="center"), Cell("收入合计", bold=True, align="center"),
         Cell("其中：", span=5, bold=True)],
        [UP, UP, *text_cells("上年结转", "公共财政拨款", "政府基金拨款", "纳入专户管理的非税收入拨款", "其他收入",
                              bold=True, align="center")],
    ]
    for label, sheet in _rows_by_unit(data):
        rows.append([
            Cell(label),
            *(money_cell(reported(sheet, code)) for code in
              ("income_total", "income_carry_over", "income_fiscal", "income_gov_fund", "income_special_account")),
            money_cell(_sum_reported(sheet, ("income_higher_subsidy", "income_service", "income_operating_other"))),
        ])
    return Grid(7, rows, caption="年度收入情况（万元）", widths=(3, 1.6, 1.6, 1.6, 1.6, 2, 1.6), header_rows=2)


def expenditure_grid(data: ReportData) -> Grid:
    rows = [
        [Cell("机构名称", bold=True, align="center"), Cell("支出合计", bold=True, align="center"),
         Cell("其中：", span=4, bold=True), Cell("结余", span=2, bold=True, align="center")],
        [UP, UP, *text_cells("基本支出", "其中：人员支出", "其中：公用支出", "项目支出", "当年结余", "累计结余",
                              bold=True, align="center")],
    ]
    for label, sheet in _rows_by_unit(data):
        rows.append([Cell(label), *(money_cell(reported(sheet, code)) for code in (
            "exp_total", "exp_basic", "exp_personnel", "exp_office", "exp_project", "balance_current",
            "balance_accumulated"))])
    return Grid(8, rows, caption="部门（单位）年度支出和结余情况（万元）", widths=(2.6, 1.75, 1.6, 1.6, 1.6, 1.6, 1.6, 1.6),
                header_rows=2)


def sangong_grid(data: ReportData) -> Grid:
    rows = [
        [Cell("机构名称", bold=True, align="center"), Cell("三公经费合计", bold=True, align="center"),
         Cell("其中：", span=4, bold=True)],
        [UP, UP, *text_cells("公务接待费", "公务用车运维费", "公务用车购置费", "因公出国费", bold=True, align="center")],
    ]
    for label, sheet in _rows_by_unit(data):
        rows.append([Cell(label), *(money_cell(reported(sheet, code)) for code in (
            "sangong_actual", "sangong_reception", "sangong_vehicle_operation", "sangong_vehicle_purchase",
            "sangong_overseas"))])
    return Grid(6, rows, caption="三公经费情况（万元）", widths=(3, 1.6, 1.6, 1.6, 1.6, 1.6), header_rows=2)


def fixed_assets_grid(data: ReportData) -> Grid:
    rows = [
        [Cell("机构名称", bold=True, align="center"), Cell("固定资产合计", bold=True, align="center"),
         Cell("其中：", span=3, bold=True)],
        [UP, UP, *text_cells("在用固定资产", "出租固定资产", "其他", bold=True, align="center")],
    ]
    for label, sheet in _rows_by_unit(data):
        rows.append([Cell(label), *(money_cell(reported(sheet, code)) for code in (
            "fa_total", "fa_in_use", "fa_leased", "fa_other"))])
    return Grid(5, rows, caption="固定资产情况（万元）", widths=(3, 1.8, 1.8, 1.8, 1.8), header_rows=2)


# ---------------------------------------------------------------- 三、自评情况

def qualitative_grid(data: ReportData) -> Grid:
    rows = [text_cells("预期目标", "实际完成", bold=True, align="center")]
    for number, (planned, actual) in enumerate(data.qualitative, start=1):
        rows.append([Cell(f"目标{number}：{planned}"), Cell(actual or "未填写")])
    if not data.qualitative:
        rows.append([Cell("未设置定性目标"), Cell("")])
    return Grid(2, rows, caption="整体支出绩效定性目标及实施计划完成情况", widths=(1, 2))


def _group_cells(values: list[str]) -> list[bool]:
    """For each row, whether its cell repeats the row above (then drawn as one merged cell)."""
    return [index > 0 and value == values[index - 1] for index, value in enumerate(values)]


def quantitative_grid(data: ReportData) -> Grid:
    score = data.score
    rows = [text_cells("一级指标", "二级指标", "三级指标", "绩效目标", "完成情况", "分值", "得分", bold=True, align="center")]
    if score.execution_points:
        rows.append([
            Cell("预算执行率", span=3), Cell("100%"), percent_cell(data.execution_rate),
            Cell(score_text(score.execution_points), number=score.execution_points, align="right"),
            Cell(score_text(score.execution_score), number=score.execution_score, align="right"),
        ])
    level1_repeats = _group_cells([row.level1 for row in data.indicators])
    level2_repeats = _group_cells([f"{row.level1}/{row.level2}" for row in data.indicators])
    for index, row in enumerate(data.indicators):
        rows.append([
            UP if level1_repeats[index] else Cell(row.level1),
            UP if level2_repeats[index] else Cell(row.level2),
            Cell(row.name), Cell(row.target_display), Cell(row.completion_display, align="center"),
            Cell(score_text(row.points), number=row.points, align="right"),
            Cell(score_text(row.score), number=row.score, align="right"),
        ])
    if not data.indicators:
        rows.append([Cell("未设置绩效指标", span=7)])
    rows.append([Cell("绩效自评综合得分", span=5, bold=True),
                 Cell(score_text(score.max_total), number=score.max_total, align="right"),
                 Cell(score_text(score.total), number=score.total, bold=True, align="right")])
    rows.append([Cell("评价等次", span=5, bold=True), Cell(score.grade, span=2, bold=True, align="center")])
    return Grid(7, rows, caption="整体支出绩效定量目标及实施计划完成情况", widths=(1.4, 1.4, 3.2, 2.2, 1.3, 1, 1))


# ---------------------------------------------------------------- 四、评价人员

def team_grid(data: ReportData) -> Grid:
    rows = [text_cells("姓  名", "职务/职称", "单  位", "签  字", bold=True, align="center")]
    rows += [text_cells(member.name, member.title, member.unit_name, "", align="center") for member in data.team]
    if not data.team:
        rows.append([Cell("未录入评价人员", span=4)])
    return Grid(4, rows, widths=(1.2, 2, 2, 1.2))


def signature_grid() -> Grid:
    blank_date = "年    月    日"
    rows = [
        [Cell(f"评价组组长（签字）：\n\n{blank_date:>60}")],
        [Cell(f"部门（单位）意见：\n\n部门（单位）负责人（签章）：\n{blank_date:>60}")],
        [Cell(f"财政部门归口业务科室意见：\n\n财政部门归口业务科室负责人（签章）：\n{blank_date:>60}")],
    ]
    return Grid(1, rows)


# ---------------------------------------------------------------- 五、综述

def _overview_blocks(data: ReportData, facts: dict) -> list:
    blocks = [Paragraph("一、部门（单位）概况", bold=True, indent=False), Paragraph("（一）基本情况", indent=False)]
    staff = []
    if data.authorized_staff_text:
        staff.append(f"核定人员编制{data.authorized_staff_text}")
    if data.actual_staff_text:
        staff.append(f"{data.fiscal_year}年末实有人数{data.actual_staff_text}")
    if data.sheet.children:
        names = "、".join(child.unit_name for child in data.sheet.children)
        blocks.append(Paragraph(f"{data.unit_name}预算机构包括：{names}。"))
    if staff:
        blocks.append(Paragraph("人员情况：" + "；".join(staff) + "。"))
    if data.duties:
        blocks.append(Paragraph(f"主要工作职能：{data.duties}"))
    blocks.append(Paragraph("（二）整体支出规模", indent=False))
    blocks.append(Paragraph(analysis.spending_paragraph(facts, data.fiscal_year, data.unit_short_name)))
    blocks.append(Paragraph("二、部门（单位）整体支出管理及使用情况", bold=True, indent=False))
    basic = facts.get("exp_basic")
    if basic is not None:
        parts = [f"{name}{fmt_amount(facts[code])}万元" for code, name in
                 (("exp_personnel", "人员支出"), ("exp_office", "公用支出")) if facts.get(code) is not None]
        blocks.append(Paragraph(f"（一）基本支出：全年基本支出{fmt_amount(basic)}万元" + ("，其中：" + "，".join(parts) if parts else "") + "。"))
    project = facts.get("exp_project")
    if project is not None:
        text = f"（二）项目支出：全年项目支出{fmt_amount(project)}万元"
        funds = [line for line in data.sheet.funds if line.budget is not None or line.spent is not None]
        if funds:
            # Not "其中": the special funds need not add up to the year's project spending.
            text += "。专项资金执行情况：" + "；".join(
                f"{line.name}预算{fmt_amount(line.budget)}万元，执行{fmt_amount(line.spent)}万元"
                + (f"，执行率{fmt_percent(_rate(line.spent, line.budget))}" if _rate(line.spent, line.budget) is not None else "")
                for line in funds
            )
        blocks.append(Paragraph(text + "。"))
    return blocks


def _rate(spent, budget):
    return execution_rate(spent, budget)


def summary_blocks(data: ReportData) -> list:
    facts = analysis.facts_of(data.sheet)
    blocks = [Heading("五、评价报告综述（文字部分）")]
    if data.summary_text:
        blocks.append(Paragraph(data.summary_text))
    else:
        blocks += _overview_blocks(data, facts)
    blocks.append(Paragraph("三、部门（单位）整体支出绩效情况", bold=True, indent=False))
    if data.analysis_text:
        blocks.append(Paragraph(data.analysis_text))
    else:
        for number, paragraph in enumerate(
            analysis.analysis_paragraphs(data.sheet, data.fiscal_year, data.unit_short_name), start=1
        ):
            blocks.append(Paragraph(f"{number}、{paragraph.heading}：{paragraph.text}"))
    blocks.append(Paragraph(
        f"4、绩效自评结果：{data.goal_name}绩效自评综合得分{score_text(data.score.total)}分，评价等次为“{data.score.grade}”。"
    ))
    if data.problems:
        blocks.append(Paragraph("四、存在的主要问题", bold=True, indent=False))
        blocks += [Paragraph(f"{number}、{problem}") for number, (problem, _) in enumerate(data.problems, start=1)]
        blocks.append(Paragraph("五、改进措施和有关建议", bold=True, indent=False))
        blocks += [Paragraph(f"{number}、{measure}") for number, (_, measure) in enumerate(data.problems, start=1)]
    return blocks


def status_blocks(data: ReportData) -> list:
    """草稿 on a document not yet approved; the snapshot it was built from on an approved one."""
    if data.is_draft:
        return [Paragraph(f"草稿（{data.status_display}，未经审核通过，仅供核对，不作为正式报送文本）", bold=True, indent=False)]
    return [Paragraph(data.source_note, indent=False)] if data.source_note else []


# ---------------------------------------------------------------- the report

def cover_blocks(data: ReportData) -> list:
    return [
        Spacer(3),
        Title(f"{data.fiscal_year}年度部门（单位）整体支出\n绩效评价自评报告", size=22),
        Spacer(4),
        Paragraph(f"部门(单位)名称：{data.unit_name}", indent=False),
        Paragraph(f"预 算 编 码：{data.budget_code}", indent=False),
        Paragraph(f"评价方式：{data.unit_name}绩效自评", indent=False),
        Paragraph(f"评价机构：{data.unit_name}评价组", indent=False),
        Paragraph(f"报告日期：{date_text(data.report_date)}", indent=False),
        PageBreak(),
    ]


def basics_grid(data: ReportData) -> Grid:
    tasks = "\n".join(f"任务{number}：{planned}" for number, (planned, _) in enumerate(data.qualitative, start=1))
    achievements = "\n".join(actual for _, actual in data.qualitative if actual) or data.overall_goal
    rows = [
        [Cell("联系人", bold=True), Cell(data.contact_person), Cell("联络电话", bold=True), Cell(data.phone)],
        [Cell("人员编制", bold=True), Cell(data.authorized_staff_text), Cell("实有人数", bold=True), Cell(data.actual_staff_text)],
        [Cell("职能职责概述", bold=True), Cell(data.duties, span=3)],
        [Cell("年度主要工作内容", bold=True), Cell(tasks or data.overall_goal, span=3)],
        [Cell("年度部门（单位）总体运行情况及取得的成绩", bold=True), Cell(achievements, span=3)],
    ]
    return Grid(4, rows, widths=(1.3, 2, 1.3, 2))


def figure_notes(data: ReportData) -> list[str]:
    """The note under the tables where a stated total differs from its parts (accounts/derived.notes)."""
    return [note.text for note in derived.notes(data.sheet)]


def notes_blocks(data: ReportData) -> list:
    found = figure_notes(data)
    if not found:
        return []
    return [Paragraph("注：" + "；".join(found) + "。", indent=False)]


def report_blocks(data: ReportData) -> list:
    score_lines = [line for line in data.score.explanation if line]
    return [
        *status_blocks(data),
        *cover_blocks(data),
        Heading("一、部门（单位）基本概况"),
        basics_grid(data),
        Heading("二、部门（单位）收支情况"),
        income_grid(data),
        expenditure_grid(data),
        sangong_grid(data),
        fixed_assets_grid(data),
        *notes_blocks(data),
        Heading("三、部门（单位）整体支出绩效自评情况"),
        qualitative_grid(data),
        Spacer(),
        quantitative_grid(data),
        Paragraph("评分说明：", bold=True, indent=False),
        *(Paragraph(line) for line in score_lines),
        Heading("四、评价人员"),
        team_grid(data),
        signature_grid(),
        Paragraph("填报人（签名）：                          联系电话：", indent=False),
        *summary_blocks(data),
    ]


def self_evaluation_report_docx(evaluation, version: int | None = None) -> bytes:
    return to_docx(report_blocks(report_data(evaluation, version=version)))


# ---------------------------------------------------------------- 基本情况表 (002 附件)

def basic_table_blocks(data: ReportData) -> list:
    sheet = data.sheet
    rows = [
        [Cell("评价联系人", bold=True), Cell(data.contact_person, span=2), Cell("联系电话及手机", bold=True),
         Cell(data.phone, span=3)],
        [Cell("人员编制数", bold=True), Cell("" if data.authorized_staff is None else str(data.authorized_staff), span=2),
         Cell("实有人数", bold=True), Cell("" if data.actual_staff is None else str(data.actual_staff), span=3)],
        [Cell("单位职能", bold=True), Cell(data.duties, span=6)],
        [Cell("单位年度实际收入（万元）", span=7, bold=True, align="center")],
        [Cell("收入合计", bold=True), *text_cells("上年结转结余", "财政拨款收入", "上级补助收入", "事业收入", bold=True),
         Cell("经营收入及其他收入", span=2, bold=True)],
        [*(money_cell(reported(sheet, code)) for code in (
            "income_total", "income_carry_over", "income_fiscal", "income_higher_subsidy", "income_service")),
         money_cell(reported(sheet, "income_operating_other"), span=2)],
        [Cell("单位年度实际支出（万元）", span=7, bold=True, align="center")],
        [Cell("支出合计", bold=True), *text_cells("基本支出", "其中：人员支出", "其中：日常公用支出", "项目支出", bold=True),
         Cell("经营支出及其他支出", span=2, bold=True)],
        [*(money_cell(reported(sheet, code)) for code in ("exp_total", "exp_basic", "exp_personnel", "exp_office", "exp_project")),
         money_cell(reported(sheet, "exp_operating_other"), span=2)],
        *([[Cell("注：" + "；".join(figure_notes(data)) + "。", span=7)]] if figure_notes(data) else []),
        [Cell("年度绩效状况", span=7, bold=True, align="center")],
        [Cell("单位年度财政支出整体绩效目标总体描述", span=2, bold=True), Cell(data.overall_goal or "未填写", span=5)],
        [Cell("目标设置和年度财政收支的主要依据及说明", span=2, bold=True), Cell(data.basis or "未填写", span=5)],
        [Cell("本年度提供的公共产品或服务", bold=True),
         *text_cells("服务名称", "预算数（万元）", "执行数（万元）", "执行率", "计  划", "实  际", bold=True, align="center")],
    ]
    projects = data.projects
    for index, project in enumerate(projects):
        rows.append([
            UP if index else Cell(""),
            Cell(project.name), money_cell(project.budget), money_cell(project.spent),
            percent_cell(project.rate, empty=""),
            Cell("\n".join(project.planned) or "未设置产出指标"), Cell("\n".join(project.achieved)),
        ])
    if not projects:
        rows.append([UP, Cell("未设置项目绩效目标", span=6)])
    rows.append([Cell("本年度取得的实际效益", bold=True), *text_cells("效益名称", bold=True, align="center"),
                 Cell("计  划", span=3, bold=True, align="center"), Cell("实  际", span=2, bold=True, align="center")])
    with_outcomes = [project for project in projects if project.outcome_planned]
    for project in with_outcomes:
        rows.append([UP, Cell(project.name), Cell("\n".join(project.outcome_planned), span=3),
                     Cell("\n".join(project.outcome_achieved), span=2)])
    if not with_outcomes:
        rows.append([UP, Cell("未设置效益指标", span=6)])
    rows.append([Cell("服务对象（受益者及相关群体）满意度", bold=True),
                 Cell("\n".join(data_satisfaction(data)) or "未设置满意度指标", span=6)])
    rows.append([Cell("部门整体支出共性指标（财预〔2013〕53号）", span=7, bold=True, align="center")])
    rows.append([*text_cells("类别", "指标", bold=True, align="center"), Cell("计算公式", span=3, bold=True, align="center"),
                 *text_cells("指标值", "说明", bold=True, align="center")])
    for indicator in data.department_indicators:
        rows.append([Cell(indicator.category, align="center"), Cell(indicator.name), Cell(indicator.formula_text, span=3),
                     percent_cell(indicator.value), Cell(indicator.missing)])
    return [
        Title(f"部门整体支出绩效评价基本情况表\n（{data.fiscal_year}年度）", size=16),
        *status_blocks(data),
        Paragraph(f"填报单位（盖章）：{data.unit_name}", indent=False),
        Grid(7, rows, widths=(2, 1.8, 1.2, 1.2, 1.1, 3, 3)),
    ]


def data_satisfaction(data: ReportData) -> list[str]:
    return [
        f"{row.name}：{row.actual_display or row.completion_display or '未填写'}"
        for row in data.indicators if "满意" in row.level1 or "满意" in row.level2
    ]


def basic_table_xlsx(evaluation, version: int | None = None) -> bytes:
    return to_xlsx(basic_table_blocks(report_data(evaluation, version=version)), "基本情况表")


def basic_table_docx(evaluation, version: int | None = None) -> bytes:
    return to_docx(basic_table_blocks(report_data(evaluation, version=version)))


# ---------------------------------------------------------------- 项目支出绩效自评表 (MoF)

def project_blocks(data: ReportData) -> list:
    score = data.score
    fund = data.fund
    initial = None
    if fund is not None:
        initial = fund.initial_budget
        if initial is None and fund.children:
            present = [child.initial_budget for child in fund.children if child.initial_budget is not None]
            initial = sum(present, Decimal(0)) if present else None
    rows = [
        [Cell("项目名称", bold=True), Cell(data.goal_name, span=8)],
        [Cell("主管部门", bold=True), Cell(data.unit_name, span=3), Cell("实施单位", span=2, bold=True),
         Cell(data.unit_name, span=3)],
        [Cell("项目资金（万元）", bold=True), Cell(""),
         *text_cells("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", bold=True, align="center"),
         Cell("得分", span=2, bold=True, align="center")],
        [UP, Cell("年度资金总额"), money_cell(initial), money_cell(data.budget), money_cell(data.spent),
         Cell(score_text(score.execution_points), number=score.execution_points, align="right"),
         percent_cell(data.execution_rate),
         Cell(score_text(score.execution_score), number=score.execution_score, span=2, align="right")],
        [UP, Cell("其中：当年财政拨款"), *(Cell("") for _ in range(4)), Cell("—", align="center"), Cell("—", span=2, align="center")],
        [UP, Cell("上年结转资金"), *(Cell("") for _ in range(4)), Cell("—", align="center"), Cell("—", span=2, align="center")],
        [UP, Cell("其他资金"), *(Cell("") for _ in range(4)), Cell("—", align="center"), Cell("—", span=2, align="center")],
        [Cell("年度总体目标", bold=True), Cell("预期目标", span=4, bold=True, align="center"),
         Cell("实际完成情况", span=4, bold=True, align="center")],
        [UP, Cell(data.overall_goal or "未填写", span=4),
         Cell("\n".join(actual for _, actual in data.qualitative if actual) or "见下表各指标实际完成值", span=4)],
        [Cell("绩效指标", bold=True),
         *text_cells("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
                     bold=True, align="center")],
    ]
    level1_repeats = _group_cells([row.level1 for row in data.indicators])
    level2_repeats = _group_cells([f"{row.level1}/{row.level2}" for row in data.indicators])
    for index, row in enumerate(data.indicators):
        rows.append([
            UP,
            UP if level1_repeats[index] else Cell(row.level1),
            UP if level2_repeats[index] else Cell(row.level2),
            Cell(row.name), Cell(row.target_display, align="center"), Cell(row.actual_display, align="center"),
            Cell(score_text(row.points), number=row.points, align="right"),
            Cell(score_text(row.score), number=row.score, align="right"),
            Cell(row.deviation),
        ])
    if not data.indicators:
        rows.append([UP, Cell("未设置绩效指标", span=8)])
    rows.append([Cell("总分", span=6, bold=True, align="center"),
                 Cell(score_text(score.max_total), number=score.max_total, align="right"),
                 Cell(score_text(score.total), number=score.total, bold=True, align="right"), Cell("")])
    rows.append([Cell("等级", span=6, bold=True, align="center"), Cell(score.grade, span=3, bold=True, align="center")])
    blocks = [
        *status_blocks(data),
        Title("项目支出绩效自评表"),
        Paragraph(f"（{data.fiscal_year}年度）", align="center"),
        Grid(9, rows, widths=(1.4, 1.3, 1.4, 3, 1.6, 1.6, 1, 1, 2.6)),
    ]
    problems = [*score.errors, *score.flags]
    if problems:
        blocks.append(Paragraph("评分提示：", bold=True, indent=False))
        blocks += [Paragraph(line) for line in problems]
    return blocks


def project_self_evaluation_xlsx(evaluation, version: int | None = None) -> bytes:
    return to_xlsx(project_blocks(report_data(evaluation, version=version)), "项目支出绩效自评表")


def project_self_evaluation_docx(evaluation, version: int | None = None) -> bytes:
    return to_docx(project_blocks(report_data(evaluation, version=version)), landscape=True)


# ---------------------------------------------------------------- PDF

def soffice_path() -> str | None:
    return shutil.which(os.environ.get("SOFFICE", "soffice"))


def to_pdf(docx_bytes: bytes, timeout: int = PDF_TIMEOUT) -> bytes | None:
    """The .docx converted by LibreOffice; None when soffice is not installed or fails."""
    soffice = soffice_path()
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="jixiao-pdf-") as workdir:
        source = os.path.join(workdir, "document.docx")
        with open(source, "wb") as handle:
            handle.write(docx_bytes)
        # A private profile per conversion: two conversions sharing one profile lock each other out.
        profile = f"-env:UserInstallation=file://{os.path.join(workdir, 'profile')}"
        try:
            subprocess.run(
                [soffice, profile, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", workdir, source],
                check=True, capture_output=True, timeout=timeout,
            )
        except (subprocess.SubprocessError, OSError):
            return None
        target = os.path.join(workdir, "document.pdf")
        if not os.path.exists(target):
            return None
        with open(target, "rb") as handle:
            return handle.read()


# ---------------------------------------------------------------- edited text

def figures_in_text_mismatches(text: str, evaluation, place_label: str = "部门整体支出情况分析") -> list:
    """Figures in user-edited text (analysis_text, summary_text) that no longer match the data."""
    from jixiao.accounts.queries import sheet_for

    sheet = sheet_for(evaluation.goal.unit_year, with_previous=False)
    return analysis.stale_figures(text, analysis.facts_of(sheet), place_label, f"evaluation:{evaluation.pk}")


def edited_text_findings(evaluation) -> list:
    """The stale-figure findings of both editable texts of an evaluation."""
    results = []
    if evaluation.analysis_text.strip():
        results += figures_in_text_mismatches(evaluation.analysis_text, evaluation, "部门整体支出情况分析")
    if evaluation.summary_text.strip():
        results += figures_in_text_mismatches(evaluation.summary_text, evaluation, "评价报告综述")
    return results


def generated_analysis_for(evaluation) -> str:
    """The analysis text the report prints while analysis_text is empty: a starting point for editing."""
    from jixiao.accounts.queries import sheet_for

    unit_year = evaluation.goal.unit_year
    sheet = sheet_for(unit_year, with_previous=False)
    return analysis.generated_analysis(sheet, unit_year.fiscal_year, unit_year.unit.display_name)
