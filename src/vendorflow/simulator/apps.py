from django.apps import AppConfig


class SimulatorConfig(AppConfig):
    name = "vendorflow.simulator"
    label = "simulator"
    verbose_name = "Vendor Central simulator"
