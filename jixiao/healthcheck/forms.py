"""The provinces' self-evaluation forms as data: header words, score wordings, scheme shapes.

The extraction reads every form through these tables, so a new province's
wording is a line here, not a code branch. Each entry says where it was seen.

- MoF 财预〔2020〕10号: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, execution 10 points.
- Hubei (鄂州): 预算数（A） | 执行数（B） | 执行率（B/A） | 得分（20分*执行率）; 年度绩效目标（80分）;
  年初目标值（A） | 实际完成值（B）; rates written without %.
- Chongqing (忠县): 全年(调整)预算数 | 全年执行数 | 执行率 | 执行率权重 | 执行率得分, amounts in 元; 自评总分:.
- Sichuan (青神, 大英): 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分; 绩效指标(90分); 指标值 | 完成值.
- Anhui (池州), Hebei (廊坊): the MoF form with 产出指标（50分）/ 效益指标（30分） category rows.
- Hunan (南县): "综合评分为97分"; Yunnan (文山) schemes: 评分标准 | 分值 with "记4分" in the text.
"""

import re

# --- the funding (预算执行) table -------------------------------------------------

BUDGET_HEADERS = ("预算数", "调整后预算", "全年预算", "预算（A）", "预算(A)")
PREFERRED_BUDGET = ("全年", "调整")  # of several budget columns, the adjusted full-year one counts
ACTUAL_HEADERS = ("执行数",)
RATE_HEADERS = ("执行率",)
POINTS_HEADERS = ("分值", "权重", "执行率权重")
SCORE_HEADERS = ("得分", "执行率得分")
# Written points of the execution line when no column holds them: "得分（20分*执行率）", "预算执行情况（10分）".
POINTS_IN_HEADER = re.compile(r"[（(](\d+(?:\.\d+)?)分")
# How far a written execution score may sit from points × rate is the recognised scheme's tolerance.


def is_budget_header(text: str) -> bool:
    return any(word in text for word in BUDGET_HEADERS) and "执行" not in text


def is_actual_header(text: str) -> bool:
    return any(word in text for word in ACTUAL_HEADERS) and "执行率" not in text


def is_rate_header(text: str) -> bool:
    return any(word in text for word in RATE_HEADERS) and not any(w in text for w in ("权重", "得分", "分值"))


def is_points_header(text: str) -> bool:
    return text in POINTS_HEADERS or text.endswith("权重")


def is_score_header(text: str) -> bool:
    return text in SCORE_HEADERS or text.startswith(("得分（", "得分(")) or text.endswith("执行率得分")


# --- the indicator table ------------------------------------------------------------

TARGET_HEADERS = ("绩效目标", "指标值", "目标值", "年度指标值", "年初目标值", "年初指标值", "全年目标值")
ACTUAL_HEADERS_INDICATOR = ("完成情况", "实际完成值", "实际值", "完成值", "实际完成", "全年实际值", "全年完成值")
INDICATOR_POINTS_HEADERS = ("分值", "权重", "指标分值", "指标权重", "参考分值")  # 参考分值: Ningxia (银川)
INDICATOR_SCORE_HEADERS = ("得分", "自评得分", "指标得分")
# Remark columns at the right of the indicator table ("偏差原因分析及改进措施", "未完成原因分析", "备注"):
# a copy that drops their empty cells ends its rows at the score (Anhui 池州 as tab-separated text).
REMARK_HEADER_WORDS = ("原因", "改进措施", "备注", "说明")


def is_remark_header(text: str) -> bool:
    return any(word in text for word in REMARK_HEADER_WORDS) and not any(
        word in text for word in ("分值", "得分", "权重", "指标值", "完成值"))
_MARKS = re.compile(r"[（(][A-Za-z/]+[）)]|[（(]分[）)]")


def header_word(text: str) -> str:
    """A header cell without its marks: "年初目标值（A）" → "年初目标值", "指标得分（分）" → "指标得分"."""
    return _MARKS.sub("", text)


# The target's unit and sign in columns of their own (Sichuan 青神/大英, Yunnan 丽江): 指标性质 | 指标值 | 度量单位.
UNIT_HEADERS = ("度量单位", "计量单位")
TARGET_SIGNS = ("≥", "≤", ">", "<", "＞", "＜")


def is_unit_header(text: str) -> bool:
    return text in UNIT_HEADERS


# An indicator that is the execution line itself (Ningxia's 投入管理 | 预算执行率 | 10 | 100% | 9).
EXECUTION_INDICATOR = re.compile(r"^(?:指标\d+[：:])?(?:项目)?预算(?:资金)?执行率$")


def is_execution_indicator(text: str) -> bool:
    return bool(EXECUTION_INDICATOR.match(text.replace(" ", "")))


# A category row of the indicator table or of a scheme: "产出指标（50分）", "年度绩效目标1（80分）".
CATEGORY_POINTS = re.compile(r"^(.{1,16}?)[（(](\d+(?:\.\d+)?)分[）)]$")

# --- the overall score ------------------------------------------------------------------

SCORE_CELL = re.compile(r"((自评|综合|评价|绩效)(总)?(得分|评分)|自评总分|总得分|总分|合计得分)(（分）|\(分\))?[：:]?$")
SCORE_PROSE = re.compile(
    r"(?:(?:自评|综合|评价|绩效)(?:总)?(?:得分|评分)|自评总分|总得分|总分|^\s*得分)"
    r"(?:为|是|[：:]|\s)*(\d{1,3}(?:\.\d{1,2})?)\s*(分|%)",
    re.MULTILINE,
)

# --- schemes -------------------------------------------------------------------------

SCHEME_POINTS_HEADERS = ("分值", "标准分", "考核分值", "分数")
# A scoring rule in the text: "记4分", "得2分", "计0.5分" (one per row; "每项1分，最高5分" is not checked).
TEXT_POINTS = re.compile(r"[记计给]\s*(\d+(?:\.\d+)?)\s*分")
