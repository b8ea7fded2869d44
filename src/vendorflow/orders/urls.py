from django.urls import path

from vendorflow.orders import views

app_name = "orders"
urlpatterns = [
    path("", views.order_list, name="list"),
    path("export.csv", views.order_export, name="export"),
    path("acknowledge/", views.bulk_acknowledge, name="bulk_acknowledge"),
    path("<int:pk>/", views.order_detail, name="detail"),
    path("<int:pk>/scan/", views.order_scan, name="scan"),
    path("<int:pk>/scan/undo/", views.scan_undo, name="scan_undo"),
    path("<int:pk>/lines/<int:line_pk>/bulk/", views.line_bulk, name="line_bulk"),
    path("<int:pk>/acknowledge/", views.order_acknowledge, name="acknowledge"),
]
