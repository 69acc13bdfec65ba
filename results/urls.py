"""Answering and the answers: the public form and each result's private addresses."""

from django.urls import path

from results import views

app_name = "results"
urlpatterns = [
    path("assessment/", views.answer, name="answer"),
    path("results/<uuid:pk>/", views.result_detail, name="detail"),
    path("results/<uuid:pk>.json", views.result_json, name="json"),
    path("results/<uuid:pk>/delete/", views.result_delete, name="delete"),
    path("results/<uuid:pk>/again/", views.answer_again, name="again"),
    path("results/<uuid:pk>/compare/<uuid:other_pk>/", views.result_compare, name="compare"),
]
