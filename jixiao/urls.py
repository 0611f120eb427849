from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from jixiao.units import views as unit_views


def favicon(request):
    """Browsers and office suites ask for /favicon.ico whatever the page names; the icon is the static SVG.
    Resolved per request, since the hashed static name exists only once collectstatic has run."""
    return redirect(static("favicon.svg"), permanent=True)


urlpatterns = [
    path("", unit_views.home, name="home"),
    path("favicon.ico", favicon),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("units/", include("jixiao.units.urls")),
    path("accounts/", include("jixiao.accounts.urls")),
    path("checks/", include("jixiao.checks.urls")),
    path("goals/", include("jixiao.goals.urls")),
    path("scoring/", include("jixiao.scoring.urls")),
    path("evaluations/", include("jixiao.evaluations.urls")),
    path("documents/", include("jixiao.documents.urls")),
    path("assessment/", include("jixiao.assessment.urls")),
    path("healthcheck/", include("jixiao.healthcheck.urls")),
    path("security/", include("jixiao.security.urls")),
]

handler400 = "jixiao.security.views.bad_request"
handler403 = "jixiao.security.views.permission_denied"
handler404 = "jixiao.security.views.page_not_found"
handler500 = "jixiao.security.views.server_error"
