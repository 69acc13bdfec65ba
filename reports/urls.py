"""The manager pages under /manage/: every one needs sign-in and permission to view results."""

from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.manage_index, name="index"),
    # A round's and a team's reports, before /manage/<slug>/ (whose slugs cannot be these).
    path("rounds/<int:pk>/", views.round_page, name="round"),
    path("rounds/<int:pk>/results.csv", views.round_csv, name="round_csv"),
    path(
        "rounds/<int:pk>/invitations/<int:invitation_pk>/send/",
        views.send_again,
        name="send_again",
    ),
    path("teams/<slug:slug>/trend/", views.trend_page, name="team_trend"),
    path("teams/<slug:slug>/trend.json", views.trend_json, name="team_trend_json"),
    path("experts/", views.experts, name="experts"),
    path("<slug:slug>/", views.assessment_matrix, name="matrix"),
    path("<slug:slug>/results.csv", views.assessment_csv, name="csv"),
    path("<slug:slug>/results.xlsx", views.assessment_xlsx, name="xlsx"),
    path("results/<uuid:pk>/", views.manager_result, name="result"),
    path("results/<uuid:pk>/erase-person/", views.erase_person_results, name="erase_person"),
]
