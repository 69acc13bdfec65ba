"""The read API for BI tools, under /api/v1/; its schema needs no token."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.permissions import AllowAny

from api import views

app_name = "api"
urlpatterns = [
    path("assessments/", views.AssessmentList.as_view(), name="assessments"),
    path("assessments/<slug:assessment_slug>/people/", views.PeopleList.as_view(), name="people"),
    path("results/<uuid:id>/", views.ResultDetail.as_view(), name="result"),
    path("teams/", views.TeamList.as_view(), name="teams"),
    path("teams/<slug:team_slug>/rounds/", views.RoundList.as_view(), name="rounds"),
    path(
        "schema/",
        SpectacularJSONAPIView.as_view(authentication_classes=[], permission_classes=[AllowAny]),
        name="schema",
    ),
]
