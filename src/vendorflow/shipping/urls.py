from django.urls import path

from vendorflow.shipping import views

app_name = "shipping"

urlpatterns = [
    path("", views.shipment_list, name="list"),
    path("new/", views.shipment_new, name="new"),
    path("settings/", views.shipping_settings, name="settings"),
    path("<int:pk>/", views.shipment_detail, name="detail"),
    path("<int:pk>/packing-list/", views.packing_list, name="packing_list"),
    path("<int:pk>/packing-list.pdf", views.packing_list_pdf, name="packing_list_pdf"),
    path("<int:pk>/packing-list.csv", views.packing_list_csv, name="packing_list_csv"),
    path("<int:pk>/asn.csv", views.asn_sheet_csv, name="asn_csv"),
    path("<int:pk>/labels/", views.shipment_labels, name="labels"),
    path("<int:pk>/labels.pdf", views.shipment_labels_pdf, name="labels_pdf"),
    path("<int:pk>/ready/", views.shipment_action, {"action": "ready"}, name="ready"),
    path("<int:pk>/ship/", views.shipment_action, {"action": "ship"}, name="ship"),
    path("<int:pk>/send-asn/", views.shipment_action, {"action": "send-asn"}, name="send-asn"),
    path(
        "<int:pk>/replace-asn/",
        views.shipment_action,
        {"action": "replace-asn"},
        name="replace-asn",
    ),
    path("<int:pk>/cancel/", views.shipment_action, {"action": "cancel"}, name="cancel"),
    path(
        "<int:pk>/remove-order/",
        views.shipment_action,
        {"action": "remove-order"},
        name="remove-order",
    ),
    path(
        "<int:pk>/add-orders/", views.shipment_action, {"action": "add-orders"}, name="add-orders"
    ),
    path("orders/<int:pk>/pack/", views.pack, name="pack"),
    path("orders/<int:pk>/boxes/", views.box_new, name="box_new"),
    path("orders/<int:pk>/labels/", views.order_labels, name="order_labels"),
    path("orders/<int:pk>/labels.pdf", views.order_labels_pdf, name="order_labels_pdf"),
    path("boxes/<int:pk>/close/", views.box_close, name="box_close"),
    path("boxes/<int:pk>/reopen/", views.box_reopen, name="box_reopen"),
    path("boxes/<int:pk>/discard/", views.box_discard, name="box_discard"),
    path("boxes/<int:pk>/move/", views.box_move, name="box_move"),
    path("boxes/<int:pk>/label.pdf", views.box_label_pdf, name="box_label_pdf"),
]
