import pytest

from vendorflow.shipping import asn


@pytest.fixture(autouse=True)
def asn_edge(monkeypatch):
    """The shipment writes queue ASNs: a stand-in payload builder and queue when the Amazon side
    does not provide its own."""
    if asn.build_payload is asn._no_builder:
        monkeypatch.setattr(asn, "build_payload", lambda notice: {"id": notice.shipment_identifier})
    monkeypatch.setattr(asn, "enqueue_submit", lambda asn_id: None)
