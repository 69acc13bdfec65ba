"""A shared proxy or a browser's cache must not keep what a manager or an account holder read:
every page and download under /manage/ and /accounts/ (the sign-up page included) answers with
`Cache-Control: private, no-store`. The manager pages are found from the URL map itself, so a
page added later is tested without anyone remembering to add it here."""

from django.contrib.auth.models import User
from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import UUIDConverter

from tests.factories import answer_invitation, make_assessment, make_team, member_names, open_round

NO_STORE = "private, no-store"


def patterns_under(prefix: str) -> list[tuple[str, URLPattern]]:
    """(namespace, pattern) of every view the site's URL map serves under `prefix`."""
    found = []
    for entry in get_resolver().url_patterns:
        if not isinstance(entry, URLResolver):
            continue
        for pattern in entry.url_patterns:
            if f"{entry.pattern}{pattern.pattern}".startswith(prefix):
                found.append((entry.namespace, pattern))
    return found


class PrivatePagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.boss = User.objects.create_superuser("boss", "boss@example.com", "pw")
        # One slug for the team and the assessment, so every <slug> in the map names something.
        assessment = make_assessment(slug="sports", name="Sports")
        team = make_team(slug="sports", managers=(cls.boss,), members=member_names(1))
        # Asking for every review, so that the review pages under /manage/ answer too.
        cls.round = open_round(team=team, assessment=assessment, reviews="peers")
        cls.invitation = cls.round.invitations.get()
        cls.result = answer_invitation(cls.invitation)

    def setUp(self):
        self.client.force_login(self.boss)

    def url_of(self, namespace: str, pattern: URLPattern) -> str:
        """The pattern's address for the objects made above: a uuid is the result's, a number
        the round's or, under members/, the member's."""
        # A member's pages take the member's id as their pk (their GET asks before removing).
        is_members_page = "members/" in str(pattern.pattern)
        values = {
            "slug": "sports",
            "pk": self.invitation.member_id if is_members_page else self.round.pk,
            "invitation_pk": self.invitation.pk,
            "member_id": self.invitation.member_id,
        }
        kwargs = {
            key: self.result.pk if isinstance(converter, UUIDConverter) else values[key]
            for key, converter in pattern.pattern.converters.items()
        }
        return reverse(f"{namespace}:{pattern.name}", kwargs=kwargs)

    def test_every_page_and_download_under_manage_is_kept_out_of_caches(self):
        patterns = patterns_under("manage/")
        self.assertGreaterEqual(len({namespace for namespace, _ in patterns}), 3)
        for namespace, pattern in patterns:
            url = self.url_of(namespace, pattern)
            with self.subTest(url=url):
                response = self.client.get(url)

                # 405: the address takes only a POST, refused with an answer of its own.
                self.assertIn(response.status_code, {200, 302, 405})
                self.assertEqual(response["Cache-Control"], NO_STORE)

    def test_a_form_refused_under_manage_is_kept_out_of_caches(self):
        response = self.client.post("/manage/teams/", {"name": ""})

        self.assertEqual(response.status_code, 400)
        self.assertEqual(response["Cache-Control"], NO_STORE)

    def test_the_profile_the_password_change_and_the_sign_up_page_are_kept_out_of_caches(self):
        signup = f"/accounts/signup/?invitation={self.invitation.token}"
        for url in ["/accounts/profile/", "/accounts/password_change/", signup]:
            with self.subTest(url=url):
                response = self.client.get(url)

                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Cache-Control"], NO_STORE)

    def test_the_sign_in_redirect_of_an_anonymous_visitor_is_kept_out_of_caches(self):
        self.client.logout()

        response = self.client.get("/manage/")

        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Cache-Control"], NO_STORE)
