from datetime import UTC, datetime

from tests.importing.builders import FakeClient, channel_with_customer, fake_source, purchase_order
from vendorflow.channels.choices import SyncKind
from vendorflow.channels.sync import run_sync
from vendorflow.orders.models import ImportException, WarehouseCodeNotice
from vendorflow.orders.notifications import notify_held_codes

NOW = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)


def _sync(channel, *pos):
    run_sync(
        channel=channel,
        kind=SyncKind.CREATED,
        source=fake_source(FakeClient([[list(pos)]])),
        now=NOW,
    )


def test_held_codes_are_notified_in_one_email_per_sync_and_once_per_code(org, mailoutbox):
    channel, _, _ = channel_with_customer(org, code="BLR7")

    _sync(
        channel,
        purchase_order("PO1", ship_to_party_id="DEL4"),
        purchase_order("PO2", ship_to_party_id="DEL4"),
        purchase_order("PO3", ship_to_party_id="PNQ1"),
        purchase_order("PO4"),
    )

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert (
        mail.subject
        == "[vendorflow] Purchase orders held: no customer for warehouse code DEL4, PNQ1"
    )
    assert mail.to == ["ops@example.com"]
    assert "  DEL4: 2 POs held" in mail.body
    assert "  PNQ1: 1 PO held" in mail.body
    assert "http://127.0.0.1:8000/customers/warehouse-codes/?code=DEL4" in mail.body
    assert set(ImportException.objects.values_list("notified", flat=True)) == {True}

    _sync(channel, purchase_order("PO5", ship_to_party_id="DEL4"))
    assert len(mailoutbox) == 1  # DEL4 was already reported
    assert ImportException.objects.get(po_number="PO5").notified is True

    _sync(
        channel,
        purchase_order("PO6", ship_to_party_id="HYD8"),
        purchase_order("PO7", ship_to_party_id="DEL4"),
    )
    assert len(mailoutbox) == 2
    assert mailoutbox[1].subject.endswith("warehouse code HYD8")
    assert sorted(WarehouseCodeNotice.objects.values_list("code", flat=True)) == [
        "DEL4",
        "HYD8",
        "PNQ1",
    ]


def test_nothing_held_nothing_sent(org, mailoutbox):
    channel, _, _ = channel_with_customer(org)

    assert notify_held_codes(channel=channel) == []
    assert mailoutbox == []


def test_an_email_that_fails_is_sent_after_the_next_sync(org, mailoutbox, monkeypatch):
    from vendorflow.orders import notifications

    channel, _, _ = channel_with_customer(org, code="BLR7")
    real_send = notifications._send

    def smtp_down(*args):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(notifications, "_send", smtp_down)
    _sync(channel, purchase_order("PO1", ship_to_party_id="DEL4"))
    assert not WarehouseCodeNotice.objects.exists()
    assert ImportException.objects.get().notified is False

    monkeypatch.setattr(notifications, "_send", real_send)
    _sync(channel, purchase_order("PO1", ship_to_party_id="DEL4"))
    assert [m.subject for m in mailoutbox] == [
        "[vendorflow] Purchase orders held: no customer for warehouse code DEL4"
    ]
