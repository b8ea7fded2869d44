"""Two managers submit the same order and two workers send it: one acknowledgement.

SQLite has no concurrent writers, so this is the interleaving done one step after the other; the
PostgreSQL file runs it on real threads.
"""

from vendorflow.integrations.amazon import outbox
from vendorflow.orders.models import Acknowledgement


def test_interleaved_submits_and_sends_send_once(e2e):
    [number] = e2e.generate(1)
    e2e.sync()
    order = e2e.order(number)
    e2e.scan(order, "1", 1)
    stale_copy = e2e.order(number)  # what the second manager's page was built from

    first = e2e.confirm(order)
    claimed = outbox.outbox.claim_batch_for_sending(ack_id=first.pk, worker="worker-1")
    second = e2e.confirm(stale_copy)
    sent = outbox.send(ack_id=second.pk)

    assert first.pk == second.pk
    assert [a.pk for a in claimed] == [first.pk]
    assert sent == []  # worker-1 holds it; nothing is sent twice
    assert e2e.received() == []
    assert outbox.outbox.release_claim(ack_id=first.pk) is True
    assert outbox.send(ack_id=first.pk) == [first.pk]
    assert outbox.send(ack_id=second.pk) == []
    assert len(e2e.received()) == 1
    assert Acknowledgement.objects.count() == 1
