"""The lines of a unit-year's accounts, as data.

Every cell of the clerk's tables is one line. A line with `parts` is a total:
its value is computed from the parts; a stated value for it (from a document
or an import) is kept and compared, never used in its place. The layout
follows the tables of the Hunan department-wide self-evaluation form
(收入 / 支出和结余 / 三公经费 / 固定资产) and the Zhejiang 基本情况表.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    code: str
    label: str
    section: str
    parts: tuple[str, ...] = ()
    # Lines subtracted from the sum of `parts` (the current-year balance).
    minus: tuple[str, ...] = ()

    @property
    def is_total(self) -> bool:
        return bool(self.parts)


@dataclass(frozen=True)
class Section:
    code: str
    title: str


SECTIONS = [
    Section("income", "年度收入情况"),
    Section("expenditure", "年度支出和结余情况"),
    Section("sangong", "三公经费"),
    Section("fixed_assets", "固定资产"),
    Section("budget", "预算数"),
]

SANGONG_KINDS = [
    ("reception", "公务接待费"),
    ("vehicle_operation", "公务用车运行维护费"),
    ("vehicle_purchase", "公务用车购置费"),
    ("overseas", "因公出国（境）费"),
]

LINES: list[Line] = [
    # 收入
    Line("income_total", "收入合计", "income", parts=(
        "income_carry_over", "income_fiscal", "income_gov_fund", "income_special_account",
        "income_higher_subsidy", "income_service", "income_operating_other",
    )),
    Line("income_carry_over", "上年结转（结余）", "income"),
    Line("income_fiscal", "财政拨款收入", "income"),
    Line("income_gov_fund", "政府性基金拨款", "income"),
    Line("income_special_account", "纳入专户管理的非税收入拨款", "income"),
    Line("income_higher_subsidy", "上级补助收入", "income"),
    Line("income_service", "事业收入", "income"),
    Line("income_operating_other", "经营收入及其他收入", "income"),
    # 支出和结余
    Line("exp_total", "支出合计", "expenditure", parts=("exp_basic", "exp_project", "exp_operating_other")),
    Line("exp_basic", "基本支出", "expenditure", parts=("exp_personnel", "exp_office")),
    Line("exp_personnel", "人员支出", "expenditure"),
    Line("exp_office", "日常公用支出", "expenditure"),
    Line("exp_project", "项目支出", "expenditure"),
    Line("exp_operating_other", "经营支出及其他支出", "expenditure"),
    Line("balance_current", "当年结余", "expenditure", parts=("income_total",), minus=("exp_total",)),
    Line("balance_accumulated", "累计结余", "expenditure"),
    # 三公经费: actual, budget and last year's actual, each by kind
    Line("sangong_actual", "三公经费合计", "sangong", parts=tuple(f"sangong_{kind}" for kind, _ in SANGONG_KINDS)),
    *[Line(f"sangong_{kind}", label, "sangong") for kind, label in SANGONG_KINDS],
    Line("sangong_budget", "三公经费预算", "sangong", parts=tuple(f"sangong_budget_{kind}" for kind, _ in SANGONG_KINDS)),
    *[Line(f"sangong_budget_{kind}", f"{label}预算", "sangong") for kind, label in SANGONG_KINDS],
    Line("sangong_last_year", "上年三公经费实际", "sangong", parts=tuple(f"sangong_last_year_{kind}" for kind, _ in SANGONG_KINDS)),
    *[Line(f"sangong_last_year_{kind}", f"上年{label}", "sangong") for kind, label in SANGONG_KINDS],
    # 固定资产
    Line("fa_total", "固定资产合计", "fixed_assets", parts=("fa_in_use", "fa_leased", "fa_other")),
    Line("fa_in_use", "在用固定资产", "fixed_assets"),
    Line("fa_leased", "出租固定资产", "fixed_assets"),
    Line("fa_other", "其他固定资产", "fixed_assets"),
    Line("fa_added", "本年新增固定资产", "fixed_assets", parts=("fa_purchased", "fa_transferred_in")),
    Line("fa_purchased", "其中：本年购置", "fixed_assets"),
    Line("fa_transferred_in", "其中：无偿划入", "fixed_assets"),
    # 预算数 (for execution rates)
    Line("budget_basic", "基本支出预算数", "budget"),
    Line("budget_project", "项目支出预算数", "budget"),
]

LINES_BY_CODE: dict[str, Line] = {line.code: line for line in LINES}
TYPED_LINES = [line.code for line in LINES if not line.is_total]


def lines_in(section: str) -> list[Line]:
    return [line for line in LINES if line.section == section]
