"""Figures in edited text that no longer match the data are flagged (documents.stale_figure)."""

from decimal import Decimal

from jixiao.accounts.models import Figure
from jixiao.checks.registry import RULES
from jixiao.documents.generate import edited_text_findings, figures_in_text_mismatches

# 003's own 部门整体支出情况分析 and 三公 paragraph, word for word (rounded shares included).
DOCUMENT_ANALYSIS = (
    "2017年市科协整体支出1003.3万元，其中基本支出359.39万元，占总支出的36%，人员支出355.81万元，占基本支出的99%，"
    "公用支出3.58万元，占基本支出的1%，项目支出643.91万元，占总支出的64%。\n"
    "2017年市科协“三公经费”预算36.75万元，实际开支15.25万元。"
)


def test_the_rule_is_in_the_one_registry():
    assert RULES["documents.stale_figure"].title == "文字中的数字与数据不符"


def test_the_documents_own_text_matches_its_data(yueyang_evaluation):
    assert figures_in_text_mismatches(DOCUMENT_ANALYSIS, yueyang_evaluation) == []


def test_a_figure_changed_in_the_text_is_flagged(yueyang_evaluation):
    edited = DOCUMENT_ANALYSIS.replace("项目支出643.91万元", "项目支出634.91万元")
    [finding] = figures_in_text_mismatches(edited, yueyang_evaluation)
    assert finding.code == "documents.stale_figure"
    assert finding.message.endswith("的 634.91万元 与数据不符：项目支出现为 643.91万元")
    assert finding.data == {"code": "exp_project", "stated": "634.91", "actual": "643.91", "unit": "万元"}


def test_a_wrong_share_is_flagged_at_the_precision_written(yueyang_evaluation):
    edited = DOCUMENT_ANALYSIS.replace("占总支出的36%", "占总支出的38%")
    [finding] = figures_in_text_mismatches(edited, yueyang_evaluation)
    assert "基本支出占总支出的比例现为 35.82%" in finding.message


def test_text_goes_stale_when_the_accounts_change(yueyang_evaluation):
    yueyang_evaluation.analysis_text = DOCUMENT_ANALYSIS
    yueyang_evaluation.save()
    assert edited_text_findings(yueyang_evaluation) == []
    Figure.objects.filter(unit_year__unit__name="岳阳市科学技术协会", line="sangong_budget").update(amount=Decimal("40.00"))
    [finding] = edited_text_findings(yueyang_evaluation)
    assert finding.data["code"] == "sangong_budget"
    assert "三公经费预算现为 40.00万元" in finding.message


def test_figures_the_words_do_not_name_are_left_alone(yueyang_evaluation):
    text = "全年共投入扶贫资金10多万元，发动全市科协系统捐赠款物近5万元，共获奖补资金150万元。"
    assert figures_in_text_mismatches(text, yueyang_evaluation) == []


def test_generated_text_is_a_clean_starting_point_for_editing(yueyang_evaluation):
    from jixiao.documents.generate import generated_analysis_for

    text = generated_analysis_for(yueyang_evaluation)
    assert text.startswith("1、部门整体支出情况分析：2017年岳阳市科协整体支出1003.30万元")
    assert figures_in_text_mismatches(text, yueyang_evaluation) == []
    [finding] = figures_in_text_mismatches(text.replace("节约预算21.50万元", "节约预算12.50万元"), yueyang_evaluation)
    assert finding.data["code"] == "sangong_saving_budget"
