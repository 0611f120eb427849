"""The report rules: what an extraction says that does not add up.

An adapter: it turns an extraction into plain values with places and calls the
rule families of jixiao.checks.rules (sums, balances, rates, grades, targets,
scheme points), so a report, a unit-year's accounts and a goal are judged
alike, with the same codes and severities. Every rule is defined there.
"""

from decimal import Decimal

from jixiao.checks.registry import Amount, Place, Result
from jixiao.checks.rules import reports, scheme_points, targets
from jixiao.checks.rules.balances import balance_of
from jixiao.checks.rules.counts import count_of_list, count_parts
from jixiao.checks.rules.grades import grade_in_band, low_execution_grade, score_within_ceiling
from jixiao.checks.rules.growth import growth_rate
from jixiao.checks.rules.rates import UNSUPPORTED, execution_over_100, rate_matches
from jixiao.checks.rules.readings import (
    rate_by_reading,
    rate_unit_mismatch,
    scores_sum_by_reading,
    spending_above_income,
    sum_by_reading,
)
from jixiao.checks.rules.scores import category_points, execution_score, scheme_text_points
from jixiao.checks.rules.sums import scores_sum, sum_of_parts
from jixiao.healthcheck.extraction import Extraction, Figure, IndicatorRow, clause
from jixiao.money import fmt_amount
from jixiao.scoring.schemes import ScoringScheme, max_score_given_execution

D = Decimal
AREA = "report"
# Below this overall execution rate a grade of 优 deserves an explanation:
# under the MoF weights the execution points alone cost a fifth of their value.
LOW_EXECUTION = D("80")

REQUIRED_SECTIONS = {
    "special_fund_summary": [("项目概况", ("概况", "基本情况")), ("项目实施情况", ("实施",)),
                             ("目标完成情况", ("目标", "绩效")), ("存在问题", ("问题",))],
    "project_self_evaluation": [("项目概况", ("概况", "基本情况")), ("绩效情况", ("绩效",)),
                                ("存在问题", ("问题",)), ("自评结论", ("自评", "结论", "得分"))],
    "department_wide": [("部门基本概况", ("概况", "基本情况")), ("收支情况", ("收支", "支出")),
                        ("绩效情况", ("绩效",)), ("存在问题", ("问题",))],
    "assessment_scheme": [("考核对象", ("考核对象",)), ("考核内容", ("考核内容", "考核指标")),
                          ("考核方法", ("方法", "程序"))],
}


def fmt_percent1(value: Decimal) -> str:
    return f"{value.quantize(D('0.1'))}%"


def report_findings(extraction: Extraction, scheme: ScoringScheme, weights: str = "财政部权重") -> list[Result]:
    """Every finding on an extraction, judged under the scheme its form shows (recognised by the caller).

    weights: how a message names the scheme's weights ("财政部权重" for the nationwide default).
    """
    results: list[Result] = []
    _arithmetic(extraction, results)
    _score_rules(extraction, results, scheme, weights)
    _indicator_rules(extraction, results)
    _plan_rules(extraction, results)
    _section_rules(extraction, results)
    _scheme_rules(extraction, results)
    _rate_support(extraction, results)
    _spending_missing(extraction, results)
    unique, seen = [], set()
    for result in results:
        key = (result.code, result.key, tuple(place.ref for place in result.places))
        if key not in seen:
            seen.add(key)
            unique.append(result)
    return unique


def _arithmetic(extraction: Extraction, results: list):
    for claim in extraction.sums:
        if claim.reading:
            result = sum_by_reading(claim.total.amount(), [part.amount() for part in claim.parts], claim.what, claim.reading)
            if result:
                results.append(result)
            continue
        # Fewer than the whole: a "其中" may list only some items, so that is for a person to judge.
        result = sum_of_parts(claim.total.amount(), [part.amount() for part in claim.parts], claim.what,
                              exhaustive=claim.exhaustive)
        if result:
            results.append(result)
    for claim in extraction.balances:
        result = balance_of(claim.balance.amount(), claim.income.amount(), claim.expenditure.amount(), claim.what)
        if result:
            results.append(result)
    for claim in extraction.rates:
        if claim.numerator is None or claim.denominator is None or not claim.rate.exact:
            continue
        result = rate_matches(claim.rate.amount(), claim.numerator.amount(), claim.denominator.amount(), claim.what)
        if result and claim.reading:
            # The whole was found outside the rate's sentence: a reading, so a warning that names it.
            result = rate_by_reading(result, claim.reading)
        if result:
            results.append(result)
    for claim, units in extraction.unit_rates:
        original = next((c for c in extraction.rates if c.rate is claim.rate), None)
        if original is None:
            continue
        result = rate_unit_mismatch(claim.rate.amount(), Amount(claim.numerator.quantity.value, claim.numerator.place()),
                                    Amount(claim.denominator.quantity.value, claim.denominator.place()), units, claim.what)
        if result:
            results.append(result)
    for line in extraction.budget_lines:
        result = execution_over_100(line.actual.amount(), line.budget.amount(), line.what)
        if result:
            results.append(result)
    for growth in extraction.growths:
        result = growth_rate(growth.rate.amount("增长率"), growth.change.amount("增减额"),
                             current=None if growth.current is None else growth.current.amount("本年数"),
                             prior=None if growth.prior is None else growth.prior.amount("上年数"),
                             falling=growth.falling, certain=growth.certain, what=growth.what)
        if result:
            results.append(result)
    for listed in extraction.count_lists:
        result = count_of_list(listed.count.amount(), list(listed.names), listed.what)
        if result:
            results.append(result)
    for claim in extraction.count_sums:
        result = count_parts(claim.total.amount(), [p.amount() for p in claim.parts], claim.total.unit, claim.what,
                             exhaustive=claim.exhaustive)
        if result:
            results.append(result)
    for row in extraction.text_points:
        result = scheme_text_points(row.points.amount(), row.written.amount(), row.what)
        if result:
            results.append(result)
    for category in extraction.categories:
        result = category_points(category.points.amount(), [i.amount() for i in category.items], category.name)
        if result:
            results.append(result)
    if extraction.income_total is not None and extraction.spending_total is not None:
        income, spending = extraction.income_total, extraction.spending_total
        result = spending_above_income(Amount(income.quantity.wan_yuan or income.value, income.place()),
                                       Amount(spending.quantity.wan_yuan or spending.value, spending.place()))
        if result:
            results.append(result)


def _score_rules(extraction: Extraction, results: list, scheme: ScoringScheme, weights: str):
    score = extraction.score
    if score is not None and extraction.grade is not None:
        result = grade_in_band(score.amount("自评得分"), extraction.grade.text, extraction.grade.place("评价等次"),
                               scheme.grade_bands)
        if result:
            results.append(result)
    execution = extraction.execution
    if score is not None and execution is not None:
        rate, figures = execution
        ceiling = max_score_given_execution(rate, scheme)
        figure_places = tuple(figure.place() for figure in figures)
        # A warning, not an error: a region may weight execution differently from the MoF.
        result = score_within_ceiling(
            score.amount("自评得分"), ceiling, fmt_percent1(rate), scheme.execution_points, figure_places,
            data={"rate": str(rate), "ceiling": str(ceiling)}, weights=weights,
        )
        if result:
            results.append(result)
    if execution is not None and (extraction.grade is not None or score is not None):
        rate, figures = execution
        basis = (
            f"（实际支出 {fmt_amount(extraction.actual_total)} ÷ 预算 {fmt_amount(extraction.budget_total)}"
            f"{(' ' + extraction.money_unit) if extraction.money_unit else ''}）"
            if extraction.budget_lines and extraction.budget_lines[0].stated_rate is None
            else ""
        )
        grade_places = (extraction.grade.place("评价等次"),) if extraction.grade is not None else ()
        score_places = (score.place("自评得分"),) if score is not None else ()
        result = low_execution_grade(
            rate, "" if extraction.grade is None else extraction.grade.text,
            (*score_places, *(figure.place() for figure in figures), *grade_places),
            scheme.grade_bands, floor=LOW_EXECUTION, score=None if score is None else score.value, basis=basis,
        )
        if result:
            results.append(result)
    _table_scores(extraction, results, scheme)
    if score is not None and not extraction.has_indicator_table and extraction.kind != "assessment_scheme":
        results.append(targets.SCORE_WITHOUT_INDICATORS.found(
            f"自评得分 {score.value} 分，但报告中没有绩效指标表（指标、目标值、实际完成值、得分），得分无从核对",
            (score.place("自评得分"),), "score-indicators",
        ))


def _table_scores(extraction: Extraction, results: list, scheme: ScoringScheme):
    points, earned = extraction.execution_points, extraction.execution_score
    execution = extraction.execution
    if points is not None and earned is not None and execution is not None:
        result = execution_score(
            points.amount(), execution[0], earned.amount(), scheme.tolerance,
            what="执行率得分" + (f"（{extraction.execution_reading}）" if extraction.execution_reading else ""),
            extra_places=tuple(f.place() for f in execution[1][:1]),
        )
        if result:
            results.append(result)
    scored = [row.score for row in extraction.indicators if row.score is not None] + extraction.untargeted_scores
    if extraction.score is None or len(scored) < 2:
        return
    separate = earned is not None and not extraction.execution_in_indicators
    parts = scored + ([earned] if separate else [])
    total = Amount(extraction.score.value, extraction.score.place("总分"))
    result = scores_sum(total, [Amount(figure.value, figure.place()) for figure in parts])
    if result and separate:
        result = scores_sum_by_reading(total, [Amount(figure.value, figure.place()) for figure in scored],
                                       earned.amount()) or result
    if result:
        results.append(result)


def _indicator_place(row: IndicatorRow) -> tuple[Place, Place]:
    return row.target.place(f"{row.category}目标"), row.actual.place("完成情况")


def _indicator_rules(extraction: Extraction, results: list):
    for row in extraction.indicators:
        target = row.target.text.replace("\n", "")
        actual = row.actual.text.replace("\n", "") or "（空）"
        vague = [q for q in row.target_numbers if q.is_range or q.qualifier in {"多", "余", "约", "近", "左右"}]
        if vague:
            quantity = vague[0]
            what = f"区间（{quantity.value}–{quantity.high} {quantity.unit}）" if quantity.is_range else "约数"
            results.append(targets.VAGUE.found(
                f"{row.category}“{target}”的目标值“{quantity.text}”是{what}，完成情况填“{actual}”，看不出实际完成了多少",
                _indicator_place(row), f"vague:{row.target.block}", {"target": quantity.text, "actual": actual},
            ))
            continue
        unitless = [q for q in row.target_numbers if q.unit == "" and not q.is_range]
        if unitless:
            results.append(targets.NO_UNIT.found(
                f"{row.category}“{target}”中的“{unitless[0].text}”没有计量单位",
                _indicator_place(row), f"unit:{row.target.block}",
            ))


def _plan_rules(extraction: Extraction, results: list):
    for item in extraction.plans:
        planned = item.planned
        plan_place = planned.place(f"{item.service}计划")
        if not item.candidates:
            results.append(targets.UNMATCHED.found(
                f"{item.service}：计划“{clause(item.plan_cell.text, planned.start, planned.end)}”，实际栏中找不到对应的完成数",
                (plan_place, item.actual_cell.place(f"{item.service}实际")), f"unmatched:{planned.block}:{planned.start}",
            ))
            continue
        achieved = item.achieved
        wanted = planned.quantity.scaled
        if targets.target_met(targets.GE, wanted, achieved) is False:
            best = item.candidates[0]
            plan_clause = clause(item.plan_cell.text, planned.start, planned.end)
            actual_clause = clause(item.actual_cell.text, best.start, best.end)
            results.append(targets.NOT_MET.found(
                f"{item.service}：计划“{plan_clause}”，实际为“{actual_clause}”，{best.text}低于计划的 {planned.text}",
                (plan_place, *(candidate.place(f"{item.service}实际") for candidate in item.candidates[:3])),
                f"plan:{planned.block}:{planned.start}",
                {"planned": str(wanted), "achieved": str(achieved)},
            ))


def _section_rules(extraction: Extraction, results: list):
    required = REQUIRED_SECTIONS.get(extraction.kind)
    # A form made of tables (a 自评表) has boxes, not sections.
    if not required or extraction.table_share > 0.5:
        return
    headings = " ".join(heading.text for heading in extraction.headings)
    for name, words in required:
        if not any(word in headings for word in words):
            results.append(reports.SECTION_MISSING.found(
                f"{extraction.kind_label}通常应有“{name}”部分，本文件中没有找到",
                (), f"section:{name}",
            ))


def _scheme_rules(extraction: Extraction, results: list):
    scheme = extraction.scheme
    if scheme is None:
        return
    for category in scheme.categories:
        total = scheme_points.points_total(item.value for item in category.items)
        if category.items and not scheme_points.points_add_up([item.value for item in category.items], category.points.value):
            formula = "+".join(f"{item.value}" for item in category.items)
            results.append(scheme_points.ITEMS_SUM.found(
                f"“{category.name}”标明 {category.points.value} 分，各项分值 {formula} = {total} 分",
                (category.points.place(), *(item.place() for item in category.items)), f"scheme:{category.name}",
            ))
    if len(scheme.weights) >= 2:
        total = scheme_points.points_total(weight.value for weight in scheme.weights)
        if not scheme_points.weights_add_up(weight.value for weight in scheme.weights):
            formula = "+".join(f"{weight.value}%" for weight in scheme.weights)
            results.append(scheme_points.WEIGHTS_SUM.found(
                f"评委评分权重 {formula} = {total}%，不是100%",
                tuple(weight.place() for weight in scheme.weights), "scheme-weights",
            ))
    checks = [
        (scheme.base_total, [c for c in scheme.categories if not c.bonus], "考核基础分"),
        (scheme.bonus_total, [c for c in scheme.categories if c.bonus], "加分项目"),
    ]
    for declared, categories, what in checks:
        if declared is None or not categories:
            continue
        if len(categories) == 1 and categories[0].bonus:
            continue  # the bonus category's own heading was checked against its items above
        total = scheme_points.points_total(c.points.value for c in categories)
        if not scheme_points.points_add_up([c.points.value for c in categories], declared.value):
            formula = "+".join(f"{c.points.value}" for c in categories)
            results.append(scheme_points.CATEGORIES_SUM.found(
                f"{what}标明 {declared.value} 分，各类别分值 {formula} = {total} 分",
                (declared.place(), *(c.points.place() for c in categories)), f"scheme-total:{what}",
            ))


def _rate_support(extraction: Extraction, results: list):
    for claim in extraction.rates:
        if claim.numerator is not None and claim.denominator is not None and claim.rate.exact:
            continue
        rate = claim.rate
        sentence = rate.context
        results.append(UNSUPPORTED.found(
            f"“{sentence}”：{claim.what or '完成率'}{'只给出约数' if not rate.exact else ''}，"
            "没有写明据以计算的计划数和完成数（或预算数和执行数）",
            (rate.place(claim.what or "完成率"),), f"rate-support:{rate.block}:{rate.start}",
        ))


SPENT_WORDS = ("支出", "实际", "决算", "执行", "使用", "开支")
FUND_WORDS = ("预算", "批复", "安排", "下达", "拨付", "专项经费", "资金")


def _spending_missing(extraction: Extraction, results: list):
    if extraction.kind not in {"special_fund_summary", "project_self_evaluation"}:
        return
    if extraction.budget_lines or any(any(w in f.label for w in SPENT_WORDS) for f in extraction.amounts):
        return
    funds: list[Figure] = [f for f in extraction.amounts if any(w in f.label for w in FUND_WORDS) and f.exact]
    if not funds:
        return
    fund = funds[0]
    results.append(reports.SPENDING_MISSING.found(
        f"报告列出“{fund.label}”{fmt_amount(fund.value if fund.unit == '万元' else fund.quantity.wan_yuan)} 万元，"
        "但没有说明实际支出金额，无法计算预算执行率",
        (fund.place(),), "spending-missing",
    ))
