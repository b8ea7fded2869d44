from django.urls import path

from vendorflow.customers import views

app_name = "customers"
urlpatterns: list = []
