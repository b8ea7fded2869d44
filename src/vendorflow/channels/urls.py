from django.urls import path

from vendorflow.channels import views

app_name = "channels"
urlpatterns = [
    path("", views.channel_list, name="list"),
    path("settings/", views.settings_page, name="settings"),
    path("add/", views.add_chooser, name="add"),
    path("add/amazon/", views.add_amazon, name="add_amazon"),
    path("<int:pk>/", views.channel_detail, name="detail"),
    path("<int:pk>/edit/", views.channel_edit, name="edit"),
    path("<int:pk>/sync-runs/", views.channel_sync_runs, name="sync_runs"),
    path("<int:pk>/active/", views.channel_set_active, name="set_active"),
    path("sales/", views.sales_channel_list, name="sales_channels"),
    path("sales/new/", views.sales_channel_create, name="sales_channel_create"),
    path("sales/inline/", views.sales_channel_inline, name="sales_channel_inline"),
    path("sales/<int:pk>/rename/", views.sales_channel_rename, name="sales_channel_rename"),
    path("sales/<int:pk>/delete/", views.sales_channel_delete, name="sales_channel_delete"),
]
