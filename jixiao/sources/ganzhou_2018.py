"""赣州市科协 2018 (000_b6f6a98bd0c401b1.txt): 科普专项 200万元; the summary states no spending and no score."""

FISCAL_YEAR = 2018

FIGURES = {}

# (name, initial budget, adjusted budget, actual, science popularisation, sub-lines)
FUNDS = [
    # （三）项目预算及资金来源: 2018年市财政批复科普专项经费200万元
    ("科普专项", "200.00", None, None, True, []),
]

# 三、项目目标实现情况: “项目内容完成率为70％以上” — no figures behind it
STATED_COMPLETION = "70％以上"
