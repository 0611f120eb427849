"""Response headers: CSP without inline script, Permissions-Policy, Referrer-Policy, HSTS over HTTPS,
and no-store on anything shown to a logged-in user. Templates carry no inline script."""

import re
from pathlib import Path

from django.test import override_settings

TEMPLATES = sorted(Path("jixiao").glob("**/templates/**/*.html"))


def test_a_logged_in_page_carries_the_policy_headers_and_is_not_stored(client_for, yueyang_filler, units):
    response = client_for(yueyang_filler).get(f"/units/{units['yueyang'].pk}/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "unsafe-eval" not in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "DENY"


def test_the_login_page_has_the_policy_but_may_be_cached_by_nobody_else(client, db):
    response = client.get("/login/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "Strict-Transport-Security" not in response  # plain HTTP: no HSTS


@override_settings(SECURE_HSTS_SECONDS=31536000)
def test_hsts_is_sent_over_https(client, db):
    response = client.get("/login/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_no_template_carries_inline_script_or_event_handler_attributes():
    offenders = []
    for template in TEMPLATES:
        text = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag:
                offenders.append(f"{template}: {tag}")
        offenders += [f"{template}: {m}" for m in re.findall(r"\son[a-z]+\s*=", text)]
        offenders += [f"{template}: {m}" for m in re.findall(r"hx-on[:-]|javascript:|<style\b", text)]
    # json_script renders <script type="application/json">, which is data, not script: it is not in templates.
    assert TEMPLATES and offenders == []
