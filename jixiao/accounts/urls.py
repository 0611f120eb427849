from django.urls import include, path

from jixiao.accounts import views

app_name = "accounts"
urlpatterns = [
    path("<int:unit_id>/<int:year>/", views.unit_year_page, name="unit_year"),
    path("<int:unit_id>/<int:year>/derived/", views.derived_cells, name="derived"),
    path("<int:unit_id>/<int:year>/funds/", views.funds_page, name="funds"),
    path("<int:unit_id>/<int:year>/history/", views.history_page, name="history"),
    path("<int:unit_id>/<int:year>/check/", views.check_now, name="check"),
    path("<int:unit_id>/<int:year>/submit/", views.submit, name="submit"),
    path("<int:unit_id>/<int:year>/reopen/", views.reopen, name="reopen"),
    path("<int:unit_id>/<int:year>/approve/", views.approve, name="approve"),
    path("<int:unit_id>/<int:year>/receive/", views.receive, name="receive"),
    path("<int:unit_id>/<int:year>/excel/", include("jixiao.accounts.excel_urls")),
]
