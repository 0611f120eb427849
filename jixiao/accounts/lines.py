"""The lines of a unit-year's accounts, as data: the one vocabulary of accounts lines.

Every cell of the clerk's tables is one line. A line with `parts` is a total:
its value is computed from the parts; a stated value for it (from a document
or an import) is kept and compared, never used in its place. The layout
follows the tables of the Hunan department-wide self-evaluation form
(收入 / 支出和结余 / 三公经费 / 固定资产) and the Zhejiang 基本情况表.

Each line also carries the names reports print for it: `aliases` are the
labels of a table header or a prose label (exact, whitespace removed; the
health check's take-into-accounts offers a figure only under one of these),
`prose` the looser words a sentence uses before the amount ("整体支出",
"共支出"), which the documents' check of edited text reads. `name` is how
the documents and messages name the line. The pages, the Excel template, the
health check's extraction and take-into-accounts, and the documents all read
these; no other module keeps its own list of line names.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    code: str
    label: str
    section: str
    parts: tuple[str, ...] = ()
    # Lines subtracted from the sum of `parts` (the current-year balance).
    minus: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    prose: tuple[str, ...] = ()
    short: str = ""

    @property
    def name(self) -> str:
        """How documents and messages name the line ("公用支出" for 日常公用支出)."""
        return self.short or self.label

    @property
    def names(self) -> tuple[str, ...]:
        """The label and every alias a report may print for this line."""
        return (self.label, *self.aliases)

    @property
    def is_total(self) -> bool:
        return bool(self.parts)

    @property
    def help(self) -> str:
        return help_for(self.code)


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

# Shorter names reports print for the 三公 kinds.
SANGONG_ALIASES = {"vehicle_operation": ("公务用车运维费",), "overseas": ("因公出国费",)}

LINES: list[Line] = [
    # 收入
    Line("income_total", "收入合计", "income", aliases=("本年收入合计",), prose=("共收入", "总收入", "全年收入", "收入总额"), parts=(
        "income_carry_over", "income_fiscal", "income_gov_fund", "income_special_account",
        "income_higher_subsidy", "income_service", "income_operating_other",
    )),
    Line("income_carry_over", "上年结转（结余）", "income", aliases=("上年结转", "上年结转结余"), short="上年结转"),
    Line("income_fiscal", "财政拨款收入", "income", aliases=("公共财政拨款",), prose=("财政拨款",)),
    Line("income_gov_fund", "政府性基金拨款", "income", aliases=("政府基金拨款",)),
    Line("income_special_account", "纳入专户管理的非税收入拨款", "income"),
    Line("income_higher_subsidy", "上级补助收入", "income"),
    Line("income_service", "事业收入", "income"),
    Line("income_operating_other", "经营收入及其他收入", "income", aliases=("其他收入",)),
    # 支出和结余
    Line("exp_total", "支出合计", "expenditure", aliases=("本年支出合计",), prose=("整体支出", "共支出", "总支出", "全年支出", "支出总额"), parts=("exp_basic", "exp_project", "exp_operating_other")),
    Line("exp_basic", "基本支出", "expenditure", parts=("exp_personnel", "exp_office")),
    Line("exp_personnel", "人员支出", "expenditure", prose=("人员经费",)),
    Line("exp_office", "日常公用支出", "expenditure", aliases=("公用支出",), prose=("公用经费",), short="公用支出"),
    Line("exp_project", "项目支出", "expenditure", prose=("专项支出", "专项资金共计支出")),
    Line("exp_operating_other", "经营支出及其他支出", "expenditure"),
    Line("balance_current", "当年结余", "expenditure", parts=("income_total",), minus=("exp_total",)),
    Line("balance_accumulated", "累计结余", "expenditure"),
    # 三公经费: actual, budget and last year's actual, each by kind
    Line("sangong_actual", "三公经费合计", "sangong", short="三公经费实际支出", parts=tuple(f"sangong_{kind}" for kind, _ in SANGONG_KINDS)),
    *[Line(f"sangong_{kind}", label, "sangong", aliases=SANGONG_ALIASES.get(kind, ())) for kind, label in SANGONG_KINDS],
    Line("sangong_budget", "三公经费预算", "sangong", parts=tuple(f"sangong_budget_{kind}" for kind, _ in SANGONG_KINDS)),
    *[Line(f"sangong_budget_{kind}", f"{label}预算", "sangong") for kind, label in SANGONG_KINDS],
    Line("sangong_last_year", "上年三公经费实际", "sangong", short="上年三公经费", parts=tuple(f"sangong_last_year_{kind}" for kind, _ in SANGONG_KINDS)),
    *[Line(f"sangong_last_year_{kind}", f"上年{label}", "sangong") for kind, label in SANGONG_KINDS],
    # 固定资产
    Line("fa_total", "固定资产合计", "fixed_assets", prose=("固定资产", "固定资产原值", "固定资产总额", "固定资产共计", "固定资产原值总额", "固定资产原值共计"), parts=("fa_in_use", "fa_leased", "fa_other")),
    Line("fa_in_use", "在用固定资产", "fixed_assets"),
    Line("fa_leased", "出租固定资产", "fixed_assets"),
    Line("fa_other", "其他固定资产", "fixed_assets"),
    Line("fa_added", "本年新增固定资产", "fixed_assets", prose=("新增固定资产",), parts=("fa_purchased", "fa_transferred_in")),
    Line("fa_purchased", "其中：本年购置", "fixed_assets", prose=("资产购置", "购置"), short="本年购置固定资产"),
    Line("fa_transferred_in", "其中：无偿划入", "fixed_assets", prose=("划拨", "划入"), short="无偿划入固定资产"),
    # 预算数 (for execution rates)
    Line("budget_basic", "基本支出预算数", "budget"),
    Line("budget_project", "项目支出预算数", "budget"),
]

LINES_BY_CODE: dict[str, Line] = {line.code: line for line in LINES}
# A name a report prints (label or alias, whitespace removed) → the line's code.
LINE_BY_NAME: dict[str, str] = {name: line.code for line in LINES for name in line.names}
assert len(LINE_BY_NAME) == sum(len(line.names) for line in LINES), "a name may stand for one line only"
TYPED_LINES = [line.code for line in LINES if not line.is_total]


def lines_in(section: str) -> list[Line]:
    return [line for line in LINES if line.section == section]


def name_of(code: str) -> str:
    return LINES_BY_CODE[code].name


def words_for(code: str) -> str:
    """A regular expression of every name of a line in prose, longest first (so "固定资产原值" wins over "固定资产")."""
    line = LINES_BY_CODE[code]
    words = sorted({line.name, *line.names, *line.prose}, key=len, reverse=True)
    return "|".join(re.escape(word) for word in words)


# What goes into each line (口径), shown beside the grid: the final-accounts definitions, with examples.
TYPED_HELP: dict[str, str] = {
    "income_carry_over": "上年度结转到本年继续使用的资金（含结余），按上年决算年末结转和结余数填列。",
    "income_fiscal": "本级财政当年拨付的一般公共预算资金，例如财政拨付的基本经费、科普项目经费。",
    "income_gov_fund": "财政当年拨付的政府性基金预算资金（例如彩票公益金）；没有则不填。",
    "income_special_account": "纳入财政专户管理、由财政拨回的非税收入（例如培训费、会费）。",
    "income_higher_subsidy": "从主管部门和上级单位取得的非财政补助收入，例如上级科协拨付的补助。",
    "income_service": "开展专业业务活动及其辅助活动取得的收入，例如科技馆门票、技术服务收入。",
    "income_operating_other": "非独立核算的经营活动收入，以及捐赠、利息等其他收入。",
    "exp_personnel": "工资福利支出和对个人和家庭的补助，例如基本工资、社会保险缴费、离退休费。",
    "exp_office": "日常公用经费，例如办公费、水电费、差旅费、维修（护）费。",
    "exp_project": "为完成特定工作任务和事业发展目标发生的支出，例如科普活动、学术交流专项。",
    "exp_operating_other": "非独立核算的经营活动支出及其他支出。",
    "balance_accumulated": "截至年末累计结转和结余的资金；支出大于可用资金时可为负数。",
    "sangong_reception": "按规定开支的各类公务接待（含外宾接待）费用。",
    "sangong_vehicle_operation": "公务用车的燃料、维修、过路过桥、保险等费用。",
    "sangong_vehicle_purchase": "购置公务用车的支出（含车辆购置税）。",
    "sangong_overseas": "因公出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费等。",
    "fa_in_use": "年末正在使用的固定资产原值。",
    "fa_leased": "年末出租、出借的固定资产原值。",
    "fa_other": "年末闲置、待处置等其他固定资产原值。",
    "fa_purchased": "本年用资金购置的固定资产原值。",
    "fa_transferred_in": "本年无偿调入、接受捐赠的固定资产原值。",
    "budget_basic": "当年基本支出预算数（含年中调整），用于计算基本支出预算执行率。",
    "budget_project": "当年项目支出预算数（含年中调整），用于计算项目支出预算执行率。",
}
for _kind, _label in SANGONG_KINDS:
    TYPED_HELP[f"sangong_budget_{_kind}"] = f"当年{_label}的预算数（含年中调整）。"
    TYPED_HELP[f"sangong_last_year_{_kind}"] = f"上年决算中{_label}的实际支出数。"


def help_for(code: str) -> str:
    """A line's 口径: typed lines say what goes in; totals say how the system adds them up."""
    line = LINES_BY_CODE[code]
    if not line.is_total:
        return TYPED_HELP[code]
    formula = " + ".join(name_of(part) for part in line.parts) + "".join(f" − {name_of(part)}" for part in line.minus)
    return f"= {formula}；系统按明细算出“= …”，与填报数不一致时标为橙色。"


assert set(TYPED_HELP) == set(TYPED_LINES), "every typed line has its 口径"
