"""The builder's routes, under /manage/assessments/ (before /manage/<slug>/ in the site's map)."""

from django.urls import path

from builder import views

app_name = "builder"
urlpatterns = [
    path("new/", views.new_assessment, name="new"),
    path("<slug:slug>/edit/", views.edit_assessment, name="edit"),
    path("<slug:slug>/publish/", views.publish_assessment, name="publish"),
    path("<slug:slug>.json", views.download_assessment, name="download"),
]
