"""The SP-API client for Vendor Retail Procurement: the only module that talks HTTP to Amazon.

Login with Amazon (refresh token -> access token, cached per credential), the vendor orders
operations, shipment confirmations and the transaction status. Every call waits for its
rate-limit token, is retried with bounded, jittered backoff when the failure is transient, and
fails with a typed `AmazonError`.
"""

import hashlib
import json
import logging
import multiprocessing
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cached_property, partial
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import orjson
from django.conf import settings
from pydantic import ValidationError
from tenacity import RetryCallState, Retrying, retry_if_exception, wait_exponential_jitter

from vendorflow.integrations.amazon import mapping, ratelimit, schemas, shipments, spec
from vendorflow.integrations.amazon.errors import (
    AmazonError,
    AuthFailed,
    InvalidInput,
    InvalidPayload,
    MalformedResponse,
    NotFound,
    ServerError,
    Throttled,
    TransportError,
)
from vendorflow.lib import redaction
from vendorflow.orders import dto

logger = logging.getLogger(__name__)

REGION_HOSTS = {
    "NA": "sellingpartnerapi-na.amazon.com",
    "EU": "sellingpartnerapi-eu.amazon.com",
    "FE": "sellingpartnerapi-fe.amazon.com",
}
LWA_URL = "https://api.amazon.com/auth/o2/token"

PURCHASE_ORDERS = "/vendor/orders/v1/purchaseOrders"
ACKNOWLEDGEMENTS = "/vendor/orders/v1/acknowledgements"
PURCHASE_ORDERS_STATUS = "/vendor/orders/v1/purchaseOrdersStatus"
SHIPMENT_CONFIRMATIONS = "/vendor/shipping/v1/shipmentConfirmations"
SHIPMENTS = "/vendor/shipping/v1/shipments"
TRANSACTIONS = "/vendor/transactions/v1/transactions"
TOKEN_OPERATION = "token"

MAX_WINDOW = timedelta(days=7)
MAX_LIMIT = 100
MAX_ATTEMPTS = 5  # transient failures: the first try and four retries
PAGING_FLAKE_ATTEMPTS = 3  # InvalidInput mid-pagination: the first try and two retries
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
TOKEN_EARLY_EXPIRY = 60  # seconds before expiry a cached access token is renewed


# --- credentials ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Credentials:
    client_id: str
    client_secret: str = field(repr=False)
    refresh_token: str = field(repr=False)
    region: str = "EU"
    endpoint: str | None = None
    lwa_url: str | None = None
    sandbox: bool = False

    def __post_init__(self) -> None:
        redaction.remember(*self.secrets())
        if self.region not in REGION_HOSTS:
            raise ValueError(
                f"region must be one of {', '.join(REGION_HOSTS)}, got {self.region!r}"
            )
        for name in ("endpoint", "lwa_url"):
            url = getattr(self, name)
            if url and urlsplit(url).scheme not in ("http", "https"):
                raise ValueError(f"{name} must be an http(s) URL, got {url!r}")

    @classmethod
    def for_channel(cls, channel: Any) -> "Credentials":
        """The credentials of an AmazonChannel (secrets decrypted from the channel)."""
        endpoint = channel.endpoint_override or None
        return cls(
            client_id=channel.lwa_client_id,
            client_secret=channel.client_secret,
            refresh_token=channel.refresh_token,
            region=channel.region,
            endpoint=endpoint,
            lwa_url=channel.lwa_endpoint_override or None,
            sandbox=(urlsplit(endpoint or "").hostname or "").startswith("sandbox."),
        )

    @property
    def base_url(self) -> str:
        if self.endpoint:
            return self.endpoint.rstrip("/")
        prefix = "sandbox." if self.sandbox else ""
        return f"https://{prefix}{REGION_HOSTS[self.region]}"

    @property
    def token_url(self) -> str:
        return self.lwa_url or LWA_URL

    @property
    def key(self) -> str:
        """Identifies the selling-partner authorisation and endpoint; a hash, never a secret."""
        material = "\n".join((self.client_id, self.refresh_token, self.base_url, self.token_url))
        return hashlib.sha256(material.encode()).hexdigest()[:32]

    def secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self.client_secret, self.refresh_token) if s)


# --- access tokens (shared by every client in the process) ----------------------------------


@dataclass(frozen=True)
class AccessToken:
    value: str = field(repr=False)
    expires_at: float

    def fresh(self) -> bool:
        return time.time() < self.expires_at - TOKEN_EARLY_EXPIRY


_tokens: dict[str, AccessToken] = {}
_token_locks: dict[str, threading.Lock] = {}
_tokens_guard = threading.Lock()


def _token_lock(key: str) -> threading.Lock:
    with _tokens_guard:
        return _token_locks.setdefault(key, threading.Lock())


def clear_token_cache() -> None:
    with _tokens_guard:
        _tokens.clear()


# --- pages ----------------------------------------------------------------------------------

Window = tuple[datetime | None, datetime | None]


@dataclass
class Page:
    """One page of getPurchaseOrders: the POs that could be read, as order data, and those that
    could not. `orders` gives the readable ones as Amazon's models, parsed when first asked for
    (the import needs only the order data). Pages read in the worker process carry
    `dto.CompactPurchaseOrder`s."""

    purchase_orders: list[dto.PurchaseOrder | dto.CompactPurchaseOrder]
    rejected: list[dto.RejectedPurchaseOrder]
    window: Window
    next_token: str | None

    @cached_property
    def orders(self) -> list[schemas.Order]:
        return [schemas.Order.from_amazon(po.raw) for po in self.purchase_orders]


@dataclass
class StatusPage:
    """One page of getPurchaseOrdersStatus: the PO statuses, parsed, and what was said of those
    that do not fit Amazon's model (each message names the entry and, if readable, its PO)."""

    statuses: list[schemas.OrderStatus]
    window: Window
    next_token: str | None
    unreadable: list[str] = field(default_factory=list)


def format_instant(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone; pass an aware datetime")
    return schemas.format_datetime(value)


def split_windows(after: datetime | None, before: datetime | None) -> list[Window]:
    """[after, before] (before defaults to now) as consecutive windows of at most 7 days."""
    for value in (after, before):
        if value is not None and value.tzinfo is None:
            raise ValueError(f"{value!r} has no time zone; pass an aware datetime")
    if after is None:
        return [(None, before)]
    end = before or datetime.now(UTC)
    if end <= after:
        raise ValueError(
            f"the range ends ({end.isoformat()}) before it starts ({after.isoformat()})"
        )
    windows: list[Window] = []
    start = after
    while start < end:
        stop = min(start + MAX_WINDOW, end)
        windows.append((start, stop))
        start = stop
    return windows


def _one_range(**ranges: tuple[datetime | None, datetime | None]) -> tuple[str, list[Window]]:
    given = [(name, pair) for name, pair in ranges.items() if pair != (None, None)]
    if len(given) > 1:
        names = " and ".join(f"{name}_after/{name}_before" for name, _ in given)
        raise ValueError(f"filter by one date range at a time, not {names}")
    if not given:
        return "", [(None, None)]
    name, (after, before) = given[0]
    return name, split_windows(after, before)


def _window_query(kind: str, window: Window) -> dict[str, str]:
    query = {}
    if kind and window[0] is not None:
        query[f"{kind}After"] = format_instant(window[0])
    if kind and window[1] is not None:
        query[f"{kind}Before"] = format_instant(window[1])
    return query


def _filters(**values: Any) -> dict[str, str]:
    query = {}
    for name, value in values.items():
        if value is None:
            continue
        query[name] = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return query


def _check_resumable(windows: list[Window], next_token: str | None) -> None:
    if next_token is not None and len(windows) != 1:
        raise ValueError("a listing starts at a nextToken only within one window of ≤ 7 days")


def _check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    return limit


# --- the client -----------------------------------------------------------------------------


class VendorOrdersClient:
    """Vendor Retail Procurement Orders v1, Vendor Shipments v1 (shipment confirmations) and
    Vendor Transaction Status v1 for one credential."""

    def __init__(
        self,
        credentials: Credentials,
        *,
        http: httpx.Client | None = None,
        limiter: ratelimit.Limiter | None = None,
        sleep: Callable[[float], None] = time.sleep,
        attempts: int = MAX_ATTEMPTS,
    ):
        """`attempts`: how often a transient failure is tried in all (1: never retried, as a
        connection test wants: an answer now, not in half a minute)."""
        self.credentials = credentials
        self.attempts = max(1, attempts)
        self._own_http = http is None
        self.http = http or httpx.Client(timeout=settings.AMAZON_HTTP_TIMEOUT)
        self.limiter = limiter if limiter is not None else ratelimit.default_limiter()
        self.sleep = sleep
        self.calls: Counter[str] = Counter()
        self._token_in_use = ""

    def close(self) -> None:
        if self._own_http:
            self.http.close()

    def __enter__(self) -> "VendorOrdersClient":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- Login with Amazon, asked now -----------------------------------------------------------

    def log_in(self) -> None:
        """Ask Login with Amazon for a new access token now, whatever is cached (a cached token
        would hide a refresh token revoked since); the new token is cached for later calls."""
        key = self.credentials.key
        with _token_lock(key):
            _tokens[key] = self._fetch_token()

    # --- getPurchaseOrders --------------------------------------------------------------------

    def iter_purchase_order_pages(
        self,
        *,
        created_after: datetime | None = None,
        created_before: datetime | None = None,
        changed_after: datetime | None = None,
        changed_before: datetime | None = None,
        vendor_code: str | None = None,
        is_po_changed: bool | None = None,
        po_item_state: str | None = None,
        purchase_order_state: str | None = None,
        limit: int = MAX_LIMIT,
        read_ahead: bool = False,
        next_token: str | None = None,
    ) -> Iterator[Page]:
        """Every page of POs in the range, window by window (≤ 7 days), following nextToken.

        Pages are fetched as they are asked for; with `read_ahead` the next page is fetched and
        read in a background thread while the caller works on the current one (a caller that
        stops early has then made one request more). `next_token` starts the listing at that
        page of a range of one window (an interrupted listing going on).
        """
        kind, windows = _one_range(
            created=(created_after, created_before), changed=(changed_after, changed_before)
        )
        _check_resumable(windows, next_token)
        base = {"limit": str(_check_limit(limit)), "sortOrder": "ASC", "includeDetails": "true"}
        base |= _filters(
            orderingVendorCode=vendor_code,
            isPOChanged=is_po_changed,
            poItemState=po_item_state,
            purchaseOrderState=purchase_order_state,
        )
        if not read_ahead:
            yield from self._pages(kind, windows, base, read_page_answer, next_token)
            return
        reader = _PageReader()
        try:
            yield from _read_ahead(self._pages(kind, windows, base, reader, next_token))
        finally:
            reader.close()

    def _pages(
        self,
        kind: str,
        windows: list[Window],
        base: dict[str, str],
        reader: "Reader",
        next_token: str | None,
    ) -> Iterator[Page]:
        for window in windows:
            query = base | _window_query(kind, window)
            bodies = self._paged(
                "getPurchaseOrders", PURCHASE_ORDERS, query, reader=reader, token=next_token
            )
            for body in bodies:
                if body.problem:
                    raise MalformedResponse(body.problem)
                yield Page(body.purchase_orders, body.rejected, window, body.next_token)

    # --- getPurchaseOrder ---------------------------------------------------------------------

    def get_purchase_order(self, po_number: str) -> schemas.Order:
        path = f"{PURCHASE_ORDERS}/{quote(po_number, safe='')}"
        payload = _payload_object(self._call("getPurchaseOrder", "GET", path), "getPurchaseOrder")
        parsed = mapping.parse_purchase_order(payload)
        if isinstance(parsed, dto.RejectedPurchaseOrder):
            raise MalformedResponse(f"getPurchaseOrder {po_number}: {parsed.message}")
        return parsed

    # --- submitAcknowledgement ----------------------------------------------------------------

    def submit_acknowledgement(self, acknowledgements: list[schemas.OrderAcknowledgement]) -> str:
        """Send acknowledgements; Amazon's transactionId of the accepted (202) submission.

        Never resent when Amazon may already have it: only a 429 or a connection that was never
        made is retried. Any other transient error leaves the outcome unknown; ask
        getPurchaseOrdersStatus before sending again.
        """
        body = schemas.SubmitAcknowledgementRequest(acknowledgements=acknowledgements).to_amazon()
        answer = self._call(
            "submitAcknowledgement", "POST", ACKNOWLEDGEMENTS, json_body=body, idempotent=False
        )
        payload = _payload_object(answer, "submitAcknowledgement")
        transaction_id = payload.get("transactionId")
        if not isinstance(transaction_id, str) or not transaction_id:
            raise MalformedResponse("submitAcknowledgement: the answer has no transactionId")
        return transaction_id

    # --- submitShipmentConfirmations ----------------------------------------------------------

    def submit_shipment_confirmations(self, confirmations: list[dict[str, Any]]) -> str:
        """Send ShipmentConfirmations (as built by `shipments.notice_to_confirmation`); Amazon's
        transactionId of the accepted (202) submission.

        The body is checked against the official model first: one that breaks it is never sent
        (InvalidPayload). Like `submit_acknowledgement`, never resent when Amazon may already have
        it: only a 429 or a connection that was never made is retried. After any other transient
        error the outcome is unknown (`permanent=False`, `TransportError.request_sent=True`): a
        second `Original` of a shipment Amazon already holds fails, so the caller must not simply
        send it again.
        """
        if not confirmations:
            raise ValueError("no shipment confirmations to send")
        body = shipments.submit_request(confirmations)
        found = spec.problems(spec.SHIPMENTS, "SubmitShipmentConfirmationsRequest", body)
        if found:
            message = "submitShipmentConfirmations: the request breaks the official model: "
            raise InvalidPayload(message + "; ".join(found), problems=found)
        answer = self._call(
            "submitShipmentConfirmations",
            "POST",
            SHIPMENT_CONFIRMATIONS,
            json_body=body,
            idempotent=False,
        )
        return _transaction_id(answer, "submitShipmentConfirmations")

    # --- getPurchaseOrdersStatus --------------------------------------------------------------

    def iter_purchase_orders_status(self, **filters: Any) -> Iterator[schemas.OrderStatus]:
        """Every PO status matching the filters (those of `iter_purchase_order_status_pages`).
        A status that does not fit the model is an error here (MalformedResponse)."""
        for page in self.iter_purchase_order_status_pages(**filters):
            if page.unreadable:
                raise MalformedResponse(page.unreadable[0])
            yield from page.statuses

    def iter_purchase_order_status_pages(
        self,
        *,
        purchase_order_number: str | None = None,
        updated_after: datetime | None = None,
        updated_before: datetime | None = None,
        created_after: datetime | None = None,
        created_before: datetime | None = None,
        vendor_code: str | None = None,
        purchase_order_status: str | None = None,
        item_confirmation_status: str | None = None,
        item_receive_status: str | None = None,
        ship_to_party_id: str | None = None,
        limit: int = MAX_LIMIT,
        next_token: str | None = None,
    ) -> Iterator[StatusPage]:
        """Every page of PO statuses matching the filters, window by window (≤ 7 days),
        following nextToken; `next_token` starts at that page of a range of one window."""
        kind, windows = _one_range(
            updated=(updated_after, updated_before), created=(created_after, created_before)
        )
        _check_resumable(windows, next_token)
        base = {"limit": str(_check_limit(limit)), "sortOrder": "ASC"}
        base |= _filters(
            purchaseOrderNumber=purchase_order_number,
            orderingVendorCode=vendor_code,
            purchaseOrderStatus=purchase_order_status,
            itemConfirmationStatus=item_confirmation_status,
            itemReceiveStatus=item_receive_status,
            shipToPartyId=ship_to_party_id,
        )
        for window in windows:
            query = base | _window_query(kind, window)
            bodies = self._paged(
                "getPurchaseOrdersStatus", PURCHASE_ORDERS_STATUS, query, token=next_token
            )
            for body in bodies:
                payload = _payload_object(body, "getPurchaseOrdersStatus")
                statuses, unreadable = _statuses(body)
                yield StatusPage(statuses, window, _next_token(payload), unreadable)

    # --- getTransaction -----------------------------------------------------------------------

    def has_shipment(self, shipment_identifier: str) -> bool:
        """Whether Amazon holds a shipment under our identifier (getShipmentDetails filtered by
        vendorShipmentIdentifier): how an ASN whose send is in doubt is settled."""
        params = {"vendorShipmentIdentifier": shipment_identifier, "limit": "1"}
        answer = self._call("getShipmentDetails", "GET", SHIPMENTS, params=params)
        payload = _payload_object(answer, "getShipmentDetails")
        try:
            details = schemas.ShipmentDetails.model_validate(payload)
        except ValidationError as exc:
            raise _unexpected_shape("getShipmentDetails", exc) from None
        return any(
            shipment.vendor_shipment_identifier == shipment_identifier
            for shipment in details.shipments or []
        )

    def get_transaction(self, transaction_id: str) -> schemas.TransactionStatus:
        path = f"{TRANSACTIONS}/{quote(transaction_id, safe='')}"
        payload = _payload_object(self._call("getTransaction", "GET", path), "getTransaction")
        try:
            status = schemas.TransactionStatus.model_validate(payload)
        except ValidationError as exc:
            raise _unexpected_shape("getTransaction", exc) from None
        if status.transaction_status is None:
            raise MalformedResponse("getTransaction: the answer has no transactionStatus")
        return status

    # --- paging -------------------------------------------------------------------------------

    def _paged(
        self,
        operation: str,
        path: str,
        query: dict[str, str],
        *,
        reader: "Reader | None" = None,
        token: str | None = None,
    ) -> Iterator[Any]:
        """The bodies of a paged operation (read by `reader` when given), from the first page or
        from `token`'s; nextToken requests keep the other filters."""
        while True:
            params = query | {"nextToken": token} if token else query
            paging = token is not None
            body = self._call(operation, "GET", path, params=params, paging=paging, reader=reader)
            yield body
            following = body.next_token if reader else _next_token(_payload_object(body, operation))
            if not following:
                return
            if following == token:
                raise MalformedResponse(f"{operation}: Amazon returned the same nextToken twice")
            token = following

    # --- one operation: rate limit, token, retries --------------------------------------------

    def _call(
        self,
        operation: str,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        json_body: Any = None,
        paging: bool = False,
        idempotent: bool = True,
        reader: "Reader | None" = None,
    ) -> Any:
        retrying = Retrying(
            retry=retry_if_exception(lambda exc: _worth_retrying(exc, idempotent)),
            stop=partial(_stop_after_enough, attempts=self.attempts),
            wait=wait_exponential_jitter(initial=1, max=30, exp_base=2, jitter=1),
            sleep=self.sleep,
            before_sleep=_log_retry,
            reraise=True,
        )
        request = (operation, method, path, params, json_body, paging, reader)
        return retrying(self._attempt, *request)

    def _attempt(
        self,
        operation: str,
        method: str,
        path: str,
        params: dict[str, str] | None,
        json_body: Any,
        paging: bool,
        reader: "Reader | None",
    ) -> Any:
        self.limiter.acquire(self.credentials.key, operation)
        token = self._access_token()
        response = self._send(operation, method, path, token, params, json_body)
        if _token_refused(response):
            logger.info("%s %s: access token refused; renewing it once", method, path)
            token = self._access_token(stale=token)
            response = self._send(operation, method, path, token, params, json_body)
        if reader is not None and response.is_success:
            return self._read(response, f"{method} {path}", reader)
        return self._decode(response, method, path, paging=paging)

    def _send(
        self,
        operation: str,
        method: str,
        path: str,
        token: str,
        params: dict[str, str] | None,
        json_body: Any,
    ) -> httpx.Response:
        headers = {
            "x-amz-access-token": token,
            "x-amz-date": datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"),
            "user-agent": settings.AMAZON_USER_AGENT,
            "accept": "application/json",
        }
        url = self.credentials.base_url + path
        return self._request(
            operation, method, url, path, headers=headers, params=params, json=json_body
        )

    def _request(
        self, operation: str, method: str, url: str, path: str, **kwargs: Any
    ) -> httpx.Response:
        self.calls[operation] += 1
        try:
            response = self.http.request(method, url, **kwargs)
        except httpx.TimeoutException as exc:
            sent = not isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout)
            raise TransportError(f"{method} {path}: timed out", request_sent=sent) from None
        except httpx.TransportError as exc:
            sent = not isinstance(exc, httpx.ConnectError)
            reason = self._redact(str(exc)) or type(exc).__name__
            raise TransportError(f"{method} {path}: {reason}", request_sent=sent) from None
        _log_response(method, path, response)
        return response

    # --- Login with Amazon --------------------------------------------------------------------

    def _access_token(self, *, stale: str = "") -> str:
        """A valid access token: the cached one, or a new one when it is missing, old or `stale`."""
        key = self.credentials.key
        with _token_lock(key):
            cached = _tokens.get(key)
            if cached is None or not cached.fresh() or cached.value == stale:
                cached = self._fetch_token()
                _tokens[key] = cached
        redaction.remember(cached.value)
        self._token_in_use = cached.value
        return cached.value

    def _fetch_token(self) -> AccessToken:
        form = {
            "grant_type": "refresh_token",
            "refresh_token": self.credentials.refresh_token,
            "client_id": self.credentials.client_id,
            "client_secret": self.credentials.client_secret,
        }
        url = self.credentials.token_url
        path = urlsplit(url).path or "/"
        headers = {"user-agent": settings.AMAZON_USER_AGENT, "accept": "application/json"}
        response = self._request(TOKEN_OPERATION, "POST", url, path, data=form, headers=headers)
        body = self._decode(response, "POST", path, login=True)
        return _access_token_from(body)

    # --- answers ------------------------------------------------------------------------------

    def _decode(
        self,
        response: httpx.Response,
        method: str,
        path: str,
        *,
        paging: bool = False,
        login: bool = False,
    ) -> dict[str, Any]:
        request_id = response.headers.get("x-amzn-RequestId", "")
        where = f"{method} {path}"
        try:
            body = orjson.loads(response.content)
        except orjson.JSONDecodeError:
            raise self._not_json(response, where, request_id) from None
        if response.is_success:
            if not isinstance(body, dict):
                raise MalformedResponse(
                    f"{where}: the answer is not a JSON object",
                    status=response.status_code,
                    request_id=request_id,
                )
            return body
        raise self._error(response.status_code, body, where, request_id, paging=paging, login=login)

    def _read(self, response: httpx.Response, where: str, reader: "Reader") -> "PageAnswer":
        """A successful answer read by `reader`; one that is not a JSON object fails as in
        `_decode`."""
        answer = reader(response.content)
        if isinstance(answer, PageAnswer):
            return answer
        request_id = response.headers.get("x-amzn-RequestId", "")
        if answer == NOT_JSON:
            raise self._not_json(response, where, request_id)
        raise MalformedResponse(  # NOT_OBJECT
            f"{where}: the answer is not a JSON object",
            status=response.status_code,
            request_id=request_id,
        )

    def _not_json(self, response: httpx.Response, where: str, request_id: str) -> MalformedResponse:
        status = response.status_code
        kind = response.headers.get("content-type", "no content type")
        snippet = self._redact(response.text[:120].strip()) if response.content else "an empty body"
        return MalformedResponse(
            f"{where}: the answer is not JSON ({kind}): {snippet}",
            status=status,
            request_id=request_id,
            permanent=not (response.is_success or status in RETRYABLE_STATUSES),
        )

    def _error(
        self, status: int, body: Any, where: str, request_id: str, *, paging: bool, login: bool
    ) -> AmazonError:
        code, message = _error_text(body)
        message = self._redact(message) or f"{where} failed"
        details: dict[str, Any] = {"status": status, "code": code, "request_id": request_id}
        if status == 429:
            return Throttled(message, **details)
        if status >= 500:
            return ServerError(message, permanent=status not in RETRYABLE_STATUSES, **details)
        if login or status in (401, 403):
            return AuthFailed(message, **details)
        if status == 404:
            return NotFound(message, **details)
        if status == 400:
            flake = paging and code == "InvalidInput"
            return InvalidInput(message, permanent=not flake, **details)
        return AmazonError(message, permanent=True, **details)

    def _redact(self, text: str) -> str:
        """`text` without this client's secrets and any other the process knows, in any form
        (as is, URL-encoded, quoted)."""
        mine = (*self.credentials.secrets(), self._token_in_use)
        return redaction.hide(text, also=mine, mask="[redacted]")


# --- helpers --------------------------------------------------------------------------------


def _worth_retrying(exc: BaseException, idempotent: bool) -> bool:
    if not isinstance(exc, AmazonError) or exc.permanent:
        return False
    if idempotent:
        return True
    never_reached_amazon = isinstance(exc, TransportError) and not exc.request_sent
    return exc.status == 429 or never_reached_amazon


def _stop_after_enough(state: RetryCallState, *, attempts: int = MAX_ATTEMPTS) -> bool:
    exc = state.outcome.exception() if state.outcome else None
    limit = PAGING_FLAKE_ATTEMPTS if isinstance(exc, InvalidInput) else MAX_ATTEMPTS
    return state.attempt_number >= min(limit, attempts)


def _log_retry(state: RetryCallState) -> None:
    exc = state.outcome.exception() if state.outcome else None
    wait = state.next_action.sleep if state.next_action else 0
    logger.warning("Amazon call failed (%s); retry %d in %.1fs", exc, state.attempt_number, wait)


def _log_response(method: str, path: str, response: httpx.Response) -> None:
    level = logging.DEBUG if response.is_success else logging.WARNING
    request_id = response.headers.get("x-amzn-RequestId", "-")
    logger.log(level, "%s %s %s request-id=%s", method, path, response.status_code, request_id)


def _token_refused(response: httpx.Response) -> bool:
    """401, or a 403 that blames the access token (Amazon: 'The access token you provided ...')."""
    if response.status_code == 401:
        return True
    if response.status_code != 403:
        return False
    try:
        code, message = _error_text(response.json())
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False
    return "token" in f"{code} {message}".lower()


def _error_text(body: Any) -> tuple[str, str]:
    """(code, message) from SP-API `{"errors": [...]}` or LWA `{"error", "error_description"}`."""
    if not isinstance(body, dict):
        return "", ""
    errors = body.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        texts = [_one_error(error) for error in errors if isinstance(error, dict)]
        return str(errors[0].get("code") or ""), "; ".join(t for t in texts if t)
    code = body.get("error")
    if isinstance(code, str):
        return code, str(body.get("error_description") or code)
    return "", ""


def _one_error(error: dict[str, Any]) -> str:
    message, details = str(error.get("message") or ""), str(error.get("details") or "")
    return f"{message} ({details})" if message and details else message or details


def _access_token_from(body: dict[str, Any]) -> AccessToken:
    value, lifetime = body.get("access_token"), body.get("expires_in")
    if not isinstance(value, str) or not value or not isinstance(lifetime, int | float):
        raise MalformedResponse("Login with Amazon answered without access_token/expires_in")
    redaction.remember(value)
    return AccessToken(value=value, expires_at=time.time() + float(lifetime))


# --- reading getPurchaseOrders answers -------------------------------------------------------

NOT_JSON = "not-json"
NOT_OBJECT = "not-an-object"


@dataclass
class PageAnswer:
    """A getPurchaseOrders answer, read: its POs as order data, the rejected ones, the next token,
    or the problem that makes the whole answer unusable."""

    purchase_orders: list[dto.PurchaseOrder | dto.CompactPurchaseOrder] = field(
        default_factory=list
    )
    rejected: list[dto.RejectedPurchaseOrder] = field(default_factory=list)
    next_token: str | None = None
    problem: str = ""


Reader = Callable[[bytes], "PageAnswer | str"]


def read_page_answer(content: bytes) -> PageAnswer | str:
    """Decode and read one getPurchaseOrders answer; NOT_JSON / NOT_OBJECT when it is neither."""
    try:
        body = orjson.loads(content)
    except orjson.JSONDecodeError:
        return NOT_JSON
    if not isinstance(body, dict):
        return NOT_OBJECT
    try:
        payload = _payload_object(body, "getPurchaseOrders")
        orders = _list_field(payload, "orders", "getPurchaseOrders")
    except MalformedResponse as exc:
        return PageAnswer(problem=str(exc))
    answer = PageAnswer(next_token=_next_token(payload))
    for raw in orders:
        read = mapping.read_purchase_order(raw)
        if isinstance(read, dto.RejectedPurchaseOrder):
            answer.rejected.append(read)
        else:
            answer.purchase_orders.append(read)
    return answer


def read_compact_page_answer(content: bytes) -> PageAnswer | str:
    """`read_page_answer` with the POs as `dto.CompactPurchaseOrder`s, cheap to hand back from a
    worker process."""
    answer = read_page_answer(content)
    if isinstance(answer, PageAnswer):
        answer.purchase_orders = [_compact(po) for po in answer.purchase_orders]
    return answer


def _compact(po: dto.PurchaseOrder | dto.CompactPurchaseOrder) -> dto.CompactPurchaseOrder:
    return po if isinstance(po, dto.CompactPurchaseOrder) else dto.CompactPurchaseOrder.of(po)


class _PageReader:
    """Reads answers in a worker process (decoding, validating and mapping are CPU work that
    would otherwise share one core with the import's database writes). Only the answer's bytes go
    to the worker and only the read page comes back; if the worker dies, answers are read here."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def __call__(self, content: bytes) -> PageAnswer | str:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=_worker_context())
        try:
            return self._pool.submit(read_compact_page_answer, content).result()
        except BrokenProcessPool:
            logger.warning("The page reader process stopped; reading pages in-process")
            return read_page_answer(content)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


def _worker_context() -> Any:
    """A fresh process from a fork server: never a fork of this (threaded) worker process,
    whose locks another thread may hold at the moment of the fork."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _read_ahead(pages: Iterator[Page]) -> Iterator[Page]:
    """`pages`, each next one fetched in a worker thread while the caller holds the current one;
    an error is raised where the page that failed would have been."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="amazon-read-ahead") as worker:
        coming = worker.submit(next, pages, None)
        while (page := coming.result()) is not None:
            coming = worker.submit(next, pages, None)
            yield page


def _payload_object(body: dict[str, Any], operation: str) -> dict[str, Any]:
    payload = body.get("payload")
    if not isinstance(payload, dict):
        raise MalformedResponse(f"{operation}: the answer has no payload object")
    return payload


def _transaction_id(body: dict[str, Any], operation: str) -> str:
    """The transactionId of a 202 answer (`TransactionReference`), or MalformedResponse."""
    try:
        answer = schemas.SubmitShipmentConfirmationsResponse.model_validate(body)
    except ValidationError as exc:
        raise _unexpected_shape(operation, exc) from None
    transaction_id = answer.payload.transaction_id if answer.payload else None
    if answer.payload is None:
        raise MalformedResponse(f"{operation}: the answer has no payload object")
    if not transaction_id:
        raise MalformedResponse(f"{operation}: the answer has no transactionId")
    return transaction_id


def _list_field(payload: dict[str, Any], name: str, operation: str) -> list[Any]:
    value = payload.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise MalformedResponse(f"{operation}: payload.{name} is not a list")
    return value


def _next_token(payload: dict[str, Any]) -> str | None:
    pagination = payload.get("pagination")
    token = pagination.get("nextToken") if isinstance(pagination, dict) else None
    return token if isinstance(token, str) and token else None


def _statuses(body: dict[str, Any]) -> tuple[list[schemas.OrderStatus], list[str]]:
    """The page's statuses that fit the model, and a message for each one that does not."""
    payload = _payload_object(body, "getPurchaseOrdersStatus")
    statuses, unreadable = [], []
    for index, raw in enumerate(_list_field(payload, "ordersStatus", "getPurchaseOrdersStatus")):
        try:
            statuses.append(schemas.OrderStatus.model_validate(raw))
        except ValidationError as exc:
            number = raw.get("purchaseOrderNumber") if isinstance(raw, dict) else None
            where = f"getPurchaseOrdersStatus ordersStatus.{index}"
            if isinstance(number, str) and number:
                where += f" (PO {number})"
            unreadable.append(f"{where}: {mapping.describe_validation_error(exc)}")
    return statuses, unreadable


def _unexpected_shape(where: str, exc: ValidationError) -> MalformedResponse:
    return MalformedResponse(f"{where}: {mapping.describe_validation_error(exc)}")
