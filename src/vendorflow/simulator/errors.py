"""Errors the simulator answers with, in Amazon's shape `{"errors": [{code, message, details}]}`."""


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, details: str = ""):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details

    def body(self) -> dict:
        return {"errors": [{"code": self.code, "message": self.message, "details": self.details}]}


class DroppedConnection(ConnectionAbortedError):
    """Raised by the app to close the socket without writing any response."""


def invalid_input(message: str, details: str = "") -> ApiError:
    return ApiError(400, "InvalidInput", message, details)


def not_found(what: str) -> ApiError:
    return ApiError(
        404, "NotFound", f"{what} was not found.", "The resource specified does not exist."
    )


def unauthorized(details: str) -> ApiError:
    return ApiError(403, "Unauthorized", "Access to requested resource is denied.", details)


def quota_exceeded() -> ApiError:
    return ApiError(429, "QuotaExceeded", "You exceeded your quota for the requested resource.")
