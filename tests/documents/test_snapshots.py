"""What an approval keeps: every document of every demo self-evaluation, rebuilt from the snapshot, is the same."""

from decimal import Decimal

import pytest

from jixiao.documents import generate
from jixiao.documents.data import report_data
from jixiao.documents.frozen import freeze, thaw
from jixiao.evaluations.models import SelfEvaluation
from jixiao.goals.models import GoalKind


def test_every_demo_report_survives_the_snapshot_unchanged(source_evaluations):
    evaluations = list(SelfEvaluation.objects.select_related("goal__unit_year__unit"))
    assert len(evaluations) >= 5
    for evaluation in evaluations:
        live = report_data(evaluation, live=True)
        kept = thaw(freeze(live))
        assert kept == live, evaluation
        assert generate.report_blocks(kept) == generate.report_blocks(live)
        assert generate.basic_table_blocks(kept) == generate.basic_table_blocks(live)
        if evaluation.goal.kind == GoalKind.PROJECT:
            assert generate.project_blocks(kept) == generate.project_blocks(live)
        assert kept.sheet.value("exp_total") == live.sheet.value("exp_total")


def test_a_snapshot_names_no_class_outside_the_product():
    with pytest.raises(ValueError, match="outside jixiao"):
        thaw({"$dc": "subprocess:Popen", "f": {"args": ["true"]}})
    assert thaw(freeze({"a": (Decimal("1.10"), None)})) == {"a": (Decimal("1.10"), None)}
