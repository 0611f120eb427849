"""Every role's main pages in Debian's chromium at 1440 (desktop), 820 (judges' tablets) and 390 px (phones).

Each page is photographed (test-artifacts/screens/) and checked for what a user would see at once:
the page is no wider than the screen, no nav label or the brand breaks onto a second line, no English
word or raw code shows (file types and proper names excepted), no text is printed twice in a card,
no two elements share an id, every page has its breadcrumbs, and the console shows no CSP violation
or script error. One browser for the whole run; one logged-in context per role, resized per width.
"""

import re
from pathlib import Path

import pytest

from jixiao.assessment import demo as assessment_demo
from jixiao.assessment.models import Round
from jixiao.evaluations.models import SelfEvaluation
from jixiao.goals.models import Goal
from jixiao.units.demo import DEMO_PASSWORD, load_users
from jixiao.units.models import Unit
from tests.conftest import watched_demo_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1440, 820, 390]
SCREENS = Path("test-artifacts/screens")
# Proper names and file types a Chinese user reads as they are.
ALLOWED_WORDS = {"PDF", "Excel", "Word", "WPS", "docx", "xlsx", "pdf", "txt", "doc", "xls", "MB", "KB"}
WATCH = """document.addEventListener("securitypolicyviolation", function (e) {
  (window.__problems = window.__problems || []).push("CSP " + e.violatedDirective + " " + (e.blockedURI || "inline"));
});"""

# One evaluate per page: everything the checks need, measured in the page as the user sees it.
MEASURE = """() => {
  const visible = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
  // One line: one box whose content (without padding and border) is less than two lines high.
  const oneLine = e => {
    const rects = [...e.getClientRects()].filter(r => r.width > 0);
    const style = getComputedStyle(e);
    const inner = rects.length ? rects[0].height - ["paddingTop", "paddingBottom", "borderTopWidth", "borderBottomWidth"]
      .reduce((sum, side) => sum + parseFloat(style[side] || 0), 0) : 0;
    return rects.length === 1 && inner < parseFloat(style.fontSize) * 1.9;
  };
  const attributes = [...document.querySelectorAll("[aria-label],[title],[placeholder],[alt]")].filter(visible)
    .map(e => ["aria-label", "title", "placeholder", "alt"].map(a => e.getAttribute(a) || "").join(" "));
  const ids = {};
  document.querySelectorAll("[id]").forEach(e => { ids[e.id] = (ids[e.id] || 0) + 1; });
  const repeated = [];
  document.querySelectorAll(".card").forEach(card => {
    const seen = new Set();
    card.querySelectorAll("p, li, h2, h3, dd, .total").forEach(e => {
      if (e.closest("table") || !visible(e)) return;
      const text = e.innerText.trim();
      if (text.length < 6) return;
      if (seen.has(text)) repeated.push(text.slice(0, 60));
      seen.add(text);
    });
    // "4.004.004.00": one figure printed again and again in a row
    const glued = card.innerText.match(/(\\d+\\.\\d{2})\\1\\1/);
    if (glued) repeated.push("glued " + glued[0]);
  });
  const navLinks = [...document.querySelectorAll("header.top nav a")];
  return {
    width: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    viewport: window.innerWidth,
    brandOneLine: oneLine(document.querySelector("header.top a.brand")),
    navShown: navLinks.filter(visible).length,
    navBroken: navLinks.filter(visible).filter(e => !oneLine(e)).map(e => e.innerText),
    navLabels: navLinks.map(e => e.textContent.trim()),
    toggleShown: visible(document.querySelector("[data-nav-toggle]") || document.body) && !!document.querySelector("[data-nav-toggle]") && visible(document.querySelector("[data-nav-toggle]")),
    text: document.body.innerText + "\\n" + attributes.join("\\n"),
    duplicateIds: Object.keys(ids).filter(k => ids[k] > 1),
    repeated,
    crumbs: (document.querySelector("nav.crumbs") || {innerText: ""}).innerText.trim(),
    problems: window.__problems || [],
  };
}"""


def english_words(text):
    return sorted({word for word in re.findall(r"[A-Za-z][A-Za-z_]+", text) if word not in ALLOWED_WORDS})


def raw_codes(text):
    return sorted(set(re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", text)))


@pytest.fixture
def demo(source_evaluations):
    """The session's demo plus what it lacks for these pages: the assessment round and the demo logins."""
    assessment_demo.load(source_evaluations)
    load_users(source_evaluations)


def role_pages():
    """Each role's main pages, as the demo shows them (ids looked up, not assumed)."""
    yueyang = Unit.objects.get(name="岳阳市科学技术协会")
    lishui = Unit.objects.get(name="丽水市科学技术协会")
    donghai = Unit.objects.get(name="东海县科学技术协会")
    goal = Goal.objects.get(unit_year__unit=yueyang, unit_year__fiscal_year=2017, kind="department")
    evaluation = SelfEvaluation.objects.get(goal=goal)
    assessment = Round.objects.get()
    goal_page = f"/goals/{yueyang.pk}/2017/{goal.pk}/"
    accounts = f"/accounts/{yueyang.pk}/2017/"
    return {
        "yueyang_filler": ["/", f"/units/{yueyang.pk}/", accounts, f"{accounts}funds/", f"/goals/{yueyang.pk}/2017/",
                           goal_page, "/checks/", "/healthcheck/"],
        "yueyang_reviewer": ["/", "/evaluations/", accounts, goal_page],
        "yueyang_finance": ["/", f"/units/{yueyang.pk}/", "/evaluations/", "/goals/monitoring/", accounts, goal_page,
                            f"/documents/{evaluation.pk}/"],
        "lianyungang_judge": ["/", "/assessment/", f"/assessment/rounds/{assessment.pk}/score/",
                              f"/assessment/rounds/{assessment.pk}/score/{donghai.pk}/"],
        "lianyungang_office": ["/", "/assessment/", f"/assessment/schemes/{assessment.scheme_id}/", f"/assessment/rounds/{assessment.pk}/",
                               f"/assessment/rounds/{assessment.pk}/results/", f"/assessment/rounds/{assessment.pk}/units/{donghai.pk}/result/"],
        "donghai_filler": ["/", f"/assessment/rounds/{assessment.pk}/units/{donghai.pk}/"],
        "admin": ["/", "/checks/", f"/units/{lishui.pk}/", "/assessment/"],
    }


def shot(page, name):
    """A picture of the page from its top, at most 2,000 px of it (long pages need no more to judge)."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    height = min(2000, page.evaluate("document.documentElement.scrollHeight"))
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height})


def slug(path):
    return re.sub(r"\W+", "-", path).strip("-") or "home"


def test_every_role_s_pages_fit_every_screen(browser, live_server, demo):
    pages = role_pages()
    failures, checked = [], []
    for username, paths in pages.items():
        context, page, problems = watched_demo_session(browser, live_server, username, WATCH, DEMO_PASSWORD)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for path in paths:
                response = page.goto(path)
                page.wait_for_load_state("load")
                seen = page.evaluate(MEASURE)
                shot(page, f"{username}-{width}-{slug(path)}")
                where = f"{username} {width}px {path}"
                checked.append((username, width, path))
                if response.status != 200:
                    failures.append(f"{where}: HTTP {response.status}")
                if seen["width"] > seen["viewport"]:
                    failures.append(f"{where}: page {seen['width']} px wide")
                if not seen["brandOneLine"]:
                    failures.append(f"{where}: the brand wraps")
                if seen["navBroken"]:
                    failures.append(f"{where}: nav labels wrap {seen['navBroken']}")
                if width < 1200 and (seen["navShown"] or not seen["toggleShown"]):
                    failures.append(f"{where}: the nav is not folded behind its button")
                if words := english_words(seen["text"]):
                    failures.append(f"{where}: English words {words[:8]}")
                if codes := raw_codes(seen["text"]):
                    failures.append(f"{where}: raw codes {codes[:8]}")
                if seen["duplicateIds"]:
                    failures.append(f"{where}: duplicate ids {seen['duplicateIds'][:5]}")
                if seen["repeated"]:
                    failures.append(f"{where}: text twice in a card {seen['repeated'][:3]}")
                if not seen["crumbs"].startswith("首页"):
                    failures.append(f"{where}: no breadcrumbs")
                problems.extend(seen["problems"])
                if problems:
                    failures.append(f"{where}: {problems[:3]}")
                    problems.clear()
            if width < 1200:
                # The folded menu opens with every label on one line, inside the screen.
                page.goto("/")
                page.click("[data-nav-toggle]")
                opened = page.evaluate(MEASURE)
                shot(page, f"{username}-{width}-menu")
                if opened["navShown"] != len(opened["navLabels"]) or opened["navBroken"] or opened["width"] > width:
                    failures.append(f"{username} {width}px: the opened menu {opened['navLabels']} broken {opened['navBroken']}")
        if username == "lianyungang_judge":
            # Judges score on tablets: they see the assessment, nothing of accounts or goals.
            assert seen["navLabels"] == ["首页", "目标考核"]
        context.close()
    (SCREENS / "checked.txt").write_text("\n".join(f"{u} {w} {p}" for u, w, p in checked) + "\n\n" + "\n".join(failures), encoding="utf-8")
    assert failures == []
    assert len(checked) == sum(len(paths) for paths in pages.values()) * len(WIDTHS)
