"""Errors of the Amazon SP-API edge.

Every failure the client can meet is an `AmazonError`. `permanent` tells the caller what to do:
a transient error is worth trying again later (the client has already retried it a few times),
a permanent one needs a person (fix the credentials, the data or the request).

Messages carry Amazon's code, message and request id; they never contain a secret, because the
client redacts its credentials and tokens from every text it puts into an error.
"""


class AmazonError(Exception):
    """A call to Amazon (or to Login with Amazon) that did not give a usable answer."""

    default_permanent = True

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str = "",
        request_id: str = "",
        permanent: bool | None = None,
    ):
        self.message = message
        self.status = status
        self.code = code
        self.request_id = request_id
        self.permanent = self.default_permanent if permanent is None else permanent
        super().__init__(self.__str__())

    def __str__(self) -> str:
        parts = [str(self.status)] if self.status is not None else []
        if self.code:
            parts.append(self.code)
        text = " ".join(parts + [self.message]) if parts else self.message
        if self.request_id:
            text += f" (request id {self.request_id})"
        return text

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.__str__()!r}, permanent={self.permanent})"


class Throttled(AmazonError):
    """429 QuotaExceeded: the rate limit of the operation was hit."""

    default_permanent = False


class AuthFailed(AmazonError):
    """Login with Amazon refused the credentials, or SP-API answered 401/403."""


class NotFound(AmazonError):
    """404: the purchase order or transaction does not exist (for these credentials)."""


class InvalidInput(AmazonError):
    """400: Amazon refused the request. Transient only for the known mid-pagination flake."""


class ServerError(AmazonError):
    """5xx from Amazon."""

    default_permanent = False


class TransportError(AmazonError):
    """No HTTP answer: timeout, refused or dropped connection.

    `request_sent` is False when the connection was never established, so the request cannot have
    reached Amazon; when True, Amazon may have received and processed it.
    """

    default_permanent = False

    def __init__(self, message: str, *, request_sent: bool = True, **kwargs):
        self.request_sent = request_sent
        super().__init__(message, **kwargs)


class MalformedResponse(AmazonError):
    """A body that is not JSON or does not have the documented shape. Never an empty result."""


class InvalidPayload(AmazonError):
    """A request that breaks the official model, refused before sending: nothing reached Amazon.

    `problems` lists every way it breaks the model ('path: message').
    """

    def __init__(self, message: str, *, problems: list[str], **kwargs):
        self.problems = problems
        super().__init__(message, **kwargs)
