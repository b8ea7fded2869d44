"""Boxes → shipment → ASN against the simulator: exactly one Original whose cartons are the boxes,
also across a worker killed between sending and recording, and a Failure corrected by a Replace."""

from datetime import UTC, datetime

import httpx
import pytest
import time_machine

from vendorflow.integrations.amazon import asn_outbox, jobs, outbox
from vendorflow.shipping import asn, packing, shipments
from vendorflow.shipping.choices import AsnState, ShipmentState
from vendorflow.shipping.models import Asn, Box


class WorkerKilled(BaseException):
    """The process died: nothing after this point ran."""


@pytest.fixture
def shipped(e2e, monkeypatch):
    """Two POs to BLR7 packed into three closed boxes, acknowledged, shipped on an ASN channel."""
    httpx.post(f"{e2e.sim.base_url}/_sim/shipment-confirmations/processing", json={"seconds": 0})
    queued: list[int] = []
    monkeypatch.setattr(asn, "enqueue_submit", queued.append)
    e2e.channel.send_asn = True
    e2e.channel.save()
    first, second = (e2e.order(n) for n in _two_pos(e2e))
    _pack(e2e, first, [["1"], ["2"]])
    _pack(e2e, second, [["1", "2"]])
    for order in (first, second):
        ack = e2e.confirm(order)
        assert outbox.send(ack_id=ack.pk) == [ack.pk]
    shipment = shipments.create_shipment(
        organization=e2e.org,
        order_ids=[first.pk, second.pk],
        user=e2e.user,
        details=shipments.Details(appointment_id="ARN-4471", tracking_number="LR-1"),
    )
    shipments.mark_shipped(shipment=shipment, user=e2e.user)
    row = Asn.objects.get(shipment=shipment)
    return shipment, row


def _two_pos(e2e) -> list[str]:
    numbers = e2e.generate(2, fcs=("BLR7",), lines=(2, 2))
    e2e.sync()
    return numbers


def _pack(e2e, order, boxes: list[list[str]]) -> None:
    """Scan every unit of the given lines, one closed box per group of lines."""
    for lines in boxes:
        for sequence in lines:
            e2e.scan(order, sequence, order.lines.get(item_sequence_number=sequence).ordered_eaches)
        box = order.boxes.get(state="open")
        packing.close_box(box=box, user=e2e.user, measures=packing.Measures(weight_kg=4))


def _held(e2e, shipment) -> dict:
    return e2e.sim.state.shipments[shipment.reference]


def _cartons(confirmation: dict) -> list[tuple[str, list[tuple[str, int]]]]:
    items = {i["itemSequenceNumber"]: i for i in confirmation["shippedItems"]}
    return [
        (
            carton["cartonIdentifiers"][0]["containerIdentificationNumber"],
            [
                (
                    items[i["itemReference"]]["itemDetails"]["purchaseOrderNumber"]
                    + "#"
                    + items[i["itemReference"]]["amazonProductIdentifier"],
                    i["shippedQuantity"]["amount"] * (i["shippedQuantity"].get("unitSize") or 1),
                )
                for i in carton["items"]
            ],
        )
        for carton in confirmation["cartons"]
    ]


def _boxes(shipment) -> list[tuple[str, list[tuple[str, int]]]]:
    boxes = Box.objects.filter(order__shipment_member__shipment=shipment).order_by(
        "order__po_number", "number"
    )
    return [
        (
            box.carton_id,
            [
                (f"{box.order.po_number}#{item.line.asin}", item.quantity_eaches)
                for item in box.items.order_by("line__item_sequence_number")
            ],
        )
        for box in boxes
    ]


def test_the_simulator_holds_exactly_one_original_whose_cartons_are_the_boxes(e2e, shipped):
    shipment, row = shipped
    assert asn_outbox.send(asn_id=row.pk) is True
    assert asn_outbox.send(asn_id=row.pk) is False  # a second worker finds nothing to send
    assert asn_outbox.check(asn_id=row.pk) == AsnState.CONFIRMED
    shipment.refresh_from_db()
    assert shipment.state == ShipmentState.CONFIRMED
    held = _held(e2e, shipment)
    assert held["shipmentConfirmationType"] == "Original"
    assert len(held["confirmation"]["cartons"]) == 3
    assert _cartons(held["confirmation"]) == _boxes(shipment)
    assert held["confirmation"]["amazonReferenceNumber"] == "ARN-4471"
    assert len(e2e.sim.state.shipment_confirmations) == 1
    assert e2e.calls()["submitShipmentConfirmations"] == 1


def test_killed_between_sending_and_recording_is_settled_without_a_second_send(
    e2e, shipped, monkeypatch
):
    shipment, row = shipped

    def killed(**kwargs):
        raise WorkerKilled

    with monkeypatch.context() as patch:
        patch.setattr(asn, "record_submitted", killed)
        with pytest.raises(WorkerKilled):
            asn_outbox.send(asn_id=row.pk)
    row.refresh_from_db()
    assert (row.state, row.in_doubt, row.transaction_id) == (AsnState.SENDING, True, "")
    jobs.process_asn_outbox.call_local()  # too early: the claim is not stale
    assert e2e.calls()["getShipmentDetails"] == 0

    later = datetime.now(UTC) + asn.CLAIM_STALE_AFTER + asn.FIRST_CHECK_AFTER
    with time_machine.travel(later, tick=True), monkeypatch.context() as patch:
        sent: list[int] = []
        patch.setattr(jobs, "submit_asn", sent.append)
        jobs.process_asn_outbox.call_local()
    row.refresh_from_db()
    assert (row.state, row.in_doubt, row.attempts) == (AsnState.CONFIRMED, False, 1)
    assert sent == []
    assert e2e.calls()["getShipmentDetails"] == 1
    assert e2e.calls()["submitShipmentConfirmations"] == 1
    assert len(e2e.sim.state.shipment_confirmations) == 1
    assert _cartons(_held(e2e, shipment)["confirmation"]) == _boxes(shipment)


def test_claimed_but_never_sent_goes_once_after_amazon_says_it_has_none(e2e, shipped):
    shipment, row = shipped
    assert asn.claim(asn_id=row.pk, worker="died-before-sending") is not None
    assert asn_outbox.send(asn_id=row.pk) is False
    later = datetime.now(UTC) + asn.CLAIM_STALE_AFTER + asn.FIRST_CHECK_AFTER
    with time_machine.travel(later, tick=True):
        assert asn_outbox.resolve_in_doubt(asn_id=row.pk) == "resend"
    assert asn_outbox.send(asn_id=row.pk) is True
    row.refresh_from_db()
    assert (row.state, row.attempts) == (AsnState.SUBMITTED, 2)
    assert len(e2e.sim.state.shipment_confirmations) == 1


def test_a_failure_shows_amazons_errors_and_a_replace_goes_through(e2e, shipped):
    shipment, row = shipped
    fault = {
        "shipment_failure": {"count": 1},
        "shipment_errors": [{"code": "INVALID_CARTON", "message": "Carton 1 has no label."}],
    }
    httpx.post(f"{e2e.sim.base_url}/_sim/faults", json=fault)
    assert asn_outbox.send(asn_id=row.pk) is True
    assert asn_outbox.check(asn_id=row.pk) == AsnState.FAILED
    row.refresh_from_db()
    assert [(e["code"], e["message"]) for e in row.errors] == [
        ("INVALID_CARTON", "Carton 1 has no label.")
    ]
    shipment.refresh_from_db()
    assert shipment.state == ShipmentState.FAILED
    assert shipment.reference not in e2e.sim.state.shipments

    # Amazon holds nothing for it: the corrected ASN is the Original again, on the same row.
    asn.replace(shipment=shipment, user=e2e.user)
    row.refresh_from_db()
    assert (row.state, row.confirmation_type, row.revision) == (AsnState.PENDING, "Original", 2)
    assert asn_outbox.send(asn_id=row.pk) is True
    assert asn_outbox.check(asn_id=row.pk) == AsnState.CONFIRMED
    assert _held(e2e, shipment)["shipmentConfirmationType"] == "Original"

    # A correction of what Amazon took is a Replace with the same identifier.
    shipments.update_details(
        shipment=shipment,
        user=e2e.user,
        details=shipments.Details(appointment_id="ARN-4471", tracking_number="LR-2"),
    )
    asn.replace(shipment=shipment, user=e2e.user)
    row.refresh_from_db()
    assert (row.confirmation_type, row.revision) == ("Replace", 3)
    assert asn_outbox.send(asn_id=row.pk) is True
    assert asn_outbox.check(asn_id=row.pk) == AsnState.CONFIRMED
    held = _held(e2e, shipment)
    assert held["shipmentConfirmationType"] == "Replace"
    assert held["confirmation"]["transportationDetails"]["carrierShipmentReferenceNumber"] == "LR-2"
    outcomes = [c["outcome"] for c in e2e.sim.state.shipment_confirmations]
    assert outcomes == ["Failure", "Success", "Success"]
    assert len(e2e.sim.state.shipments) == 1
