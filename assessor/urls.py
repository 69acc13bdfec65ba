"""The site's URL map: each app owns its routes under its own namespace."""

from django.contrib import admin
from django.urls import include, path

from assessor import views

# The wiring's own two routes, for load balancers and crawlers.
site_patterns = (
    [
        path("healthz", views.healthz, name="healthz"),
        path("robots.txt", views.robots_txt, name="robots_txt"),
    ],
    "assessor",
)

urlpatterns = [
    path("", include("assessments.urls")),
    # /assessment/, /results/… and /accounts/profile/.
    path("", include("results.urls")),
    # /manage/teams/…, /manage/rounds/<id>/ forms, /i/<token>/ and /accounts/signup/. Before
    # manage/<slug>/: /manage/teams/ would otherwise be an assessment's matrix.
    path("", include("teams.urls")),
    # Before manage/<slug>/, which would read "assessments" as an assessment's slug.
    path("manage/assessments/", include("builder.urls")),
    path("manage/", include("reports.urls")),
    # /accounts/…, /oidc/… and, before the admin's own, /admin/login/: with OIDC_ONLY the
    # admin's sign-in has no password form either.
    path("", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include(site_patterns)),
    # Django's set_language at /i18n/setlang/: the footer's language menu posts here. URLs
    # themselves never change with the language (no i18n_patterns): the URL contract is fixed.
    path("i18n/", include("django.conf.urls.i18n")),
]

handler400 = "assessor.views.bad_request"
