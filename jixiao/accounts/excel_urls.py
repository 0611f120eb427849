"""Excel template, import and export of a unit-year (mounted under /accounts/<unit_id>/<year>/excel/)."""

from django.urls import path

from jixiao.accounts import excel_views

urlpatterns = [
    path("template/", excel_views.template, name="excel_template"),
    path("export/", excel_views.export, name="excel_export"),
    path("import/", excel_views.import_page, name="excel_import"),
]
