import os

import pytest

from tests import factories
from tests.services import redis_ok

REQUIRE_SERVICES = os.environ.get("VENDORFLOW_REQUIRE_SERVICES") == "1"
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    on_postgres = connection.vendor == "postgresql"
    redis_up = redis_ok(TEST_REDIS_URL)
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(
                pytest.mark.skip(
                    reason="PostgreSQL-only: runs in the PostgreSQL pass of `make test`"
                )
            )
        if "redis" in item.keywords and not redis_up:
            if REQUIRE_SERVICES:
                pytest.exit(f"Redis required but not reachable at {TEST_REDIS_URL}", returncode=1)
            item.add_marker(pytest.mark.skip(reason=f"Redis not reachable at {TEST_REDIS_URL}"))


@pytest.fixture
def redis_url():
    if not redis_ok(TEST_REDIS_URL):
        if REQUIRE_SERVICES:
            pytest.fail(f"Redis required but not reachable at {TEST_REDIS_URL}")
        pytest.skip(f"Redis not reachable at {TEST_REDIS_URL}")
    return TEST_REDIS_URL


@pytest.fixture
def org(db):
    return factories.make_org("Acme Brands")


@pytest.fixture
def other_org(db):
    return factories.make_org("Other Co")


@pytest.fixture
def member_client(client, org):
    """`member_client("manager")` is a test client signed in as a member of `org` with that role."""

    def make(role: str = "admin", organization=None):
        user = factories.make_member(organization or org, role)
        client.force_login(user)
        client.user = user
        return client

    return make


@pytest.fixture
def admin_client(member_client):
    return member_client("admin")


@pytest.fixture(autouse=True)
def _amazon_memory_limits(settings):
    """SP-API rate limits in memory for tests (the app default is a SQLite file in DATA_DIR)."""
    from vendorflow.integrations.amazon import ratelimit

    settings.AMAZON_RATE_LIMIT_BACKEND = "memory"
    ratelimit.default_limiter.cache_clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
