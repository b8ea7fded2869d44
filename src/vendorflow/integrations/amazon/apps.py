from django.apps import AppConfig


class AmazonConfig(AppConfig):
    name = "vendorflow.integrations.amazon"
    label = "amazon"
    verbose_name = "Amazon Vendor Central"

    def ready(self) -> None:
        from vendorflow.integrations.amazon import acks
        from vendorflow.orders import acknowledging

        acknowledging.build_payload = acks.plan_to_acknowledgement
