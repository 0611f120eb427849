"""Forms that keep work, in a real browser: a save after the session ended keeps the typed values,
asks to log in again and then saves (a stale revision is still refused); Enter and the arrow keys
move between grid cells; leaving with unsaved typing asks first; the print view has no navigation."""

import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db.models import F

from jixiao.accounts.grid import field_name
from jixiao.accounts.models import UnitYear
from jixiao.security.events import SESSION_SEEN_AT
from tests.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def yueyang_grid(login_page, yueyang_filler, source_accounts):
    """The Yueyang filler on the 2017 accounts grid, with the museum's row at hand."""
    yueyang = source_accounts["yueyang"]
    museum = UnitYear.objects.get(unit=source_accounts["yueyang_museum"], fiscal_year=2017)
    page = login_page(yueyang_filler)
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"/accounts/{yueyang.pk}/2017/")
    page.wait_for_selector("table.grid")
    return page, yueyang, museum, problems


def log_in_again(page, user):
    page.locator(".keep-note").filter(has_text="重新登录后将自动恢复并保存").wait_for()
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pw-" + user.username)
    page.click("button[type=submit]")


def end_session_by_idling(page):
    """The idle limit passed: the session's last-seen time lies beyond SESSION_IDLE_MINUTES."""
    key = next(cookie["value"] for cookie in page.context.cookies() if cookie["name"] == "sessionid")
    session = SessionStore(session_key=key)
    session[SESSION_SEEN_AT] = time.time() - 31 * 60
    session.save()


def test_idle_session_on_save_keeps_the_typed_figure_and_saves_it_after_login(yueyang_grid, yueyang_filler):
    page, yueyang, museum, problems = yueyang_grid
    name = field_name(museum.pk, "income_fiscal")
    page.fill(f'input[name="{name}"]', "301.25")
    page.locator(f'#c-{field_name(museum.pk, "income_total")}').filter(has_text="= 413.95").wait_for()  # the preview answered
    end_session_by_idling(page)
    page.click("button:has-text('保存')")

    page.wait_for_url("**/login/**")
    assert page.locator("input[name=next]").input_value() == f"/accounts/{yueyang.pk}/2017/"
    screenshot(page, "keep-work-login")
    log_in_again(page, yueyang_filler)

    page.wait_for_url(f"**/accounts/{yueyang.pk}/2017/")
    page.locator(".messages").filter(has_text="已保存，修改了 1 个单元格。").wait_for()
    screenshot(page, "keep-work-saved")
    page.reload()
    assert page.locator(f'input[name="{name}"]').input_value() == "301.25"
    assert problems == []


def test_deleted_session_keeps_the_figure_but_a_stale_revision_is_still_refused(yueyang_grid, yueyang_filler):
    page, yueyang, museum, problems = yueyang_grid
    name = field_name(museum.pk, "income_fiscal")
    before = page.locator(f'input[name="{name}"]').input_value()
    page.fill(f'input[name="{name}"]', "299.99")
    page.locator(f'#c-{field_name(museum.pk, "income_total")}').filter(has_text="= 412.69").wait_for()
    Session.objects.all().delete()
    # Meanwhile someone else saved these accounts.
    UnitYear.objects.filter(pk=UnitYear.objects.get(unit=yueyang, fiscal_year=2017).pk).update(revision=F("revision") + 1)
    page.click("button:has-text('保存')")

    page.wait_for_url("**/login/**")
    log_in_again(page, yueyang_filler)
    page.wait_for_url(f"**/accounts/{yueyang.pk}/2017/")
    page.locator(".messages").filter(has_text="其他人已修改了这些数据").wait_for()
    # The typed figure is still on the page to compare, and nothing was stored.
    assert page.locator(f'input[name="{name}"]').input_value() == "299.99"
    page.goto(f"/accounts/{yueyang.pk}/2017/")
    assert page.locator(f'input[name="{name}"]').input_value() == before
    assert problems == []


def test_enter_and_arrow_keys_move_between_grid_cells(yueyang_grid):
    page, yueyang, museum, problems = yueyang_grid
    summary = UnitYear.objects.get(unit=yueyang, fiscal_year=2017)
    first = page.locator(f'input[name="{field_name(summary.pk, "income_fiscal")}"]')
    first.focus()
    page.keyboard.press("Enter")
    below = page.evaluate("document.activeElement.name")
    # Enter goes down the column (to the first sub-unit), not to the form's save.
    assert below.endswith("-income_fiscal") and below != field_name(summary.pk, "income_fiscal")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.name").endswith("-income_fiscal")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.name") == below
    page.keyboard.press("ArrowRight")  # the whole value is selected: the caret may leave
    assert page.evaluate("document.activeElement.name") == below.replace("income_fiscal", "income_gov_fund")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.name") == below
    assert page.locator(".messages").count() == 0  # nothing was sent
    assert problems == []


def test_leaving_with_unsaved_typing_asks_first(yueyang_grid):
    page, yueyang, museum, problems = yueyang_grid
    page.fill(f'input[name="{field_name(museum.pk, "income_fiscal")}"]', "1.00")
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    page.click("nav.crumbs a:has-text('首页')", no_wait_after=True)
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert page.url.endswith(f"/accounts/{yueyang.pk}/2017/")


def test_print_view_drops_navigation_and_fits_a4(yueyang_grid):
    page, yueyang, museum, problems = yueyang_grid
    page.set_viewport_size({"width": 1050, "height": 740})  # A4 landscape less margins, at 96 dpi
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert not page.locator("nav.crumbs").is_visible()
    assert not page.locator("button:has-text('保存')").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1050
    screenshot(page, "print-accounts")
