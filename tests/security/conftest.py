import pytest

from vendorflow.shipping import asn


@pytest.fixture(autouse=True)
def asn_queue(monkeypatch):
    """The shipment writes queue ASNs: nothing is sent from the role sweeps."""
    monkeypatch.setattr(asn, "enqueue_submit", lambda asn_id: None)
