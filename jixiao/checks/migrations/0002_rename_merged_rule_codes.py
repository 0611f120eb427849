"""Stored findings follow the merged rule codes (issue 10: one code, one severity per rule).

Keys are unchanged, so a finding keeps its status and explanation; the next run of
the checks writes the new severity and message.
"""

from django.db import migrations

RENAMED = {
    "goals.vague_range": "target.vague",
    "report.target_vague": "target.vague",
    "goals.no_unit": "target.no_unit",
    "report.target_no_unit": "target.no_unit",
    "goals.not_met": "target.not_met",
    "report.plan_not_met": "target.not_met",
    "goals.not_quantified": "target.not_quantified",
    "goals.no_actual": "target.no_actual",
    "goals.claim_without_value": "target.claim_without_value",
    "goals.other_without_explanation": "target.other_without_explanation",
    "goals.no_indicators": "target.no_indicators",
    "goals.score_without_indicators": "score.without_indicators",
    "report.score_without_indicators": "score.without_indicators",
    "goals.points_total": "points.items_sum",
    "assessment.items_sum": "points.items_sum",
    "assessment.categories_sum": "points.categories_sum",
    "assessment.weights_sum": "points.weights_sum",
    "report.scheme_weights": "points.weights_sum",
    "assessment.bonus_caps": "points.bonus_caps",
    "assessment.points_step": "points.step",
    "goals.no_points": "points.missing",
    "accounts.carry_over": "balance.carry_over",
}
# The merged codes whose severity changed: goals.no_unit was an error, report.target_no_unit a hint.
SEVERITY = {"target.no_unit": "warning"}


def forwards(apps, schema_editor):
    Finding = apps.get_model("checks", "Finding")
    for old, new in RENAMED.items():
        Finding.objects.filter(rule_code=old).update(rule_code=new)
    for code, severity in SEVERITY.items():
        Finding.objects.filter(rule_code=code).update(severity=severity)


def backwards(apps, schema_editor):
    # Several old codes merged into one; the area tells them apart well enough to go back.
    Finding = apps.get_model("checks", "Finding")
    for old, new in RENAMED.items():
        area = old.split(".")[0]
        Finding.objects.filter(rule_code=new, area=area).update(rule_code=old)


class Migration(migrations.Migration):
    dependencies = [("checks", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
