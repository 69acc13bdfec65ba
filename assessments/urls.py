"""What is asked: the list of assessments."""

from django.urls import path

from assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.assessment_list, name="list"),
]
