from django.urls import path

from jixiao.checks import views

app_name = "checks"
urlpatterns = [
    path("", views.finding_list, name="list"),
    path("<int:finding_id>/explain/", views.explain, name="explain"),
]
