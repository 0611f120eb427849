from django.urls import path

from jixiao.units import views

app_name = "units"
urlpatterns = [
    path("<int:unit_id>/", views.unit_detail, name="detail"),
    path("<int:unit_id>/years/", views.new_year, name="new_year"),
]
