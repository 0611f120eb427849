"""Every page, export, download and endpoint the demo exposes refuses people without a role.

The sweep logs in as each demo user, follows every link, form action and htmx
endpoint it is shown (within the site), then asks for each of those URLs as an
outsider (logged in, no role anywhere) and as an anonymous visitor. Pages that
list "what you cover" may answer an outsider, but must show none of the demo
units; anything tied to a unit must be refused. POSTs are replayed too and
must change nothing.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlparse

import pytest
from django.apps import apps
from django.core.management import call_command

from jixiao.sources.units import UNITS
from jixiao.units.demo import DEMO_USERS

UNIT_NAMES = sorted({name for _, name, level, _, _ in UNITS if level != "province"})
SKIP_PREFIXES = ("/static/", "/media/", "/admin/", "/logout/", "/login/")
MAX_PAGES = 600


class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.gets: set[str] = set()
        self.posts: list[tuple[str, dict]] = []
        self._form = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for attribute in ("href", "hx-get", "data-href"):
            if attrs.get(attribute):
                self.gets.add(attrs[attribute])
        if attrs.get("hx-post"):
            self.posts.append((attrs["hx-post"], {}))
        if tag == "form":
            method = (attrs.get("method") or "get").lower()
            self._form = {"action": attrs.get("action") or "", "method": method, "fields": {}}
        elif tag in ("input", "select", "textarea") and self._form is not None and attrs.get("name"):
            if attrs.get("type") not in ("file",):
                self._form["fields"][attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            form = self._form
            self._form = None
            if form["method"] == "post":
                self.posts.append((form["action"], form["fields"]))
            elif form["action"]:
                self.gets.add(form["action"])


def internal(base, link):
    url = urldefrag(urljoin(base, link))[0]
    parsed = urlparse(url)
    if parsed.scheme not in ("", "http") or parsed.netloc not in ("", "testserver"):
        return None
    path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    if not path.startswith("/") or path.startswith(SKIP_PREFIXES):
        return None
    return path


def crawl(client, start_paths):
    seen, posts, queue = set(), {}, list(start_paths)
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code < 500, f"{path} answered {response.status_code} to its own user"
        if "text/html" not in response.get("Content-Type", ""):
            continue
        collector = LinkCollector()
        collector.feed(response.content.decode("utf-8", "replace"))
        for link in collector.gets:
            target = internal(path, link)
            if target and target not in seen:
                queue.append(target)
        for action, fields in collector.posts:
            target = internal(path, action or path)
            if target:
                posts.setdefault(target, fields)
    return seen, posts


def database_fingerprint():
    """Row counts of every table: a refused POST must leave all of them as they were."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def is_login_redirect(response):
    return response.status_code == 302 and "/login/" in response["Location"]


def shows_no_unit(response):
    text = response.content.decode("utf-8", "replace")
    return not any(name in text for name in UNIT_NAMES)


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))


@pytest.mark.django_db(transaction=False)
def test_no_url_of_the_demo_opens_to_people_without_a_role(demo, client, django_user_model):
    get_urls, post_urls = set(), {}
    start = ["/", "/accounts/", "/checks/", "/goals/", "/evaluations/", "/documents/", "/assessment/", "/healthcheck/", "/units/"]
    for username in ["admin"] + [username for username, *_ in DEMO_USERS]:
        client.force_login(django_user_model.objects.get(username=username))
        seen, posts = crawl(client, start)
        get_urls |= seen
        post_urls.update(posts)
        client.logout()

    unit_specific = re.compile(r"\d")
    outsider = django_user_model.objects.create_user("sweep_outsider", password="x")
    client.force_login(outsider)
    leaks = []
    for path in sorted(get_urls):
        response = client.get(path)
        if response.status_code in (403, 404) or is_login_redirect(response):
            continue
        if response.status_code == 302 and not unit_specific.search(response["Location"]):
            continue
        if response.status_code == 200 and shows_no_unit(response) and not unit_specific.search(urlparse(path).path):
            continue
        leaks.append((path, response.status_code))
    before = database_fingerprint()
    for path, fields in sorted(post_urls.items()):
        if not unit_specific.search(urlparse(path).path):
            continue
        response = client.post(path, fields)
        if response.status_code not in (403, 404, 405):
            leaks.append((f"POST {path}", response.status_code))
    assert database_fingerprint() == before, "a refused POST changed the database"
    client.logout()

    for path in sorted(get_urls):
        response = client.get(path)
        if not (is_login_redirect(response) or response.status_code in (403, 404)):
            leaks.append((f"anonymous {path}", response.status_code))

    assert leaks == []
    # The sweep must actually reach the product's pages, not just the home page.
    assert len(get_urls) > 20
