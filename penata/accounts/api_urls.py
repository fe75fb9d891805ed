from django.urls import path

from . import api

app_name = "accounts-api"
urlpatterns = [
    path("token/", api.TokenView.as_view(), name="token"),
    path("token/current/", api.TokenRevokeView.as_view(), name="token-current"),
    path("me/", api.MeView.as_view(), name="me"),
]
