"""Security events as one structured line each: event=... user=... ip=...

Operators grep these (or ship them to a log store); the keys are stable.
"""

import logging
import time

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

log = logging.getLogger("jixiao.security")

# When the session began and when it was last used (epoch seconds), for its two limits.
SESSION_LOGIN_AT = "security_login_at"
SESSION_SEEN_AT = "security_seen_at"


def client_ip(request) -> str:
    if request is None:
        return "-"
    return request.META.get("REMOTE_ADDR", "-")


def _quoted(value) -> str:
    text = str(value if value not in (None, "") else "-")
    # A username is user input: keep the line one line and its keys unambiguous.
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{text}"' if any(ch in text for ch in ' ="\\') else text


def record(event: str, request=None, **fields) -> None:
    parts = {"event": event, "ip": client_ip(request)}
    if request is not None:
        parts["path"] = request.path
    parts.update(fields)
    log.info(" ".join(f"{key}={_quoted(value)}" for key, value in parts.items()))


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SESSION_LOGIN_AT] = now
        request.session[SESSION_SEEN_AT] = now
    record("login_success", request, user=user.get_username())


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    record("login_failure", request, user=credentials.get("username"))


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    record("logout", request, user=user.get_username() if user else "-")


@receiver(user_locked_out)
def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    record("login_locked_out", request, user=username)


def access_denied(request, reason: str) -> None:
    user = getattr(request, "user", None)
    name = user.get_username() if user is not None and user.is_authenticated else "anonymous"
    record("access_denied", request, user=name, reason=reason)
