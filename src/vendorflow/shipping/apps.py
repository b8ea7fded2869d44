from django.apps import AppConfig


class ShippingConfig(AppConfig):
    name = "vendorflow.shipping"
    label = "shipping"
    verbose_name = "Shipping"
