"""The personal links: /i/<token>/, each one member's way into one round."""

from django.urls import path

from teams import answer_views

app_name = "invitations"
urlpatterns = [path("<slug:token>/", answer_views.answer, name="answer")]
