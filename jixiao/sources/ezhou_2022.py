"""鄂州市科协 2022 (005_df7bd84f99dcb295.txt, a copy of the health-check corpus's
04_hb_ezhou_kx_2022_kepu_zipingbiao.txt, from http://obishi.cn/archive/993.html):
鄂州市科学技术协会 2022年度科普经费项目自评表, in the Hubei layout (预算执行 20分, 年度绩效目标 80分), in 万元.

The form states each indicator's 年初目标值, 实际完成值 and the 得分 the unit gave it, but not the points
(分值) each indicator is worth: the points stay empty, the scores are kept below as the form states them.
"""

FISCAL_YEAR = 2022

FIGURES = {}

# (name, initial budget, adjusted budget, actual, science popularisation, sub-lines)
FUNDS = [
    # 预算执行情况（万元）（20分）: 年度财政资金总额 预算数（A）104, 执行数（B）103.97, 执行率 99.97
    ("科学普及经费", "104", None, "103.97", True, []),
]

# 项目名称: the project evaluated is the fund above.
PROJECT = "科学普及经费"
FILLED_ON = (2023, 5, 17)  # 填报日期：2023年5月17日

# 得分（20分*执行率）: the form gives 19; 20 × 99.97 % = 19.99 (the health-check corpus labels this a finding).
STATED_EXECUTION_SCORE = "19"

# 年度绩效目标1（80分）, row by row:
# (一级指标, 二级指标, 三级指标, operator, target, unit, 年初目标值（A）, actual, 实际完成值（B）, 得分 as the form states it)
INDICATORS = [
    ("产出指标", "数量指标", "“科普鄂州”微信公众号运维", ">=", "800", "篇", "不少于800篇", "800", "800篇", "8"),
    ("产出指标", "数量指标", "开展全国科普日专题科普活动", ">=", "10", "场", "10场", "9", "9场", "7"),
    ("产出指标", "数量指标", "《科协之窗-身边的科普》栏目", ">=", "200", "期", "200期", "200", "200期", "8"),
    ("产出指标", "质量指标", "科普知识网络竞赛", "qualitative", None, "", "提高普及率", None, "稳步提升", "6"),
    ("产出指标", "质量指标", "科普宣传栏内容更新", "qualitative", None, "", "知识更新率", None, "实时更新", "6"),
    ("产出指标", "成本指标", "预算控制数", "<=", "104", "万元", "≤104万元", "103.97", "103.97万元", "10"),
    ("效益指标", "社会效益指标", "公民科学文化素质", ">=", "10", "%", "提升10%", "10", "提升10%", "6"),
    ("效益指标", "经济效益指标", "公民支持科技经济融合发展", ">=", "10", "%", "提升10%", "10", "提升10%", "6"),
    ("效益指标", "生态效益指标", "生态文明理念和意识", ">=", "10", "%", "提升10%", "10", "提升10%", "6"),
]
