from django.apps import AppConfig


class AmazonConfig(AppConfig):
    name = "vendorflow.integrations.amazon"
    label = "amazon"
    verbose_name = "Amazon Vendor Central"
