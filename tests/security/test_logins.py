"""Logins à la OWASP ASVS level 2: lockout after five failures with a Chinese message, unlock by the
unit admin, password rules, self-service password change, idle and absolute session limits, and a
structured log line for each login and each refusal."""

import logging
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils import timezone

from jixiao.units.demo import DEMO_PASSWORD
from jixiao.units.models import Role, RoleKind

PASSWORD = "pw-yueyang_filler"


def post_login(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


def test_six_wrong_passwords_lock_the_login_even_for_the_right_password(client, yueyang_filler):
    for _ in range(4):
        response = post_login(client, "yueyang_filler", "wrong-password")
        assert response.status_code == 200 and "请输入一个正确的" in response.content.decode()
    response = post_login(client, "yueyang_filler", "wrong-password")  # the fifth locks
    response = post_login(client, "yueyang_filler", "wrong-password")  # the sixth sees the lock
    page = response.content.decode()
    assert response.status_code == 429
    assert "账号已暂时锁定" in page and "连续 5 次密码错误" in page
    response = post_login(client, "yueyang_filler", PASSWORD)
    assert "账号已暂时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_unit_admin_unlocks_a_locked_colleague_and_an_outsider_cannot(client, client_for, units, yueyang_filler, outsider, django_user_model):
    for _ in range(5):
        post_login(client, "yueyang_filler", "wrong-password")
    assert AccessAttempt.objects.filter(username="yueyang_filler", failures_since_start__gte=5).exists()

    stranger = client_for(outsider)
    assert stranger.get("/security/lockouts/").status_code == 404
    assert stranger.post("/security/lockouts/unlock/", {"username": "yueyang_filler"}).status_code == 404
    assert AccessAttempt.objects.filter(username="yueyang_filler").exists()

    admin = django_user_model.objects.create_user("yueyang_unit_admin", password="x")
    Role.objects.create(user=admin, unit=units["yueyang"], kind=RoleKind.UNIT_ADMIN)
    office = client_for(admin)
    assert "yueyang_filler" in office.get("/security/lockouts/").content.decode()
    response = office.post("/security/lockouts/unlock/", {"username": "yueyang_filler"}, follow=True)
    assert "已解除 yueyang_filler 的登录锁定" in response.content.decode()
    office.logout()
    response = post_login(client, "yueyang_filler", PASSWORD)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(yueyang_filler.pk)


@pytest.mark.parametrize(
    ("new_password", "message"),
    [("1", "密码太短：至少需要 12 个字符"), ("password1234", "太常见"), ("yueyang_filler1", "太相似"), ("294857362519", "只包含数字")],
)
def test_weak_passwords_are_refused_with_a_chinese_reason(client_for, yueyang_filler, new_password, message):
    client = client_for(yueyang_filler)
    response = client.post("/security/password/", {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 200 and message in response.content.decode()
    yueyang_filler.refresh_from_db()
    assert yueyang_filler.check_password(PASSWORD)


def test_a_user_changes_their_own_password_and_stays_logged_in(client_for, yueyang_filler, client):
    page = client_for(yueyang_filler).get("/security/password/").content.decode()
    assert "修改密码" in page and "旧密码" in page
    response = client.post("/security/password/", {"old_password": PASSWORD, "new_password1": "Dongting-Lake-1999", "new_password2": "Dongting-Lake-1999"}, follow=True)
    assert "密码已修改" in response.content.decode()
    assert client.get("/").status_code == 200  # still logged in
    client.logout()
    assert post_login(client, "yueyang_filler", "Dongting-Lake-1999").status_code == 302


def test_a_wrong_old_password_changes_nothing(client_for, yueyang_filler):
    response = client_for(yueyang_filler).post("/security/password/", {"old_password": "nope", "new_password1": "Dongting-Lake-1999", "new_password2": "Dongting-Lake-1999"})
    assert "旧密码不正确" in response.content.decode()
    yueyang_filler.refresh_from_db()
    assert yueyang_filler.check_password(PASSWORD)


def test_an_idle_session_ends_after_thirty_minutes(client, yueyang_filler, settings):
    assert settings.SESSION_IDLE_MINUTES == 30
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        assert post_login(client, "yueyang_filler", PASSWORD).status_code == 302
        clock.shift(timedelta(minutes=29))
        assert client.get("/").status_code == 200  # activity within the limit keeps it alive
        clock.shift(timedelta(minutes=29))
        assert client.get("/").status_code == 200
        clock.shift(timedelta(minutes=31))
        response = client.get("/checks/")
        assert response.status_code == 302 and response["Location"] == "/login/?next=%2Fchecks%2F"
        page = client.get(response["Location"]).content.decode()
        assert "超过 30 分钟未操作，已自动退出" in page
        assert client.get("/").status_code == 302


def test_the_idle_limit_comes_from_the_environment_setting(client, yueyang_filler, settings):
    settings.SESSION_IDLE_MINUTES = 5
    with time_machine.travel(timezone.now(), tick=False) as clock:
        post_login(client, "yueyang_filler", PASSWORD)
        clock.shift(timedelta(minutes=6))
        assert client.get("/").status_code == 302


def test_a_busy_session_still_ends_at_its_absolute_lifetime(client, yueyang_filler, settings):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        post_login(client, "yueyang_filler", PASSWORD)
        for _ in range(settings.SESSION_MAX_HOURS * 3 - 1):
            clock.shift(timedelta(minutes=20))
            assert client.get("/").status_code == 200
        clock.shift(timedelta(minutes=21))
        response = client.get("/")
        assert response.status_code == 302
        assert f"登录已满 {settings.SESSION_MAX_HOURS} 小时" in client.get(response["Location"]).content.decode()


def test_an_htmx_request_after_the_timeout_sends_the_window_to_the_login_page(client, yueyang_filler):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        post_login(client, "yueyang_filler", PASSWORD)
        clock.shift(timedelta(minutes=31))
        response = client.get("/checks/", headers={"HX-Request": "true"})
        assert response.status_code == 204 and response["HX-Redirect"].startswith("/login/")


def test_logins_failures_and_refusals_are_logged_as_structured_lines(client, client_for, yueyang_filler, outsider, units, caplog):
    caplog.set_level(logging.INFO, logger="jixiao.security")
    post_login(client, "yueyang_filler", "wrong-password")
    post_login(client, "yueyang_filler", PASSWORD)
    client_for(outsider).get(f"/units/{units['yueyang'].pk}/")
    lines = [record.getMessage() for record in caplog.records if record.name == "jixiao.security"]
    assert "event=login_failure ip=127.0.0.1 path=/login/ user=yueyang_filler" in lines
    assert "event=login_success ip=127.0.0.1 path=/login/ user=yueyang_filler" in lines
    assert any(line.startswith("event=access_denied user=outsider perm=units.view_unit object=Unit:") for line in lines)


def test_demo_password_meets_the_password_rules(db):
    user = get_user_model()(username="yueyang_filler", first_name="岳阳填报人")
    validate_password(DEMO_PASSWORD, user)  # raises when too short, common or like the username
