"""/accounts/profile/: a signed-in user's own results, newest first, and nobody else's."""

from datetime import timedelta

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_assessment, make_result, make_user

PROFILE_URL = "/accounts/profile/"


class ProfileTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = make_user(username="ada")
        cls.assessment = make_assessment(name="Sports", slug="sports")
        now = timezone.now()
        cls.older = make_result(
            cls.assessment, name="Ada", user=cls.user, created=now - timedelta(days=3)
        )
        cls.newer = make_result(
            make_assessment(name="Cooking", slug="cooking"),
            name="Ada L.",
            user=cls.user,
            created=now,
        )
        # The same name without an account, and someone else's account.
        cls.anonymous = make_result(cls.assessment, name="Ada")
        cls.other = make_result(cls.assessment, name="Grace", user=make_user())

    def test_the_route_is_the_contracts(self):
        self.assertEqual(reverse("results:profile"), PROFILE_URL)

    def test_anonymous_visitors_are_sent_to_sign_in(self):
        response = self.client.get(PROFILE_URL)

        self.assertRedirects(
            response, f"/accounts/login/?next={PROFILE_URL}", fetch_redirect_response=False
        )

    def test_a_user_sees_their_own_results_newest_first_and_nobody_elses(self):
        self.client.force_login(self.user)

        response = self.client.get(PROFILE_URL)

        self.assertEqual(list(response.context["results"]), [self.newer, self.older])
        self.assertContains(response, f'href="/results/{self.newer.pk}/">Cooking</a>')
        self.assertContains(response, f'href="/results/{self.older.pk}/">Sports</a>')
        self.assertNotContains(response, str(self.anonymous.pk))
        self.assertNotContains(response, str(self.other.pk))

    def test_a_user_without_results_is_told_how_to_get_some(self):
        self.client.force_login(make_user())

        response = self.client.get(PROFILE_URL)

        self.assertContains(response, "You have no results yet")

    def test_a_result_saved_while_signed_in_appears_on_the_profile(self):
        self.client.force_login(self.user)
        self.client.post(
            "/assessment/", {"v": "sports", "name": "Ada", "jumping": "1", "running": "2"}
        )

        response = self.client.get(PROFILE_URL)

        self.assertEqual(len(response.context["results"]), 3)
        self.assertEqual(response.context["results"][0].current, {"jumping": 1, "running": 2})

    def test_hostile_names_are_escaped(self):
        make_result(self.assessment, name='<script>alert("x")</script>', user=self.user)
        self.client.force_login(self.user)

        response = self.client.get(PROFILE_URL)

        self.assertNotContains(response, '<script>alert("x")</script>')
        self.assertContains(response, "as &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")

    def test_the_page_takes_the_same_queries_for_many_results(self):
        self.client.force_login(self.user)
        for _ in range(20):
            make_result(self.assessment, name="Ada", user=self.user)

        # Session, user, the header's permission check (two), then the results.
        with self.assertNumQueries(5):
            self.client.get(PROFILE_URL)


class DisplayNameTests(TestCase):
    """POST /accounts/profile/ with first_name and last_name: the name others see."""

    @classmethod
    def setUpTestData(cls):
        cls.user = make_user(username="alice", first_name="", last_name="")

    def setUp(self):
        self.client.force_login(self.user)

    def test_the_profile_shows_the_name_form_filled_in(self):
        self.user.first_name = "Alice"
        self.user.save()

        response = self.client.get(PROFILE_URL)

        self.assertContains(response, 'name="first_name" value="Alice"')
        self.assertContains(response, 'name="last_name"')

    def test_saving_a_name_redirects_to_the_profile_which_says_so(self):
        response = self.client.post(PROFILE_URL, {"first_name": "Alice", "last_name": "Smith"})

        self.assertRedirects(response, PROFILE_URL, fetch_redirect_response=False)
        self.user.refresh_from_db()
        self.assertEqual(self.user.get_full_name(), "Alice Smith")
        self.assertContains(self.client.get(PROFILE_URL), "Your name is saved.")

    def test_a_blank_name_is_allowed_and_means_the_username(self):
        self.user.first_name = "Alice"
        self.user.save()

        response = self.client.post(PROFILE_URL, {"first_name": "", "last_name": ""})

        self.assertEqual(response.status_code, 302)
        self.user.refresh_from_db()
        self.assertEqual(self.user.get_full_name(), "")

    def test_a_name_with_a_line_break_or_too_long_is_a_400_saving_nothing(self):
        for data in [
            {"first_name": "Alice\nBcc: x@example.com", "last_name": "Smith"},
            {"first_name": "Alice", "last_name": "S\x07mith"},
            {"first_name": "A" * 151, "last_name": "Smith"},
        ]:
            with self.subTest(data=data):
                response = self.client.post(PROFILE_URL, data)

                self.assertEqual(response.status_code, 400)
                self.user.refresh_from_db()
                self.assertEqual((self.user.first_name, self.user.last_name), ("", ""))

    def test_anonymous_visitors_cannot_post_a_name(self):
        self.client.logout()

        response = self.client.post(PROFILE_URL, {"first_name": "Mallory"})

        self.assertRedirects(
            response, f"/accounts/login/?next={PROFILE_URL}", fetch_redirect_response=False
        )
