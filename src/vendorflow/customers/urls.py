from django.urls import path

from vendorflow.customers import views

app_name = "customers"
urlpatterns = [
    path("", views.customer_list, name="list"),
    path("new/", views.customer_create, name="create"),
    path("export.csv", views.customer_export, name="export"),
    path("import/", views.customer_import, name="import"),
    path("<int:pk>/", views.customer_detail, name="detail"),
    path("<int:pk>/edit/", views.customer_edit, name="edit"),
    path("<int:pk>/delete/", views.customer_delete, name="delete"),
    path("<int:pk>/addresses/new/", views.address_create, name="address_create"),
    path("<int:pk>/addresses/<int:address_id>/edit/", views.address_edit, name="address_edit"),
    path(
        "<int:pk>/addresses/<int:address_id>/delete/", views.address_delete, name="address_delete"
    ),
    path("<int:pk>/mappings/", views.customer_mapping_add, name="mapping_add"),
    path(
        "<int:pk>/mappings/<int:mapping_id>/delete/",
        views.customer_mapping_remove,
        name="mapping_remove",
    ),
    path("warehouse-codes/", views.mapping_list, name="warehouse_codes"),
    path("warehouse-codes/new/", views.mapping_create, name="mapping_create"),
    path("warehouse-codes/<int:mapping_id>/edit/", views.mapping_edit, name="mapping_edit"),
    path("warehouse-codes/<int:mapping_id>/delete/", views.mapping_delete, name="mapping_delete"),
]
