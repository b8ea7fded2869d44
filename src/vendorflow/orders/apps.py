from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "vendorflow.orders"
    label = "orders"
