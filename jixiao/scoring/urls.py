from django.urls import path

from jixiao.scoring import views

app_name = "scoring"
urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views.import_file, name="import"),
    path("<slug:code>/", views.detail, name="detail"),
    path("<slug:code>/copy/", views.copy, name="copy"),
    path("<slug:code>/edit/", views.edit, name="edit"),
    path("<slug:code>/preview/", views.preview, name="preview"),
    path("<slug:code>/publish/", views.publish, name="publish"),
    path("<slug:code>/export/", views.export, name="export"),
]
