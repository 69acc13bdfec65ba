"""The read API for BI tools under /api/v1/ (its schema needs no token), and a manager's personal
tokens for it beside the profile they are linked from."""

from django.urls import path

from api import token_views, views

app_name = "api"
urlpatterns = [
    path("api/v1/assessments/", views.AssessmentList.as_view(), name="assessments"),
    path(
        "api/v1/assessments/<slug:assessment_slug>/people/",
        views.PeopleList.as_view(),
        name="people",
    ),
    path("api/v1/results/<uuid:id>/", views.ResultDetail.as_view(), name="result"),
    path("api/v1/teams/", views.TeamList.as_view(), name="teams"),
    path("api/v1/teams/<slug:team_slug>/rounds/", views.RoundList.as_view(), name="rounds"),
    path("api/v1/schema/", views.Schema.as_view(), name="schema"),
    path("accounts/profile/tokens/", token_views.token_list, name="tokens"),
    path("accounts/profile/tokens/<int:pk>/revoke/", token_views.revoke, name="revoke_token"),
]
