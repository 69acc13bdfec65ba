"""The review pages: the managers' review and the remind page (members and colleagues) under
/manage/rounds/, a member's request to their colleagues under their personal link /i/, and each
colleague's review link /r/."""

from django.urls import path

from reviews import views

app_name = "reviews"
urlpatterns = [
    path(
        "manage/rounds/<int:pk>/reviews/<int:member_id>/",
        views.manager_review,
        name="manager_review",
    ),
    path(
        "manage/rounds/<int:pk>/reviews/<int:member_id>/share/",
        views.share_review,
        name="share",
    ),
    path("manage/rounds/<int:pk>/remind/", views.remind, name="remind"),
    path("i/<slug:token>/peers/", views.ask_peers, name="ask_peers"),
    path("r/<slug:token>/", views.peer_review, name="peer_review"),
]
