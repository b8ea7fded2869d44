"""The client's shipment confirmations, end to end against the simulator on loopback."""

import httpx

from tests.amazon.builders import notice
from vendorflow.integrations.amazon import ratelimit, schemas, shipments
from vendorflow.integrations.amazon.client import Credentials, VendorOrdersClient
from vendorflow.simulator.testing import running_simulator


def amazon(sim) -> VendorOrdersClient:
    credentials = Credentials(
        client_id=sim.client_id,
        client_secret=sim.client_secret,
        refresh_token=sim.refresh_token,
        endpoint=sim.base_url,
        lwa_url=sim.lwa_url,
    )
    return VendorOrdersClient(
        credentials, http=httpx.Client(timeout=5), limiter=ratelimit.DisabledLimiter()
    )


def test_what_the_client_sends_is_taken_held_and_followed_to_success():
    with (
        running_simulator(throttling=False, shipment_processing_seconds=0) as sim,
        amazon(sim) as client,
    ):
        sent = shipments.notice_to_confirmation(notice())
        transaction_id = client.submit_shipment_confirmations([sent])
        status = client.get_transaction(transaction_id).transaction_status

    assert status is not None
    assert status.transaction_id == transaction_id
    assert status.status is schemas.TransactionState.SUCCESS
    assert status.errors is None
    held = sim.state.shipments["SHP-ACME-000123"]
    assert held["confirmation"] == sent
    assert held["purchaseOrderNumbers"] == ["7QK4TXIN", "8RM5UYJO"]
    assert [c["outcome"] for c in sim.state.shipment_confirmations] == ["Success"]


def test_a_second_original_ends_in_failure_and_a_replace_then_succeeds():
    with (
        running_simulator(throttling=False, shipment_processing_seconds=0) as sim,
        amazon(sim) as client,
    ):
        first = client.submit_shipment_confirmations([shipments.notice_to_confirmation(notice())])
        again = client.submit_shipment_confirmations([shipments.notice_to_confirmation(notice())])
        correction = shipments.notice_to_confirmation(
            notice(confirmation_type="Replace", tracking_number="LR-99813")
        )
        replaced = client.submit_shipment_confirmations([correction])
        duplicate = client.get_transaction(again).transaction_status
        replacement = client.get_transaction(replaced).transaction_status

    assert len({first, again, replaced}) == 3
    assert duplicate is not None and replacement is not None
    assert duplicate.status is schemas.TransactionState.FAILURE
    assert [e.code for e in duplicate.errors or []] == ["DUPLICATE_SHIPMENT"]
    assert "SHP-ACME-000123" in (duplicate.errors or [])[0].message
    assert replacement.status is schemas.TransactionState.SUCCESS
    held = sim.state.shipments["SHP-ACME-000123"]
    assert held["transactionId"] == replaced
    assert held["confirmation"]["transportationDetails"]["carrierShipmentReferenceNumber"] == (
        "LR-99813"
    )
    assert client.calls == {
        "token": 1,
        "submitShipmentConfirmations": 3,
        "getTransaction": 2,
    }


def test_a_confirmation_still_processing_reads_as_processing():
    with running_simulator(throttling=False) as sim, amazon(sim) as client:
        transaction_id = client.submit_shipment_confirmations(
            [shipments.notice_to_confirmation(notice())]
        )
        status = client.get_transaction(transaction_id).transaction_status

    assert status is not None
    assert status.status is schemas.TransactionState.PROCESSING
