from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from tests.factories import make_assessment


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
