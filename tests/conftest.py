"""Shared test base: the demo loaded once per session, and named personas on the source documents' units.

The demo's units, accounts, goals and self-evaluations are loaded once into the
test database (django_db_setup below); each test runs in a transaction that is
rolled back, so every test starts from the same demo. A transactional test
(browser, concurrency) empties the tables when it ends; the demo is loaded again
after it (pytest_runtest_teardown).

Personas mirror the people who use the product: the Yueyang filler and its
reviewer, a Donghai county filler, a Lianyungang judge and assessment office,
a finance-bureau officer, and an outsider with no role anywhere.
"""

import os
import shutil

import pytest
from pytest_django.plugin import blocking_manager_key

from jixiao.accounts import demo as accounts_demo
from jixiao.evaluations import demo as evaluations_demo
from jixiao.evaluations.models import SelfEvaluation
from jixiao.goals import demo as goals_demo
from jixiao.sources.units import UNITS
from jixiao.units.demo import load_units
from jixiao.units.models import Role, RoleKind, Unit

# Playwright's sync API runs an event loop in the test thread; the ORM calls made
# by fixtures around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def load_demo() -> dict[str, Unit]:
    """The demo as `make run` shows it, without its logins (the personas below are the tests' own)."""
    units = load_units()
    for part in (accounts_demo, goals_demo, evaluations_demo):
        part.load(units)
    return units


def demo_units() -> dict[str, Unit] | None:
    by_name = {unit.name: unit for unit in Unit.objects.filter(name__in=[name for _, name, *_ in UNITS])}
    if len(by_name) < len(UNITS):
        return None
    return {key: by_name[name] for key, name, *_ in UNITS}


def demo_is_loaded() -> bool:
    from jixiao.evaluations.models import SelfEvaluation

    return SelfEvaluation.objects.exists() and demo_units() is not None


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    marker = item.get_closest_marker("django_db")
    flushed = {"transactional_db", "live_server"} & set(item.fixturenames) or (marker and marker.kwargs.get("transaction"))
    if nextitem is None or not flushed:
        return
    with item.config.stash[blocking_manager_key].unblock():
        if not demo_is_loaded():
            load_demo()


@pytest.fixture
def units(db):
    """The source documents' units, keyed as in jixiao.sources.units (yueyang, donghai, ...), with the demo's data."""
    return demo_units() or load_demo()


@pytest.fixture
def source_accounts(units):
    """Every source document's accounts (and the demo goals and self-evaluations), as the demo loads them."""
    return units


@pytest.fixture
def source_evaluations(source_accounts):
    """The demo goals and self-evaluations on top of the source accounts (loaded with the session's demo)."""
    return source_accounts


@pytest.fixture
def yueyang_evaluation(source_evaluations):
    return SelfEvaluation.objects.get(goal__unit_year__unit=source_evaluations["yueyang"], goal__unit_year__fiscal_year=2017)


@pytest.fixture
def lishui_talent_evaluation(source_evaluations):
    return SelfEvaluation.objects.get(goal__unit_year__unit=source_evaluations["lishui"], goal__name="人才发展专项")


def _person(django_user_model, username, unit=None, kind=None, **extra):
    user = django_user_model.objects.create_user(username=username, password="pw-" + username, **extra)
    if unit is not None:
        Role.objects.create(user=user, unit=unit, kind=kind)
    return user


@pytest.fixture
def yueyang_filler(units, django_user_model):
    return _person(django_user_model, "yueyang_filler", units["yueyang"], RoleKind.FILLER)


@pytest.fixture
def yueyang_reviewer(units, django_user_model):
    return _person(django_user_model, "yueyang_reviewer", units["yueyang"], RoleKind.REVIEWER)


@pytest.fixture
def yueyang_admin(units, django_user_model):
    """The Yueyang unit admin: may both enter and review, which separation of duties limits."""
    return _person(django_user_model, "yueyang_admin", units["yueyang"], RoleKind.UNIT_ADMIN)


@pytest.fixture
def lishui_filler(units, django_user_model):
    return _person(django_user_model, "lishui_filler", units["lishui"], RoleKind.FILLER)


@pytest.fixture
def donghai_filler(units, django_user_model):
    return _person(django_user_model, "donghai_filler", units["donghai"], RoleKind.FILLER)


@pytest.fixture
def guanyun_filler(units, django_user_model):
    return _person(django_user_model, "guanyun_filler", units["guanyun"], RoleKind.FILLER)


@pytest.fixture
def lianyungang_office(units, django_user_model):
    return _person(django_user_model, "lianyungang_office", units["lianyungang"], RoleKind.ASSESSMENT_OFFICE)


@pytest.fixture
def lianyungang_judge(units, django_user_model):
    return _person(django_user_model, "lianyungang_judge", units["lianyungang"], RoleKind.JUDGE)


@pytest.fixture
def finance_officer(units, django_user_model):
    """The Yueyang finance bureau: reads Yueyang and its sub-units, changes nothing."""
    return _person(django_user_model, "yueyang_finance", units["yueyang"], RoleKind.FINANCE_BUREAU)


@pytest.fixture
def outsider(db, django_user_model):
    return _person(django_user_model, "outsider")


@pytest.fixture
def session_of(db):
    """A browser session of its own per person (two people at once): session_of(yueyang_filler)."""
    from django.test import Client

    def open_session(user):
        client = Client()
        client.force_login(user)
        return client

    return open_session


@pytest.fixture
def client_for(client):
    """Log the test client in as a persona: client_for(yueyang_filler)."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture(scope="session")
def chromium_path():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"REQUIRE_BROWSER 已设置，但未找到 {CHROMIUM}")
        pytest.skip(f"浏览器测试跳过：未找到 {CHROMIUM}（Debian 的 chromium 软件包；.ci/run 会自动安装）")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login_page(page):
    """Log a persona in through the real login form."""

    def login(user):
        page.goto("/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", "pw-" + user.username)
        page.click("button[type=submit]")
        page.wait_for_url("**/")
        return page

    return login


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            if os.environ.get("REQUIRE_POSTGRES"):
                raise pytest.UsageError("REQUIRE_POSTGRES 已设置，但数据库不是 PostgreSQL")
            item.add_marker(pytest.mark.skip(reason="需要 PostgreSQL：设置 DATABASE_URL=postgres://... 后运行（.ci/run 会这样做）"))


def watched_demo_session(browser, live_server, username, init_script, password):
    """A demo login in a fresh 1440 px browser context that runs `init_script` on every page and collects what went
    wrong (console errors, script errors, dialogs, dismissed): (context, page, problems)."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1440, "height": 900}, base_url=live_server.url)
    context.add_init_script(init_script)
    page = context.new_page()
    problems = []
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return context, page, problems


def screenshot(page, name):
    """Keep a screenshot under test-artifacts/ to look at after the run."""
    os.makedirs("test-artifacts", exist_ok=True)
    page.screenshot(path=f"test-artifacts/{name}.png", full_page=True)
