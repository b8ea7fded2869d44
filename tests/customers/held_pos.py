"""POs held for an FC code without a customer, carrying the FC's address and GSTIN."""

from tests import factories
from tests.importing.builders import po_line, purchase_order
from vendorflow.orders.importing import import_purchase_orders
from vendorflow.simulator import catalog

HYD8 = next(fc for fc in catalog.default_fcs() if fc["code"] == "HYD8")


def hold_pos_for_hyd8(org, *po_numbers: str, party: dict | None = None):
    """A channel, and POs for HYD8 held because no customer is mapped to it."""
    channel = factories.make_channel(org)
    factories.make_location(org, "WH1")
    party = catalog.party(HYD8) if party is None else party
    pos = [
        purchase_order(
            number,
            ship_to_party_id="HYD8",
            lines=[po_line(1)],
            raw={"purchaseOrderNumber": number, "orderDetails": {"shipToParty": party}},
        )
        for number in po_numbers
    ]
    import_purchase_orders(channel=channel, purchase_orders=pos)
    return channel
