"""Shared by the shipping commands: a shipment by reference, and one line about it."""

from django.core.management.base import CommandError

from vendorflow.shipping.models import Shipment


def shipment_by_reference(organization, reference: str) -> Shipment:
    found = Shipment.objects.filter(organization=organization, reference=reference.strip()).first()
    if found is None:
        raise CommandError(f"No shipment {reference!r} in {organization}.")
    return found


def shipment_line(shipment: Shipment) -> str:
    pos = ", ".join(
        shipment.members.select_related("order")
        .order_by("order__po_number")
        .values_list("order__po_number", flat=True)
    )
    return (
        f"{shipment.reference}  {shipment.get_state_display():<24} FC {shipment.ship_to_code:<6} "
        f"POs {pos or '-'}"
    )
