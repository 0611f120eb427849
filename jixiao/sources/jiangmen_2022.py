"""江门市科协 2022 (001_aa621a6d6afe40b7.txt): project 科学技术普及支出 and its four lines, in 万元."""

FISCAL_YEAR = 2022

FIGURES = {}

# (name, initial budget, adjusted budget, actual, science popularisation, sub-lines)
FUNDS = [
    ("科学技术普及支出", None, None, None, True, [
        ("科普活动", "155.00", None, "106.13", True, [
            ("资助市本级财政单位项目及转移支付经费", None, None, "60.20", True, []),
            ("本单位决算支出", None, None, "45.93", True, []),
        ]),
        ("学术交流活动", "101.00", None, "69.09", True, [
            ("资助市本级财政单位项目及转移支付经费", None, None, "11.00", True, []),
            ("本单位决算支出", None, None, "58.09", True, []),
        ]),
        ("其他科学技术普及支出", "36.00", None, "19.88", True, []),
        # 受疫情影响……未批准青少年科技活动和科技馆站项目经费支出
        ("青少年科技活动和科技馆站", "0", None, "0", True, []),
    ]),
]

# 六、项目自评结论及得分: 自评优秀, 得分95分 (no indicator table in the report)
SELF_SCORE = "95"
SELF_GRADE = "优秀"

# 一、项目基本情况: the project evaluated is 科学技术普及支出 (the first fund above).
PROJECT = "科学技术普及支出"
