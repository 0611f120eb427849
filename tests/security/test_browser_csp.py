"""In Debian's chromium, under the real Content-Security-Policy: every demo role logs in through
the login form and opens the pages it is shown, with goals, indicators and funds named like an XSS
payload; no page may log a CSP violation or a script error, nor build an element from a name. A goal
named like an XSS payload shows as text in the overview's chart tooltip."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Error as PlaywrightError

from jixiao.goals.models import Goal
from jixiao.units.demo import DEMO_PASSWORD, DEMO_USERS
from tests.conftest import screenshot, watched_demo_session
from tests.test_access_sweep import LinkCollector, internal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XSS_NAME = "<img src=x onerror=alert(1)>"
START = ["/", "/accounts/", "/checks/", "/goals/", "/evaluations/", "/documents/", "/assessment/", "/healthcheck/"]
WATCH_CSP = """document.addEventListener("securitypolicyviolation", function (e) {
  (window.__csp = window.__csp || []).push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber);
});"""


def shape(path):
    """Pages that differ only in their ids look the same to the CSP: open each shape once per role."""
    return re.sub(r"\d+", "#", path.split("?")[0])


def pages_of(client, visited_shapes):
    """HTML pages this user is shown, one per shape not yet opened by an earlier role (breadth first)."""
    queue, seen, pages = list(START), set(), []
    while queue:
        path = queue.pop(0)
        if shape(path) in seen:
            continue
        seen.add(shape(path))
        response = client.get(path)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        if shape(path) not in visited_shapes:
            visited_shapes.add(shape(path))
            pages.append(path)
        collector = LinkCollector()
        collector.feed(response.content.decode("utf-8", "replace"))
        queue.extend(target for link in collector.gets if (target := internal(path, link)) and shape(target) not in seen)
    return pages


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))


def name_everything_like_a_script():
    """Goals, indicators and special funds named like the XSS payload, so that every page that shows them is tried."""
    from django.db.models import Value
    from django.db.models.functions import Concat, Left

    from jixiao.accounts.models import SpecialFund
    from jixiao.goals.models import Indicator

    for model in (Goal, Indicator, SpecialFund):
        model.objects.update(name=Left(Concat(Value(XSS_NAME), "name"), model._meta.get_field("name").max_length))


def test_every_role_opens_its_pages_without_a_csp_violation_or_script_error(browser, live_server, demo, django_user_model):
    """Also the XSS test of every page: with names like the payload everywhere, a page that built HTML from one would
    show an <img src=x> (counted), run its handler (a CSP violation, or an alert dialog) — each a failure."""
    name_everything_like_a_script()
    client = Client()
    visited, shapes = 0, set()
    failures = []
    for username in ["admin"] + [username for username, *_ in DEMO_USERS]:
        client.force_login(django_user_model.objects.get(username=username))
        paths = ["/", *pages_of(client, shapes)]
        client.logout()
        context, page, problems = watched_demo_session(browser, live_server, username, WATCH_CSP, DEMO_PASSWORD)
        for path in paths:
            try:
                response = page.goto(path)
            except PlaywrightError as error:
                # The PDF link answers with the file once the queue has made it (at once in tests): not a page.
                if "Download is starting" in str(error):
                    continue
                raise
            page.wait_for_load_state("load")
            if response is not None and response.headers.get("content-type", "").startswith("text/html"):
                assert "script-src 'self'" in response.headers.get("content-security-policy", ""), path
            if page.locator("canvas").count():  # charts: keep a picture to look at
                screenshot(page, f"csp-chart-{username}-" + re.sub(r"\W+", "-", shape(path)).strip("-"))
            if page.locator('img[src="x"]').count():
                problems.append("an <img src=x> was built from a name")
            violations = page.evaluate("window.__csp || []")
            problems.extend(f"CSP: {v}" for v in violations)
            if problems:
                failures.append((username, path, list(problems)))
                problems.clear()
            visited += 1
        screenshot(page, f"csp-{username}-last")
        context.close()
    assert failures == []
    # Every role's home, and every kind of page the demo shows.
    assert len(shapes) >= 30 and visited >= len(shapes)


def test_a_goal_named_like_a_script_shows_as_text_in_the_chart_tooltip(browser, live_server, demo):
    goal = Goal.objects.filter(unit_year__unit__name__contains="岳阳").first()
    Goal.objects.filter(pk=goal.pk).update(name=XSS_NAME)
    context, page, problems = watched_demo_session(browser, live_server, "yueyang_finance", WATCH_CSP, DEMO_PASSWORD)
    page.goto("/evaluations/")
    assert page.locator("#overview").inner_text().count(XSS_NAME) == 1
    index = page.evaluate(
        """name => {
          const chart = echarts.getInstanceByDom(document.getElementById("chart-scatter"));
          const data = chart.getOption().series[0].data;
          const i = data.findIndex(point => String(point[2]).includes(name));
          chart.dispatchAction({type: "showTip", seriesIndex: 0, dataIndex: i});
          return i;
        }""",
        XSS_NAME,
    )
    assert index >= 0
    tooltip = page.locator("#chart-scatter div").filter(has_text="执行率").last
    tooltip.wait_for()
    assert XSS_NAME in tooltip.inner_text()
    assert page.locator("#chart-scatter img").count() == 0
    screenshot(page, "xss-goal-name-tooltip")
    assert problems == []
    context.close()
