from django.urls import path

from jixiao.goals import views

app_name = "goals"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:unit_id>/<int:year>/", views.unit_year_goals, name="unit_year"),
    path("<int:unit_id>/<int:year>/<int:goal_id>/", views.goal_page, name="goal"),
    path("<int:unit_id>/<int:year>/<int:goal_id>/step/<slug:action>/", views.evaluation_step, name="step"),
]
