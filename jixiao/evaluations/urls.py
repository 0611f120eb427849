from django.urls import path

from jixiao.evaluations import views

app_name = "evaluations"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("rectifications/", views.rectifications, name="rectifications"),
    path("rectifications/<int:item_id>/plan/", views.plan_rectification, name="plan_rectification"),
    path("rectifications/<int:item_id>/close/", views.close_rectification, name="close_rectification"),
]
