import pytest
from django.core.exceptions import ValidationError

from tests.shipping import builders
from vendorflow.orders.scanning import undo_last_scan
from vendorflow.shipping import packing
from vendorflow.shipping.choices import BoxState, CartonIdType
from vendorflow.shipping.models import Box, BoxItem, PackEvent

SOAP = "8901000000011"


@pytest.fixture
def w(org):
    return builders.world(org)


def _contents(order):
    return [
        (
            box.number,
            box.state,
            sorted((i.line.item_sequence_number, i.quantity_eaches) for i in box.items.all()),
        )
        for box in order.boxes.order_by("number")
    ]


def test_scans_fill_box_one_which_opens_itself(w):
    user = builders.packer(w.org)
    order = builders.two_line_order(w)
    assert not order.boxes.exists()
    builders.scan(order, user, soap=3, brush=2)
    assert _contents(order) == [(1, BoxState.OPEN, [("1", 3), ("2", 2)])]
    box = order.boxes.get()
    assert box.carton_id_type == CartonIdType.CID
    assert box.carton_id == "C0000000001"
    assert list(PackEvent.objects.filter(box=box).values_list("kind", "quantity_eaches")) == [
        ("opened", 0),
        ("packed", 1),
        ("packed", 1),
        ("packed", 1),
        ("packed", 2),
    ]


def test_a_closed_box_takes_nothing_more_and_the_next_scan_opens_box_two(w):
    user = builders.packer(w.org)
    order = builders.two_line_order(w)
    builders.scan(order, user, soap=2)
    first = order.boxes.get()
    packing.close_box(box=first, user=user, measures=packing.Measures(weight_kg=1))
    builders.scan(order, user, soap=1)
    assert _contents(order) == [
        (1, BoxState.CLOSED, [("1", 2)]),
        (2, BoxState.OPEN, [("1", 1)]),
    ]
    with pytest.raises(ValidationError, match="Box 1 is closed"):
        packing.move(
            source=order.boxes.get(number=2),
            target=first,
            line=builders.line(order, 1),
            eaches=1,
            user=user,
        )


def test_undo_takes_units_out_of_the_open_box_but_not_out_of_a_closed_one(w):
    user = builders.packer(w.org)
    order = builders.two_line_order(w)
    builders.scan(order, user, soap=2)
    undo_last_scan(order=order, user=user)
    assert _contents(order) == [(1, BoxState.OPEN, [("1", 1)])]
    packing.close_box(box=order.boxes.get(), user=user, measures=packing.Measures())
    with pytest.raises(ValidationError, match="box 1 is closed: reopen the box to undo"):
        undo_last_scan(order=order, user=user)
    line = builders.line(order, 1)
    line.refresh_from_db()
    assert line.scanned_eaches == 1  # the refused undo took nothing off
    assert _contents(order) == [(1, BoxState.CLOSED, [("1", 1)])]


def test_an_empty_box_cannot_close_and_reopening_needs_a_reason(w):
    user = builders.packer(w.org)
    order = builders.two_line_order(w)
    box = packing.new_box(order=order, user=user)
    with pytest.raises(ValidationError, match="Box 1 is empty"):
        packing.close_box(box=box, user=user, measures=packing.Measures())
    builders.scan(order, user, soap=1)
    packing.close_box(box=box, user=user, measures=packing.Measures())
    with pytest.raises(ValidationError, match="Say why"):
        packing.reopen_box(box=box, user=user, reason=" ")
    packing.reopen_box(box=box, user=user, reason="wrong soap")
    box.refresh_from_db()
    assert box.state == BoxState.OPEN
    assert w.org.audit_entries.filter(action="box.reopened").count() == 1


def test_carton_ids_are_never_handed_out_twice(w):
    user = builders.packer(w.org)
    order = builders.two_line_order(w)
    first = packing.new_box(order=order, user=user)
    packing.discard_box(box=first, user=user)
    second = packing.new_box(order=order, user=user)
    assert (second.number, second.carton_id) == (1, "C0000000002")
    assert not Box.objects.filter(pk=first.pk).exists()
    assert BoxItem.objects.count() == 0


def test_an_organization_with_a_gs1_prefix_gets_ssccs(w):
    from vendorflow.shipping import sscc
    from vendorflow.shipping.models import ShippingSettings

    ShippingSettings.objects.create(
        organization=w.org, gs1_company_prefix="8901234", sscc_extension_digit=3
    )
    user = builders.packer(w.org)
    order = builders.two_line_order(w)
    builders.scan(order, user, soap=1)
    box = order.boxes.get()
    assert box.carton_id_type == CartonIdType.SSCC
    assert box.carton_id == "389012340000000015"  # 3, prefix 8901234, serial 000000001, check 5
    assert sscc.is_valid(box.carton_id)
