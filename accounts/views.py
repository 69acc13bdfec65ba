"""Sign-in and sign-out pages, and the single sign-on views around mozilla-django-oidc's own."""

import functools
import logging
import math
from collections.abc import Callable
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts.passwords import queue_password_reset_emails, take_a_password_reset_turn
from accounts.provider import ProviderUnavailable, provider_configuration
from accounts.sign_on import SignInRefused
from limits.rates import RateLimited

logger = logging.getLogger(__name__)


def sign_on_offer() -> dict | None:
    """What the sign-in pages offer besides a password: None while single sign-on is off."""
    if not settings.OIDC_ISSUER_URL:
        return None
    return {"provider_name": settings.OIDC_PROVIDER_NAME, "only": settings.OIDC_ONLY}


def sign_in_failed(request: HttpRequest, *, reason: str, status: int, detail: str) -> HttpResponse:
    """The page for a sign-on that signed nobody in; `detail` is for the log, not the visitor."""
    logger.warning("single sign-on failed (%s): %s", status, detail)
    return render(request, "accounts/sign_in_failed.html", {"reason": reason}, status=status)


def provider_trouble(request: HttpRequest, error: Exception) -> HttpResponse:
    return sign_in_failed(
        request,
        reason=_("The sign-in service could not be reached. Try again in a few minutes."),
        status=502,
        detail=repr(error),
    )


class SignOnStartView(OIDCAuthenticationRequestView):
    """/oidc/authenticate/: off to the provider, with a state, a nonce and a PKCE challenge."""

    def __init__(self, **kwargs) -> None:
        # The library reads the endpoint from settings here; ours comes from discovery,
        # which can fail, so it is read in dispatch where a failure can become a page.
        View.__init__(self, **kwargs)

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not settings.OIDC_ISSUER_URL:
            raise Http404("single sign-on is off")
        try:
            provider = provider_configuration()
        except ProviderUnavailable as error:
            return provider_trouble(request, error)
        self.OIDC_OP_AUTH_ENDPOINT = provider.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().dispatch(request, *args, **kwargs)


class SignOnCallbackView(OIDCAuthenticationCallbackView):
    """/oidc/callback/: the provider sends the browser back here with a code, or an error."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not settings.OIDC_ISSUER_URL:
            raise Http404("single sign-on is off")
        # The library lets a wrong state, a bad token and the provider's HTTP errors through;
        # each must end on a page that says sign-in failed, never a 500.
        try:
            return super().dispatch(request, *args, **kwargs)
        except SignInRefused as error:
            return sign_in_failed(request, reason=str(error), status=403, detail=str(error))
        except SuspiciousOperation as error:
            return self.refused(detail=str(error))
        except requests.HTTPError as error:
            if error.response is not None and error.response.status_code < 500:
                # The token endpoint answers 400 to a code already used or expired.
                return self.refused(detail=str(error))
            return provider_trouble(request, error)
        except (requests.RequestException, ProviderUnavailable) as error:
            return provider_trouble(request, error)

    def refused(self, *, detail: str) -> HttpResponse:
        return sign_in_failed(
            self.request,
            reason=_(
                "The answer from the sign-in service could not be checked, so nobody was "
                "signed in. Start again from the sign-in page."
            ),
            status=400,
            detail=detail,
        )

    def login_failure(self) -> HttpResponse:
        # The provider sent an error (the person said no, say) or the browser came back
        # without a sign-in started in this session.
        # The code itself stays out of the log: it is a credential until it expires.
        error = self.request.GET.get("error")
        return self.refused(detail=f"callback without a usable answer (error={error!r})")


class SignInView(auth_views.LoginView):
    """/accounts/login/: Django's password form, and the provider's button when it is on."""

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "sign_on": sign_on_offer()}

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if settings.OIDC_ONLY:
            return password_refused(request, next_url=self.get_redirect_url())
        return super().post(request, *args, **kwargs)


def password_refused(request: HttpRequest, *, next_url: str) -> HttpResponse:
    logger.warning("password sign-in refused: OIDC_ONLY is on")
    return render(
        request,
        "registration/login.html",
        {"sign_on": sign_on_offer(), "next": next_url, "password_refused": True},
        status=403,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def admin_sign_in(request: HttpRequest) -> HttpResponse:
    """/admin/login/: the admin's own page, or with OIDC_ONLY the site's (it has no password)."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    if not settings.OIDC_ONLY:
        return admin.site.login(request, extra_context={"sign_on": sign_on_offer()})
    if request.method == "POST":
        return password_refused(request, next_url=next_url)
    return redirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")


class SignOutView(auth_views.LogoutView):
    """POST /accounts/logout/: ends the session here, and offers the provider's sign-out."""

    template_name = "registration/signed_out.html"

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # Read before the session, and the ID token in it, is gone.
        self.provider_sign_out_url = provider_sign_out_url(request)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict:
        return {
            **super().get_context_data(**kwargs),
            "provider_sign_out_url": self.provider_sign_out_url,
            "provider_name": settings.OIDC_PROVIDER_NAME,
        }


def provider_sign_out_url(request: HttpRequest) -> str | None:
    """The provider's end_session_endpoint for this sign-on, where it advertises one."""
    id_token = request.session.get("oidc_id_token")
    if not settings.OIDC_ISSUER_URL or not id_token:
        return None
    try:
        endpoint = provider_configuration().end_session_endpoint
    except ProviderUnavailable:
        return None
    if endpoint is None:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("assessments:list")),
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def passwords_on(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A password page that is not there (404) with OIDC_ONLY: the site takes no password then."""

    @functools.wraps(view)
    def unless_oidc_only(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if settings.OIDC_ONLY:
            raise Http404("OIDC_ONLY is on: there are no passwords to reset")
        return view(request, *args, **kwargs)

    return unless_oidc_only


class PasswordResetRequestView(auth_views.PasswordResetView):
    """/accounts/password_reset/: Django's form and its rule of who gets a link (an active
    account with a password at that address). Every valid request takes a turn and ends on the
    same page, so the answer never tells whether the address has an account."""

    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        try:
            take_a_password_reset_turn(self.request)
        except RateLimited as limited:
            return self.too_many_requests(form, limited)
        queue_password_reset_emails(
            users=form.get_users(form.cleaned_data["email"]), language=get_language()
        )
        return redirect(self.get_success_url())

    def form_invalid(self, form: PasswordResetForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def too_many_requests(self, form: PasswordResetForm, limited: RateLimited) -> HttpResponse:
        context = self.get_context_data(
            form=form, retry_after_minutes=math.ceil(limited.retry_after / 60)
        )
        response = self.render_to_response(context, status=429)
        response["Retry-After"] = str(limited.retry_after)
        return response


class ChooseNewPasswordView(auth_views.PasswordResetConfirmView):
    """/accounts/reset/<uidb64>/<token>/: Django's, with its refused passwords a 400."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_invalid(self, form) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)
