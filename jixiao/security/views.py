"""Error pages in the product's layout, self-service password change, and unlocking a locked login."""

import logging

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from jixiao.security import events
from jixiao.units.models import Role, RoleKind
from jixiao.units.queries import visible_units

log = logging.getLogger("jixiao.security")


def _way_back(request) -> str:
    """The page the visitor came from, when it is ours; else nothing (the page offers 首页)."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return referer
    return ""


def _error_page(request, status: int, title: str, reason: str, hint: str = "", page_kind: str = "error"):
    # page_kind tells the browser's script what happened (a refused stale form is sent again after login).
    context = {"status": status, "title": title, "reason": reason, "hint": hint, "back": _way_back(request), "page_kind": page_kind}
    try:
        return render(request, "security/error.html", context, status=status)
    except Exception:  # the layout needs the database (user, messages); a 500 may be because it is down
        log.exception("error page could not be rendered in the layout")
        return HttpResponse(loader.get_template("security/error_plain.html").render(context), status=status)


def bad_request(request, exception=None, reasons: str = ""):
    reason = "提交的内容格式不正确或不完整，没有保存。"
    if reasons:
        reason = f"提交的内容没有保存：{reasons}。"
    return _error_page(request, 400, "请求无法处理", reason, "请返回上一页，检查后重新提交。")


def permission_denied(request, exception=None):
    events.access_denied(request, "403")
    return _error_page(request, 403, "没有权限", "您的账号没有执行此操作的权限，系统没有做任何修改。", "如需此权限，请联系本单位的单位管理员。")


def page_not_found(request, exception=None):
    return _error_page(
        request, 404, "页面不存在或无权查看",
        "找不到这个页面：地址可能有误，或者该单位不在您的账号权限范围内。"
        "为不泄露其他单位的信息，“无权查看”与“不存在”显示同一个页面。",
        "请从首页进入，或联系单位管理员开通权限。",
    )


def server_error(request):
    return _error_page(
        request, 500, "系统出错", "处理这个请求时系统内部出错，本次操作没有完成，已保存的数据不受影响。错误已记录，管理员会处理。",
        "请稍后重试；如果一再出现，请把出错的时间和页面地址告诉系统管理员。",
    )


def csrf_failure(request, reason=""):
    events.record("csrf_failure", request, reason=reason)
    return _error_page(
        request, 403, "页面已过期，请重新提交",
        "安全校验未通过：这个页面打开太久、已在别处退出登录，或浏览器禁用了 Cookie。本次提交没有保存。",
        "请刷新页面（或重新登录）后再提交一次。",
        page_kind="stale-form",
    )


@login_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        events.record("password_changed", request, user=user.get_username())
        messages.success(request, "密码已修改。")
        return redirect("home")
    return render(request, "security/password_change.html", {"form": form})


def unlockable_users(user):
    """Whom this user may unlock: everyone for the system admin; people with a role in a unit the unit admin covers."""
    User = get_user_model()
    if user.is_superuser:
        return User.objects.all()
    units = visible_units(user, {RoleKind.UNIT_ADMIN})
    user_ids = Role.objects.filter(unit__in=units).values_list("user_id", flat=True)
    return User.objects.filter(pk__in=user_ids)


def _locked_attempts(user):
    usernames = set(unlockable_users(user).values_list("username", flat=True))
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).order_by("-attempt_time")
    return [attempt for attempt in attempts if attempt.username in usernames]


@login_required
def lockouts(request):
    if not (request.user.is_superuser or visible_units(request.user, {RoleKind.UNIT_ADMIN}).exists()):
        events.access_denied(request, "lockouts: not a unit admin")
        raise Http404("无权访问")
    return render(request, "security/lockouts.html", {"attempts": _locked_attempts(request.user)})


@login_required
@require_POST
def unlock(request):
    username = request.POST.get("username", "")
    if not unlockable_users(request.user).filter(username=username).exists():
        events.access_denied(request, "unlock: user not covered")
        raise Http404("无权访问")
    axes_reset(username=username)
    events.record("login_unlocked", request, user=request.user.get_username(), unlocked=username)
    messages.success(request, f"已解除 {username} 的登录锁定。")
    return redirect("security:lockouts")
