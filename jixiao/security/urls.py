from django.urls import path

from jixiao.security import views

app_name = "security"
urlpatterns = [
    path("password/", views.password_change, name="password_change"),
    path("lockouts/", views.lockouts, name="lockouts"),
    path("lockouts/unlock/", views.unlock, name="unlock"),
]
