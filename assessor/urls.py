"""The site's URL map: each app owns its routes under its own namespace."""

from django.contrib import admin
from django.urls import include, path

from assessor import views

health_patterns = ([path("healthz", views.healthz, name="healthz")], "health")

urlpatterns = [
    path("", include("assessments.urls")),
    path("results/", include("results.urls")),
    path("admin/", admin.site.urls),
    path("", include(health_patterns)),
]
