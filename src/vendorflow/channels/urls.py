from django.urls import path

from vendorflow.channels import views

app_name = "channels"
urlpatterns: list = []
