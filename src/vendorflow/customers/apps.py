from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "vendorflow.customers"
    label = "customers"
