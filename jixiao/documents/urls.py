"""Official documents of a self-evaluation, mounted under /documents/."""

from django.urls import path

from jixiao.documents import views

app_name = "documents"
urlpatterns = [
    path("<int:evaluation_id>/", views.index, name="index"),
    path("<int:evaluation_id>/report.docx", views.download, {"name": "report.docx"}, name="report_docx"),
    path("<int:evaluation_id>/report.pdf", views.report_pdf, name="report_pdf"),
    path("<int:evaluation_id>/report.pdf/status", views.report_pdf_status, name="report_pdf_status"),
    path("<int:evaluation_id>/basic-table.xlsx", views.download, {"name": "basic-table.xlsx"}, name="basic_table_xlsx"),
    path("<int:evaluation_id>/basic-table.docx", views.download, {"name": "basic-table.docx"}, name="basic_table_docx"),
    path("<int:evaluation_id>/project-table.xlsx", views.download, {"name": "project-table.xlsx"}, name="project_table_xlsx"),
    path("<int:evaluation_id>/project-table.docx", views.download, {"name": "project-table.docx"}, name="project_table_docx"),
]
