"""Catalog API (/api/v1/catalog): locations, products, product mappings, look-ups, CSV imports.

Viewers and up read; managers and up write. Everything is scoped to the caller's organization.
"""

from datetime import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import File, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from vendorflow.accounts.api_auth import member_of
from vendorflow.accounts.choices import Role
from vendorflow.catalog import services
from vendorflow.catalog.models import Location, Product, ProductMapping
from vendorflow.channels.models import AmazonChannel
from vendorflow.lib.csvio import CsvFormatError
from vendorflow.lib.deprecation import deprecated
from vendorflow.lib.pagination import MAX_LIMIT, MAX_OFFSET, LimitOffsetOrPagePagination
from vendorflow.lib.schemas import AddressSchema, patched

router = Router(tags=["catalog"])


# --- schemas --------------------------------------------------------------------------------


class LocationIn(AddressSchema):
    code: str
    name: str


class LocationOut(LocationIn):
    id: int


class LocationPatch(Schema):
    """The fields to change; the others stay as they are."""

    code: str | None = None
    name: str | None = None
    address_line1: str | None = None
    address_line2: str | None = None
    city: str | None = None
    state_or_region: str | None = None
    postal_code: str | None = None
    country_code: str | None = None


class ProductIn(Schema):
    sku: str
    name: str
    barcodes: list[str] = []
    mrp: Decimal | None = None
    expected_cost: Decimal | None = None
    case_pack_size: int | None = None
    case_barcode: str = ""
    bin: str = ""


class ProductOut(ProductIn):
    id: int

    @staticmethod
    def resolve_barcodes(obj: Product) -> list[str]:
        return sorted(barcode.code for barcode in obj.barcodes.all())


class ProductPatch(Schema):
    """The fields to change (`barcodes` replaces the list); the others stay as they are."""

    sku: str | None = None
    name: str | None = None
    barcodes: list[str] | None = None
    mrp: Decimal | None = None
    expected_cost: Decimal | None = None
    case_pack_size: int | None = None
    case_barcode: str | None = None


class LookupOut(Schema):
    product: ProductOut
    quantity: int


class MappingIn(Schema):
    asin: str = ""
    vendor_product_id: str = ""
    sku: str


class MappingPatch(Schema):
    """The fields to change; the others stay as they are."""

    asin: str | None = None
    vendor_product_id: str | None = None
    sku: str | None = None


class MappingCreate(MappingIn):
    channel_id: int


class MappingOut(Schema):
    id: int
    channel_id: int
    asin: str
    vendor_product_id: str
    product_id: int
    sku: str

    @staticmethod
    def resolve_sku(obj: ProductMapping) -> str:
        return obj.product.sku


class Identifier(Schema):
    asin: str = ""
    vendor_product_id: str = ""


class SuggestIn(Schema):
    channel_id: int
    identifiers: list[Identifier]


class SuggestionOut(Schema):
    asin: str
    vendor_product_id: str
    product_id: int
    sku: str
    reason: str


class ImportOut(Schema):
    created: int
    updated: int
    unchanged: int


class MappingImportOut(Schema):
    written: list[MappingOut]


class LineError(Schema):
    line: int
    message: str


class ImportErrorOut(Schema):
    detail: str
    errors: list[LineError]


# --- helpers --------------------------------------------------------------------------------


def _writer(request):
    return member_of(request, Role.MANAGER)


def _channel(organization, channel_id: int) -> AmazonChannel:
    return get_object_or_404(AmazonChannel, pk=channel_id, organization=organization)


def _run_import(run):
    """Call a CSV import; a rejected file becomes 422 with every bad line."""
    try:
        return Status(200, run())
    except services.CsvImportError as exc:
        errors = [{"line": e.line, "message": e.message} for e in exc.errors]
        return Status(
            422,
            {
                "detail": f"The file was not imported: {len(errors)} bad row(s).",
                "errors": errors,
            },
        )
    except CsvFormatError as exc:
        return Status(422, {"detail": f"The file cannot be read: {exc}.", "errors": []})


def _counts(result: services.ImportResult) -> dict:
    return {
        "created": len(result.created),
        "updated": len(result.updated),
        "unchanged": result.unchanged,
    }


def _products(organization):
    return Product.objects.filter(organization=organization).prefetch_related("barcodes")


# --- locations ------------------------------------------------------------------------------


@router.get("/locations", response=list[LocationOut])
@paginate(LimitOffsetOrPagePagination)
def list_locations(request, code: str = ""):
    """`code`: exactly this location code."""
    locations = Location.objects.filter(organization=member_of(request).organization)
    return locations.filter(code=code.strip().upper()) if code else locations


@router.post("/locations", response={201: LocationOut})
def create_location(request, payload: LocationIn):
    member = _writer(request)
    data = payload.dict()
    location = services.create_location(
        organization=member.organization, actor=request.user, data=data
    )
    return Status(201, location)


@router.get("/locations/{int:location_id}", response=LocationOut)
def get_location(request, location_id: int):
    return get_object_or_404(Location, pk=location_id, organization=member_of(request).organization)


@router.patch("/locations/{int:location_id}", response=LocationOut)
def update_location(request, location_id: int, payload: LocationPatch):
    """Change the fields sent; the others stay as they are."""
    location = get_object_or_404(
        Location, pk=location_id, organization=_writer(request).organization
    )
    data = patched(LocationIn.model_validate(location), payload)
    return services.update_location(location=location, actor=request.user, data=data)


@router.put(
    "/locations/{int:location_id}",
    response=LocationOut,
    deprecated=True,
    operation_id="replace_location",
)
@deprecated("/api/v1/catalog/locations/{location_id}")
def replace_location(request, location_id: int, payload: LocationIn):
    """Deprecated: use PATCH. Replaces every field."""
    location = get_object_or_404(
        Location, pk=location_id, organization=_writer(request).organization
    )
    return services.update_location(location=location, actor=request.user, data=payload.dict())


@router.delete("/locations/{int:location_id}", response={204: None})
def delete_location(request, location_id: int):
    location = get_object_or_404(
        Location, pk=location_id, organization=_writer(request).organization
    )
    services.delete_location(location=location, actor=request.user)
    return Status(204, None)


@router.post("/locations/import", response={200: ImportOut, 422: ImportErrorOut})
def import_locations(request, file: File[UploadedFile]):
    member = _writer(request)
    return _run_import(
        lambda: _counts(
            services.import_locations_csv(
                organization=member.organization, actor=request.user, data=file.read()
            )
        )
    )


# --- products -------------------------------------------------------------------------------


@router.get("/products", response=list[ProductOut])
@paginate(LimitOffsetOrPagePagination)
def list_products(request, q: str = "", sku: str = "", barcode: str = ""):
    """`q` searches SKUs and names; `sku` and `barcode` match exactly."""
    organization = member_of(request).organization
    products = _products(organization)
    if sku:
        products = products.filter(sku=sku.strip())
    if barcode:
        found = services.find_product_by_code(organization=organization, code=barcode)
        products = products.filter(pk=found[0].pk if found else None)
    if q:
        products = products.filter(sku__icontains=q) | products.filter(name__icontains=q)
    return products


@router.get("/products/lookup", response={200: LookupOut})
def lookup_product(request, code: str, channel_id: int | None = None):
    """The product a scanned code names, as scanning resolves it: each barcode, SKU or case
    barcode, then an ASIN or vendor product id mapped on `channel_id` (or on any channel)."""
    organization = member_of(request).organization
    found = services.find_product_by_code(organization=organization, code=code)
    if found is None:
        mapped = services.find_product_by_identifier(
            organization=organization, code=code, channel_id=channel_id
        )
        found = (mapped, 1) if mapped else None
    if found is None:
        raise HttpError(404, f"No product has the barcode, SKU, ASIN or vendor product id {code}.")
    return {"product": found[0], "quantity": found[1]}


@router.post("/products", response={201: ProductOut})
def create_product(request, payload: ProductIn):
    member = _writer(request)
    product = services.create_product(
        organization=member.organization, actor=request.user, data=payload.dict()
    )
    return Status(201, _products(member.organization).get(pk=product.pk))


@router.get("/products/{int:product_id}", response=ProductOut)
def get_product(request, product_id: int):
    return get_object_or_404(_products(member_of(request).organization), pk=product_id)


@router.patch("/products/{int:product_id}", response=ProductOut)
def update_product(request, product_id: int, payload: ProductPatch):
    """Change the fields sent (`barcodes` replaces the list); the others stay as they are."""
    organization = _writer(request).organization
    product = get_object_or_404(_products(organization), pk=product_id)
    current = ProductIn.model_validate(ProductOut.model_validate(product).model_dump())
    services.update_product(product=product, actor=request.user, data=patched(current, payload))
    return _products(organization).get(pk=product.pk)


@router.put(
    "/products/{int:product_id}",
    response=ProductOut,
    deprecated=True,
    operation_id="replace_product",
)
@deprecated("/api/v1/catalog/products/{product_id}")
def replace_product(request, product_id: int, payload: ProductIn):
    """Deprecated: use PATCH. Replaces every field."""
    organization = _writer(request).organization
    product = get_object_or_404(Product, pk=product_id, organization=organization)
    services.update_product(product=product, actor=request.user, data=payload.dict())
    return _products(organization).get(pk=product.pk)


@router.delete("/products/{int:product_id}", response={204: None})
def delete_product(request, product_id: int):
    product = get_object_or_404(Product, pk=product_id, organization=_writer(request).organization)
    services.delete_product(product=product, actor=request.user)
    return Status(204, None)


@router.post("/products/import", response={200: ImportOut, 422: ImportErrorOut})
def import_products(request, file: File[UploadedFile]):
    member = _writer(request)
    return _run_import(
        lambda: _counts(
            services.import_products_csv(
                organization=member.organization, actor=request.user, data=file.read()
            )
        )
    )


# --- product mappings -----------------------------------------------------------------------


def _mappings(organization):
    return ProductMapping.objects.filter(organization=organization).select_related("product")


@router.get("/mappings", response=list[MappingOut])
@paginate(LimitOffsetOrPagePagination)
def list_mappings(
    request,
    channel_id: int | None = None,
    q: str = "",
    asin: str = "",
    vendor_product_id: str = "",
    sku: str = "",
):
    """`q` searches ASINs and vendor ids; `asin`, `vendor_product_id` and `sku` match exactly."""
    organization = member_of(request).organization
    mappings = _mappings(organization)
    if channel_id is not None:
        mappings = mappings.filter(channel=_channel(organization, channel_id))
    if asin:
        mappings = mappings.filter(asin__iexact=asin.strip())
    if vendor_product_id:
        mappings = mappings.filter(vendor_product_id=vendor_product_id.strip())
    if sku:
        mappings = mappings.filter(product__sku=sku.strip())
    if q:
        mappings = mappings.filter(asin__icontains=q) | mappings.filter(
            vendor_product_id__icontains=q
        )
    return mappings.order_by("channel_id", "asin", "vendor_product_id")


@router.post("/mappings", response={201: MappingOut})
def create_mapping(request, payload: MappingCreate):
    channel = _channel(_writer(request).organization, payload.channel_id)
    data = payload.dict(exclude={"channel_id"})
    written = services.save_product_mapping(channel=channel, actor=request.user, **data)
    return Status(201, written[0])


@router.get("/mappings/{int:mapping_id}", response=MappingOut)
def get_mapping(request, mapping_id: int):
    return get_object_or_404(_mappings(member_of(request).organization), pk=mapping_id)


@router.patch("/mappings/{int:mapping_id}", response=MappingOut)
def update_mapping(request, mapping_id: int, payload: MappingPatch):
    """Change the fields sent; the others stay as they are."""
    mapping = get_object_or_404(
        _mappings(_writer(request).organization).select_related("channel"), pk=mapping_id
    )
    current = MappingIn.model_validate(MappingOut.model_validate(mapping).model_dump())
    services.save_product_mapping(
        channel=mapping.channel, actor=request.user, mapping=mapping, **patched(current, payload)
    )
    return mapping


@router.put(
    "/mappings/{int:mapping_id}",
    response=MappingOut,
    deprecated=True,
    operation_id="replace_mapping",
)
@deprecated("/api/v1/catalog/mappings/{mapping_id}")
def replace_mapping(request, mapping_id: int, payload: MappingIn):
    """Deprecated: use PATCH. Replaces every field."""
    mapping = get_object_or_404(
        _mappings(_writer(request).organization).select_related("channel"), pk=mapping_id
    )
    services.save_product_mapping(
        channel=mapping.channel, actor=request.user, mapping=mapping, **payload.dict()
    )
    return mapping


@router.delete("/mappings/{int:mapping_id}", response={204: None})
def delete_mapping(request, mapping_id: int):
    mapping = get_object_or_404(_mappings(_writer(request).organization), pk=mapping_id)
    services.delete_product_mapping(mapping=mapping, actor=request.user)
    return Status(204, None)


@router.post("/mappings/import", response={200: MappingImportOut, 422: ImportErrorOut})
def import_mappings(request, channel_id: int, file: File[UploadedFile]):
    channel = _channel(_writer(request).organization, channel_id)
    return _run_import(
        lambda: {
            "written": services.import_product_mappings_csv(
                channel=channel, actor=request.user, data=file.read()
            )
        }
    )


@router.post("/mappings/suggestions", response=list[SuggestionOut])
def suggest_mappings(request, payload: SuggestIn):
    channel = _channel(member_of(request).organization, payload.channel_id)
    pairs = [(item.asin, item.vendor_product_id) for item in payload.identifiers]
    suggestions = services.suggest_mappings(channel=channel, identifiers=pairs)
    return [
        {
            "asin": s.asin,
            "vendor_product_id": s.vendor_product_id,
            "product_id": s.product.pk,
            "sku": s.product.sku,
            "reason": s.reason,
        }
        for s in suggestions
    ]


# --- unmapped items -------------------------------------------------------------------------


class UnmappedSuggestionOut(Schema):
    product_id: int
    sku: str
    reason: str


class UnmappedItemOut(Schema):
    channel_id: int
    asin: str
    vendor_product_id: str
    po_count: int
    units: int
    earliest_deadline: datetime
    net_cost: Decimal | None
    list_price: Decimal | None
    suggestion: UnmappedSuggestionOut | None

    @staticmethod
    def resolve_suggestion(obj: services.UnmappedItem) -> dict | None:
        s = obj.suggestion
        return (
            None
            if s is None
            else {"product_id": s.product.pk, "sku": s.product.sku, "reason": s.reason}
        )


class UnmappedPage(Schema):
    count: int
    items: list[UnmappedItemOut]


class UnmappedItemIn(Identifier):
    channel_id: int


class UnmappedMapIn(UnmappedItemIn):
    sku: str


class UnmappedProductIn(UnmappedItemIn):
    """The product's values; each one left out is taken from the PO lines: SKU = vendor product
    id or ASIN, MRP = list price, cost = net cost, the vendor product id as barcode if it is one."""

    sku: str | None = None
    name: str | None = None
    barcodes: list[str] | None = None
    mrp: Decimal | None = None
    expected_cost: Decimal | None = None
    case_pack_size: int | None = None
    case_barcode: str | None = None
    bin: str | None = None


class FixedOrderOut(Schema):
    id: int
    po_number: str


class MappedItemOut(Schema):
    mapping: MappingOut
    product: ProductOut
    lines_mapped: int
    orders_fixed: list[FixedOrderOut]


def _mapped(result: services.MappedItem) -> dict:
    product = _products(result.product.organization_id).get(pk=result.product.pk)
    return {
        "mapping": result.mapping,
        "product": product,
        "lines_mapped": result.lines_mapped,
        "orders_fixed": result.orders_fixed,
    }


@router.get("/unmapped-items", response=UnmappedPage)
def list_unmapped_items(
    request,
    channel_id: int | None = None,
    q: str = "",
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Every ASIN / vendor product id on open orders without a product mapping: the POs and
    units waiting on it, the earliest acknowledgement deadline it blocks, a barcode/SKU match."""
    organization = member_of(request).organization
    if channel_id is not None:
        _channel(organization, channel_id)
    rows = services.unmapped_item_rows(organization, channel_id=channel_id, q=q)
    return {"count": rows.count(), "items": services.unmapped_items(rows[offset : offset + limit])}


@router.post("/unmapped-items/map", response=MappedItemOut)
def map_unmapped_item(request, payload: UnmappedMapIn):
    """Map the item to the product with `sku`; its waiting order lines get the product at once."""
    channel = _channel(_writer(request).organization, payload.channel_id)
    return _mapped(
        services.map_unmapped_item(
            channel=channel,
            actor=request.user,
            asin=payload.asin,
            vendor_product_id=payload.vendor_product_id,
            sku=payload.sku,
        )
    )


@router.post("/unmapped-items/products", response={201: MappedItemOut})
def create_product_for_unmapped_item(request, payload: UnmappedProductIn):
    """Create the item's product from its PO data (fields sent override it) and map the item."""
    channel = _channel(_writer(request).organization, payload.channel_id)
    data = payload.dict(exclude={"channel_id", "asin", "vendor_product_id"})
    result = services.create_product_for_item(
        channel=channel,
        actor=request.user,
        asin=payload.asin,
        vendor_product_id=payload.vendor_product_id,
        data=data,
    )
    return Status(201, _mapped(result))
