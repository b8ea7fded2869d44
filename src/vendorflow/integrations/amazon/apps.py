from django.apps import AppConfig


class AmazonConfig(AppConfig):
    name = "vendorflow.integrations.amazon"
    label = "amazon"
    verbose_name = "Amazon Vendor Central"

    def ready(self) -> None:
        # Loading jobs registers the Huey tasks with the consumer.
        from vendorflow.customers import prefill
        from vendorflow.integrations.amazon import acks, jobs, parties, shipments
        from vendorflow.orders import acknowledging
        from vendorflow.shipping import asn

        acknowledging.build_payload = acks.plan_to_acknowledgement
        acknowledging.enqueue_submit = jobs.submit_acknowledgement
        asn.build_payload = shipments.notice_to_confirmation
        asn.enqueue_submit = jobs.submit_asn
        prefill.read_ship_to = parties.ship_to_party
