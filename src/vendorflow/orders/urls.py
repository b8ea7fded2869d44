from django.urls import path

from vendorflow.orders import views

app_name = "orders"
urlpatterns: list = []
