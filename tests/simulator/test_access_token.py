import time

import httpx
import time_machine

from tests.simulator.builders import ORDERS
from vendorflow.simulator.testing import running_simulator

EXPIRED = "The access token you provided has expired."


def get(sim, token):
    headers = {"x-amz-access-token": token} if token else {}
    return httpx.get(sim.base_url + ORDERS, headers=headers)


def test_missing_or_unknown_token_is_403_unauthorized_in_amazons_shape():
    with running_simulator() as sim:
        missing = get(sim, None)
        unknown = get(sim, "Atza|made-up")

    for response in (missing, unknown):
        assert response.status_code == 403
        assert response.json()["errors"][0]["code"] == "Unauthorized"
        assert response.headers["x-amzn-RequestId"]
        assert "x-amzn-RateLimit-Limit" not in response.headers
    assert (
        unknown.json()["errors"][0]["details"]
        == "The access token you provided is revoked, malformed or invalid."
    )


def test_expire_tokens_now_makes_every_issued_token_fail_until_a_new_one_is_fetched():
    with running_simulator() as sim:
        token = sim.access_token()
        before = get(sim, token)
        expired_count = sim.expire_tokens()
        after = get(sim, token)
        fresh = get(sim, sim.access_token())

    assert before.status_code == 200
    assert expired_count == 1
    assert after.status_code == 403
    assert after.json()["errors"][0] == {
        "code": "Unauthorized",
        "message": "Access to requested resource is denied.",
        "details": EXPIRED,
    }
    assert fresh.status_code == 200


def test_token_expires_after_its_hour():
    with running_simulator() as sim:
        token = sim.access_token()
        with time_machine.travel(time.time() + 3601, tick=True):
            late = get(sim, token)

    assert late.status_code == 403
    assert late.json()["errors"][0]["details"] == EXPIRED


def test_periodic_expiry_expires_tokens_issued_before_the_last_boundary():
    with running_simulator(faults={"token_expiry_every": 60}) as sim:
        token = sim.access_token()
        now = get(sim, token)
        with time_machine.travel(time.time() + 61, tick=True):
            later = get(sim, token)

    assert now.status_code == 200
    assert later.status_code == 403
    assert later.json()["errors"][0]["details"] == EXPIRED


def test_control_api_expires_tokens():
    with running_simulator() as sim:
        token = sim.access_token()
        control = httpx.post(f"{sim.control_url}/tokens/expire")
        after = get(sim, token)

    assert control.json() == {"expired": 1}
    assert after.status_code == 403
