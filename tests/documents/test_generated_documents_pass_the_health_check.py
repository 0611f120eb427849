"""The product's own health check finds no error in any document it generates for the demo:
the documents print the figures of accounts/derived and the rules are the same families."""

from jixiao.documents.generate import basic_table_docx, project_self_evaluation_docx, self_evaluation_report_docx
from jixiao.evaluations.models import SelfEvaluation
from jixiao.goals.models import GoalKind
from jixiao.healthcheck.domain import check_report


def test_every_generated_document_of_the_demo_has_no_error(source_evaluations):
    checked = []
    for evaluation in SelfEvaluation.objects.select_related("goal__unit_year__unit"):
        makers = [("自评报告.docx", self_evaluation_report_docx), ("基本情况表.docx", basic_table_docx)]
        if evaluation.goal.kind == GoalKind.PROJECT:
            makers.append(("项目支出绩效自评表.docx", project_self_evaluation_docx))
        for name, make in makers:
            result = check_report(name, make(evaluation))
            errors = [(finding.code, finding.message) for finding in result.findings if finding.severity == "error"]
            assert errors == [], f"{evaluation} {name}"
            checked.append(name)
    assert len(checked) >= 6
