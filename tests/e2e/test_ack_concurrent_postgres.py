"""Real concurrency on PostgreSQL: submits and sends racing on threads send one acknowledgement."""

import pytest

from tests.concurrency import in_threads
from vendorflow.integrations.amazon import outbox
from vendorflow.orders.choices import AckState
from vendorflow.orders.models import Acknowledgement

from .conftest import assert_every_ack_was_valid

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _scanned_order(e2e):
    [number] = e2e.generate(1)
    e2e.sync()
    order = e2e.order(number)
    e2e.scan(order, "1", 1)
    return number


def test_two_concurrent_submits_and_sends_make_one_acknowledgement(e2e):
    number = _scanned_order(e2e)

    def submit_and_send():
        ack = e2e.confirm(e2e.order(number))
        return ack.pk, outbox.send(ack_id=ack.pk)

    results = in_threads(submit_and_send, submit_and_send)

    [ack] = Acknowledgement.objects.all()
    assert sorted(results) == [(ack.pk, []), (ack.pk, [ack.pk])]
    assert e2e.queued == [ack.pk]  # one confirm committed a row and queued it
    assert len(e2e.received()) == 1
    assert_every_ack_was_valid(e2e)
    assert (ack.state, ack.attempts) == (AckState.SUBMITTED, 1)


def test_two_workers_sending_one_ack_at_once_send_it_once(e2e):
    ack = e2e.confirm(e2e.order(_scanned_order(e2e)))

    results = in_threads(*[lambda: outbox.send(ack_id=ack.pk)] * 4)

    assert sorted(results) == [[], [], [], [ack.pk]]
    assert len(e2e.received()) == 1
    assert e2e.calls()["submitAcknowledgement"] == 1
    ack.refresh_from_db()
    assert (ack.state, ack.attempts) == (AckState.SUBMITTED, 1)
