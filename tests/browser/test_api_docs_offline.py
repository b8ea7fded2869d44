"""/api/v1/docs works offline: Swagger UI comes from our own static files, nothing from a CDN."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def test_the_api_docs_show_the_operations_with_no_request_beyond_the_app(page, live_server):
    asked, blocked = [], []

    def only_the_app(route):
        url = route.request.url
        asked.append(url)
        if urlsplit(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    page.route("**/*", only_the_app)
    page.goto("/api/v1/docs")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("vendorflow API")
    operation = page.locator(
        ".opblock-summary-path", has_text="/api/v1/orders/{order_id}/acknowledgement"
    )
    expect(operation.first).to_be_visible()
    assert page.locator(".opblock").count() > 50
    assert blocked == []
    assert any(url.endswith("/static/ninja/swagger-ui-bundle.js") for url in asked)
    assert any(url.endswith("/api/v1/openapi.json") for url in asked)
