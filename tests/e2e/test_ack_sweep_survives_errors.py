"""One acknowledgement Amazon cannot answer about does not stop the sweep for the others."""

from datetime import UTC, datetime

import time_machine

from vendorflow.integrations.amazon import jobs
from vendorflow.orders import acknowledging
from vendorflow.orders.choices import AckState


def test_the_sweep_settles_the_rest_when_one_status_check_fails(e2e, inline_tasks):
    numbers = e2e.generate(2)
    e2e.sync()
    acks = []
    for number in numbers:
        order = e2e.order(number)
        e2e.scan_one_unit(order)
        acks.append(e2e.confirm(order))
        acknowledging.claim_for_sending(ack_id=acks[-1].pk, worker="died-before-sending")
    e2e.sim.faults.configure(operations=["getPurchaseOrdersStatus"], server_error={"count": 5})

    later = datetime.now(UTC) + acknowledging.SENDING_STALE_AFTER + acknowledging.FIRST_CHECK_AFTER
    with time_machine.travel(later, tick=True):
        jobs.process_outbox.call_local()

    first, second = (acknowledging.Acknowledgement.objects.get(pk=a.pk) for a in acks)
    assert (first.state, first.needs_status_check) == (AckState.SENDING, True)  # asked again later
    assert (second.state, second.attempts) == (AckState.SUBMITTED, 2)
    assert [r["acknowledgements"][0]["purchaseOrderNumber"] for r in e2e.received()] == [
        second.order.po_number
    ]
