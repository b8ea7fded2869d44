"""Pure functions between Amazon's payloads (schemas) and the order data (orders.dto).

A page of POs is read through `read_purchase_order`, which validates each PO against
`PO_PAYLOAD`: the same fields, types and rules as `schemas.Order`, as TypedDicts keyed by Amazon's
names (built from the models, so they cannot drift apart). Validating into plain dicts is several
times faster than building the models. A PO the mirror refuses is validated again by the models,
so a rejection names its fields exactly as before.
"""

import types
from functools import cache
from typing import Annotated, Any, NotRequired, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError
from typing_extensions import TypedDict

from vendorflow.integrations.amazon import schemas
from vendorflow.orders import dto


class MappingError(ValueError):
    """A parsed PO that still lacks what an order needs; `field` is the Amazon path."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(f"{field}: {message}")


# --- the payload mirror of schemas.Order ----------------------------------------------------


def _mirror(annotation: Any) -> Any:
    """`annotation` with every model in it replaced by its TypedDict mirror."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _payload_dict(annotation)
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return Annotated[(_mirror(args[0]), *annotation.__metadata__)]
    if origin in (Union, types.UnionType):
        return Union[tuple(_mirror(arg) for arg in args)]  # noqa: UP007 - built at run time
    if origin is list:
        # mypy reads `list[...]` as a static type; this one is built at run time.
        return list[_mirror(args[0])]  # type: ignore[misc]
    return annotation


@cache
def _payload_dict(model: type[BaseModel]) -> Any:
    """A TypedDict that accepts exactly the payloads `model` accepts under their Amazon names."""
    decorators = model.__pydantic_decorators__
    validators = ("validators", "field_validators", "root_validators", "model_validators")
    if any(getattr(decorators, kind) for kind in validators) or model.model_config.get("strict"):
        raise TypeError(f"{model.__name__} has validators the payload mirror does not copy")
    fields = {}
    for name, info in model.model_fields.items():
        annotation = _mirror(info.rebuild_annotation())
        if not info.is_required():
            if info.default is not None:
                raise TypeError(f"{model.__name__}.{name}: the mirror reads absent fields as None")
            annotation = NotRequired[annotation]
        fields[info.alias or name] = annotation
    # mypy wants a TypedDict's fields written out; these are known only at run time.
    return TypedDict(f"{model.__name__}Payload", fields)  # type: ignore[operator]


PO_PAYLOAD = TypeAdapter(_payload_dict(schemas.Order))


# --- PO payload -> order data ---------------------------------------------------------------


def read_purchase_order(raw: Any) -> dto.PurchaseOrder | dto.RejectedPurchaseOrder:
    """One PO from a page as order data, or a rejection naming every bad field."""
    if isinstance(raw, dict):
        try:
            return _to_dto(PO_PAYLOAD.validate_python(raw), raw)
        except (ValidationError, MappingError):
            pass  # the models say what exactly is wrong
    parsed = parse_purchase_order(raw)
    if isinstance(parsed, dto.RejectedPurchaseOrder):
        return parsed
    return purchase_order_to_dto(parsed)


def parse_purchase_order(raw: Any) -> schemas.Order | dto.RejectedPurchaseOrder:
    """Validate one PO from a page: the parsed order, or a rejection naming every bad field."""
    po_number = raw.get("purchaseOrderNumber") if isinstance(raw, dict) else None
    po_number = po_number if isinstance(po_number, str) else ""
    if not isinstance(raw, dict):
        return dto.RejectedPurchaseOrder(po_number, "(root): a purchase order must be an object")
    try:
        order = schemas.Order.from_amazon(raw)
        purchase_order_to_dto(order)
    except ValidationError as exc:
        return dto.RejectedPurchaseOrder(po_number, describe_validation_error(exc), raw)
    except MappingError as exc:
        return dto.RejectedPurchaseOrder(po_number, str(exc), raw)
    return order


def purchase_order_to_dto(order: schemas.Order) -> dto.PurchaseOrder:
    return _to_dto(order.model_dump(by_alias=True), order.as_received())


def _to_dto(po: dict[str, Any], raw: dict[str, Any]) -> dto.PurchaseOrder:
    """Order data from a validated PO (Amazon's names; values as the models hold them)."""
    details = _details(po.get("orderDetails"))
    return dto.PurchaseOrder(
        po_number=po["purchaseOrderNumber"],
        # Amazon's sandbox leaves the state out of open POs; a PO without one is treated as New.
        state=str(po.get("purchaseOrderState") or schemas.PurchaseOrderState.NEW),
        po_type=str(details.get("purchaseOrderType") or ""),
        payment_method=str(details.get("paymentMethod") or ""),
        po_date=details["purchaseOrderDate"],
        changed_date=details.get("purchaseOrderChangedDate"),
        state_changed_date=details.get("purchaseOrderStateChangedDate"),
        ship_window=_window(details.get("shipWindow")),
        delivery_window=_window(details.get("deliveryWindow")),
        selling_party_id=_party_id(details, "sellingParty", required=True),
        buying_party_id=_party_id(details, "buyingParty"),
        ship_to_party_id=_party_id(details, "shipToParty", required=True),
        bill_to_party_id=_party_id(details, "billToParty"),
        lines=tuple(_line(item, index) for index, item in enumerate(details["items"])),
        raw=raw,
    )


def _details(details: dict[str, Any] | None) -> dict[str, Any]:
    if details is None:
        raise MappingError("orderDetails", "Field required (request POs with includeDetails=true)")
    if not details["items"]:
        raise MappingError("orderDetails.items", "a purchase order needs at least one item")
    return details


def _party_id(details: dict[str, Any], name: str, *, required: bool = False) -> str:
    party = details.get(name)
    if party is None or not party["partyId"].strip():
        if required:
            raise MappingError(f"orderDetails.{name}", "Field required")
        return ""
    return party["partyId"].strip()


def _window(window: tuple | None) -> tuple | None:
    return (window[0], window[1]) if window is not None else None


_EACHES = schemas.UnitOfMeasure.EACHES
_UNIT_TEXT = {unit: unit.value for unit in schemas.UnitOfMeasure}


def _line(item: dict[str, Any], index: int) -> dto.PurchaseOrderLine:
    quantity = item["orderedQuantity"]
    unit = quantity.get("unitOfMeasure") or _EACHES
    unit_size = 1 if unit == _EACHES else (quantity.get("unitSize") or 1)
    if unit_size < 1:
        path = f"orderDetails.items.{index}.orderedQuantity.unitSize"
        raise MappingError(path, f"must be at least 1, got {quantity.get('unitSize')}")
    net_cost, list_price = item.get("netCost"), item.get("listPrice")
    return dto.PurchaseOrderLine(
        item_sequence_number=item["itemSequenceNumber"],
        asin=item.get("amazonProductIdentifier") or "",
        vendor_product_id=item.get("vendorProductIdentifier") or "",
        ordered_quantity=quantity["amount"],
        unit_of_measure=_UNIT_TEXT[unit],
        unit_size=unit_size,
        is_back_order_allowed=item["isBackOrderAllowed"],
        net_cost=net_cost.get("amount") if net_cost else None,
        currency=(
            (net_cost and net_cost.get("currencyCode"))
            or (list_price and list_price.get("currencyCode"))
            or ""
        ),
        list_price=list_price.get("amount") if list_price else None,
    )


# --- validation messages --------------------------------------------------------------------


def describe_validation_error(exc: ValidationError) -> str:
    """'orderDetails.items.0.orderedQuantity.amount: Input should be ... (got -3)'; '; '-joined."""
    return "; ".join(_describe(error) for error in exc.errors(include_url=False))


def _describe(error: Any) -> str:
    where = ".".join(str(part) for part in error["loc"]) or "(root)"
    message = error["msg"].removeprefix("Value error, ")
    value = error.get("input")
    if error["type"] != "missing" and isinstance(value, str | int | float | bool):
        message += f" (got {value!r})"
    return f"{where}: {message}"
