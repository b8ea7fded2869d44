from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "vendorflow.channels"
    label = "channels"
