"""Every page carries the Content-Security-Policy and the other security headers; no template
has inline script, inline style or an event-handler attribute the policy would block."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.security import routes
from tests.security.builders import make_world, member_client

pytestmark = pytest.mark.django_db

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; manifest-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
PERMISSIONS = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
TEMPLATES = Path(settings.BASE_DIR) / "templates"
# What a strict policy blocks in markup: a <script> without src, <style>, style="", on*="",
# javascript: URLs and htmx's evaluated attributes.
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>|<style\b|\sstyle=|"
    r"\son[a-z]+=|javascript:|hx-on|hx-vars|js:",
    re.IGNORECASE,
)


def _directives(header: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def _headers_problem(response) -> str:
    expected = {
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": PERMISSIONS,
    }
    wrong = [
        f"{name}: {response.get(name)!r}" for name, v in expected.items() if response.get(name) != v
    ]
    policy = response.get("Content-Security-Policy")
    if policy is None or _directives(policy) != _directives(CSP):
        wrong.append(f"Content-Security-Policy: {policy!r}")
    return ", ".join(wrong)


def test_every_page_and_api_read_carries_the_policy(org):
    world = make_world(org)
    client = member_client(org, "admin")
    offending = []
    for route in routes.all_routes():
        url = routes.concrete_url(route, world)
        response = client.get(url)
        if response.status_code == 405:
            continue
        if problem := _headers_problem(response):
            offending.append(f"{url} ({response.status_code}): {problem}")
    assert offending == []


def test_pages_for_anonymous_visitors_and_errors_carry_it_too(client):
    for url in ("/accounts/login/", "/healthz", "/no-such-page/", "/api/v1/docs"):
        response = client.get(url)
        assert _headers_problem(response) == "", url


def test_the_login_form_posts_to_this_site_only(client):
    assert _directives(client.get("/accounts/login/")["Content-Security-Policy"])[
        "form-action"
    ] == ("'self'")


def test_no_template_has_inline_script_style_or_handlers():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if INLINE.search(line):
                found.append(f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()[:80]}")
    assert found == []


def test_htmx_is_told_not_to_add_inline_styles_or_evaluate_code(client):
    # (settling the style attribute would write style="" onto swapped-in fields)
    page = client.get("/accounts/login/").content.decode()

    assert (
        '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false, '
        '"allowEval": false, "allowScriptTags": false, '
        '"attributesToSettle": ["class", "width", "height"]}\'>'
    ) in page


def test_hsts_is_sent_over_https_once_secure_cookies_are_on(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000

    assert client.get("/accounts/login/", secure=True)["Strict-Transport-Security"] == (
        "max-age=31536000"
    )
    assert "Strict-Transport-Security" not in client.get("/accounts/login/")


@pytest.mark.parametrize(
    ("environment", "seconds"),
    [
        ({"SECURE_COOKIES": "true"}, "31536000"),
        ({}, "0"),
        ({"SECURE_COOKIES": "true", "HSTS_SECONDS": "600"}, "600"),
    ],
)
def test_hsts_follows_secure_cookies_unless_set(environment, seconds, tmp_path):
    env = {"VENDORFLOW_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", **environment}
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            "from vendorflow import settings; print(settings.SECURE_HSTS_SECONDS)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert completed.stdout.strip() == seconds
