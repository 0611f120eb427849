"""Every document the product generates for the demo reads back without an error.

The self-evaluation report, the basic table and the project self-evaluation
table of every demo self-evaluation are generated as Word files and put
through the health check as an upload would be: no error, and no warning that
rests on a reading choice (sum.reading, growth.reading, rate.unit_mismatch).
"""

import pytest

from jixiao.documents.generate import basic_table_docx, project_self_evaluation_docx, self_evaluation_report_docx
from jixiao.evaluations.models import SelfEvaluation
from jixiao.healthcheck.domain import check_report

from .helpers import check_text

READING_WARNINGS = {"sum.reading", "growth.reading", "rate.unit_mismatch"}


@pytest.fixture
def demo_evaluations(source_accounts):
    from jixiao.evaluations import demo as evaluations_demo
    from jixiao.goals import demo as goals_demo

    goals_demo.load(source_accounts)
    evaluations_demo.load(source_accounts)
    return list(SelfEvaluation.objects.select_related("goal__unit_year__unit"))


def test_generated_documents_give_no_error_and_no_reading_warning(demo_evaluations):
    assert demo_evaluations
    checked = []
    for evaluation in demo_evaluations:
        for name, build in (
            ("自评报告", self_evaluation_report_docx),
            ("基本情况表", basic_table_docx),
            ("项目自评表", project_self_evaluation_docx),
        ):
            filename = f"{evaluation.goal.unit_year.unit.name}-{evaluation.goal.name}-{name}.docx"
            check = check_report(filename, build(evaluation))
            bad = [(f.code, f.message) for f in check.findings if f.severity == "error" or f.code in READING_WARNINGS]
            assert bad == [], filename
            checked.append(filename)
    assert len(checked) == 3 * len(demo_evaluations)


def test_new_fixed_assets_are_not_a_part_of_the_total():
    """The product's own wording: "其中在用固定资产…；本年新增固定资产…" — the new assets are a flow, not a part."""
    result = check_text(
        "某市科协2022年部门整体支出绩效自评报告\n"
        "至2022年末本会固定资产903.16万元，其中在用固定资产903.16万元；本年新增固定资产41.07万元（购置41.07万元，无偿划入0.00万元）。\n"
    )
    assert [f for f in result.findings if f.severity == "error"] == []
