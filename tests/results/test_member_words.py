"""What members read: never an internal slug, and on the public form exactly who can see their
answers (results/visibility.py)."""

import re

from django.test import TestCase

from tests.factories import make_assessment, make_result, make_user, open_round

SLUG = "sports-internal-2026"


def shown_text(response) -> str:
    """The page's text as a reader sees it: no tags, so no link, form value or attribute."""
    page = response.content.decode()
    body = page[page.index("<main") : page.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


class NoSlugsForMembersTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.owner = make_user()
        cls.assessment = make_assessment(name="Sports", slug=SLUG)
        cls.earlier = make_result(cls.assessment, name="Ada", user=cls.owner)
        cls.later = make_result(cls.assessment, name="Ada", user=cls.owner, previous=cls.earlier)
        cls.round = open_round(members=["Ada Lovelace"], assessment=cls.assessment)

    def test_no_member_page_shows_the_versions_slug(self):
        self.client.force_login(self.owner)
        pages = {
            "home": "/",
            "public form": f"/assessment/?v={SLUG}",
            "personal link": self.round.invitations.get().get_absolute_url(),
            "result": self.later.get_absolute_url(),
            "comparison": f"/results/{self.later.pk}/compare/{self.earlier.pk}/",
            "erase": f"/results/{self.later.pk}/delete/",
            "profile": "/accounts/profile/",
            "answer again": f"/results/{self.later.pk}/again/",
        }

        for name, url in pages.items():
            with self.subTest(page=name):
                response = self.client.get(url)

                self.assertEqual(response.status_code, 200)
                self.assertIn("Sports", shown_text(response))
                self.assertNotIn(SLUG, shown_text(response))

    def test_managers_still_see_the_slug_on_their_pages(self):
        self.client.force_login(make_user(manager=True, is_superuser=True))

        for url in ["/manage/", self.round.get_absolute_url()]:
            with self.subTest(url=url):
                self.assertIn(SLUG, shown_text(self.client.get(url)))


class WhoSeesTheAnswersTests(TestCase):
    def test_the_public_form_names_the_address_the_account_and_the_managers_group(self):
        make_assessment(slug="sports")

        text = shown_text(self.client.get("/assessment/?v=sports"))

        self.assertIn(
            "Who can see your answers: whoever has your results page's address (you get it when "
            "you save), your account if you are signed in, and everyone in this site's Managers "
            "group, as well as its administrators.",
            text,
        )
        # The old promise was narrower than the rule: every manager reads public answers.
        self.assertNotIn("the team's managers", text)
