"""Every paginated API list answers an absurd limit, offset or page with a 422 naming it."""

import pytest

from tests import factories
from tests.customers.builders import api_client

HUGE = "99999999999999999999"


@pytest.fixture
def api(org):
    return api_client(org, "admin")


@pytest.fixture
def lists(org):
    channel = factories.make_channel(org)
    return {
        "limit": [
            "/api/v1/accounts/audit",
            "/api/v1/customers/",
            "/api/v1/customers/warehouse-codes",
            f"/api/v1/channels/{channel.pk}/sync-runs",
            "/api/v1/exceptions",
        ],
        "page": [
            "/api/v1/catalog/locations",
            "/api/v1/catalog/products",
            f"/api/v1/catalog/mappings?channel_id={channel.pk}",
        ],
    }


def _problem(response) -> tuple[int, list]:
    return response.status_code, [(e["loc"], e["msg"]) for e in response.json()["detail"]]


def test_huge_limit_and_offset_are_422(api, lists):
    for url in lists["limit"]:
        assert _problem(api.get(url, {"offset": HUGE})) == (
            422,
            [(["query", "offset"], "Input should be less than or equal to 1000000000")],
        ), url
        assert _problem(api.get(url, {"limit": HUGE})) == (
            422,
            [(["query", "limit"], "Input should be less than or equal to 500")],
        ), url


def test_huge_page_is_422(api, lists):
    for url in lists["page"]:
        assert _problem(api.get(url, {"page": HUGE})) == (
            422,
            [(["query", "page"], "Input should be less than or equal to 2000000")],
        ), url


def test_largest_allowed_values_answer_an_empty_page(api, lists):
    for url in lists["limit"]:
        response = api.get(url, {"limit": 500, "offset": 1_000_000_000})
        assert response.status_code == 200, url
        assert response.json()["items"] == []
    for url in lists["page"]:
        response = api.get(url, {"page": 2_000_000})
        assert response.status_code == 200, url
        assert response.json()["items"] == []
