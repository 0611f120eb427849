from django.urls import path

from jixiao.assessment.views import exports, home, judging, results, rounds, schemes, submissions

app_name = "assessment"
urlpatterns = [
    path("", home.index, name="index"),
    path("schemes/<int:scheme_id>/", schemes.detail, name="scheme"),
    path("schemes/<int:scheme_id>/edit/", schemes.edit, name="scheme_edit"),
    path("schemes/<int:scheme_id>/issue/", schemes.issue, name="scheme_issue"),
    path("schemes/<int:scheme_id>/new-version/", schemes.new_version, name="scheme_new_version"),
    path("schemes/<int:scheme_id>/copy/", schemes.copy, name="scheme_copy"),
    path("schemes/<int:scheme_id>/open-round/", schemes.open_round, name="round_open"),
    path("rounds/<int:round_id>/", rounds.detail, name="round"),
    path("rounds/<int:round_id>/status/", rounds.change_status, name="round_status"),
    path("rounds/<int:round_id>/judges/", rounds.judges, name="round_judges"),
    path("rounds/<int:round_id>/attributes/", rounds.attributes, name="round_attributes"),
    path("rounds/<int:round_id>/progress/", rounds.progress_board, name="round_progress"),
    path("rounds/<int:round_id>/history/", rounds.round_history, name="round_history"),
    path("rounds/<int:round_id>/results/", results.overview, name="results"),
    path("rounds/<int:round_id>/results/<int:unit_id>/", results.explanation, name="result_explanation"),
    path("rounds/<int:round_id>/results/<int:unit_id>/adjust/", results.adjust, name="result_adjust"),
    path("rounds/<int:round_id>/fairness/", results.fairness, name="fairness"),
    path("rounds/<int:round_id>/ranking.xlsx", exports.ranking_xlsx, name="ranking_xlsx"),
    path("rounds/<int:round_id>/notice.docx", exports.notice_docx, name="notice_docx"),
    path("rounds/<int:round_id>/units/<int:unit_id>/", submissions.detail, name="submission"),
    path("rounds/<int:round_id>/units/<int:unit_id>/submit/", submissions.submit, name="submission_submit"),
    path("rounds/<int:round_id>/units/<int:unit_id>/return/", submissions.return_to_county, name="submission_return"),
    path("rounds/<int:round_id>/units/<int:unit_id>/evidence/", submissions.upload_evidence, name="evidence_upload"),
    path("rounds/<int:round_id>/units/<int:unit_id>/presentation/", submissions.presentation, name="presentation"),
    path("rounds/<int:round_id>/units/<int:unit_id>/result/", results.county_result, name="county_result"),
    path("rounds/<int:round_id>/units/<int:unit_id>/sheet.docx", exports.score_sheet_docx, name="score_sheet_docx"),
    path("evidence/<int:evidence_id>/", submissions.evidence_file, name="evidence"),
    path("evidence/<int:evidence_id>/delete/", submissions.delete_evidence, name="evidence_delete"),
    path("rounds/<int:round_id>/score/", judging.panel, name="judge_panel"),
    path("rounds/<int:round_id>/score/conflicts/", judging.declare_conflict, name="declare_conflict"),
    path("rounds/<int:round_id>/score/<int:unit_id>/", judging.score_unit, name="score_unit"),
    path("rounds/<int:round_id>/score/<int:unit_id>/items/<int:item_id>/", judging.autosave, name="score_item"),
]
