"""The matrix's summaries counted in the database say what the same people's results say in
memory (reports.matrix.category_summaries, the rule the round page uses), whatever is stored:
ratings on and off the scale, "not applicable", text, booleans, missing answers, several
results per person (issue 23)."""

from django.contrib.auth.models import User
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from reports.matrix import category_summaries, latest_result_per_person
from reports.selection import MatrixFilters, selected_latest_results
from reports.summaries import summaries_in_database
from results.models import AssessmentResult
from tests.factories import make_assessment

DEFINITION = {
    "categories": [["Jumping", "jumping"], ["Running", "running"], ["Rowing", "rowing"]],
    "ratings": ["Good", "Better", "Best", "Superb"],
    "not-applicable": True,
}
# Ratings on the scale half the time, so that wishes equal to, above and below them occur.
stored = st.one_of(st.integers(1, 4), st.sampled_from([0, 5, None, "3", True, 2.0, [1]]))
answers = st.dictionaries(st.sampled_from(["jumping", "running", "rowing", "other"]), stored)
results = st.lists(
    st.tuples(st.sampled_from(["Ada", "ada", "Ben", "Cy", "Dee"]), answers, answers),
    max_size=12,
)


class SummariesProperty(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports", assessment=DEFINITION)
        cls.superuser = User.objects.create_superuser("root")

    @settings(max_examples=40, deadline=None)
    @given(stored_results=results, category=st.sampled_from(["", "jumping"]))
    def test_the_database_counts_what_the_people_in_memory_say(self, stored_results, category):
        AssessmentResult.objects.all().delete()
        for name, current, desired in stored_results:
            AssessmentResult.objects.create(
                assessment=self.assessment, name=name, current=current, desired=desired
            )
        filters = MatrixFilters(category=category, at_least=2 if category else None)
        selected = selected_latest_results(
            viewer=self.superuser, assessment=self.assessment, filters=filters
        )

        counted = summaries_in_database(assessment=self.assessment, results=selected)

        people = latest_result_per_person(assessment=self.assessment)
        if category:
            people = [
                p
                for p in people
                if (self.assessment.rating(p.result.current.get(category)) or 0) >= 2
            ]
        self.assertEqual(counted, category_summaries(assessment=self.assessment, people=people))
        self.assertEqual(
            [result.pk for result in selected],
            [person.result.pk for person in sorted(people, key=lambda p: (p.name.lower(), p.key))],
        )
