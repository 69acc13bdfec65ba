from django.urls import path

from results import views

app_name = "results"
urlpatterns = [
    path("<uuid:pk>/", views.result_detail, name="detail"),
]
