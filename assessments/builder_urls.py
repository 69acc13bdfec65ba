"""The builder's routes, under /manage/assessments/ (before /manage/<slug>/ in the site's map)."""

from django.urls import path

from assessments import builder_views

app_name = "builder"
urlpatterns = [
    path("new/", builder_views.new_assessment, name="new"),
    path("<slug:slug>/edit/", builder_views.edit_assessment, name="edit"),
    path("<slug:slug>.json", builder_views.download_assessment, name="download"),
]
