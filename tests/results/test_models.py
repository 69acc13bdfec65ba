from datetime import timedelta

from django.contrib.auth.models import User
from django.test import SimpleTestCase, TestCase
from django.utils import timezone

from results.models import AssessmentResult, person_key
from tests.factories import make_assessment, make_result


class PersonKeyTests(SimpleTestCase):
    def test_names_are_compared_without_case_or_surrounding_white_space(self):
        self.assertEqual(person_key("  Ada Lovelace ", None), person_key("ada lovelace", None))

    def test_different_names_are_different_people(self):
        self.assertNotEqual(person_key("Ada", None), person_key("Grace", None))

    def test_a_signed_in_person_is_their_account_whatever_name_they_type(self):
        self.assertEqual(person_key("Ada", 7), person_key("Someone else", 7))
        self.assertNotEqual(person_key("Ada", 7), person_key("Ada", None))

    def test_an_invited_member_is_their_member_until_they_have_an_account(self):
        self.assertEqual(person_key("Ada", member_id=3), person_key("Grace", member_id=3))
        self.assertNotEqual(person_key("Ada", member_id=3), person_key("Ada"))
        self.assertEqual(person_key("Ada", 7, member_id=3), person_key("Ada", 7))


class NewestFirstTests(TestCase):
    def test_the_latest_is_the_newest_and_of_one_instant_the_greater_id(self):
        assessment = make_assessment()
        instant = timezone.now()
        results = [make_result(assessment, name="Ada", created=instant) for _ in range(3)]
        older = make_result(assessment, name="Ada", created=instant - timedelta(days=1))

        newest_first = list(AssessmentResult.objects.newest_first())

        by_id = sorted(results, key=lambda result: result.pk, reverse=True)
        self.assertEqual(newest_first, [*by_id, older])
        self.assertEqual(AssessmentResult.objects.newest(), by_id[0])


class AssessmentResultModelTests(TestCase):
    def test_the_id_is_a_random_uuid_and_the_address_uses_it(self):
        assessment = make_assessment()

        first, second = make_result(assessment), make_result(assessment)

        self.assertEqual(first.pk.version, 4)
        self.assertNotEqual(first.pk, second.pk)
        self.assertEqual(first.get_absolute_url(), f"/results/{first.pk}/")

    def test_saving_records_who_the_result_belongs_to(self):
        assessment = make_assessment()
        user = User.objects.create_user("ada")

        by_name = make_result(assessment, name=" Ada ")
        by_account = make_result(assessment, name="Ada", user=user)

        self.assertEqual(by_name.person, "name:ada")
        self.assertEqual(by_account.person, f"user:{user.pk}")

    def test_the_version_defaults_to_the_assessments_slug(self):
        assessment = make_assessment(slug="v-one")

        result = make_result(assessment, assessment_version="")

        self.assertEqual(result.assessment_version, "v-one")

    def test_a_levelup_wish_is_desired_above_current(self):
        assessment = make_assessment()

        result = make_result(
            assessment, current={"jumping": 1, "running": 3}, desired={"jumping": 2, "running": 3}
        )

        self.assertTrue(result.wants_levelup("jumping"))
        self.assertFalse(result.wants_levelup("running"))
        self.assertFalse(result.wants_levelup("swimming"))


class UpdatedStampTests(TestCase):
    """Every write path moves `updated`, which the keys of cached manager pages follow."""

    def setUp(self):
        self.result = make_result(make_assessment(), name="Ada")
        self.long_ago = timezone.now() - timedelta(days=30)
        AssessmentResult.objects.filter(pk=self.result.pk).update(updated=self.long_ago)

    def stamp(self):
        return AssessmentResult.objects.get(pk=self.result.pk).updated

    def test_an_update_that_does_not_name_the_stamp_moves_it(self):
        AssessmentResult.objects.filter(pk=self.result.pk).update(person="user:1")

        self.assertGreater(self.stamp(), self.long_ago)

    def test_a_bulk_update_moves_it(self):
        self.result.person = "user:1"

        AssessmentResult.objects.bulk_update([self.result], ["person"])

        self.assertGreater(self.stamp(), self.long_ago)

    def test_a_save_of_some_fields_moves_it(self):
        self.result.name = "Ada Lovelace"

        self.result.save(update_fields=["name"])

        self.assertGreater(self.stamp(), self.long_ago)
