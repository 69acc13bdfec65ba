"""The site's URL map: each app owns its routes under its own namespace."""

from django.contrib import admin
from django.urls import include, path

import results.urls
from assessor import views
from assessor.privacy import no_store_urls
from reviews import result_urls

# A result's page and its JSON show the second opinions of its round, so the reviews app (above
# results) serves them, under the results names every template and get_absolute_url() use.
results_routes = ([*result_urls.urlpatterns, *results.urls.urlpatterns], "results")

# The wiring's own two routes, for load balancers and crawlers.
site_patterns = (
    [
        path("healthz", views.healthz, name="healthz"),
        path("robots.txt", views.robots_txt, name="robots_txt"),
        path("favicon.ico", views.favicon, name="favicon"),
    ],
    "assessor",
)

urlpatterns = [
    path("", include("assessments.urls")),
    # /assessment/, /results/… and /accounts/profile/.
    path("", include(no_store_urls(results_routes))),
    # /results/<uuid>/plan/: a result's development plan, under the result's address.
    path("", include(no_store_urls("plans.urls"))),
    # Every page and download under /manage/ and /accounts/ is someone's answers, a team, or an
    # account: none is stored by a browser or a proxy (no_store_urls wraps each view).
    # /manage/teams/…, /manage/rounds/<id>/ forms, /i/<token>/ and /accounts/signup/. Before
    # manage/<slug>/: /manage/teams/ would otherwise be an assessment's matrix.
    path("", include(no_store_urls("teams.urls"))),
    # The managers' reviews and a round's remind page (which reminds the colleagues asked for
    # reviews as well as the members) under /manage/rounds/ (before manage/<slug>/),
    # /i/<token>/peers/ and the colleagues' review links /r/<token>/.
    path("", include(no_store_urls("reviews.urls"))),
    # Under a prefix of its own, so no builder page is ever read as /manage/<slug>/ and the order
    # of these two lines does not matter; /manage/assessments/ itself is that assessment's matrix.
    path("manage/assessments/", include(no_store_urls("builder.urls"))),
    path("manage/", include(no_store_urls("reports.urls"))),
    # /accounts/…, /oidc/… and, before the admin's own, /admin/login/: with OIDC_ONLY the
    # admin's sign-in has no password form either.
    path("", include(no_store_urls("accounts.urls"))),
    # /api/v1/…, the read API, and /accounts/profile/tokens/…, a manager's tokens for it: every
    # answer of either (401 and 429 included) is kept out of caches like the pages it mirrors.
    path("", include(no_store_urls("api.urls"))),
    path("admin/", admin.site.urls),
    path("", include(site_patterns)),
    # Django's set_language at /i18n/setlang/: the footer's language menu posts here. URLs
    # themselves never change with the language (no i18n_patterns): the URL contract is fixed.
    path("i18n/", include("django.conf.urls.i18n")),
]

handler400 = "assessor.views.bad_request"
handler403 = "assessor.views.permission_denied"
handler404 = "assessor.views.page_not_found"
handler500 = "assessor.views.server_error"
