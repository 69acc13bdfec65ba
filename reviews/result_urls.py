"""The result page and its JSON, named results:detail and results:json: assessor/urls.py puts
them into the results namespace beside results' own routes (see reviews/result_pages.py)."""

from django.urls import path

from reviews import result_pages

urlpatterns = [
    path("results/<uuid:pk>/", result_pages.result_detail, name="detail"),
    path("results/<uuid:pk>.json", result_pages.result_json, name="json"),
]
