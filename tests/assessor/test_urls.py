"""The site's URL map: every route has a name in the namespace of the app whose view it is, and
the fixed paths of the contract resolve there."""

from collections.abc import Iterator

from django.test import SimpleTestCase
from django.urls import URLPattern, URLResolver, get_resolver, resolve

# Django's own pages, and Django's password-change views that the accounts app serves.
DJANGO_NAMESPACES = {"admin", None}
DJANGO_VIEWS_OF = {"django.contrib.auth.views": "accounts"}
# A result's page and its JSON keep results' names but are served by the reviews app, which sits
# above results and adds a round's second opinions to them (reviews/result_pages.py).
COMPOSED_VIEWS_OF = {"reviews.result_pages": "results"}


def routes(resolver: URLResolver, namespace: str | None = None) -> Iterator[tuple]:
    """(namespace, pattern) for every route of the map, however deeply included."""
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern, pattern.namespace or namespace)
        else:
            yield namespace, pattern


def app_of(pattern: URLPattern) -> str:
    module = pattern.callback.__module__
    known = DJANGO_VIEWS_OF | COMPOSED_VIEWS_OF
    return known.get(module, module.split(".")[0])


class NamespaceTests(SimpleTestCase):
    def test_every_route_is_named_in_the_namespace_of_its_views_app(self):
        for namespace, pattern in routes(get_resolver()):
            if namespace in DJANGO_NAMESPACES:
                continue
            with self.subTest(route=str(pattern.pattern)):
                self.assertTrue(pattern.name)

                self.assertEqual(namespace, app_of(pattern))

    def test_the_pages_under_accounts_are_served_by_the_apps_whose_views_they_are(self):
        for path, route in [
            ("/accounts/login/", "accounts:login"),
            ("/accounts/profile/", "results:profile"),
            ("/accounts/signup/", "teams:signup"),
            ("/i/some-token/", "teams:personal_link"),
            ("/manage/", "reports:index"),
            ("/manage/some-slug/", "reports:matrix"),
            ("/manage/teams/", "teams:list"),
            ("/manage/assessments/new/", "builder:new"),
            ("/oidc/callback/", "accounts:oidc_callback"),
            ("/admin/login/", "accounts:admin_login"),
            ("/healthz", "assessor:healthz"),
        ]:
            with self.subTest(path):
                self.assertEqual(resolve(path).view_name, route)
