"""Real-browser tests: Playwright (sync API) driving the system Chromium against `live_server`.

Fixtures for every area:
- `browser` (session): headless Chromium at /usr/bin/chromium,
- `page`: a fresh browser context and page whose relative URLs go to the live server,
- `logged_in_page(role="admin", organization=None)`: creates a member of `org` (or the given
  organization) and signs in through the login form; the page has `.vf_user`.
A failing test leaves a screenshot in test-artifacts/<test name>.png. A test whose pages report
a Content-Security-Policy violation (or log one to the console) fails.

Mark tests `@pytest.mark.browser`. Without /usr/bin/chromium they are skipped, or fail when
VENDORFLOW_REQUIRE_SERVICES=1.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from tests import factories

# Playwright's sync API runs an event loop in this thread; Django would refuse ORM calls.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("VENDORFLOW_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session", autouse=True)
def _project_static_files():
    """The live server serves static files through the finders: make sure they see the
    project's own static directory (src/vendorflow/static), which is no app's."""
    from django.contrib.staticfiles import finders

    if finders.find("vendorflow/app.css"):
        yield
        return
    project_static = Path(settings.BASE_DIR) / "static"
    with override_settings(STATICFILES_DIRS=[*settings.STATICFILES_DIRS, project_static]):
        yield


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}: install it (apt-get install -y chromium)"
        if os.environ.get("VENDORFLOW_REQUIRE_SERVICES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


# Every violation of the Content-Security-Policy a page reports, as a console error the test
# collects: a test whose pages broke the policy fails, whatever it checked itself.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`Content Security Policy violation: ${event.violatedDirective} blocked `
    + `${event.blockedURI || "inline code"} at ${event.sourceFile || event.documentURI}`
    + `:${event.lineNumber} ${(event.target && event.target.outerHTML || "").slice(0, 300)}`);
});
"""
CSP_MARK = "Content Security Policy"


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    page.vf_csp_violations = []
    page.on("console", lambda message: _note_csp_violation(page, message))
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()
    assert page.vf_csp_violations == [], (
        "the pages broke the Content-Security-Policy: " + " | ".join(page.vf_csp_violations)
    )


def _note_csp_violation(page, message) -> None:
    if message.type in ("error", "warning") and CSP_MARK in message.text:
        page.vf_csp_violations.append(message.text)


@pytest.fixture
def logged_in_page(page, org):
    """`logged_in_page("manager")` → the page, signed in as a new member of `org` with that role."""

    def login(role: str = "admin", organization=None):
        user = factories.make_member(organization or org, role)
        page.goto("/accounts/login/")
        page.fill("#id_username", user.get_username())
        page.fill("#id_password", factories.PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        page.vf_user = user
        return page

    return login


@pytest.fixture
def huey_immediate():
    """Huey runs each task at once, in the thread that enqueues it (e.g. the live server's
    request thread, on commit); the previous mode is restored afterwards."""
    from huey.contrib.djhuey import HUEY

    previous = HUEY.immediate
    HUEY.immediate = True
    yield HUEY
    HUEY.immediate = previous
