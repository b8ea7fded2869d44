import httpx

from vendorflow.simulator.testing import running_simulator


def form(sim, **changes):
    return {
        "grant_type": "refresh_token",
        "refresh_token": sim.refresh_token,
        "client_id": sim.client_id,
        "client_secret": sim.client_secret,
        **changes,
    }


def test_refresh_token_grant_returns_a_bearer_token_that_opens_the_api():
    with running_simulator() as sim:
        response = httpx.post(sim.lwa_url, data=form(sim))
        body = response.json()
        orders = httpx.get(
            f"{sim.base_url}/vendor/orders/v1/purchaseOrders",
            headers={"x-amz-access-token": body["access_token"]},
        )

    assert response.status_code == 200
    assert set(body) == {"access_token", "token_type", "expires_in", "refresh_token"}
    assert body["access_token"].startswith("Atza|")
    assert (body["token_type"], body["expires_in"], body["refresh_token"]) == (
        "bearer",
        3600,
        sim.refresh_token,
    )
    assert orders.status_code == 200


def test_wrong_client_secret_is_invalid_client_and_issues_no_token():
    with running_simulator() as sim:
        response = httpx.post(sim.lwa_url, data=form(sim, client_secret="nope"))
        tokens = dict(sim.state.tokens)

    assert response.status_code == 401
    assert response.json() == {
        "error": "invalid_client",
        "error_description": "Client authentication failed",
    }
    assert tokens == {}


def test_wrong_refresh_token_is_invalid_grant():
    with running_simulator() as sim:
        response = httpx.post(sim.lwa_url, data=form(sim, refresh_token="Atzr|other"))

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_other_grant_type_and_missing_parameters_are_refused():
    with running_simulator() as sim:
        grant = httpx.post(sim.lwa_url, data=form(sim, grant_type="client_credentials"))
        missing = httpx.post(sim.lwa_url, data={"grant_type": "refresh_token"})

    assert (grant.status_code, grant.json()["error"]) == (400, "unsupported_grant_type")
    assert (missing.status_code, missing.json()["error"]) == (400, "invalid_request")
    assert "refresh_token" in missing.json()["error_description"]


def test_configured_credentials_replace_the_defaults():
    with running_simulator(
        client_id="my-app", client_secret="s3cret", refresh_token="Atzr|mine"
    ) as sim:
        ok = httpx.post(sim.lwa_url, data=form(sim))
        default = httpx.post(
            sim.lwa_url, data=form(sim, client_id="amzn1.application-oa2-client.simulator")
        )

    assert (sim.client_id, sim.client_secret, sim.refresh_token) == (
        "my-app",
        "s3cret",
        "Atzr|mine",
    )
    assert ok.status_code == 200
    assert default.status_code == 401
