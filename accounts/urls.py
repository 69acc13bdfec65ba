"""The accounts app's routes, included at the site's root: signing in and out under /accounts/,
single sign-on under /oidc/, and the admin's sign-in page.

Two more pages live under /accounts/ but are not signing in, so their apps serve them:
/accounts/profile/ (a person's own results) in results/urls.py, and /accounts/signup/ (an
account from an invitation) in teams/urls.py.
"""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import views

app_name = "accounts"

# Their templates have names of their own: the admin ships registration/logged_out.html and
# registration/password_change_*.html, which a site template of the same name would replace
# in the admin too.
urlpatterns = [
    path("accounts/login/", views.SignInView.as_view(), name="login"),
    path("accounts/logout/", views.SignOutView.as_view(), name="logout"),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(
            template_name="registration/password_change.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="registration/password_changed.html"
        ),
        name="password_change_done",
    ),
    # mozilla-django-oidc's two views, as subclassed in accounts.views; they answer 404 while
    # single sign-on is off. The library's own logout view is left out: /accounts/logout/
    # signs out.
    path("oidc/authenticate/", views.SignOnStartView.as_view(), name="oidc_authenticate"),
    path("oidc/callback/", views.SignOnCallbackView.as_view(), name="oidc_callback"),
    # Matched before the admin's own /admin/login/ (the site's map includes this app first),
    # which it hands over to while OIDC_ONLY is off.
    path("admin/login/", views.admin_sign_in, name="admin_login"),
    # Django's password reset, its links sent by email; none of it exists with OIDC_ONLY.
    path(
        "accounts/password_reset/",
        views.passwords_on(views.PasswordResetRequestView.as_view()),
        name="password_reset",
    ),
    path(
        "accounts/password_reset/done/",
        views.passwords_on(
            auth_views.PasswordResetDoneView.as_view(
                template_name="accounts/password_reset_sent.html"
            )
        ),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        views.passwords_on(views.ChooseNewPasswordView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        views.passwords_on(
            auth_views.PasswordResetCompleteView.as_view(
                template_name="accounts/password_reset_complete.html"
            )
        ),
        name="password_reset_complete",
    ),
]
