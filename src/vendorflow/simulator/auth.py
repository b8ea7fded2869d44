"""Login with Amazon (the token endpoint) and the access tokens SP-API calls must carry."""

import secrets
import time
from dataclasses import dataclass
from urllib.parse import parse_qs

from vendorflow.simulator.errors import unauthorized
from vendorflow.simulator.faults import Faults
from vendorflow.simulator.store import State

TOKEN_LIFETIME = 3600


@dataclass
class Credentials:
    """The one LWA application + refresh token the simulator accepts."""

    client_id: str = "amzn1.application-oa2-client.simulator"
    client_secret: str = "simulator-client-secret"
    refresh_token: str = "Atzr|simulator-refresh-token"


class Auth:
    def __init__(self, state: State, faults: Faults, credentials: Credentials | None = None):
        self.state = state
        self.faults = faults
        self.credentials = credentials or Credentials()

    def token_response(self, body: bytes) -> tuple[int, dict]:
        """Answer POST /auth/o2/token like LWA: (status, JSON body)."""
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        problem = self._problem(form)
        if problem:
            return problem
        return 200, {
            "access_token": self.issue(),
            "token_type": "bearer",
            "expires_in": TOKEN_LIFETIME,
            "refresh_token": self.credentials.refresh_token,
        }

    def _problem(self, form: dict) -> tuple[int, dict] | None:
        missing = [
            k
            for k in ("grant_type", "refresh_token", "client_id", "client_secret")
            if not form.get(k)
        ]
        if missing:
            return 400, _lwa_error(
                "invalid_request", f"The request is missing a required parameter : {missing[0]}"
            )
        if form["grant_type"] != "refresh_token":
            return 400, _lwa_error(
                "unsupported_grant_type", "The authorization grant type is not supported"
            )
        own = self.credentials
        if (form["client_id"], form["client_secret"]) != (own.client_id, own.client_secret):
            return 401, _lwa_error("invalid_client", "Client authentication failed")
        if form["refresh_token"] != own.refresh_token:
            return 400, _lwa_error(
                "invalid_grant", "The request has an invalid grant parameter : refresh_token"
            )
        return None

    def issue(self) -> str:
        token = "Atza|" + secrets.token_urlsafe(32)
        issued = time.time()
        with self.state.lock:
            self.state.tokens[token] = {"issued": issued, "expires": issued + TOKEN_LIFETIME}
        return token

    def check(self, token: str | None) -> None:
        """Raise the 403 Amazon answers for a missing, unknown or expired access token."""
        if not token:
            raise unauthorized("The request signature does not conform to the expected format.")
        entry = self.state.tokens.get(token)
        if entry is None:
            raise unauthorized("The access token you provided is revoked, malformed or invalid.")
        if time.time() >= entry["expires"] or entry["issued"] < self._periodic_boundary():
            raise unauthorized("The access token you provided has expired.")

    def _periodic_boundary(self) -> float:
        every = self.faults.token_expiry_every
        if not every:
            return 0.0
        started = self.faults.started
        return started + ((time.time() - started) // every) * every

    def expire_all(self) -> int:
        """Expire every access token now; returns how many were still valid."""
        moment = time.time()
        with self.state.lock:
            live = [entry for entry in self.state.tokens.values() if entry["expires"] > moment]
            for entry in live:
                entry["expires"] = moment
            self.state.dirty = True
        return len(live)


def _lwa_error(code: str, description: str) -> dict:
    return {"error": code, "error_description": description}
