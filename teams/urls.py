"""The teams app's routes, included at the site's root: the team pages under /manage/ (before
the reports' /manage/<slug>/, which they shadow), the personal links under /i/, and signing up
from an invitation at /accounts/signup/. A round's remind page is reviews:remind, since it
reminds the colleagues asked for reviews as well."""

from django.urls import path

from teams import answer_views, round_views, views

app_name = "teams"
urlpatterns = [
    path("manage/teams/", views.team_list, name="list"),
    path("manage/teams/<slug:slug>/", views.team_detail, name="detail"),
    path("manage/teams/<slug:slug>/members/", views.add_members, name="add_members"),
    path(
        "manage/teams/<slug:slug>/members/<int:pk>/remove/",
        views.remove_member,
        name="remove_member",
    ),
    path(
        "manage/teams/<slug:slug>/members/<int:pk>/restore/",
        views.restore_member,
        name="restore_member",
    ),
    path("manage/teams/<slug:slug>/managers/", views.add_manager, name="add_manager"),
    path(
        "manage/teams/<slug:slug>/managers/<int:pk>/remove/",
        views.remove_manager,
        name="remove_manager",
    ),
    path("manage/teams/<slug:slug>/rounds/", round_views.start_round, name="start_round"),
    path("manage/rounds/<int:pk>/close/", round_views.close, name="close_round"),
    path("manage/rounds/<int:pk>/extend/", round_views.extend, name="extend_round"),
    path("manage/rounds/<int:pk>/cancel/", round_views.cancel, name="cancel_round"),
    # Each one member's way into one round.
    path("i/<slug:token>/", answer_views.answer, name="personal_link"),
    # Only from an invitation: there is no open registration.
    path("accounts/signup/", views.signup, name="signup"),
]
