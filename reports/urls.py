"""The manager pages under /manage/: every one needs sign-in and permission to view results."""

from django.urls import path

from reports import views

app_name = "manage"
urlpatterns = [
    path("", views.manage_index, name="index"),
    path("<slug:slug>/", views.assessment_matrix, name="matrix"),
    path("<slug:slug>/results.csv", views.assessment_csv, name="csv"),
]
