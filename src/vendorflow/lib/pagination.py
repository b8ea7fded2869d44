"""API list pagination with bounds: an absurd limit, offset or page is a 422 naming the
parameter, not a database error (an offset past 2**63 overflows the query)."""

from ninja import Field, Schema, pagination

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class PageNumberPagination(pagination.PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_OFFSET // MAX_LIMIT)
        page_size: int | None = Field(None, ge=1, le=MAX_LIMIT)
