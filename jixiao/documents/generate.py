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
import time
from dataclasses import dataclass
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
from jixiao.goals.models import GoalKind
from jixiao.money import fmt_amount, fmt_percent, fmt_plain

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


def score_text(value: Decimal | None) -> str:
    return "" if value is None else fmt_amount(value)


def region_of(data: ReportData) -> str:
    """"岳阳市" from "岳阳市科学技术协会": the place whose finance bureau issues the form."""
    for suffix in ("科学技术协会", "科协"):
        if data.unit_name.endswith(suffix):
            return data.unit_name[: -len(suffix)]
    return ""


def is_hunan_form(data: ReportData) -> bool:
    """The layout follows the goal's scoring scheme (its layout field), which is data chosen per province and year."""
    return data.is_hunan_form


# ---------------------------------------------------------------- the score, never invented

@dataclass(frozen=True)
class ScoreLine:
    """What a document prints for the total and the grade, and the footnote that says where it comes from."""

    total: Decimal | None
    total_text: str
    grade: str
    computed: bool
    footnote: str


def score_line(data: ReportData) -> ScoreLine:
    score = data.score
    if score is not None:
        return ScoreLine(score.total, score_text(score.total), score.grade, True, "")
    if data.declared_score is not None:
        return ScoreLine(
            data.declared_score, score_text(data.declared_score), data.declared_grade, False,
            f"注：本表绩效指标未设定分值，总分{fmt_plain(data.declared_score)}分"
            + (f"、等级“{data.declared_grade}”" if data.declared_grade else "")
            + "为单位自评报告所报，未按指标逐项计分。",
        )
    if not getattr(data, "indicators", True):
        return ScoreLine(None, "", "", False, "注：本表未设定量化绩效指标及分值，未计算得分和等级。")
    return ScoreLine(None, "", "", False, "注：本表绩效指标未设定分值，未计算得分和等级。")


def score_sentence(data: ReportData, subject: str) -> str:
    line = score_line(data)
    if line.computed:
        return f"{subject}绩效自评综合得分{line.total_text}分，评价等次为“{line.grade}”。"
    if line.total is not None:
        grade = f"，等次为“{line.grade}”" if line.grade else ""
        return f"{subject}单位自评得分{fmt_plain(line.total)}分{grade}（绩效指标未设定分值，得分为单位自评所报）。"
    return ""


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


def funds_grid(data: ReportData) -> Grid | None:
    """项目支出 by fund and sub-line: budget, spent, rate — the figures 002 and 001 state per line."""
    rows = [text_cells("项目名称", "预算数（万元）", "执行数（万元）", "执行率", bold=True, align="center")]
    for line in data.sheet.funds:
        rows.append([Cell(line.name), money_cell(line.budget), money_cell(line.spent),
                     percent_cell(_rate(line.spent, line.budget))])
        for child in line.children:
            rows.append([Cell(f"    其中：{child.name}"), money_cell(child.budget), money_cell(child.spent),
                         percent_cell(_rate(child.spent, child.budget))])
    if len(rows) == 1:
        return None
    return Grid(4, rows, caption="项目支出预算执行情况（万元）", widths=(4, 1.6, 1.6, 1.4))


# ---------------------------------------------------------------- 三、自评情况

def qualitative_grid(data: ReportData) -> Grid | None:
    if not data.qualitative:
        return None
    rows = [text_cells("预期目标", "实际完成", bold=True, align="center")]
    for number, (planned, actual) in enumerate(data.qualitative, start=1):
        rows.append([Cell(f"目标{number}：{planned}"), Cell(actual)])
    return Grid(2, rows, caption="整体支出绩效定性目标及实施计划完成情况", widths=(1, 2))


def _group_cells(values: list[str]) -> list[bool]:
    """For each row, whether its cell repeats the row above (then drawn as one merged cell)."""
    return [index > 0 and value == values[index - 1] for index, value in enumerate(values)]


def quantitative_grid(data: ReportData) -> Grid | None:
    if not data.indicators:
        return None
    score = data.score
    line = score_line(data)
    rows = [text_cells("一级指标", "二级指标", "三级指标", "绩效目标", "完成情况", "分值", "得分", bold=True, align="center")]
    if score is not None and score.execution_points:
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
    rows.append([Cell("绩效自评综合得分", span=5, bold=True),
                 Cell(score_text(score.max_total) if score else "", number=score.max_total if score else None,
                      align="right"),
                 Cell(line.total_text, number=line.total, bold=True, align="right")])
    rows.append([Cell("评价等次", span=5, bold=True), Cell(line.grade, span=2, bold=True, align="center")])
    return Grid(7, rows, caption="整体支出绩效定量目标及实施计划完成情况", widths=(1.4, 1.4, 3.2, 2.2, 1.3, 1, 1))


# ---------------------------------------------------------------- 四、评价人员

def team_grid(data: ReportData) -> Grid:
    rows = [text_cells("姓  名", "职务/职称", "单  位", "签  字", bold=True, align="center")]
    rows += [text_cells(member.name, member.title, member.unit_name, "", align="center") for member in data.team]
    if not data.team:
        rows += [text_cells("", "", "", "") for _ in range(3)]
    return Grid(4, rows, widths=(1.2, 2, 2, 1.2))


def signature_grid() -> Grid:
    blank_date = "年    月    日"
    rows = [
        [Cell(f"评价组组长（签字）：\n\n{blank_date:>40}")],
        [Cell(f"部门（单位）意见：\n\n部门（单位）负责人（签章）：\n{blank_date:>40}")],
        [Cell(f"财政部门归口业务科室意见：\n\n财政部门归口业务科室负责人（签章）：\n{blank_date:>40}")],
    ]
    return Grid(1, rows, font_size=12, header_rows=0)


# ---------------------------------------------------------------- narrative

def _staff_sentence(data: ReportData) -> str:
    staff = []
    if data.authorized_staff_text:
        staff.append(f"核定人员编制{data.authorized_staff_text}")
    if data.actual_staff_text:
        staff.append(f"{data.fiscal_year}年末实有人数{data.actual_staff_text}")
    return "；".join(staff) + "。" if staff else ""


def _fund_sentence(line, fiscal_year: int | None = None) -> str:
    """"科普活动：2022年预算安排155.00万元，年末实际支出106.13万元，预算执行率68.47%。"."""
    year = f"{fiscal_year}年" if fiscal_year else ""
    if line.budget is None and line.spent is None:
        return ""
    parts = []
    if line.budget is not None:
        parts.append(f"{year}预算安排{fmt_amount(line.budget)}万元")
    if line.spent is not None:
        parts.append(f"年末实际支出{fmt_amount(line.spent)}万元")
    rate = _rate(line.spent, line.budget)
    if rate is not None:
        parts.append(f"预算执行率{fmt_percent(rate)}")
    return f"{line.name}：" + "，".join(parts) + "。"


def _fund_budget_sentence(line) -> str:
    """"专项资金：年初预算270.40万元，全年预算570.00万元（其中：年初预算安排270.40万元，争取中央、省、市项目资金299.60万元），
    全年实际支出643.91万元，执行率112.97%。" — a fund with its initial and adjusted budget and the sub-lines it came from, as 003 states it."""
    if line.initial_budget is None or line.adjusted_budget is None or line.initial_budget == line.adjusted_budget:
        return _fund_sentence(line)
    text = f"{line.name}：年初预算{fmt_amount(line.initial_budget)}万元，全年预算{fmt_amount(line.adjusted_budget)}万元"
    parts = [f"{child.name}{fmt_amount(child.budget)}万元" for child in line.children if child.budget is not None]
    if parts:
        text += "（其中：" + "，".join(parts) + "）"
    if line.spent is not None:
        text += f"，全年实际支出{fmt_amount(line.spent)}万元"
        rate = _rate(line.spent, line.budget)
        if rate is not None:
            text += f"，执行率{fmt_percent(rate)}"
    return text + "。"


def _balance_sentence(data: ReportData) -> str:
    """结余资金: last year's closing balance (from the stored previous year) and this year's balance."""
    previous = data.sheet.previous
    before = reported(previous, "balance_accumulated") if previous is not None else None
    current = reported(data.sheet, "balance_current")
    parts = []
    if before is not None:
        parts.append(f"{previous.fiscal_year}年末累计结余{fmt_amount(before)}万元")
    if current is not None and parts:
        parts.append(f"{data.fiscal_year}年当年结余{fmt_amount(current)}万元")
    return "结余资金：" + "，".join(parts) + "。" if parts else ""


def _fund_clause(line) -> str:
    """"绿谷新秀入选及考核奖励预算13.62万元，实际支出13.50万元，执行率99.12%": a sub-line inside one sentence."""
    parts = []
    if line.budget is not None:
        parts.append(f"预算{fmt_amount(line.budget)}万元")
    if line.spent is not None:
        parts.append(f"实际支出{fmt_amount(line.spent)}万元")
    if not parts:
        return ""
    rate = _rate(line.spent, line.budget)
    if rate is not None:
        parts.append(f"执行率{fmt_percent(rate)}")
    return line.name + "，".join(parts)


def _basic_budget_sentence(data: ReportData) -> str:
    """1、部门基本支出预算执行情况, as 002 writes it (448.26 budget, 448.17 spent, 99.98 %)."""
    sheet = data.sheet
    budget, spent = sheet.value("budget_basic"), reported(sheet, "exp_basic")
    if budget is None or spent is None:
        return ""
    text = f"{data.fiscal_year}年度部门基本支出本年预算{fmt_amount(budget)}万元，实际支出{fmt_amount(spent)}万元"
    inner = [f"{name}{fmt_amount(reported(sheet, code))}万元" for code, name in
             (("exp_personnel", "人员经费支出"), ("exp_office", "日常公用经费")) if reported(sheet, code) is not None]
    if inner:
        text += "，其中" + "，".join(inner)
    text += "。"
    rate = _rate(spent, budget)
    if rate is not None:
        text += f"基本支出预算执行率{fmt_percent(rate)}。"
    return text


def _execution_sentence(data: ReportData, facts: dict) -> str:
    income, total = facts.get("income_total"), facts.get("exp_total")
    if income is None or total is None:
        return ""
    text = f"部门整体{data.fiscal_year}年度预算收入资金{fmt_amount(income)}万元"
    parts = [f"{name}{fmt_amount(facts[code])}万元" for code, name in
             (("income_carry_over", "上年结转结余"), ("income_fiscal", "财政拨款收入")) if facts.get(code) is not None]
    if parts:
        text += "，其中" + "，".join(parts)
    text += f"。实际支出{fmt_amount(total)}万元"
    if facts.get("execution_overall") is not None:
        text += f"，预算执行率{fmt_percent(facts['execution_overall'])}"
    return text + "。"


def _problem_blocks(data: ReportData, problems_heading: str, measures_heading: str, level: int = 1) -> list:
    if not data.problems:
        return []
    blocks = [Heading(problems_heading, level=level)]
    blocks += [Paragraph(f"{_ordinal(number)}是{_strip_ordinal(problem)}")
               for number, (problem, _) in enumerate(data.problems, start=1)]
    blocks.append(Heading(measures_heading, level=level))
    blocks += [Paragraph(f"{_ordinal(number)}是{_strip_ordinal(measure)}")
               for number, (_, measure) in enumerate(data.problems, start=1)]
    return blocks


ORDINALS = "一二三四五六七八九十"


def _ordinal(number: int) -> str:
    return ORDINALS[number - 1] if number <= len(ORDINALS) else str(number)


def _strip_ordinal(text: str) -> str:
    """"一是预算编制……" stored as typed: the document numbers the items itself."""
    text = text.strip()
    for prefix in [f"{o}是" for o in ORDINALS] + [f"{n}、" for n in range(1, 20)] + [f"{n}." for n in range(1, 20)]:
        if text.startswith(prefix):
            return text[len(prefix):].strip()
    return text


def _rate(spent, budget):
    return execution_rate(spent, budget)


def _analysis_blocks(data: ReportData) -> list:
    if data.analysis_text:
        return [Paragraph(data.analysis_text, narrative=True)]
    return [
        Paragraph(f"{number}、{paragraph.heading}：{paragraph.text}", narrative=True)
        for number, paragraph in enumerate(
            analysis.analysis_paragraphs(data.sheet, data.fiscal_year, data.unit_short_name), start=1
        )
    ]


def summary_blocks(data: ReportData) -> list:
    """五、评价报告综述 of the Hunan form: 概况, 管理及使用, 绩效情况, 问题, 措施."""
    facts = analysis.facts_of(data.sheet)
    blocks = [Heading("五、评价报告综述（文字部分）")]
    if data.summary_text:
        blocks.append(Paragraph(data.summary_text, narrative=True))
    else:
        blocks += [Heading("（一）部门（单位）概况", level=2)]
        if data.sheet.children:
            names = "、".join(child.unit_name for child in data.sheet.children)
            blocks.append(Paragraph(f"{data.unit_name}预算机构包括：{names}。", narrative=True))
        if _staff_sentence(data):
            blocks.append(Paragraph("人员情况：" + _staff_sentence(data), narrative=True))
        spending = analysis.spending_paragraph(facts, data.fiscal_year, data.unit_short_name)
        if spending:
            blocks.append(Paragraph(spending, narrative=True))
        blocks.append(Heading("（二）部门（单位）整体支出管理及使用情况", level=2))
        basic = facts.get("exp_basic")
        if basic is not None:
            parts = [f"{name}{fmt_amount(facts[code])}万元" for code, name in
                     (("exp_personnel", "人员支出"), ("exp_office", "公用支出")) if facts.get(code) is not None]
            blocks.append(Paragraph(f"基本支出：全年基本支出{fmt_amount(basic)}万元"
                                    + ("，其中：" + "，".join(parts) if parts else "") + "。", narrative=True))
        project = facts.get("exp_project")
        if project is not None:
            blocks.append(Paragraph(f"项目支出：全年项目支出{fmt_amount(project)}万元。", narrative=True))
        for line in data.sheet.funds:
            if _fund_budget_sentence(line):
                blocks.append(Paragraph(_fund_budget_sentence(line), narrative=True))
        balances = _balance_sentence(data)
        if balances:
            blocks.append(Paragraph(balances, narrative=True))
    blocks.append(Heading("（三）部门（单位）整体支出绩效情况", level=2))
    blocks += _analysis_blocks(data)
    sentence = score_sentence(data, data.unit_short_name + str(data.fiscal_year) + "年度")
    if sentence:
        blocks.append(Paragraph(sentence, narrative=True))
    blocks += _problem_blocks(data, "（四）存在的主要问题", "（五）改进措施和有关建议", level=2)
    return blocks


# ---------------------------------------------------------------- the report, Hunan form (003)

def cover_blocks(data: ReportData) -> list:
    region = region_of(data)
    return [
        Spacer(2),
        Title(f"{region}{data.fiscal_year}年度部门（单位）整体支出\n绩效评价自评报告"),
        Spacer(3),
        Paragraph(f"部门(单位)名称：{data.unit_name}", indent=False),
        Paragraph(f"预 算 编 码：{data.budget_code}", indent=False),
        Paragraph(f"评价方式：{data.unit_name}绩效自评", indent=False),
        Paragraph(f"评价机构：{data.unit_name}评价组", indent=False),
        Paragraph(f"报告日期：{date_text(data.report_date)}", indent=False),
        Spacer(3),
        Paragraph(f"{region}财政局（制）" if region else "", align="center"),
        PageBreak(),
    ]


def basics_grid(data: ReportData) -> Grid:
    # The year's main tasks are the goal's overall goal (003 lists eight); else the qualitative goals stand for them.
    tasks = data.overall_goal or "\n".join(
        f"任务{number}：{planned}" for number, (planned, _) in enumerate(data.qualitative, start=1))
    achievements = "\n".join(actual for _, actual in data.qualitative if actual)
    rows = [
        [Cell("联系人", bold=True), Cell(data.contact_person), Cell("联络电话", bold=True), Cell(data.phone)],
        [Cell("人员编制", bold=True), Cell(data.authorized_staff_text), Cell("实有人数", bold=True), Cell(data.actual_staff_text)],
        [Cell("职能职责概述", bold=True), Cell(data.duties, span=3)],
        [Cell("年度主要工作内容", bold=True), Cell(tasks, span=3)],
        [Cell("年度部门（单位）总体运行情况及取得的成绩", bold=True), Cell(achievements, span=3)],
    ]
    return Grid(4, rows, widths=(1.3, 2, 1.3, 2), header_rows=0)


def status_blocks(data: ReportData) -> list:
    """草稿 on a document not yet approved; the snapshot it was built from on an approved one."""
    if data.is_draft:
        # "草稿（待审核，…）", "草稿（财政退回，…）"; a plain draft is not called 草稿 twice.
        state = "" if data.status_display == "草稿" else f"{data.status_display}，"
        return [Paragraph(f"草稿（{state}未经审核通过，仅供核对，不作为正式报送文本）", bold=True, indent=False)]
    return [Paragraph(data.source_note, indent=False)] if data.source_note else []


def figure_notes(data: ReportData) -> list[str]:
    """The note under the tables where a stated total differs from its parts (accounts/derived.notes)."""
    return [note.text for note in derived.notes(data.sheet)]


def notes_blocks(data: ReportData) -> list:
    found = figure_notes(data)
    if not found:
        return []
    return [Paragraph("注：" + "；".join(found) + "。", indent=False)]


def _present(*blocks) -> list:
    return [block for block in blocks if block is not None]


def hunan_report_blocks(data: ReportData) -> list:
    line = score_line(data)
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
        *_present(funds_grid(data)),
        Heading("三、部门（单位）整体支出绩效自评情况"),
        *_present(qualitative_grid(data)),
        *_present(quantitative_grid(data)),
        *([Paragraph(line.footnote, size=12, indent=False)] if line.footnote else []),
        Heading("四、评价人员"),
        team_grid(data),
        signature_grid(),
        Paragraph("填报人（签名）：                    联系电话：", indent=False),
        *summary_blocks(data),
    ]


# ---------------------------------------------------------------- the report, Zhejiang form (002)

def zhejiang_report_blocks(data: ReportData) -> list:
    facts = analysis.facts_of(data.sheet)
    blocks = [*status_blocks(data), Title(f"{data.unit_short_name}{data.fiscal_year}年度整体支出绩效评价报告"), Spacer()]
    blocks.append(Heading("一、部门基本概况"))
    if data.duties:
        blocks += [Heading("（一）部门职能", level=2), Paragraph(data.duties)]
    if _staff_sentence(data) or data.sheet.children:
        blocks.append(Heading("（二）机构、人员", level=2))
        if data.sheet.children:
            blocks.append(Paragraph(f"{data.unit_name}由本级和{'、'.join(c.unit_name for c in data.sheet.children)}组成。"))
        if _staff_sentence(data):
            blocks.append(Paragraph(_staff_sentence(data)))
    blocks.append(Heading("（三）部门财务整体收支情况", level=2))
    spending = analysis.spending_paragraph(facts, data.fiscal_year, data.unit_short_name)
    if spending:
        blocks.append(Paragraph(spending))
    blocks += [income_grid(data), expenditure_grid(data), *notes_blocks(data)]
    sangong = analysis.sangong_paragraph(facts, data.fiscal_year, data.unit_short_name)
    if sangong:
        blocks.append(Paragraph(sangong))
    assets = analysis.fixed_assets_paragraph(facts, data.fiscal_year, data.unit_short_name)
    if assets:
        blocks.append(Paragraph(assets))
    blocks.append(Heading("二、部门整体支出绩效状况"))
    if data.overall_goal:
        blocks += [Heading("（一）绩效目标设置情况", level=2), Paragraph(data.overall_goal)]
    with_targets = [project for project in data.projects if project.planned or project.outcome_planned]
    if with_targets:
        blocks.append(Heading("（二）部门整体支出项目目标完成情况", level=2))
        for number, project in enumerate(with_targets, start=1):
            blocks.append(Paragraph(f"{number}．{project.name}"))
            if project.planned or project.outcome_planned:
                blocks.append(Paragraph("预期目标：" + "；".join(project.planned + project.outcome_planned) + "。"))
            if project.achieved or project.outcome_achieved:
                blocks.append(Paragraph("实际完成：" + "；".join(project.achieved + project.outcome_achieved) + "。"))
    blocks.append(Heading("（三）部门整体支出预算执行情况", level=2))
    for text in (_execution_sentence(data, facts),):
        if text:
            blocks.append(Paragraph(text))
    basic = _basic_budget_sentence(data)
    if basic:
        blocks += [Paragraph("1．部门基本支出预算执行情况", indent=True), Paragraph(basic)]
    if data.sheet.funds:
        blocks.append(Paragraph("2．部门项目支出执行情况"))
        for number, line in enumerate(data.sheet.funds, start=1):
            sentence = _fund_sentence(line, data.fiscal_year)
            if sentence:
                blocks.append(Paragraph(f"（{number}）{sentence}"))
            clauses = [clause for clause in (_fund_clause(child) for child in line.children) if clause]
            if clauses:
                blocks.append(Paragraph("其中：" + "；".join(clauses) + "。"))
        grid = funds_grid(data)
        if grid is not None:
            blocks.append(grid)
    if data.analysis_text or analysis.analysis_paragraphs(data.sheet, data.fiscal_year, data.unit_short_name):
        blocks.append(Heading("（四）部门整体支出绩效分析", level=2))
        blocks += _analysis_blocks(data)
    blocks += _problem_blocks(data, "三、存在的问题及原因", "四、提高财政资金绩效的措施与建议")
    conclusion = score_sentence(data, f"{data.unit_short_name}{data.fiscal_year}年度部门整体支出")
    if conclusion:
        blocks += [Heading("五、自评结论"), Paragraph(conclusion)]
    blocks += [Spacer(2), Paragraph(data.unit_name, align="right"), Paragraph(date_text(data.report_date), align="right")]
    return blocks


def report_blocks(data: ReportData) -> list:
    return hunan_report_blocks(data) if is_hunan_form(data) else zhejiang_report_blocks(data)


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
        [Cell("单位年度财政支出整体绩效目标总体描述", span=2, bold=True), Cell(data.overall_goal, span=5)],
        [Cell("目标设置和年度财政收支的主要依据及说明", span=2, bold=True), Cell(data.basis, span=5)],
        [Cell("本年度提供的公共产品或服务", bold=True),
         *text_cells("服务名称", "预算数（万元）", "执行数（万元）", "执行率", "计  划", "实  际", bold=True, align="center")],
    ]
    projects = data.projects
    for index, project in enumerate(projects):
        rows.append([
            UP if index else Cell(""),
            Cell(project.name), money_cell(project.budget), money_cell(project.spent),
            percent_cell(project.rate),
            Cell("\n".join(project.planned)), Cell("\n".join(project.achieved)),
        ])
    if not projects:
        rows.append([UP, *(Cell("") for _ in range(6))])
    rows.append([Cell("本年度取得的实际效益", bold=True), *text_cells("效益名称", bold=True, align="center"),
                 Cell("计  划", span=3, bold=True, align="center"), Cell("实  际", span=2, bold=True, align="center")])
    with_outcomes = [project for project in projects if project.outcome_planned]
    for project in with_outcomes:
        rows.append([UP, Cell(project.name), Cell("\n".join(project.outcome_planned), span=3),
                     Cell("\n".join(project.outcome_achieved), span=2)])
    if not with_outcomes:
        rows.append([UP, Cell(""), Cell("", span=3), Cell("", span=2)])
    rows.append([Cell("服务对象（受益者及相关群体）满意度", bold=True), Cell("\n".join(data_satisfaction(data)), span=6)])
    rows.append([Cell("部门整体支出共性指标（财预〔2013〕53号）", span=7, bold=True, align="center")])
    rows.append([*text_cells("类别", "指标", bold=True, align="center"), Cell("计算公式", span=3, bold=True, align="center"),
                 *text_cells("指标值", "说明", bold=True, align="center")])
    for indicator in data.department_indicators:
        rows.append([Cell(indicator.category, align="center"), Cell(indicator.name), Cell(indicator.definition, span=3),
                     percent_cell(indicator.value), Cell("")])
    return [
        Title(f"部门整体支出绩效评价基本情况表\n（{data.fiscal_year}年度）", size=18),
        *status_blocks(data),
        Paragraph(f"填报单位（盖章）：{data.unit_name}", indent=False),
        Grid(7, rows, widths=(2, 1.8, 1.2, 1.2, 1.1, 3, 3), header_rows=0),
    ]


def data_satisfaction(data: ReportData) -> list[str]:
    return [
        f"{row.name}：{row.actual_display or row.completion_display}"
        for row in data.indicators
        if ("满意" in row.level1 or "满意" in row.level2) and (row.actual_display or row.completion_display)
    ]


def basic_table_xlsx(evaluation, version: int | None = None) -> bytes:
    return to_xlsx(basic_table_blocks(report_data(evaluation, version=version)), "基本情况表")


def basic_table_docx(evaluation, version: int | None = None) -> bytes:
    return to_docx(basic_table_blocks(report_data(evaluation, version=version)))


# ---------------------------------------------------------------- 项目支出绩效自评表 (MoF)

def project_blocks(data: ReportData) -> list:
    """项目支出绩效自评表 in the layout of the goal's scheme: Hubei's, or 财预〔2020〕10号 附1."""
    return hubei_project_blocks(data) if data.is_hubei_form else mof_project_blocks(data)


def _level1_points(data: ReportData) -> dict:
    """Points per level-1 class as the unit split them (the sum of its indicators' points)."""
    points: dict = {}
    for row in data.indicators:
        if row.points is not None:
            points[row.level1] = points.get(row.level1, Decimal(0)) + row.points
    return points


def _indicator_rows(data: ReportData, level1_label) -> list:
    rows = []
    level1_repeats = _group_cells([row.level1 for row in data.indicators])
    level2_repeats = _group_cells([f"{row.level1}/{row.level2}" for row in data.indicators])
    for index, row in enumerate(data.indicators):
        rows.append([
            UP,
            UP if level1_repeats[index] else Cell(level1_label(row.level1)),
            UP if level2_repeats[index] else Cell(row.level2),
            Cell(row.name), Cell(row.target_display, align="center"),
            Cell(row.actual_display, align="center", input=True),
            Cell(score_text(row.points), number=row.points, align="right"),
            Cell(score_text(row.score), number=row.score, align="right", key=f"score:{index}", input=True),
            Cell(row.deviation, input=True),
        ])
    if not data.indicators:
        rows.append([UP, *(Cell("") for _ in range(8))])
    return rows


def indicator_notes(data: ReportData) -> list:
    """指标说明 under the indicator table: the framework fields (计算公式、取值依据…) of each indicator that has them."""
    lines = [f"{row.name}：{row.details}" for row in data.indicators if row.details]
    if not lines:
        return []
    return [Paragraph("指标说明：" + "".join(f"（{n}）{line}。" for n, line in enumerate(lines, start=1)), indent=False, size=12)]


def _total_rows(data: ReportData) -> list:
    score, line = data.score, score_line(data)
    total_formula = "=SUM({score:*})" if line.computed else ""
    return [
        [Cell("总分", span=6, bold=True, align="center"),
         Cell(score_text(score.max_total) if score else "", number=score.max_total if score else None, align="right"),
         Cell(line.total_text, number=line.total, bold=True, align="right", formula=total_formula),
         Cell("")],
        [Cell("等级", span=6, bold=True, align="center"), Cell(line.grade, span=3, bold=True, align="center")],
    ]


def hubei_project_blocks(data: ReportData) -> list:
    """项目支出绩效自评表 in the Hubei layout: 预算执行情况 (points × 执行率) and 年度绩效目标 with the
    points the unit split over 产出 / 效益 / 满意度 printed beside each level-1 class as its sub-header."""
    score = data.score
    line = score_line(data)
    points = score.execution_points if score else data.execution_points
    points_text = fmt_plain(points) if points is not None else ""
    rate = data.execution_rate
    execution_score = score.execution_score if score else data.execution_only_score
    split_name, split_points = next(iter(data.split_points.items()), ("年度绩效目标", None))
    level1_points = _level1_points(data)

    def level1_label(level1):
        return f"{level1}（{fmt_plain(level1_points[level1])}分）" if level1 in level1_points else level1

    rows = [
        [Cell("项目名称", bold=True), Cell(data.goal_name, span=8)],
        [Cell("主管部门", bold=True), Cell(data.unit_name, span=3), Cell("实施单位", span=2, bold=True),
         Cell(data.unit_name, span=3)],
        [Cell(f"预算执行情况（万元）（{points_text}分）", bold=True), Cell(""),
         *text_cells("预算数（A）", "执行数（B）", "执行率（B/A）", bold=True, align="center"),
         Cell(f"得分（{points_text}分×执行率）", span=4, bold=True, align="center")],
        [UP, Cell("年度财政资金总额"),
         money_cell(data.budget, key="budget", input=True), money_cell(data.spent, key="spent", input=True),
         Cell(fmt_percent(rate) if rate is not None else "", number=rate, is_percent=rate is not None, align="right",
              key="rate", formula='=IF(N({budget})=0,"",ROUND({spent}/{budget},4))' if rate is not None else ""),
         Cell(score_text(execution_score), number=execution_score, span=4, align="right", key="score:execution",
              formula=f"=ROUND({points_text}*MAX(0,MIN(1,N({{rate}}))),2)" if execution_score is not None else "")],
        [Cell("年度总体目标", bold=True), Cell("预期目标", span=4, bold=True, align="center"),
         Cell("实际完成情况", span=4, bold=True, align="center")],
        [UP, Cell(data.overall_goal, span=4, input=True),
         Cell("\n".join(actual for _, actual in data.qualitative if actual), span=4, input=True)],
        [Cell(f"{split_name}（{fmt_plain(split_points)}分）" if split_points is not None else split_name, bold=True),
         *text_cells("一级指标", "二级指标", "三级指标", "年初目标值（A）", "实际完成值（B）", "分值", "得分",
                     "偏差原因分析及改进措施", bold=True, align="center")],
        *_indicator_rows(data, level1_label),
        *_total_rows(data),
    ]
    blocks = [
        *status_blocks(data),
        Title("项目支出绩效自评表", size=18),
        Paragraph(f"（{data.fiscal_year}年度）", align="center"),
        Grid(9, rows, widths=(1.6, 2.2, 1.4, 2.5, 1.6, 1.6, 1.1, 1.1, 2.2), header_rows=0),
        *indicator_notes(data),
    ]
    if line.footnote:
        blocks.append(Paragraph(line.footnote, indent=False, size=12))
    return blocks


def mof_project_blocks(data: ReportData) -> list:
    """项目支出绩效自评表 of 财预〔2020〕10号 附1.

    In Excel the 执行率, its 得分 and the 总分 are formulas over the cells they
    come from (with the product's values cached); the amounts, actual values and
    indicator scores are the cells a clerk may change.
    """
    score = data.score
    line = score_line(data)
    fund = data.fund
    initial = None
    if fund is not None:
        initial = fund.initial_budget
        if initial is None and fund.children:
            present = [child.initial_budget for child in fund.children if child.initial_budget is not None]
            initial = sum(present, Decimal(0)) if present else None
    execution_points = score.execution_points if score else data.execution_points
    execution_score = score.execution_score if score else data.execution_only_score
    rate = data.execution_rate
    rows = [
        [Cell("项目名称", bold=True), Cell(data.goal_name, span=8)],
        [Cell("主管部门", bold=True), Cell(data.unit_name, span=3), Cell("实施单位", span=2, bold=True),
         Cell(data.unit_name, span=3)],
        [Cell("项目资金（万元）", bold=True), Cell(""),
         *text_cells("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", bold=True, align="center"),
         Cell("得分", span=2, bold=True, align="center")],
        [UP, Cell("年度资金总额"), money_cell(initial, input=True),
         money_cell(data.budget, key="budget", input=True), money_cell(data.spent, key="spent", input=True),
         Cell(score_text(execution_points), number=execution_points, align="right", key="execution_points"),
         Cell(fmt_percent(rate) if rate is not None else "", number=rate, is_percent=rate is not None, align="right",
              key="rate", formula='=IF(N({budget})=0,"",ROUND({spent}/{budget},4))' if rate is not None else ""),
         Cell(score_text(execution_score), number=execution_score, span=2, align="right", key="score:execution",
              formula="=ROUND({execution_points}*MAX(0,MIN(1,N({rate}))),2)" if execution_score is not None else "")],
        [UP, Cell("其中：当年财政拨款"), *(Cell("", input=True) for _ in range(3)), Cell(""), Cell(""), Cell("", span=2)],
        [UP, Cell("上年结转资金"), *(Cell("", input=True) for _ in range(3)), Cell(""), Cell(""), Cell("", span=2)],
        [UP, Cell("其他资金"), *(Cell("", input=True) for _ in range(3)), Cell(""), Cell(""), Cell("", span=2)],
        [Cell("年度总体目标", bold=True), Cell("预期目标", span=4, bold=True, align="center"),
         Cell("实际完成情况", span=4, bold=True, align="center")],
        [UP, Cell(data.overall_goal, span=4, input=True),
         Cell("\n".join(actual for _, actual in data.qualitative if actual), span=4, input=True)],
        [Cell("绩效指标", bold=True),
         *text_cells("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
                     bold=True, align="center")],
    ]
    rows += _indicator_rows(data, str)
    rows += _total_rows(data)
    blocks = [
        *status_blocks(data),
        Title("项目支出绩效自评表", size=18),
        Paragraph(f"（{data.fiscal_year}年度）", align="center"),
        Grid(9, rows, widths=(1.4, 1.9, 1.4, 2.6, 1.6, 1.6, 1.1, 1.1, 2.6), header_rows=0),
        *indicator_notes(data),
    ]
    if line.footnote:
        blocks.append(Paragraph(line.footnote, indent=False, size=12))
    return blocks


def project_self_evaluation_xlsx(evaluation, version: int | None = None) -> bytes:
    return to_xlsx(project_blocks(report_data(evaluation, version=version)), "项目支出绩效自评表")


def project_self_evaluation_docx(evaluation, version: int | None = None) -> bytes:
    return to_docx(project_blocks(report_data(evaluation, version=version)), landscape=True)


# ---------------------------------------------------------------- 项目绩效自评报告 (001)

def project_report_blocks(data: ReportData) -> list:
    """The project self-evaluation report in the shape of 001 (Jiangmen): 概况 by sub-line, 组织实施, 绩效, 问题及建议, 结论.

    Sections the data has nothing for are left out and the rest numbered in order, so no number is skipped.
    """
    blocks = [
        *status_blocks(data),
        Title("项目绩效自评报告"),
        Paragraph(f"（{data.fiscal_year}年）", align="center"),
        Spacer(),
        Paragraph(f"项目名称：{data.goal_name}"),
        Paragraph(f"预算部门：{data.unit_name}"),
    ]
    sections = iter(ORDINALS)

    def section(title: str) -> Heading:
        return Heading(f"{next(sections)}、{title}")

    blocks.append(section("项目概况"))
    fund = data.fund
    if data.overall_goal:
        blocks.append(Paragraph(data.overall_goal))
    if data.basis:
        blocks.append(Paragraph(f"立项依据：{data.basis}"))
    if fund is not None:
        lines = fund.children or [fund]
        if fund.children:
            blocks.append(Paragraph(f"{data.fiscal_year}年，{data.goal_name}共包括："))
        for number, child in enumerate(lines, start=1):
            sentence = _fund_sentence(child, data.fiscal_year)
            inner = [f"{part.name}{fmt_amount(part.spent)}万元" for part in child.children if part.spent is not None]
            if sentence and inner:
                # 001: "年末实际支出106.13万元，其中，资助市本级财政单位项目及转移支付经费60.2万元，本单位决算支出45.93万元。"
                sentence = sentence.removesuffix("。") + "，其中，" + "，".join(inner) + "。"
            if sentence:
                blocks.append(Paragraph(f"{number}、{sentence}" if fund.children else sentence))
        total = _fund_sentence(fund, data.fiscal_year)
        if fund.children and total:
            blocks.append(Paragraph(f"合计，{total}"))
        grid = _project_fund_grid(data)
        if grid is not None:
            blocks.append(grid)
    if data.qualitative:
        blocks.append(section("项目组织实施情况"))
        for number, (planned, actual) in enumerate(data.qualitative, start=1):
            prefix = f"（{_ordinal(number)}）" if len(data.qualitative) > 1 else ""
            blocks.append(Paragraph(f"{prefix}预期目标：{planned}"))
            if actual:
                blocks.append(Paragraph("完成情况：" + actual.split("\n", 1)[0]))
                blocks += [Paragraph(line) for line in actual.split("\n")[1:] if line.strip()]
    if data.indicators:
        blocks.append(section("项目绩效情况"))
        by_level = {}
        for row in data.indicators:
            by_level.setdefault(row.level1, []).append(row)
        for number, (level1, rows) in enumerate(by_level.items(), start=1):
            blocks.append(Heading(f"（{_ordinal(number)}）{level1}分析。", level=2))
            for index, row in enumerate(rows, start=1):
                text = f"{index}、{row.name}：年度指标值{row.target_display}"
                if row.actual_display:
                    text += f"，实际完成{row.actual_display}"
                blocks.append(Paragraph(text + "。"))
    if data.problems:
        blocks.append(section("存在问题及建议"))
        blocks += _problem_blocks(data, "（一）存在问题", "（二）改进措施或有关建议", level=2)
    conclusion = score_sentence(data, f"{data.goal_name}项目")
    blocks.append(section("项目自评结论及得分"))
    if conclusion:
        blocks.append(Paragraph(conclusion))
    else:
        blocks.append(Paragraph(score_line(data).footnote.removeprefix("注：").replace("本表", "本项目")))
    blocks += [Spacer(2), Paragraph(data.unit_name, align="right"), Paragraph(date_text(data.report_date), align="right")]
    return blocks


def _project_fund_grid(data: ReportData) -> Grid | None:
    fund = data.fund
    if fund is None or not fund.children:
        return None
    rows = [text_cells("支出内容", "预算数（万元）", "实际支出（万元）", "执行率", bold=True, align="center")]
    for child in fund.children:
        rows.append([Cell(child.name), money_cell(child.budget), money_cell(child.spent),
                     percent_cell(_rate(child.spent, child.budget))])
        for part in child.children:
            rows.append([Cell(f"    其中：{part.name}"), money_cell(part.budget), money_cell(part.spent),
                         percent_cell(_rate(part.spent, part.budget))])
    rows.append([Cell("合计", bold=True), money_cell(fund.budget), money_cell(fund.spent),
                 percent_cell(_rate(fund.spent, fund.budget))])
    return Grid(4, rows, caption=f"{data.goal_name}预算执行情况（万元）", widths=(4, 1.6, 1.6, 1.4))


def project_report_docx(evaluation, version: int | None = None) -> bytes:
    return to_docx(project_report_blocks(report_data(evaluation, version=version)))


def main_report_docx(evaluation, version: int | None = None) -> bytes:
    """The report of the evaluation: the department-wide report, or the project report."""
    if evaluation.goal.kind == GoalKind.PROJECT:
        return project_report_docx(evaluation, version)
    return self_evaluation_report_docx(evaluation, version)


# ---------------------------------------------------------------- PDF

def soffice_path() -> str | None:
    return shutil.which(os.environ.get("SOFFICE", "soffice"))


PDF_WORKDIR_PREFIX = "jixiao-pdf-"


def remove_stale_workdirs(older_than_seconds: float = 2 * PDF_TIMEOUT) -> int:
    """Remove the working directories of conversions killed with their worker (kill -9 leaves
    them behind): any older than twice the conversion timeout belongs to no live conversion."""
    root = tempfile.gettempdir()
    now, removed = time.time(), 0
    for entry in os.scandir(root):
        if entry.name.startswith(PDF_WORKDIR_PREFIX) and entry.is_dir(follow_symlinks=False):
            if now - entry.stat(follow_symlinks=False).st_mtime > older_than_seconds:
                shutil.rmtree(entry.path, ignore_errors=True)
                removed += 1
    return removed


def to_pdf(docx_bytes: bytes, timeout: int = PDF_TIMEOUT) -> bytes | None:
    """The .docx converted by LibreOffice; None when soffice is not installed or fails."""
    soffice = soffice_path()
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix=PDF_WORKDIR_PREFIX) as workdir:
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
