"""The site's URL map: each app owns its routes under its own namespace."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("assessments.urls")),
    path("results/", include("results.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "assessor.views.bad_request"
