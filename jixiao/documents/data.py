"""Everything an official document prints, loaded once from the database as plain values.

The renderers (generate.py) read only this: the accounts come from
`accounts.queries.sheet_for`, the score from `goals.scoring.score_goal`, the
department-wide indicators from `goals.department`, so a figure in a document is
the figure on the pages, never retyped.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from django.utils import timezone

from jixiao.accounts.sheet import FundLine, Sheet
from jixiao.documents.frozen import thaw
from jixiao.evaluations.models import Status
from jixiao.goals.department import DepartmentIndicator
from jixiao.goals.frameworks import field_details
from jixiao.goals.scoring import scheme_of
from jixiao.money import fmt_plain
from jixiao.scoring.engine import EvaluationScore, IndicatorScore, execution_part
from jixiao.scoring.queries import UnknownScheme
from jixiao.scoring.schemes import LAYOUT_HUBEI, LAYOUT_HUNAN


@dataclass(frozen=True)
class IndicatorRow:
    level1: str
    level2: str
    name: str
    target_display: str
    actual_display: str
    completion_display: str
    # None where the product cannot score the goal (no points set): the cell stays empty.
    points: Decimal | None
    score: Decimal | None
    deviation: str
    # The framework fields it carries (计算公式、取值依据、参考值、上年值、指标值解释), printed under the table.
    details: str = ""


@dataclass(frozen=True)
class ProjectLine:
    """A project of the unit-year, with its money and its indicators' planned and actual values."""

    name: str
    budget: Decimal | None
    spent: Decimal | None
    rate: Decimal | None
    planned: list[str] = field(default_factory=list)
    achieved: list[str] = field(default_factory=list)
    outcome_planned: list[str] = field(default_factory=list)
    outcome_achieved: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TeamRow:
    name: str
    title: str
    unit_name: str


@dataclass
class ReportData:
    evaluation_id: int
    unit_name: str
    unit_short_name: str
    budget_code: str
    contact_person: str
    phone: str
    authorized_staff_text: str
    actual_staff_text: str
    authorized_staff: int | None
    actual_staff: int | None
    duties: str
    fiscal_year: int
    goal_name: str
    goal_kind: str
    overall_goal: str
    basis: str
    sheet: Sheet
    budget: Decimal | None
    spent: Decimal | None
    execution_rate: Decimal | None
    # None when the indicators carry no points: the product shows "—" and the documents
    # print the unit's stated score (declared_score / declared_grade) marked as stated.
    score: EvaluationScore | None
    declared_score: Decimal | None
    declared_grade: str
    scheme_code: str
    qualitative: list[tuple[str, str]]
    indicators: list[IndicatorRow]
    team: list[TeamRow]
    department_indicators: list[DepartmentIndicator]
    projects: list[ProjectLine]
    fund: FundLine | None
    problems: list[tuple[str, str]]
    summary_text: str
    analysis_text: str
    report_date: date
    status_display: str
    # A draft's documents carry a 草稿 mark; an approved version says which snapshot it was built from.
    is_draft: bool = True
    source_note: str = ""
    # The goal's scoring scheme as the 自评表 prints it: its layout (jixiao.scoring.schemes.LAYOUTS), and
    # the parts the unit splits over its own level-1 classes with their points (Hubei: 年度绩效目标 80).
    layout: str = "mof"
    split_points: dict = field(default_factory=dict)
    # Where the indicators carry no points (score is None) but the rate is known: the scheme's 预算执行率
    # points and the money part scored alone; the 自评表 prints "得分（20分×执行率）" 19.99, its total stays empty.
    execution_points: Decimal | None = None
    execution_only_score: Decimal | None = None

    @property
    def is_hunan_form(self) -> bool:
        return self.layout == LAYOUT_HUNAN

    @property
    def is_hubei_form(self) -> bool:
        return self.layout == LAYOUT_HUBEI


def staff_text(total: int | None, admin: int | None, institutional: int | None) -> str:
    """"共28人，其中：行编11人，事业编17人" as the Hunan form writes it; "" when unknown."""
    if total is None and admin is not None and institutional is not None:
        total = admin + institutional
    if total is None:
        return ""
    text = f"共{total}人"
    if admin is not None and institutional is not None:
        text += f"，其中：行编{admin}人，事业编{institutional}人"
    return text


def target_display(indicator) -> str:
    """The 年度指标值 as printed: "≥60名" from the typed value, else the document's words."""
    from jixiao.scoring.engine import OPERATOR_LABELS, QUANTITATIVE_OPERATORS

    if indicator.operator in QUANTITATIVE_OPERATORS and indicator.target is not None:
        if indicator.operator == "range" and indicator.target_high is not None:
            return f"{fmt_plain(indicator.target)}-{fmt_plain(indicator.target_high)}{indicator.unit_of_measure}"
        return f"{OPERATOR_LABELS[indicator.operator]}{fmt_plain(indicator.target)}{indicator.unit_of_measure}"
    return indicator.target_text or OPERATOR_LABELS.get(indicator.operator, "")


def actual_display(indicator) -> str:
    if indicator.actual is not None:
        return f"{fmt_plain(indicator.actual)}{indicator.unit_of_measure}"
    return indicator.actual_text or indicator.claimed_completion


def _indicator_row(indicator, scored: IndicatorScore | None) -> IndicatorRow:
    deviation = "；".join(text.strip() for text in (indicator.deviation_reason, indicator.corrective_measure) if text.strip())
    return IndicatorRow(
        level1=indicator.level1, level2=indicator.level2, name=indicator.name,
        target_display=target_display(indicator), actual_display=actual_display(indicator),
        completion_display=indicator.claimed_completion or actual_display(indicator),
        points=scored.points if scored else None, score=scored.score if scored else None, deviation=deviation,
        details=field_details(indicator),
    )


def _report_date(evaluation) -> date:
    """The day the reviewer approved it, else the day the unit submitted it; today for a draft."""
    for action in ("approve", "submit"):
        step = evaluation.steps.filter(action=action).order_by("-at").first()
        if step:
            return timezone.localdate(step.at)
    return timezone.localdate()


def _project_line(goal, sheet: Sheet) -> ProjectLine:
    from jixiao.goals.domain import execution_of
    from jixiao.goals.models import Level1

    budget, spent, rate = execution_of(goal, sheet)
    planned, achieved, outcome_planned, outcome_achieved = [], [], [], []
    for indicator in goal.indicators.all():
        target, actual = target_display(indicator), actual_display(indicator)
        into_planned, into_achieved = (
            # Costs (a level-1 of their own in the 2021 framework) are planned and spent like outputs, not outcomes.
            (outcome_planned, outcome_achieved) if indicator.level1 not in (Level1.OUTPUT, Level1.COST) else (planned, achieved)
        )
        into_planned.append(f"{indicator.name}：{target}" if target else indicator.name)
        if actual:
            into_achieved.append(f"{indicator.name}：{actual}")
    return ProjectLine(goal.name, budget, spent, rate, planned, achieved, outcome_planned, outcome_achieved)


# Statuses whose documents come from the snapshot taken when they were approved or accepted.
FROZEN = {Status.APPROVED, Status.SENT, Status.ACCEPTED}


def report_data(evaluation, live: bool = False, version: int | None = None) -> ReportData:
    """What the documents print for one self-evaluation.

    Approved, sent or accepted: the latest snapshot (or the one of `version`), never
    the live data; otherwise (or with live=True) loaded from the database now.
    """
    if version is not None or (not live and evaluation.status in FROZEN):
        snapshots = evaluation.snapshots.exclude(data={}).select_related("user")
        snapshot = snapshots.filter(version=version).first() if version is not None else snapshots.first()
        if snapshot is not None:
            who = (snapshot.user.get_full_name() or snapshot.user.username) if snapshot.user else "系统"
            note = (f"本文书据{timezone.localtime(snapshot.at):%Y年%m月%d日} {who}"
                    f"{'审核通过' if snapshot.action == 'approve' else '财政接收'}时冻结的第{snapshot.version}版数据生成。")
            return replace(thaw(snapshot.data["report"]), is_draft=False, source_note=note)
        if version is not None:
            raise LookupError(f"没有第{version}版快照")
    return _live_report_data(evaluation)


def _execution_only(scheme, rate, score) -> dict:
    """The money part of a goal not otherwise scored: its points and score, where its rate is known."""
    if scheme is None or score is not None:
        return {}
    points, money = scheme.execution_points, execution_part(rate, scheme)[0]
    return {"execution_points": points, "execution_only_score": money} if money is not None else {}


def _live_report_data(evaluation) -> ReportData:
    from jixiao.accounts.queries import sheet_for
    from jixiao.goals.department import Staff, indicators_for
    from jixiao.goals.domain import summarize
    from jixiao.goals.models import GoalKind

    goal = evaluation.goal
    unit_year = goal.unit_year
    unit = unit_year.unit
    sheet = sheet_for(unit_year)
    # The same summary the goal lists show: no score where they show "—".
    summary = summarize(goal, sheet)
    try:
        scheme = scheme_of(goal)
    except UnknownScheme:
        scheme = None  # not scored (summarize), printed in the default layout
    budget, spent, rate, score = summary.budget, summary.spent, summary.rate, summary.result
    indicators = list(goal.indicators.all())
    rows = [_indicator_row(indicator, score.indicator(str(indicator.pk)) if score else None) for indicator in indicators]
    fund = None
    if goal.kind == GoalKind.PROJECT:
        fund = sheet.fund(goal.special_fund_id)
    department = next((g for g in unit_year.goals.all() if g.kind == GoalKind.DEPARTMENT), goal)
    projects = [
        _project_line(project, sheet)
        for project in unit_year.goals.filter(kind=GoalKind.PROJECT).prefetch_related("indicators")
    ]
    staff = Staff.of(unit)
    return ReportData(
        evaluation_id=evaluation.pk,
        unit_name=unit.name,
        unit_short_name=unit.display_name,
        budget_code=unit.budget_code,
        contact_person=unit.contact_person,
        phone=unit.phone,
        authorized_staff_text=staff_text(unit.authorized_staff, unit.authorized_staff_admin, unit.authorized_staff_institutional),
        actual_staff_text=staff_text(unit.actual_staff, unit.actual_staff_admin, unit.actual_staff_institutional),
        authorized_staff=staff.authorized_total,
        actual_staff=staff.actual_total,
        duties=unit.duties,
        fiscal_year=unit_year.fiscal_year,
        goal_name=goal.name,
        goal_kind=goal.kind,
        overall_goal=goal.overall_goal or department.overall_goal,
        basis=goal.basis or department.basis,
        sheet=sheet,
        budget=budget,
        spent=spent,
        execution_rate=rate,
        score=score,
        declared_score=goal.declared_score,
        declared_grade=goal.declared_grade,
        scheme_code=goal.scheme_code,
        qualitative=[(item.planned, item.actual) for item in goal.qualitative_goals.all()],
        indicators=rows,
        team=[TeamRow(member.name, member.title, member.unit_name) for member in evaluation.team.all()],
        department_indicators=indicators_for(sheet, staff),
        projects=projects,
        fund=fund,
        problems=[(item.problem, item.measure) for item in evaluation.rectifications.all()],
        summary_text=evaluation.summary_text.strip(),
        analysis_text=evaluation.analysis_text.strip(),
        report_date=_report_date(evaluation),
        status_display=evaluation.get_status_display(),
        is_draft=evaluation.status not in FROZEN,
        layout=scheme.layout if scheme else "mof",
        split_points={name: scheme.category_points[name] for name in scheme.split_categories} if scheme else {},
        **_execution_only(scheme, rate, score),
    )
