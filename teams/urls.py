"""The teams app's routes, included at the site's root: the team pages under /manage/ (before
the reports' /manage/<slug>/, which they shadow), the personal links under /i/, and signing up
from an invitation at /accounts/signup/."""

from django.urls import path

from teams import answer_views, views

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
    path("manage/teams/<slug:slug>/managers/", views.add_manager, name="add_manager"),
    path(
        "manage/teams/<slug:slug>/managers/<int:pk>/remove/",
        views.remove_manager,
        name="remove_manager",
    ),
    path("manage/teams/<slug:slug>/rounds/", views.start_round, name="start_round"),
    path("manage/rounds/<int:pk>/remind/", views.remind, name="remind"),
    # Each one member's way into one round.
    path("i/<slug:token>/", answer_views.answer, name="personal_link"),
    # Only from an invitation: there is no open registration.
    path("accounts/signup/", views.signup, name="signup"),
]
