"""The site's URL map: each app owns its routes under its own namespace."""

from django.contrib import admin
from django.urls import include, path

from accounts import urls as accounts_urls
from assessor import views
from assessor.privacy import no_store_urls

health_patterns = ([path("healthz", views.healthz, name="healthz")], "health")
robots_patterns = ([path("robots.txt", views.robots_txt, name="robots_txt")], "robots")

urlpatterns = [
    path("", include("assessments.urls")),
    path("", include("results.urls")),
    # Every page and download under /manage/ and /accounts/ is someone's answers, a team, or an
    # account: none is stored by a browser or a proxy (no_store_urls wraps each view).
    # The team pages come first: /manage/teams/ would otherwise be an assessment's matrix.
    path("manage/", include(no_store_urls("teams.urls"))),
    # Before manage/<slug>/, which would read "assessments" as an assessment's slug.
    path("manage/assessments/", include(no_store_urls("assessments.builder_urls"))),
    path("manage/", include(no_store_urls("reports.urls"))),
    path("i/", include("teams.invitation_urls")),
    path("accounts/", include(no_store_urls(accounts_urls))),
    path("oidc/", include(accounts_urls.oidc_patterns)),
    # Before the admin's own: with OIDC_ONLY its sign-in has no password form either.
    path("admin/", include(accounts_urls.admin_sign_in_patterns)),
    path("admin/", admin.site.urls),
    path("", include(health_patterns)),
    path("", include(robots_patterns)),
    # Django's set_language at /i18n/setlang/: the footer's language menu posts here. URLs
    # themselves never change with the language (no i18n_patterns): the URL contract is fixed.
    path("i18n/", include("django.conf.urls.i18n")),
]

handler400 = "assessor.views.bad_request"
handler403 = "assessor.views.permission_denied"
handler404 = "assessor.views.page_not_found"
handler500 = "assessor.views.server_error"
