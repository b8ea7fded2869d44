from django.urls import path

from vendorflow.catalog import views

app_name = "catalog"
urlpatterns = [
    path("locations/", views.location_list, name="locations"),
    path("locations/new/", views.location_create, name="location_create"),
    path("locations/import/", views.location_import, name="location_import"),
    path("locations/export.csv", views.location_export, name="location_export"),
    path("locations/<int:pk>/edit/", views.location_edit, name="location_edit"),
    path("locations/<int:pk>/delete/", views.location_delete, name="location_delete"),
    path("products/", views.product_list, name="products"),
    path("products/new/", views.product_create, name="product_create"),
    path("products/import/", views.product_import, name="product_import"),
    path("products/export.csv", views.product_export, name="product_export"),
    path("products/<int:pk>/", views.product_detail, name="product"),
    path("products/<int:pk>/edit/", views.product_edit, name="product_edit"),
    path("products/<int:pk>/delete/", views.product_delete, name="product_delete"),
    path("mappings/", views.mapping_list, name="mappings"),
    path("mappings/new/", views.mapping_create, name="mapping_create"),
    path(
        "mappings/suggest-product/", views.mapping_suggest_product, name="mapping_suggest_product"
    ),
    path("mappings/suggestions/", views.mapping_suggestions, name="mapping_suggestions"),
    path("mappings/import/", views.mapping_import, name="mapping_import"),
    path("mappings/export.csv", views.mapping_export, name="mapping_export"),
    path("unmapped/", views.unmapped_list, name="unmapped"),
    path("unmapped/map/", views.unmapped_map, name="unmapped_map"),
    path("unmapped/new-product/", views.unmapped_product, name="unmapped_product"),
    path("mappings/<int:pk>/edit/", views.mapping_edit, name="mapping_edit"),
    path("mappings/<int:pk>/delete/", views.mapping_delete, name="mapping_delete"),
]
