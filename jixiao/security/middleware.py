"""Headers every answer carries, and the two limits of a session (idle and absolute)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.db import DataError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode

from jixiao.security import events, views
from jixiao.security.events import SESSION_LOGIN_AT, SESSION_SEEN_AT

# Writing the session on every request would cost a database write per click; a
# minute's slack on a 30-minute idle limit does not matter.
SEEN_AT_RESOLUTION = 60


class SecurityHeadersMiddleware:
    """Permissions-Policy everywhere; no-store on anything answered to a logged-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Figures of a unit must not stay in a shared computer's browser cache.
            patch_cache_control(response, no_store=True, private=True)
        return response


class RefusedInputMiddleware:
    """Input that a view did not validate but the model or database refused: a Chinese 400, not a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ValidationError):
            reasons = "；".join(exception.messages)
        elif isinstance(exception, DataError):
            reasons = "内容过长，或数字超出可保存的范围"
        else:
            return None
        events.record("input_refused", request, reason=reasons[:200])
        return views.bad_request(request, exception, reasons=reasons)


class SessionLifetimeMiddleware:
    """Log out after SESSION_IDLE_MINUTES without a request or SESSION_MAX_HOURS after login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            ended = self._ended(request)
            if ended:
                events.record("session_expired", request, user=user.get_username(), reason=ended)
                logout(request)
                messages.info(request, ended)
                return self._to_login(request)
        return self.get_response(request)

    @staticmethod
    def _ended(request) -> str:
        now = time.time()
        session = request.session
        login_at = session.setdefault(SESSION_LOGIN_AT, now)
        seen_at = session.get(SESSION_SEEN_AT, login_at)
        if now - seen_at > settings.SESSION_IDLE_MINUTES * 60:
            return f"超过 {settings.SESSION_IDLE_MINUTES} 分钟未操作，已自动退出，请重新登录。"
        if now - login_at > settings.SESSION_MAX_HOURS * 3600:
            return f"登录已满 {settings.SESSION_MAX_HOURS} 小时，已自动退出，请重新登录。"
        if now - seen_at >= SEEN_AT_RESOLUTION or SESSION_SEEN_AT not in session:
            session[SESSION_SEEN_AT] = now
        return ""

    @staticmethod
    def _to_login(request):
        target = reverse(settings.LOGIN_URL)
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request"):
            # htmx would swap the login page into a fragment; send the whole window there.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return redirect(target)
