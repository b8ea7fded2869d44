"""Mounted at /orders/exceptions/ (namespace "exceptions")."""

from django.urls import path

from vendorflow.orders import exceptions_views as views

app_name = "exceptions"
urlpatterns = [
    path("", views.exception_list, name="list"),
    path("<int:pk>/reprocess/", views.reprocess_one, name="reprocess"),
    path("reprocess/", views.reprocess_code, name="reprocess_code"),
]
