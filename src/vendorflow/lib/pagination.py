"""API list pagination with bounds: an absurd limit, offset or page is a 422 naming the
parameter, not a database error (an offset past 2**63 overflows the query).

Every list pages the same way: `limit` and `offset`, answered with `{count, items}`.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema, pagination

from vendorflow.lib import deprecation

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


class LimitOffsetOrPagePagination(LimitOffsetPagination):
    """`limit` and `offset`; the catalog's old `page` and `page_size` still work for one release,
    answered with a Deprecation header."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
        page: int | None = Field(
            None, ge=1, le=MAX_OFFSET // MAX_LIMIT, description="deprecated: use limit and offset"
        )
        page_size: int | None = Field(
            None, ge=1, le=MAX_LIMIT, description="deprecated: use limit and offset"
        )

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        if pagination.page is None and pagination.page_size is None:
            return super().paginate_queryset(queryset, pagination, request, **params)
        size = pagination.page_size or pagination.limit
        offset = ((pagination.page or 1) - 1) * size
        deprecation.mark(request, f"{request.path}?limit={size}&offset={offset}")
        return {
            self.items_attribute: queryset[offset : offset + size],
            "count": self._items_count(queryset),
        }
