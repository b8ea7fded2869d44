from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "vendorflow.catalog"
    label = "catalog"
