"""岳阳市科协 2017 (003_dba0adaa812d8fb7.txt): accounts as the document states them, in 万元.

Tables 二、部门（单位）收支情况 give the summary row (机关及二级机构汇总) and one
row per sub-unit; 三公 budget and last year, and fixed-asset additions, come
from the narrative (四、1-4). Empty cells of the document are left out.
"""

FISCAL_YEAR = 2017

SUMMARY = {
    "income_total": "1086.91", "income_carry_over": "158.39", "income_fiscal": "825.52", "income_operating_other": "103.00",
    "exp_total": "1003.30", "exp_basic": "359.39", "exp_personnel": "355.81", "exp_office": "3.58", "exp_project": "643.91",
    "balance_current": "83.62",
    "sangong_actual": "15.25", "sangong_reception": "11.68", "sangong_vehicle_operation": "3.57",
    # 四、2: “三公经费”预算36.75万元 …… 比2016年18.55万元节约3.3万元
    "sangong_budget": "36.75", "sangong_last_year": "18.55",
    "fa_total": "1086.47", "fa_in_use": "1086.47",
    # 四、4: 资产购置47.34万元 …… 划拨公务车一辆，资产价值17.95万元，共计65.29万元
    "fa_added": "65.29", "fa_purchased": "47.34", "fa_transferred_in": "17.95",
}

SUB_UNITS = {
    "yueyang_office": {
        "income_total": "606.77", "income_carry_over": "22.70", "income_fiscal": "507.07", "income_operating_other": "77.00",
        "exp_total": "601.62", "exp_basic": "283.54", "exp_personnel": "279.96", "exp_office": "3.58", "exp_project": "318.08",
        "balance_current": "5.15",
        "sangong_actual": "11.86", "sangong_reception": "9.55", "sangong_vehicle_operation": "2.31",
        "fa_total": "890.73", "fa_in_use": "890.73",
    },
    "yueyang_centre": {
        "income_total": "132.77", "income_carry_over": "37.99", "income_fiscal": "83.78", "income_operating_other": "11.00",
        "exp_total": "110.47", "exp_basic": "23.88", "exp_personnel": "23.88", "exp_project": "86.59",
        "balance_current": "22.30",
        "sangong_actual": "1.21", "sangong_reception": "1.21",
        "fa_total": "46.41", "fa_in_use": "46.41",
    },
    "yueyang_museum": {
        "income_total": "347.37", "income_carry_over": "97.70", "income_fiscal": "234.67", "income_operating_other": "15.00",
        "exp_total": "291.21", "exp_basic": "51.98", "exp_personnel": "51.98", "exp_project": "239.23",
        "balance_current": "56.16",
        "sangong_actual": "2.18", "sangong_reception": "0.92", "sangong_vehicle_operation": "1.26",
        "fa_total": "149.33", "fa_in_use": "149.33",
    },
}

FUNDS = []
