"""Routes named in the teams namespace but served by reviews: assessor/urls.py puts them beside
teams' own, because reminding a round also reminds the colleagues asked for reviews."""

from django.urls import path

from reviews import views

urlpatterns = [
    path("manage/rounds/<int:pk>/remind/", views.remind, name="remind"),
]
