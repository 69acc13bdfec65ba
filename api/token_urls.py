"""The token pages, beside the profile they are linked from."""

from django.urls import path

from api import token_views

app_name = "api_tokens"
urlpatterns = [
    path("accounts/profile/tokens/", token_views.token_list, name="list"),
    path("accounts/profile/tokens/<int:pk>/revoke/", token_views.revoke, name="revoke"),
]
