"""Read queries for the Customer Master, always scoped to one organization."""

from django.db.models import Q, QuerySet

from vendorflow.customers.models import Customer, WarehouseCodeMapping


def search_customers(organization, query: str = "") -> QuerySet[Customer]:
    customers = Customer.objects.filter(organization=organization)
    query = query.strip()
    if query:
        match = (
            Q(code__icontains=query)
            | Q(name__icontains=query)
            | Q(tax_id__icontains=query)
            | Q(warehouse_mappings__code__icontains=query)
        )
        ids = customers.filter(match).values("pk")
        customers = customers.filter(pk__in=ids)
    return customers.prefetch_related("warehouse_mappings").order_by("name", "id")


def mappings(organization, query: str = "") -> QuerySet[WarehouseCodeMapping]:
    rows = WarehouseCodeMapping.objects.filter(organization=organization)
    if query.strip():
        q = query.strip()
        rows = rows.filter(
            Q(code__icontains=q) | Q(customer__code__icontains=q) | Q(customer__name__icontains=q)
        )
    return rows.select_related("customer", "location").order_by("code")
