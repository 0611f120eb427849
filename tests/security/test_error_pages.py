"""Errors answer in Chinese, in the product's layout, saying why and offering the way back.
"No access" answers 404, the same page as "does not exist" (see README)."""

from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory

from jixiao.security import views


def test_a_unit_without_a_role_answers_the_same_chinese_404_as_a_missing_one(client_for, outsider, units):
    client = client_for(outsider)
    no_access = client.get(f"/units/{units['yueyang'].pk}/")
    missing = client.get("/units/999999/")
    assert no_access.status_code == missing.status_code == 404
    page = no_access.content.decode()
    assert "页面不存在或无权查看" in page and "回到首页" in page and "绩效管理平台" in page
    assert "Not Found" not in page

    def main(response):
        return response.content.decode().split("<main>")[1]

    assert main(no_access) == main(missing)


def test_the_404_offers_the_page_the_visitor_came_from(client_for, outsider):
    response = client_for(outsider).get("/no-such-page/", HTTP_REFERER="http://testserver/checks/")
    assert 'href="http://testserver/checks/"' in response.content.decode() and "返回上一页" in response.content.decode()
    response = client_for(outsider).get("/no-such-page/", HTTP_REFERER="http://evil.example/")
    assert "evil.example" not in response.content.decode()


def test_a_csrf_failure_explains_in_chinese_and_saves_nothing(yueyang_filler, django_user_model):
    client = Client(enforce_csrf_checks=True)
    client.force_login(yueyang_filler)
    response = client.post("/security/password/", {"old_password": "pw-yueyang_filler", "new_password1": "Dongting-Lake-1999", "new_password2": "Dongting-Lake-1999"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "页面已过期，请重新提交" in page and "没有保存" in page and "CSRF verification failed" not in page
    yueyang_filler.refresh_from_db()
    assert yueyang_filler.check_password("pw-yueyang_filler")


def test_the_500_and_400_and_403_pages_are_chinese(db):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    for view, status, words in [(views.server_error, 500, "系统出错"), (views.bad_request, 400, "请求无法处理"), (views.permission_denied, 403, "没有权限")]:
        response = view(request) if view is views.server_error else view(request, None)
        assert response.status_code == status and words in response.content.decode()


def test_the_browsers_own_favicon_request_finds_the_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
