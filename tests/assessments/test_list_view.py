from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from tests.factories import make_assessment, make_user


class AssessmentListTests(TestCase):
    def test_assessments_are_listed_newest_first_with_links_to_their_forms(self):
        older = make_assessment(name="Older", slug="older")
        newer = make_assessment(name="Newer", slug="newer")
        older.created = timezone.now() - timedelta(days=1)
        older.save()

        response = self.client.get("/")

        self.assertEqual(list(response.context["assessments"]), [newer, older])
        self.assertContains(response, 'href="/assessment/?v=newer"')
        self.assertContains(response, 'href="/assessment/?v=older"')

    def test_an_empty_site_says_how_to_load_an_assessment(self):
        response = self.client.get("/")

        self.assertContains(response, "load_assessment")

    def test_names_are_escaped(self):
        make_assessment(name="<script>alert(1)</script>")

        response = self.client.get("/")

        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")

    def test_post_is_405(self):
        self.assertEqual(self.client.post("/").status_code, 405)


class FirstVisitTests(TestCase):
    def test_the_home_page_says_what_the_site_is_and_what_to_do(self):
        response = self.client.get("/")

        self.assertContains(response, "Assessor is where a team rates its own skills")
        self.assertContains(response, "Pick an assessment below, or open the personal link")

    def test_an_assessment_is_listed_by_name_and_date_without_its_slug(self):
        make_assessment(name="Sports", slug="sports-2026")

        response = self.client.get("/")

        self.assertContains(response, 'href="/assessment/?v=sports-2026">Sports</a>')
        self.assertNotContains(response, "version sports-2026")

    def test_an_empty_site_offers_those_who_may_the_builder(self):
        self.client.force_login(make_user(manager=True))

        response = self.client.get("/")

        self.assertContains(response, '<a href="/manage/assessments/new/">Create one</a>')
