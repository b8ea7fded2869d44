"""Packers racing on PostgreSQL: a line never holds more than it accepted, and no two boxes of an
organization get the same SSCC."""

import pytest

from tests import factories
from tests.concurrency import in_threads
from tests.shipping import builders
from vendorflow.shipping import packing, sscc
from vendorflow.shipping.models import Box, BoxItem, SerialSeries, ShippingSettings

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_packers_racing_for_the_last_accepted_units_pack_them_once():
    org = factories.make_org()
    w = builders.world(org)
    user = builders.packer(org)
    order = builders.two_line_order(w, soap=10, brush=0)
    builders.scan(order, user, soap=3)
    order = builders.acknowledge(order, user)
    BoxItem.objects.filter(box__order=order).delete()  # the units came out: 3 accepted to pack
    packers = [factories.make_member(org, "operator") for _ in range(8)]

    def pack(member):
        try:
            packing.pack_code(order=order, code="8901000000011", user=member)
        except packing.PackRefused as refused:
            return refused.code
        return "packed"

    results = in_threads(*[lambda m=m: pack(m) for m in packers])
    assert sorted(results) == ["pack_full"] * 5 + ["packed"] * 3
    assert packing.packed_eaches(builders.line(order, 1).pk) == 3
    assert Box.objects.filter(order=order).count() == 1  # one open box, not one per packer


def test_boxes_opened_at_once_get_distinct_valid_ssccs():
    org = factories.make_org()
    ShippingSettings.objects.create(
        organization=org, gs1_company_prefix="8901234", sscc_extension_digit=0
    )
    w = builders.world(org)
    orders = [builders.two_line_order(w, f"PO{n}") for n in range(6)]
    user = builders.packer(org)
    boxes = in_threads(*[lambda o=o: packing.new_box(order=o, user=user) for o in orders])
    codes = sorted(box.carton_id for box in boxes)
    assert len(set(codes)) == 6
    assert all(sscc.is_valid(code) for code in codes)
    assert codes == [
        sscc.build(extension_digit=0, company_prefix="8901234", serial=n) for n in range(1, 7)
    ]
    assert SerialSeries.objects.get(organization=org).last_serial == 6
