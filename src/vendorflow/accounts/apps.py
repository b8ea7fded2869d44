from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "vendorflow.accounts"
    label = "accounts"
