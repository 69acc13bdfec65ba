"""The accounts app; with single sign-on on, it reads the provider's configuration at start-up."""

from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # In production a wrong OIDC_ISSUER_URL must stop the site from starting, not surface
        # later as sign-in failures; in development the site starts and sign-in says why.
        if settings.OIDC_ISSUER_URL and not settings.DEBUG:
            check_provider_at_start_up()


def check_provider_at_start_up() -> None:
    from accounts.provider import ProviderUnavailable, provider_configuration

    try:
        provider_configuration()
    except ProviderUnavailable as error:
        raise ImproperlyConfigured(
            f"OIDC_ISSUER_URL: the provider's configuration could not be read ({error}). "
            "Check the address (it is the issuer, without /.well-known/openid-configuration) "
            "and that this server can reach it."
        ) from error
