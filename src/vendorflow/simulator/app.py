"""The simulator as a plain WSGI application: LWA, SP-API operations and the /_sim/ control API.

    app = SimulatorApp()                       # fresh state, default credentials
    app = SimulatorApp(state=State.load("sim.json"), sandbox=True)

It needs no Django; `vendorflow.simulator.server` serves it.
"""

import ipaddress
import json
import time
import uuid
from urllib.parse import parse_qsl

from vendorflow.simulator import api, control, sandbox
from vendorflow.simulator.auth import Auth, Credentials
from vendorflow.simulator.errors import ApiError, DroppedConnection, quota_exceeded, unauthorized
from vendorflow.simulator.faults import Faults
from vendorflow.simulator.store import State
from vendorflow.simulator.throttle import Throttle

TOKEN_PATH = "/auth/o2/token"
CONTROL_PREFIX = "/_sim/"
LIMIT_HEADER_STATUSES = {200, 202, 400, 404}
REASONS = {
    200: "OK",
    201: "Created",
    202: "Accepted",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    415: "Unsupported Media Type",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


class SimulatorApp:
    def __init__(
        self,
        state: State | None = None,
        *,
        faults: Faults | None = None,
        throttle: Throttle | None = None,
        credentials: Credentials | None = None,
        sandbox: bool = False,
    ):
        self.state = state or State()
        self.faults = faults or Faults()
        self.throttle = throttle or Throttle()
        self.auth = Auth(self.state, self.faults, credentials)
        self.sandbox = sandbox
        self.requests = 0

    def __call__(self, environ, start_response):
        request = _request(environ)
        self.requests += 1
        status, body, headers = self.dispatch(request)
        headers = [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            *headers,
        ]
        start_response(f"{status} {REASONS.get(status, 'Status')}", headers)
        return [body]

    def dispatch(self, request: api.Request) -> tuple[int, bytes, list[tuple[str, str]]]:
        if request.path == TOKEN_PATH and request.method == "POST":
            status, body = self.auth.token_response(request.body)
            return status, _dump(body), []
        if request.path.startswith(CONTROL_PREFIX):
            return self._control(request)
        found = api.find(request.method, request.path)
        if found is None:
            error = ApiError(404, "NotFound", f"No operation {request.method} {request.path}.")
            return 404, _dump(error.body()), [("x-amzn-RequestId", str(uuid.uuid4()))]
        operation, request.path_params = found
        request.faults = self.faults
        return self._operation(operation, request)

    def _control(self, request: api.Request) -> tuple[int, bytes, list]:
        if not _loopback(request.remote):
            return 403, _dump({"error": "the control API answers loopback clients only"}), []
        status, body = control.handle(self, request)
        return status, _dump(body), []

    def _operation(self, operation: api.Operation, request: api.Request) -> tuple[int, bytes, list]:
        headers = [("x-amzn-RequestId", str(uuid.uuid4()))]
        try:
            reply = self._answer(operation, request)
        except ApiError as error:
            reply = api.Reply(error.status, error.body())
        body = reply.body if isinstance(reply.body, bytes) else _dump(reply.body)
        if reply.status < 300 and self.faults.fire("malformed", operation.name):
            body = body[: max(1, len(body) // 2)]
        elif reply.status < 300 and self.faults.fire("empty_payload", operation.name):
            body = _dump({"payload": {}})  # the request was carried out; the answer says nothing
        if reply.status in LIMIT_HEADER_STATUSES:
            headers.append(("x-amzn-RateLimit-Limit", self.throttle.limit_header(operation.name)))
        return reply.status, body, headers

    def _answer(self, operation: api.Operation, request: api.Request) -> api.Reply:
        name = operation.name
        if self.faults.fire("drop", name):
            raise DroppedConnection(name)
        if self.faults.fire("slow", name):
            time.sleep(self.faults.delay_ms / 1000)
        self.auth.check(request.headers.get("x-amz-access-token"))
        if self.faults.fire("role_missing", name):
            raise unauthorized("The application is not authorized for this operation's role.")
        if not self.throttle.take(name) or self.faults.fire("throttle", name):
            raise quota_exceeded()
        if self.faults.fire("server_error", name):
            raise _server_error(self.faults.server_error_status)
        if "nextToken" in request.query and self.faults.fire("next_token_invalid", name):
            raise ApiError(
                400,
                "InvalidInput",
                "Request has missing or invalid parameters and cannot be parsed.",
            )
        if self.sandbox or request.headers.get("x-amzn-api-sandbox") == "static":
            return _replay(operation, request)
        return operation.handler(self.state, request)


def _replay(operation: api.Operation, request: api.Request) -> api.Reply:
    received: dict = {**request.query, **request.path_params}
    if request.method == "POST":
        received["body"] = request.json()
    status, body = sandbox.replay(operation.model, operation.template, operation.method, received)
    return api.Reply(status, body)


def _server_error(status: int) -> ApiError:
    if status == 503:
        return ApiError(
            503, "ServiceUnavailable", "Temporary overloading or maintenance of the server."
        )
    return ApiError(500, "InternalFailure", "We encountered an internal error. Please try again.")


def _request(environ) -> api.Request:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    headers = {
        k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")
    }
    if environ.get("CONTENT_TYPE"):
        headers["content-type"] = environ["CONTENT_TYPE"]
    return api.Request(
        method=environ["REQUEST_METHOD"],
        path=environ.get("PATH_INFO") or "/",
        query=dict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)),
        headers=headers,
        body=environ["wsgi.input"].read(length) if length else b"",
        remote=environ.get("REMOTE_ADDR", ""),
    )


def _loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def _dump(body) -> bytes:
    return json.dumps(body, separators=(",", ":")).encode()
