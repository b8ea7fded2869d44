"""/api/v1/customers: Customer Master and warehouse-code mappings. Viewer reads, manager writes."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from vendorflow.accounts.api_auth import member_of
from vendorflow.accounts.choices import Role
from vendorflow.catalog.models import Location
from vendorflow.customers import selectors, services
from vendorflow.customers.models import Customer, WarehouseCodeMapping
from vendorflow.lib.csvio import csv_response
from vendorflow.lib.deprecation import deprecated
from vendorflow.lib.pagination import LimitOffsetPagination
from vendorflow.lib.schemas import AddressSchema

router = Router(tags=["customers"])


class AddressIn(AddressSchema):
    label: str = ""


class AddressOut(AddressIn):
    id: int


class AddressPatch(Schema):
    """The fields to change; the others stay as they are."""

    label: str | None = None
    address_line1: str | None = None
    address_line2: str | None = None
    city: str | None = None
    state_or_region: str | None = None
    postal_code: str | None = None
    country_code: str | None = None


class CustomerIn(AddressSchema):
    code: str
    name: str
    tax_id: str = ""
    contact_email: str = ""
    contact_phone: str = ""


class CustomerPatch(Schema):
    code: str | None = None
    name: str | None = None
    tax_id: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    address_line1: str | None = None
    address_line2: str | None = None
    city: str | None = None
    state_or_region: str | None = None
    postal_code: str | None = None
    country_code: str | None = None


class CustomerOut(CustomerIn):
    id: int
    shipping_addresses: list[AddressOut]
    warehouse_codes: list[str]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_shipping_addresses(obj: Customer):
        return list(obj.shipping_addresses.all())

    @staticmethod
    def resolve_warehouse_codes(obj: Customer):
        return [m.code for m in obj.warehouse_mappings.all()]


class WarehouseMappingIn(Schema):
    code: str
    customer_id: int
    location_id: int | None = None


class WarehouseMappingPatch(Schema):
    code: str | None = None
    customer_id: int | None = None
    location_id: int | None = None


class WarehouseMappingOut(Schema):
    id: int
    code: str
    customer_id: int
    customer_code: str
    location_id: int | None
    location_code: str | None
    created_at: datetime

    @staticmethod
    def resolve_customer_code(obj: WarehouseCodeMapping):
        return obj.customer.code

    @staticmethod
    def resolve_location_code(obj: WarehouseCodeMapping):
        return obj.location.code if obj.location is not None else None


class WarehouseMappingSaved(WarehouseMappingOut):
    mapped_codes: list[str]


class CustomerImportOut(Schema):
    created: list[str]
    updated: list[str]
    mapped_codes: list[str]


class CustomerImportRejected(Schema):
    detail: str
    errors: list[str]


def _customer(member, customer_id: int) -> Customer:
    return get_object_or_404(
        Customer.objects.prefetch_related("shipping_addresses", "warehouse_mappings"),
        pk=customer_id,
        organization=member.organization,
    )


def _mapping(member, mapping_id: int) -> WarehouseCodeMapping:
    return get_object_or_404(
        WarehouseCodeMapping.objects.select_related("customer", "location"),
        pk=mapping_id,
        organization=member.organization,
    )


# Customers ---------------------------------------------------------------------------------


def _customers(request, q: str, code: str = "", fc: str = ""):
    member = member_of(request, Role.VIEWER)
    customers = selectors.search_customers(member.organization, q)
    if code:
        customers = customers.filter(code=code.strip())
    if fc:
        customers = customers.filter(warehouse_mappings__code=fc.strip().upper())
    return customers.prefetch_related("shipping_addresses")


@router.get("", response=list[CustomerOut])
@paginate(LimitOffsetPagination)
def list_customers(request, q: str = "", code: str = "", fc: str = ""):
    """`q` searches code, name, tax id and FC codes; `code` and `fc` (an Amazon FC mapped to the
    customer) match exactly."""
    return _customers(request, q, code, fc)


@router.get("/", response=list[CustomerOut], deprecated=True, operation_id="list_customers_old")
@paginate(LimitOffsetPagination)
@deprecated("/api/v1/customers")
def list_customers_old(request, q: str = ""):
    """Deprecated: use `GET /api/v1/customers`."""
    return _customers(request, q)


@router.post("", response={201: CustomerOut})
def create_customer(request, payload: CustomerIn):
    member = member_of(request, Role.MANAGER)
    customer = services.create_customer(
        organization=member.organization, actor=request.user, fields=payload.model_dump()
    )
    return Status(201, _customer(member, customer.pk))


@router.post("/", response={201: CustomerOut}, deprecated=True, operation_id="create_customer_old")
@deprecated("/api/v1/customers")
def create_customer_old(request, payload: CustomerIn):
    """Deprecated: use `POST /api/v1/customers`."""
    return create_customer(request, payload)


@router.get("/warehouse-codes", response=list[WarehouseMappingOut])
@paginate(LimitOffsetPagination)
def list_mappings(request, q: str = "", code: str = ""):
    """`q` searches FC and customer codes and names; `code` is exactly this FC code."""
    member = member_of(request, Role.VIEWER)
    rows = selectors.mappings(member.organization, q)
    return rows.filter(code=code.strip().upper()) if code else rows


def _mapping_targets(member, customer_id: int, location_id: int | None):
    customer = Customer.objects.filter(pk=customer_id, organization=member.organization).first()
    if customer is None:
        raise ValidationError({"customer_id": f"No customer {customer_id} in your organization."})
    if location_id is None:
        return customer, None
    location = Location.objects.filter(pk=location_id, organization=member.organization).first()
    if location is None:
        raise ValidationError({"location_id": f"No location {location_id} in your organization."})
    return customer, location


def _saved(mapping: WarehouseCodeMapping, mapped: list[str]) -> WarehouseMappingSaved:
    """The mapping as `WarehouseMappingOut` reads it (validated there), with `mapped_codes`."""
    out = WarehouseMappingOut.from_orm(mapping)
    return WarehouseMappingSaved.model_construct(**out.model_dump(), mapped_codes=mapped)


@router.post("/warehouse-codes", response={201: WarehouseMappingSaved})
def create_mapping(request, payload: WarehouseMappingIn):
    """Map an FC code to a customer; `mapped_codes` lists the codes that became mapped."""
    member = member_of(request, Role.MANAGER)
    customer, location = _mapping_targets(member, payload.customer_id, payload.location_id)
    mapped = services.save_warehouse_mapping(
        organization=member.organization,
        actor=request.user,
        code=payload.code,
        customer=customer,
        location=location,
    )
    mapping = WarehouseCodeMapping.objects.select_related("customer", "location").get(
        organization=member.organization, code=mapped[0]
    )
    return Status(201, _saved(mapping, mapped))


@router.get("/warehouse-codes/{mapping_id}", response=WarehouseMappingOut)
def get_mapping(request, mapping_id: int):
    return _mapping(member_of(request, Role.VIEWER), mapping_id)


@router.patch("/warehouse-codes/{mapping_id}", response=WarehouseMappingSaved)
def update_mapping(request, mapping_id: int, payload: WarehouseMappingPatch):
    """Change the code, customer or location (send `location_id: null` to clear it)."""
    member = member_of(request, Role.MANAGER)
    mapping = _mapping(member, mapping_id)
    sent = payload.model_dump(exclude_unset=True)
    customer_id = sent.get("customer_id") or mapping.customer_id
    location_id = sent.get("location_id", mapping.location_id)
    customer, location = _mapping_targets(member, customer_id, location_id)
    mapped = services.save_warehouse_mapping(
        organization=member.organization,
        actor=request.user,
        code=sent.get("code") or mapping.code,
        customer=customer,
        location=location,
        mapping=mapping,
    )
    return _saved(_mapping(member, mapping_id), mapped)


@router.delete("/warehouse-codes/{mapping_id}", response={204: None})
def delete_mapping(request, mapping_id: int):
    member = member_of(request, Role.MANAGER)
    services.delete_warehouse_mapping(mapping=_mapping(member, mapping_id), actor=request.user)
    return Status(204, None)


@router.post("/import", response={200: CustomerImportOut, 422: CustomerImportRejected})
def import_customers(request, file: File[UploadedFile]):
    """Upsert customers and their FC codes from CSV; any bad row rejects the whole file."""
    member = member_of(request, Role.MANAGER)
    try:
        result = services.import_customers_csv(
            organization=member.organization, actor=request.user, data=file.read()
        )
    except services.CustomerImportError as exc:
        return Status(422, {"detail": "The file was not imported.", "errors": exc.errors})
    return Status(200, result)


@router.get("/export.csv", response={200: None})
def export_customers(request):
    member = member_of(request, Role.VIEWER)
    rows = services.export_rows(member.organization)
    return csv_response("customers.csv", services.CSV_COLUMNS, rows)


@router.get("/{customer_id}", response=CustomerOut)
def get_customer(request, customer_id: int):
    return _customer(member_of(request, Role.VIEWER), customer_id)


@router.patch("/{customer_id}", response=CustomerOut)
def update_customer(request, customer_id: int, payload: CustomerPatch):
    member = member_of(request, Role.MANAGER)
    customer = _customer(member, customer_id)
    services.update_customer(
        customer=customer, actor=request.user, fields=payload.model_dump(exclude_unset=True)
    )
    return _customer(member, customer_id)


@router.delete("/{customer_id}", response={204: None})
def delete_customer(request, customer_id: int):
    member = member_of(request, Role.MANAGER)
    services.delete_customer(customer=_customer(member, customer_id), actor=request.user)
    return Status(204, None)


@router.post("/{customer_id}/shipping-addresses", response={201: AddressOut})
def add_address(request, customer_id: int, payload: AddressIn):
    member = member_of(request, Role.MANAGER)
    customer = _customer(member, customer_id)
    address = services.add_shipping_address(
        customer=customer, actor=request.user, fields=payload.model_dump()
    )
    return Status(201, address)


@router.patch("/{customer_id}/shipping-addresses/{address_id}", response=AddressOut)
def update_address(request, customer_id: int, address_id: int, payload: AddressPatch):
    member = member_of(request, Role.MANAGER)
    customer = _customer(member, customer_id)
    address = get_object_or_404(customer.shipping_addresses, pk=address_id)
    return services.update_shipping_address(
        address=address, actor=request.user, fields=payload.model_dump(exclude_unset=True)
    )


@router.delete("/{customer_id}/shipping-addresses/{address_id}", response={204: None})
def delete_address(request, customer_id: int, address_id: int):
    member = member_of(request, Role.MANAGER)
    customer = _customer(member, customer_id)
    address = get_object_or_404(customer.shipping_addresses, pk=address_id)
    services.delete_shipping_address(address=address, actor=request.user)
    return Status(204, None)
