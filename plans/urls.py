"""A result's development plan, under the result's own address."""

from django.urls import path

from plans import views

app_name = "plans"
urlpatterns = [
    path("results/<uuid:pk>/plan/", views.plan_edit, name="edit"),
]
