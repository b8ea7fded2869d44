from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "vendorflow.demo"
    label = "demo"
    verbose_name = "Demo data"
