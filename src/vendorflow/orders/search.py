"""The orders list's search box: one text, looked up as every identifier an order is known by.

A text finds the orders whose PO number starts with it, whose FC code it is, whose customer's
name contains it, or that hold a line for it: by ASIN, vendor product id, or a product's SKU,
barcode or case barcode.
Identifiers are compared in their normal form (trimmed; codes upper-cased, barcodes as GTIN-14).

Every look-up is an exact match on an index, bounded, never a scan of every line. Each kind of
match is probed first for at most `FEW` orders: when there are that few, they are matched by id
and the list sorts a short list; when there are more, the match is common, and the list walks
its sort index checking each order, which stops after a page because matches are frequent.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet

from vendorflow.catalog.barcodes import gtin14
from vendorflow.catalog.models import Barcode, Product
from vendorflow.customers.models import Customer
from vendorflow.orders.models import Order, OrderLine

FEW = 500


@dataclass
class _Matches:
    ids: set[int] = field(default_factory=set)  # orders matched by id (few of a kind)
    common: list[Q] = field(default_factory=list)  # conditions that match many orders

    def add(self, probe: QuerySet, condition: Q) -> None:
        """`probe` lists the order ids a condition matches; keep them, or the condition."""
        found = list(probe.order_by()[: FEW + 1])
        if len(found) > FEW:
            self.common.append(condition)
        else:
            self.ids.update(found)

    def condition(self) -> Q:
        matches = [Q(pk__in=sorted(self.ids))] if self.ids else []
        matches += self.common
        if not matches:
            return Q(pk__in=[])
        combined = matches[0]
        for match in matches[1:]:
            combined |= match
        return combined


def search_orders(orders: QuerySet[Order], organization, text: str) -> QuerySet[Order]:
    text = (text or "").strip()
    if not text:
        return orders
    code = text.upper()
    own = Order.objects.filter(organization=organization)
    matches = _Matches()
    by_po = _po_number(code)
    matches.add(own.filter(by_po).values_list("id", flat=True), by_po)
    matches.add(own.filter(ship_to_code=code).values_list("id", flat=True), Q(ship_to_code=code))
    customers = list(
        Customer.objects.filter(organization=organization, name__icontains=text).values_list(
            "id", flat=True
        )[:FEW]
    )
    if customers:
        by_customer = Q(customer_id__in=customers)
        matches.add(own.filter(by_customer).values_list("id", flat=True), by_customer)
    for line_match, own_products in _line_matches(organization, text, code):
        lines = OrderLine.objects.filter(line_match)
        if not own_products:  # an ASIN or vendor id may be another organization's too
            lines = lines.filter(order__organization=organization)
        held = Q(Exists(OrderLine.objects.filter(line_match, order=OuterRef("pk"))))
        matches.add(lines.values_list("order_id", flat=True), held)
    return orders.filter(matches.condition())


def _po_number(code: str) -> Q:
    """PO numbers starting with `code`, as an index range: Amazon's PO numbers are upper-case
    letters and digits, which sort the same in every collation, so [AAA1, AAA2) holds exactly
    the numbers that start with AAA1. Anything else is matched whole."""
    if not (code.isascii() and code.isalnum()):
        return Q(po_number=code)
    following = code[:-1] + chr(ord(code[-1]) + 1)
    return Q(po_number__gte=code, po_number__lt=following)


def _line_matches(organization, text: str, code: str) -> list[tuple[Q, bool]]:
    """Line conditions, one per index: by ASIN, by vendor id, by the products the text names
    (the organization's own, so their lines need no check of the order's organization)."""
    products = Product.objects.filter(organization=organization)
    product_ids = [
        *products.filter(Q(sku__iexact=text) | Q(case_barcode=text)).values_list("id", flat=True),
        *Barcode.objects.filter(organization=organization, gtin=gtin14(text)).values_list(
            "product_id", flat=True
        ),
    ]
    conditions = [(Q(asin=code), False), (Q(vendor_product_id=text), False)]
    if product_ids:
        conditions.append((Q(product_id__in=sorted(set(product_ids))), True))
    return conditions
