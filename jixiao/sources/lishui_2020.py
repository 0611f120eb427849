"""丽水市科协 2020 (002_9cad1fdfe21e52f7.txt): department accounts, three projects, 三公, in 万元.

The unit has one subordinate institution whose finances are not separate
(下属单位财务不独立), so all figures sit on the association itself.
"""

FISCAL_YEAR = 2020

FIGURES = {
    "income_total": "679.41", "income_carry_over": "9.43", "income_fiscal": "669.98",
    "exp_total": "658.77", "exp_basic": "448.17", "exp_personnel": "338.42", "exp_office": "109.75",
    "exp_project": "210.60", "exp_operating_other": "0",
    # 1、部门基本支出预算执行情况: 基本支出本年预算448.26万元
    "budget_basic": "448.26",
    # 三公经费预算1.85万元（公务接待费1.85, 公务用车运行维护费0, 因公出国（境）0）; 决算支出1.47万元
    "sangong_budget": "1.85", "sangong_budget_reception": "1.85", "sangong_budget_vehicle_operation": "0", "sangong_budget_overseas": "0",
    "sangong_actual": "1.47", "sangong_reception": "1.47", "sangong_vehicle_operation": "0", "sangong_overseas": "0",
    # 截止2020年年末固定资产原值为180.96万元 (no split by use)
    "fa_total": "180.96",
}

# (name, initial budget, adjusted budget, actual, science popularisation, sub-lines)
FUNDS = [
    ("科学普及专项", "143.50", None, "132.50", True, [
        # 本年预算143.50万元，其中 ……
        ("科普活动经费", "71.00", None, None, True, []),
        ("科普项目补助经费", "52.50", None, None, True, []),
        ("全民科学素质行动纲要实施经费", "20.00", None, None, True, []),
        # 实际支出132.5万元，其中 ……
        ("服务科技创新资助项目（33个）", None, None, "41.50", True, []),
        ("全国科普周和科普日活动", None, None, "7.00", True, []),
        ("防疫宣传折页、科普短信、映前科普宣传等宣传费用", None, None, "37.88", True, []),
        ("科技馆各项改造及日常支出", None, None, "14.65", True, []),
        ("科普干部能力提升培训等培训支出", None, None, "20.00", True, []),
        ("“双百”活动以及素质行动办公室日常等支出", None, None, "11.47", True, []),
    ]),
    ("老科技工作者协会经费", None, None, None, False, []),
    ("人才发展专项", None, None, None, False, [
        ("人才服务经费（邀请院士疗休养及“人才科技”峰会）", "27.00", None, "27.00", False, []),
        ("绿谷新秀入选及考核奖励", "13.62", None, "13.50", False, []),
        ("绿谷新秀人才培养", "2.60", None, "2.60", False, []),
    ]),
]
