"""The site's URL map: each app owns its routes under its own namespace."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from assessor import views
from results import views as results_views
from teams import views as teams_views

# Django's own sign-in views, namespaced like every other route. Their templates
# have names of their own: the admin ships registration/logged_out.html and
# registration/password_change_*.html, which a site template of the same name
# would replace in the admin too.
accounts_patterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path(
        "logout/",
        auth_views.LogoutView.as_view(template_name="registration/signed_out.html"),
        name="logout",
    ),
    path(
        "password_change/",
        auth_views.PasswordChangeView.as_view(
            template_name="registration/password_change.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="registration/password_changed.html"
        ),
        name="password_change_done",
    ),
    path("profile/", results_views.profile, name="profile"),
    # Only from an invitation: there is no open registration.
    path("signup/", teams_views.signup, name="signup"),
]

health_patterns = ([path("healthz", views.healthz, name="healthz")], "health")
robots_patterns = ([path("robots.txt", views.robots_txt, name="robots_txt")], "robots")

urlpatterns = [
    path("", include("assessments.urls")),
    path("", include("results.urls")),
    # The team pages come first: /manage/teams/ would otherwise be an assessment's matrix.
    path("manage/", include("teams.urls")),
    # Before manage/<slug>/, which would read "assessments" as an assessment's slug.
    path("manage/assessments/", include("assessments.builder_urls")),
    path("manage/", include("reports.urls")),
    path("i/", include("teams.invitation_urls")),
    path("accounts/", include((accounts_patterns, "accounts"))),
    path("admin/", admin.site.urls),
    path("", include(health_patterns)),
    path("", include(robots_patterns)),
]

handler400 = "assessor.views.bad_request"
