"""The team pages under /manage/ (before the assessments' /manage/<slug>/, which they shadow)."""

from django.urls import path

from teams import views

app_name = "teams"
urlpatterns = [
    path("teams/", views.team_list, name="list"),
    path("teams/<slug:slug>/", views.team_detail, name="detail"),
    path("teams/<slug:slug>/members/", views.add_members, name="add_members"),
    path("teams/<slug:slug>/members/<int:pk>/remove/", views.remove_member, name="remove_member"),
    path("teams/<slug:slug>/managers/", views.add_manager, name="add_manager"),
    path(
        "teams/<slug:slug>/managers/<int:pk>/remove/", views.remove_manager, name="remove_manager"
    ),
    path("teams/<slug:slug>/rounds/", views.start_round, name="start_round"),
    path("rounds/<int:pk>/remind/", views.remind, name="remind"),
]
