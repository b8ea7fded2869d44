from django.urls import path

from vendorflow.catalog import views

app_name = "catalog"
urlpatterns: list = []
