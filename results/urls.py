from django.urls import path

from results import views

app_name = "results"
urlpatterns = [
    path("<uuid:pk>/", views.result_detail, name="detail"),
    path("<uuid:pk>.json", views.result_json, name="json"),
    path("<uuid:pk>/compare/<uuid:other_pk>/", views.result_compare, name="compare"),
]
