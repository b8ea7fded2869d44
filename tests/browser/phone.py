"""A phone-sized browser (360×740, touch) and the checks every operator page must pass on it."""

from playwright.sync_api import Page

from tests import factories

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 900}


def open_context(browser, live_server, viewport=PHONE):
    """A new browser context at `viewport`; a phone one has touch and a mobile user agent."""
    phone = viewport == PHONE
    context = browser.new_context(
        base_url=live_server.url, viewport=viewport, has_touch=phone, is_mobile=phone
    )
    context.set_default_timeout(10_000)
    return context


def log_in(page: Page, org, role: str = "operator"):
    user = factories.make_member(org, role)
    page.goto("/accounts/login/")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return user


def page_width(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def small_targets(page: Page, selector: str) -> list[str]:
    """Visible controls matching `selector` shorter or narrower than 44 px, by their text."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter((el) => el.offsetParent !== null)
            .filter((el) => { const r = el.getBoundingClientRect();
                              return r.height < 44 || r.width < 44; })
            .map((el) => (el.getAttribute('aria-label') || el.textContent || el.name).trim())""",
        selector,
    )


def off_screen(page: Page, selector: str) -> list[str]:
    """Visible elements matching `selector` whose right edge is past the viewport."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter((el) => el.offsetParent !== null)
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map((el) => el.id || el.className || el.tagName)""",
        selector,
    )
