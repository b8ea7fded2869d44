import pytest

from vendorflow.integrations.amazon import client


@pytest.fixture(autouse=True)
def fresh_token_cache():
    """Access tokens are cached per process; every test starts without one."""
    client.clear_token_cache()
    yield
    client.clear_token_cache()
