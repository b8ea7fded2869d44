from django.urls import path

from vendorflow.orders import live_views, print_views, views

app_name = "orders"
urlpatterns = [
    path("", views.order_list, name="list"),
    path("export.csv", views.order_export, name="export"),
    path("live-status/", live_views.live_status, name="live_status"),
    path("acknowledge/", views.bulk_acknowledge, name="bulk_acknowledge"),
    path("pick-list/", print_views.batch_pick_list, name="batch_pick_list"),
    path("pick-list.pdf", print_views.batch_pick_list_pdf, name="batch_pick_list_pdf"),
    path("pick-list.csv", print_views.batch_pick_list_csv, name="batch_pick_list_csv"),
    path("pick-list/select/", print_views.select_for_pick_list, name="pick_list_select"),
    path("pick-list/scan/", print_views.batch_scan, name="batch_scan"),
    path("pick-list/scan/undo/", print_views.batch_scan_undo, name="batch_scan_undo"),
    path("<int:pk>/", views.order_detail, name="detail"),
    path("<int:pk>/scan/", views.order_scan, name="scan"),
    path("<int:pk>/scan/undo/", views.scan_undo, name="scan_undo"),
    path("<int:pk>/lines/<int:line_pk>/bulk/", views.line_bulk, name="line_bulk"),
    path("<int:pk>/acknowledge/", views.order_acknowledge, name="acknowledge"),
    path("<int:pk>/acknowledgement/", live_views.ack_panel, name="ack_panel"),
    path("<int:pk>/pick-list/", print_views.order_pick_list, name="pick_list"),
    path("<int:pk>/pick-list.pdf", print_views.order_pick_list_pdf, name="pick_list_pdf"),
    path("<int:pk>/sheet/", print_views.order_sheet, name="sheet"),
    path("<int:pk>/sheet.pdf", print_views.order_sheet_pdf, name="sheet_pdf"),
]
