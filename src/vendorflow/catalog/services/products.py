"""Products and their barcodes."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from vendorflow.catalog.barcodes import gtin14
from vendorflow.catalog.models import Barcode, Product
from vendorflow.catalog.services.common import changed_fields, log
from vendorflow.catalog.services.product_values import parse_product_values

SCALAR_FIELDS = ["sku", "name", "mrp", "expected_cost", "case_pack_size", "case_barcode", "bin"]


def clean_product_data(*, organization, data: dict, instance: Product | None = None) -> dict:
    """Checked product values (barcodes as a list); raises ValidationError naming each bad field."""
    values, errors = parse_product_values(data)
    if "sku" not in errors and _sku_taken(organization, values["sku"], instance):
        errors["sku"] = [f"A product with SKU {values['sku']} already exists."]
    for name, messages in barcode_conflicts(organization, values, instance).items():
        errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return values


def _sku_taken(organization, sku: str, instance: Product | None) -> bool:
    others = Product.objects.filter(organization=organization, sku=sku)
    if instance is not None:
        others = others.exclude(pk=instance.pk)
    return others.exists()


def barcode_conflicts(organization, values: dict, instance: Product | None) -> dict[str, list[str]]:
    """Barcodes (each or case) of `values` that another product of the organization already has."""
    by_gtin = {gtin14(code): code for code in values.get("barcodes", [])}
    case = values.get("case_barcode") or ""
    owners = _each_owners(organization, [*by_gtin, gtin14(case)], instance)
    case_owners = _case_owners(organization, [*by_gtin, gtin14(case)], instance)
    errors: dict[str, list[str]] = {}
    for gtin, code in by_gtin.items():
        if gtin in owners:
            errors.setdefault("barcodes", []).append(
                f"Barcode {code} is already on product {_named(owners[gtin])}."
            )
        elif gtin in case_owners:
            errors.setdefault("barcodes", []).append(
                f"Barcode {code} is the case barcode of product {_named(case_owners[gtin])}."
            )
    if case and (message := _case_conflict(case, owners, case_owners)):
        errors["case_barcode"] = [message]
    return errors


def _case_conflict(case: str, owners: dict, case_owners: dict) -> str:
    if gtin14(case) in owners:
        return f"Case barcode {case} is an each barcode of product {_named(owners[gtin14(case)])}."
    if gtin14(case) in case_owners:
        product = case_owners[gtin14(case)]
        return f"Case barcode {case} is already the case barcode of product {_named(product)}."
    return ""


def _each_owners(organization, gtins: list[str], instance) -> dict[str, Product]:
    barcodes = Barcode.objects.filter(organization=organization, gtin__in=[g for g in gtins if g])
    if instance is not None:
        barcodes = barcodes.exclude(product=instance)
    return {barcode.gtin: barcode.product for barcode in barcodes.select_related("product")}


def _case_owners(organization, gtins: list[str], instance) -> dict[str, Product]:
    products = Product.objects.filter(
        organization=organization, case_barcode__in=[g for g in gtins if g]
    )
    if instance is not None:
        products = products.exclude(pk=instance.pk)
    return {product.case_barcode: product for product in products}


def _named(product: Product) -> str:
    return f"{product.sku} ({product.name})"


@transaction.atomic
def create_product(*, organization, actor, data: dict) -> Product:
    values = clean_product_data(organization=organization, data=data)
    product = Product(organization=organization, **{f: values[f] for f in SCALAR_FIELDS})
    _save(product)
    set_barcodes(product, values["barcodes"])
    log(
        organization=organization,
        actor=actor,
        action="product.create",
        obj=product,
        changes=_audit_values(values),
    )
    return product


@transaction.atomic
def update_product(*, product: Product, actor, data: dict) -> Product:
    values = clean_product_data(organization=product.organization, data=data, instance=product)
    changes = changed_fields(product, {f: values[f] for f in SCALAR_FIELDS})
    before = barcode_list(product)
    if changes:
        _save(product)
    set_barcodes(product, values["barcodes"])
    if barcode_list(product) != before:
        changes["barcodes"] = [before, barcode_list(product)]
    if changes:
        log(
            organization=product.organization,
            actor=actor,
            action="product.update",
            obj=product,
            changes=changes,
        )
    return product


def _save(product: Product) -> None:
    try:
        with transaction.atomic():
            product.save()
    except IntegrityError as exc:
        raise ValidationError(
            "Another change to this SKU or its case barcode was saved at the same time; try again."
        ) from exc


def set_barcodes(product: Product, codes: list[str]) -> None:
    """Make the product's barcodes exactly `codes` (compared as GTIN-14)."""
    wanted = {gtin14(code): code for code in codes}
    current = {barcode.gtin: barcode for barcode in Barcode.objects.filter(product=product)}
    stale = [barcode.pk for gtin, barcode in current.items() if gtin not in wanted]
    Barcode.objects.filter(pk__in=stale).delete()
    try:
        with transaction.atomic():
            for gtin, code in wanted.items():
                _put_barcode(product, current.get(gtin), code)
    except IntegrityError as exc:
        raise ValidationError(
            {"barcodes": ["A barcode was given to another product at the same time; try again."]}
        ) from exc


def _put_barcode(product: Product, barcode: Barcode | None, code: str) -> None:
    if barcode is None:
        Barcode.objects.create(organization_id=product.organization_id, product=product, code=code)
    elif barcode.code != code:
        barcode.code = code
        barcode.save(update_fields=["code", "gtin"])


def barcode_list(product: Product) -> list[str]:
    return sorted(Barcode.objects.filter(product=product).values_list("code", flat=True))


def _audit_values(values: dict) -> dict:
    return {
        name: (str(value) if value is not None else None) if name != "barcodes" else value
        for name, value in values.items()
    }


def product_usage(product: Product) -> int:
    """How many order lines use the product (it cannot be deleted while any do)."""
    return product.order_lines.count()


@transaction.atomic
def delete_product(*, product: Product, actor) -> None:
    lines = product_usage(product)
    if lines:
        raise ValidationError(
            f"Product {product.sku} cannot be deleted: {lines} order line(s) use it."
        )
    log(
        organization=product.organization,
        actor=actor,
        action="product.delete",
        obj=product,
        changes={"barcodes": barcode_list(product)},
    )
    product.delete()
