from django.urls import path

from jixiao.healthcheck import views

app_name = "healthcheck"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:batch_id>/", views.batch_page, name="batch"),
    path("<int:batch_id>/progress/", views.progress, name="progress"),
    path("<int:batch_id>/<int:report_id>/", views.report_page, name="report"),
    path("<int:batch_id>/<int:report_id>/accounts/", views.take_into_accounts, name="take"),
]
