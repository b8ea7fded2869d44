"""Boxes and shipments over the API, as on the pack and shipment pages: a PO's boxes (open,
close, reopen, discard, pack, unpack, move), shipments of acknowledged POs to one FC (create,
edit, add and remove POs, ready, ship, cancel), the shipment's ASN, and the GS1 settings.

Four routers, mounted in vendorflow/api.py at /orders (a PO's boxes), /boxes, /shipments and
/settings. Every handler checks the role, scopes to the caller's organization and calls one
service; the services write the audit log.
"""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from vendorflow.accounts.api_auth import member_of
from vendorflow.accounts.choices import Role
from vendorflow.lib.pagination import MAX_LIMIT, MAX_OFFSET
from vendorflow.orders.models import Order, OrderLine
from vendorflow.shipping import asn, cartons, packing, services, shipments
from vendorflow.shipping.choices import ShipmentState, ShipmentType
from vendorflow.shipping.models import Asn, Box, Shipment

order_boxes_router = Router(tags=["boxes"])
boxes_router = Router(tags=["boxes"])
shipments_router = Router(tags=["shipments"])
settings_router = Router(tags=["settings"])

PACKER, SHIPPER, READER = Role.OPERATOR, Role.MANAGER, Role.VIEWER


# -- schemas ---------------------------------------------------------------------------------------


class Page(Schema):
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class BoxItemOut(Schema):
    line_id: int
    item_sequence_number: str
    sku: str | None
    quantity_eaches: int


class BoxOut(Schema):
    id: int
    order_id: int
    number: int
    state: str
    carton_id: str
    carton_id_type: str
    weight_kg: Decimal | None
    length_cm: Decimal | None
    width_cm: Decimal | None
    height_cm: Decimal | None
    closed_at: datetime | None
    closed_by: str | None
    items: list[BoxItemOut]


class BoxPage(Schema):
    count: int
    items: list[BoxOut]


class RefusedOut(Schema):
    code: str = Field(description="`pack_full`, `not_acknowledged`, `unknown_code`, …")
    message: str


class MeasuresIn(Schema):
    weight_kg: Decimal | None = Field(None, gt=0, max_digits=8, decimal_places=3)
    length_cm: Decimal | None = Field(None, gt=0, max_digits=7, decimal_places=1)
    width_cm: Decimal | None = Field(None, gt=0, max_digits=7, decimal_places=1)
    height_cm: Decimal | None = Field(None, gt=0, max_digits=7, decimal_places=1)


class ReasonIn(Schema):
    reason: str = Field(..., max_length=200)


class PackIn(Schema):
    barcode: str = Field("", max_length=64, description="a code of the product; or send line_id")
    quantity: int | None = Field(None, ge=1, le=100_000, description="reads of `barcode`")
    line_id: int | None = None
    quantity_eaches: int | None = Field(None, ge=1, le=1_000_000, description="with line_id")


class UnpackQuery(Schema):
    quantity_eaches: int | None = Field(None, ge=1, le=1_000_000, description="required")


class MoveIn(Schema):
    target_box_id: int
    line_id: int
    quantity_eaches: int = Field(..., ge=1, le=1_000_000)


class DetailsPatch(Schema):
    shipment_type: ShipmentType | None = None
    appointment_id: str | None = Field(None, max_length=40)
    appointment_at: datetime | None = None
    carrier: str | None = Field(None, max_length=80)
    carrier_scac: str | None = Field(None, max_length=8)
    tracking_number: str | None = Field(None, max_length=60)
    ship_date: date | None = None
    estimated_delivery_at: datetime | None = None


class ShipmentIn(DetailsPatch):
    order_ids: list[int] = Field(..., min_length=1, max_length=100)


class OrderIdsIn(Schema):
    order_ids: list[int] = Field(..., min_length=1, max_length=100)


class ShipIn(Schema):
    short_note: str = Field("", max_length=2000)


class ShipmentFilters(Page):
    state: ShipmentState | None = None
    fc: str = Field("", max_length=20, description="shipments to this Amazon FC")


class ShippableQuery(Page):
    fc: str = Field("", max_length=20)


class ShipmentOut(Schema):
    id: int
    reference: str
    state: str
    state_label: str
    ship_to_code: str
    channel_id: int
    shipment_type: str
    appointment_id: str
    appointment_at: datetime | None
    carrier: str
    carrier_scac: str
    tracking_number: str
    ship_date: date | None
    estimated_delivery_at: datetime | None
    short_shipped_eaches: int
    short_shipped_note: str
    shipped_at: datetime | None
    created_at: datetime


class ShipmentPage(Schema):
    count: int
    items: list[ShipmentOut]


class LinePackingOut(Schema):
    line_id: int
    item_sequence_number: str
    sku: str | None
    accepted: int
    packed: int
    closed: int
    short: int


class OrderPackingOut(Schema):
    order_id: int
    po_number: str
    accepted: int
    closed: int
    short: int
    lines: list[LinePackingOut]


class AsnOut(Schema):
    state: str
    confirmation_type: str
    revision: int
    transaction_id: str
    errors: list
    submitted_at: datetime | None
    confirmed_at: datetime | None


class ShipmentDetail(ShipmentOut):
    orders: list[OrderPackingOut]
    boxes: list[BoxOut]
    asn: AsnOut | None


class ShippableOrderOut(Schema):
    id: int
    po_number: str
    ship_to_code: str
    channel_id: int
    po_date: datetime
    accepted_eaches: int = Field(..., alias="fill_accepted")


class ShippablePage(Schema):
    count: int
    items: list[ShippableOrderOut]


class SettingsOut(Schema):
    gs1_company_prefix: str
    sscc_extension_digit: int
    carton_id_type: str = Field(description="what new boxes get: SSCC with a prefix, else CID")


class SettingsPatch(Schema):
    gs1_company_prefix: str | None = Field(None, max_length=12, description="7-10 digits, or ''")
    sscc_extension_digit: int | None = None


# -- boxes -----------------------------------------------------------------------------------------


@order_boxes_router.get("/{int:order_id}/boxes", response=BoxPage)
def list_boxes(request, order_id: int, page: Query[Page]):
    """The PO's boxes by number, with what each holds."""
    order = _order(request, order_id, READER)
    boxes = _boxes().filter(order=order)
    chosen = boxes[page.offset : page.offset + page.limit]
    return {"count": boxes.count(), "items": [_box_data(box) for box in chosen]}


@order_boxes_router.post("/{int:order_id}/boxes", response={201: BoxOut})
def open_box(request, order_id: int):
    """Another box for the PO, with a new carton id (SSCC or CID)."""
    order = _order(request, order_id, PACKER)
    box = packing.new_box(order=order, user=request.user)
    return Status(201, _box_out(box.pk))


@boxes_router.post("/{int:box_id}/close", response=BoxOut)
def close_box(request, box_id: int, body: MeasuresIn):
    """Close the box with what is in it; weight (kg) and dimensions (cm) are optional."""
    box = _box(request, box_id, PACKER)
    packing.close_box(box=box, user=request.user, measures=packing.Measures(**body.dict()))
    return _box_out(box.pk)


@boxes_router.post("/{int:box_id}/reopen", response=BoxOut)
def reopen_box(request, box_id: int, body: ReasonIn):
    """Open a closed box again, saying why (the audit log keeps the reason)."""
    box = _box(request, box_id, PACKER)
    packing.reopen_box(box=box, user=request.user, reason=body.reason)
    return _box_out(box.pk)


@boxes_router.delete("/{int:box_id}", response={204: None})
def discard_box(request, box_id: int):
    """Remove an empty open box; its carton id is never handed out again."""
    packing.discard_box(box=_box(request, box_id, PACKER), user=request.user)
    return Status(204, None)


@boxes_router.post("/{int:box_id}/items", response={201: BoxOut, 422: RefusedOut})
def pack(request, box_id: int, body: PackIn):
    """Pack an acknowledged PO's accepted units: by `barcode` (× `quantity`), or by `line_id` and
    `quantity_eaches`. A refusal (more than accepted, an unknown code) is a 422 with its `code`."""
    box = _box(request, box_id, PACKER)
    try:
        if body.line_id is not None:
            line = _line(box, body.line_id, "line_id")
            eaches = body.quantity_eaches or 0  # the service refuses less than 1, by field
            packing.pack(box=box, line=line, eaches=eaches, user=request.user)
        elif body.barcode.strip():
            packing.pack_code_into(
                box=box, code=body.barcode, quantity=body.quantity, user=request.user
            )
        else:
            raise ValidationError({"barcode": "Send a barcode, or a line_id and quantity_eaches."})
    except packing.PackRefused as refused:
        return Status(422, {"code": refused.code, "message": refused.message})
    return Status(201, _box_out(box.pk))


@boxes_router.delete("/{int:box_id}/items/{int:line_id}", response=BoxOut)
def unpack(request, box_id: int, line_id: int, query: Query[UnpackQuery]):
    """Take `quantity_eaches` of a line out of an open box of an acknowledged PO."""
    box = _box(request, box_id, PACKER)
    line = _line(box, line_id, "line_id")
    if query.quantity_eaches is None:
        raise ValidationError({"quantity_eaches": "Say how many eaches to take out."})
    packing.unpack(box=box, line=line, eaches=query.quantity_eaches, user=request.user)
    return _box_out(box.pk)


@boxes_router.post("/{int:box_id}/moves", response=BoxOut)
def move(request, box_id: int, body: MoveIn):
    """Move eaches of a line from this open box to another open box of the same PO; answers the
    box they came from."""
    box = _box(request, box_id, PACKER)
    target = Box.objects.filter(pk=body.target_box_id, organization_id=box.organization_id).first()
    if target is None:
        raise ValidationError({"target_box_id": f"No box {body.target_box_id}."})
    line = _line(box, body.line_id, "line_id")
    packing.move(
        source=box, target=target, line=line, eaches=body.quantity_eaches, user=request.user
    )
    return _box_out(box.pk)


# -- shipments -------------------------------------------------------------------------------------


@shipments_router.get("", response=ShipmentPage)
def list_shipments(request, filters: Query[ShipmentFilters]):
    """Shipments, newest first; filter by `state` and `fc`."""
    member = member_of(request, READER)
    found = Shipment.objects.filter(organization=member.organization)
    if filters.state:
        found = found.filter(state=filters.state)
    if filters.fc:
        found = found.filter(ship_to_code=filters.fc.strip().upper())
    found = found.order_by("-created_at", "-id")
    page = found[filters.offset : filters.offset + filters.limit]
    return {"count": found.count(), "items": [_shipment_out(s) for s in page]}


@shipments_router.get("/shippable-orders", response=ShippablePage)
def shippable_orders(request, query: Query[ShippableQuery]):
    """Acknowledged POs with something accepted and no shipment yet, by FC."""
    member = member_of(request, READER)
    found = shipments.shippable_orders(
        member.organization, ship_to_code=query.fc.strip().upper()
    ).defer("raw_payload")
    page = found[query.offset : query.offset + query.limit]
    return {"count": found.count(), "items": list(page)}


@shipments_router.post("", response={201: ShipmentDetail})
def create_shipment(request, body: ShipmentIn):
    """A draft shipment of acknowledged POs to one FC, with its details."""
    member = member_of(request, SHIPPER)
    shipment = shipments.create_shipment(
        organization=member.organization,
        order_ids=body.order_ids,
        user=request.user,
        details=shipments.Details(**_details(body.dict(exclude={"order_ids"}, exclude_unset=True))),
    )
    return Status(201, _detail(shipment.pk))


@shipments_router.get("/{int:shipment_id}", response=ShipmentDetail)
def get_shipment(request, shipment_id: int):
    """The shipment: details, each PO's packing per line, the boxes and the ASN."""
    return _detail(_shipment(request, shipment_id, READER).pk)


@shipments_router.patch("/{int:shipment_id}", response=ShipmentDetail)
def update_shipment(request, shipment_id: int, body: DetailsPatch):
    """Change the details sent; the others stay."""
    shipment = _shipment(request, shipment_id, SHIPPER)
    current = {name: getattr(shipment, name) for name in shipments.DETAIL_FIELDS}
    values = {**current, **_details(body.dict(exclude_unset=True))}
    shipments.update_details(
        shipment=shipment, user=request.user, details=shipments.Details(**values)
    )
    return _detail(shipment.pk)


@shipments_router.post("/{int:shipment_id}/orders", response=ShipmentDetail)
def add_orders(request, shipment_id: int, body: OrderIdsIn):
    shipment = _shipment(request, shipment_id, SHIPPER)
    shipments.add_orders(shipment=shipment, order_ids=body.order_ids, user=request.user)
    return _detail(shipment.pk)


@shipments_router.delete("/{int:shipment_id}/orders/{int:order_id}", response=ShipmentDetail)
def remove_order(request, shipment_id: int, order_id: int):
    shipment = _shipment(request, shipment_id, SHIPPER)
    order = get_object_or_404(Order, pk=order_id, organization_id=shipment.organization_id)
    shipments.remove_order(shipment=shipment, order_id=order.pk, user=request.user)
    return _detail(shipment.pk)


@shipments_router.post("/{int:shipment_id}/ready", response=ShipmentDetail)
def mark_ready(request, shipment_id: int):
    """Packing is done: every box with units in it is closed."""
    shipment = _shipment(request, shipment_id, SHIPPER)
    shipments.mark_ready(shipment=shipment, user=request.user)
    return _detail(shipment.pk)


@shipments_router.post("/{int:shipment_id}/ship", response=ShipmentDetail)
def mark_shipped(request, shipment_id: int, body: ShipIn):
    """The truck has left. Accepted units not in a closed box need a `short_note`. Queues the ASN
    when the channel sends ASNs."""
    shipment = _shipment(request, shipment_id, SHIPPER)
    shipments.mark_shipped(shipment=shipment, user=request.user, short_note=body.short_note)
    return _detail(shipment.pk)


@shipments_router.post("/{int:shipment_id}/asn", response={202: AsnOut})
def send_asn(request, shipment_id: int):
    """Queue the ASN of a shipped shipment whose channel did not send it on its own."""
    shipment = _shipment(request, shipment_id, SHIPPER)
    row = asn.send_now(shipment=shipment, user=request.user)
    return Status(202, row)


@shipments_router.post("/{int:shipment_id}/asn/replace", response={202: AsnOut})
def replace_asn(request, shipment_id: int):
    """After Amazon refused the ASN: send it again, corrected, as a `Replace`."""
    shipment = _shipment(request, shipment_id, SHIPPER)
    if not Asn.objects.filter(shipment=shipment).exists():
        raise ValidationError({"__all__": f"Shipment {shipment.reference} has no ASN to replace."})
    return Status(202, asn.replace(shipment=shipment, user=request.user))


@shipments_router.delete("/{int:shipment_id}", response={204: None})
def cancel_shipment(request, shipment_id: int):
    """Drop a draft or ready shipment; its POs and boxes stay as they are."""
    shipment = _shipment(request, shipment_id, SHIPPER)
    shipments.cancel_shipment(shipment=shipment, user=request.user)
    return Status(204, None)


# -- settings --------------------------------------------------------------------------------------


@settings_router.get("/shipping", response=SettingsOut)
def get_settings(request):
    """The organization's GS1 company prefix and SSCC extension digit."""
    member = member_of(request, Role.ADMIN)
    return _settings_out(cartons.settings_for(member.organization_id))


@settings_router.patch("/shipping", response=SettingsOut)
def update_settings(request, body: SettingsPatch):
    """Set the GS1 company prefix (7-10 digits; "" for CIDs) and the SSCC extension digit."""
    member = member_of(request, Role.ADMIN)
    current = cartons.settings_for(member.organization_id)
    values = {
        "gs1_company_prefix": current.gs1_company_prefix,
        "sscc_extension_digit": current.sscc_extension_digit,
        **body.dict(exclude_unset=True),
    }
    options = services.update_settings(
        organization=member.organization,
        user=request.user,
        gs1_company_prefix=values["gs1_company_prefix"] or "",
        sscc_extension_digit=values["sscc_extension_digit"],
    )
    return _settings_out(options)


# -- helpers ---------------------------------------------------------------------------------------


def _order(request, order_id: int, role: str) -> Order:
    member = member_of(request, role)
    return get_object_or_404(Order, pk=order_id, organization=member.organization)


def _box(request, box_id: int, role: str) -> Box:
    member = member_of(request, role)
    return get_object_or_404(Box, pk=box_id, organization=member.organization)


def _line(box: Box, line_id: int, field: str) -> OrderLine:
    line = OrderLine.objects.filter(pk=line_id, order_id=box.order_id).first()
    if line is None:
        raise ValidationError({field: f"Box {box.number}'s PO has no line {line_id}."})
    return line


def _shipment(request, shipment_id: int, role: str) -> Shipment:
    member = member_of(request, role)
    return get_object_or_404(Shipment, pk=shipment_id, organization=member.organization)


def _details(sent: dict) -> dict:
    """The sent detail fields, nulls for text fields read as empty."""
    text = {"appointment_id", "carrier", "carrier_scac", "tracking_number"}
    values = {
        name: ("" if value is None and name in text else value) for name, value in sent.items()
    }
    if values.get("shipment_type", "") is None:
        raise ValidationError({"shipment_type": "Choose small parcel, LTL or truck load."})
    return {name: str(v) if name == "shipment_type" else v for name, v in values.items()}


def _boxes():
    return (
        Box.objects.select_related("closed_by")
        .prefetch_related("items__line__product")
        .order_by("order_id", "number")
    )


def _box_out(box_id: int) -> dict:
    return _box_data(_boxes().get(pk=box_id))


def _box_data(box: Box) -> dict:
    return {
        "id": box.pk,
        "order_id": box.order_id,
        "number": box.number,
        "state": box.state,
        "carton_id": box.carton_id,
        "carton_id_type": box.carton_id_type,
        "weight_kg": box.weight_kg,
        "length_cm": box.length_cm,
        "width_cm": box.width_cm,
        "height_cm": box.height_cm,
        "closed_at": box.closed_at,
        "closed_by": box.closed_by.username if box.closed_by else None,
        "items": [
            {
                "line_id": item.line_id,
                "item_sequence_number": item.line.item_sequence_number,
                "sku": item.line.product.sku if item.line.product else None,
                "quantity_eaches": item.quantity_eaches,
            }
            for item in sorted(box.items.all(), key=lambda i: int(i.line.item_sequence_number))
        ],
    }


def _detail(shipment_id: int) -> dict:
    shipment = Shipment.objects.select_related("channel").get(pk=shipment_id)
    data = _shipment_out(shipment)
    boxes = Box.objects.filter(order__shipment_member__shipment=shipment)
    row = Asn.objects.filter(shipment=shipment).first()
    data["orders"] = [_packing_out(p) for p in shipments.shipment_packing(shipment)]
    data["boxes"] = [_box_data(box) for box in _boxes().filter(pk__in=boxes.values("pk"))]
    data["asn"] = row
    return data


def _shipment_out(shipment: Shipment) -> dict:
    names = [name for name in ShipmentOut.model_fields if name != "state_label"]
    data = {name: getattr(shipment, name) for name in names}
    return {**data, "state_label": shipment.get_state_display()}


def _packing_out(p: shipments.OrderPacking) -> dict:
    return {
        "order_id": p.order.pk,
        "po_number": p.order.po_number,
        "accepted": p.accepted,
        "closed": p.closed,
        "short": p.short,
        "lines": [
            {
                "line_id": lp.line.pk,
                "item_sequence_number": lp.line.item_sequence_number,
                "sku": lp.line.product.sku if lp.line.product else None,
                "accepted": lp.accepted,
                "packed": lp.packed,
                "closed": lp.closed,
                "short": lp.short,
            }
            for lp in p.lines
        ],
    }


def _settings_out(options) -> dict:
    return {
        "gs1_company_prefix": options.gs1_company_prefix,
        "sscc_extension_digit": options.sscc_extension_digit,
        "carton_id_type": "SSCC" if options.gs1_company_prefix else "CID",
    }
