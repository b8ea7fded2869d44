from django.contrib.auth import views as auth_views
from django.urls import path

from vendorflow.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("members/", views.members, name="members"),
    path("members/add/", views.member_add, name="member_add"),
    path("members/<int:pk>/role/", views.member_role, name="member_role"),
    path("members/<int:pk>/deactivate/", views.member_deactivate, name="member_deactivate"),
    path("members/<int:pk>/reactivate/", views.member_reactivate, name="member_reactivate"),
    path("members/<int:pk>/unlock/", views.member_unlock, name="member_unlock"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/create/", views.token_create, name="token_create"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("audit/", views.audit_log, name="audit"),
    path("time-zone/", views.time_zone, name="time_zone"),
    path("time-zone/organization/", views.organization_time_zone, name="organization_time_zone"),
    path("time-zone/mine/", views.my_time_zone, name="my_time_zone"),
]
