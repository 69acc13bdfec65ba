"""Answering and the answers: the public form, each result's private addresses, and a signed-in
person's own results at /accounts/profile/. The result page and its JSON (results:detail and
results:json) show second opinions too, so the reviews app serves them (reviews/result_urls.py)."""

from django.urls import path

from results import views

app_name = "results"
urlpatterns = [
    path("assessment/", views.answer, name="answer"),
    path("results/<uuid:pk>/delete/", views.result_delete, name="delete"),
    path("results/<uuid:pk>/again/", views.answer_again, name="again"),
    path("results/<uuid:pk>/compare/<uuid:other_pk>/", views.result_compare, name="compare"),
    path("accounts/profile/", views.profile, name="profile"),
]
