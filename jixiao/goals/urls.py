from django.urls import path

from jixiao.goals import monitoring_views, ruleset_views, views

app_name = "goals"
urlpatterns = [
    path("", views.index, name="index"),
    path("library/", views.library, name="library"),
    path("monitoring/", monitoring_views.light_board, name="light_board"),
    path("rules/", ruleset_views.index, name="rules"),
    path("rules/<slug:kind>/<int:pk>/", ruleset_views.detail, name="rules_detail"),
    path("rules/<slug:kind>/<int:pk>/copy/", ruleset_views.copy, name="rules_copy"),
    path("rules/<slug:kind>/<int:pk>/export/", ruleset_views.export, name="rules_export"),
    path("rules/<slug:kind>/import/", ruleset_views.import_file, name="rules_import"),
    path("<int:unit_id>/<int:year>/", views.unit_year_goals, name="unit_year"),
    path("<int:unit_id>/<int:year>/new/", views.new_goal, name="new_goal"),
    path("<int:unit_id>/<int:year>/<int:goal_id>/", views.goal_page, name="goal"),
    path("<int:unit_id>/<int:year>/<int:goal_id>/step/<slug:action>/", views.evaluation_step, name="step"),
    path("<int:unit_id>/<int:year>/<int:goal_id>/indicators/new/", views.new_indicator, name="new_indicator"),
    path("<int:unit_id>/<int:year>/<int:goal_id>/indicators/<int:indicator_id>/evidence/", views.add_evidence, name="add_evidence"),
    path("<int:unit_id>/<int:year>/<int:goal_id>/evidence/<int:evidence_id>/", views.evidence_file, name="evidence"),
    path("<int:unit_id>/<int:year>/<int:goal_id>/evidence/<int:evidence_id>/delete/", views.delete_evidence, name="delete_evidence"),
    path("<int:unit_id>/<int:year>/<int:goal_id>/qualitative/", views.qualitative_goal, name="qualitative_goal"),
    path("<int:unit_id>/<int:year>/<int:goal_id>/team/", views.team_member, name="team"),
    path("<int:unit_id>/<int:year>/<int:goal_id>/history/", views.goal_history, name="history"),
    path("<int:unit_id>/<int:year>/<int:goal_id>/monitoring/", monitoring_views.goal_monitoring, name="monitoring"),
]
