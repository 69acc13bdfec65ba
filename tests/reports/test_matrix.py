"""The rules behind the team matrix, called directly: reports/matrix.py."""

import unittest
import unittest.mock
import uuid
from datetime import timedelta

from django.test import SimpleTestCase, TestCase
from django.utils import timezone, translation

from assessments.models import Assessment
from charts.radar import RADIUS, Point
from reports.matrix import (
    Cell,
    MentorMatch,
    Person,
    assessments_with_counts,
    category_summaries,
    colour_step,
    coverage_gaps,
    latest_result_per_person,
    matrix_rows,
    mentor_matches,
    rating_of,
    rating_scale,
    team_matrix,
    top_ratings,
)
from results.models import AssessmentResult, person_key
from tests.factories import JUMPING_RUNNING, TRIATHLON, make_assessment, make_result, make_user

NOW = timezone.now()
# Ratings are Good (1), Better (2), Best (3): the top ratings are Better and Best.
SPORTS = Assessment(name="Sports", slug="sports", assessment=JUMPING_RUNNING)


def person(name: str, current: dict, desired: dict | None = None, earlier: int = 0) -> Person:
    """A person with an unsaved result, for the rules that need no database."""
    result = AssessmentResult(
        assessment=SPORTS, name=name, current=current, desired=desired or current
    )
    return Person(key=person_key(name, None), result=result, earlier=earlier)


class LatestResultPerPersonTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment()

    def test_each_person_is_shown_by_their_latest_result_with_the_earlier_ones_counted(self):
        make_result(self.assessment, name="Ada", created=NOW - timedelta(days=2))
        make_result(self.assessment, name="Ada", created=NOW - timedelta(days=1))
        latest = make_result(self.assessment, name="Ada", created=NOW)
        grace = make_result(self.assessment, name="Grace", created=NOW - timedelta(days=3))

        people = latest_result_per_person(assessment=self.assessment)

        self.assertEqual([(p.result, p.earlier) for p in people], [(latest, 2), (grace, 0)])

    def test_names_that_differ_only_in_case_or_surrounding_space_are_one_person(self):
        make_result(self.assessment, name="  ada lovelace", created=NOW - timedelta(days=1))
        latest = make_result(self.assessment, name="Ada Lovelace ", created=NOW)

        people = latest_result_per_person(assessment=self.assessment)

        self.assertEqual([(p.result, p.earlier) for p in people], [(latest, 1)])

    def test_a_signed_in_person_is_one_person_whatever_name_they_typed(self):
        user = make_user()
        make_result(self.assessment, name="Ada", user=user, created=NOW - timedelta(days=1))
        latest = make_result(self.assessment, name="Ada L.", user=user, created=NOW)
        anonymous_ada = make_result(self.assessment, name="Ada", created=NOW)

        people = latest_result_per_person(assessment=self.assessment)

        self.assertEqual([(p.result, p.earlier) for p in people], [(anonymous_ada, 0), (latest, 1)])

    def test_of_two_results_saved_at_the_same_instant_the_greater_id_is_the_latest(self):
        low, high = uuid.UUID(int=1), uuid.UUID(int=2)
        for first, second in [(low, high), (high, low)]:
            with self.subTest(saved_first=first):
                AssessmentResult.objects.all().delete()
                make_result(self.assessment, id=first, name="Ada", created=NOW)
                make_result(self.assessment, id=second, name="Ada", created=NOW)

                people = latest_result_per_person(assessment=self.assessment)

                self.assertEqual([(p.result.pk, p.earlier) for p in people], [(high, 1)])

    def test_people_are_ordered_by_name_without_case(self):
        for name in ["grace", "Linus", "ada"]:
            make_result(self.assessment, name=name)

        people = latest_result_per_person(assessment=self.assessment)

        self.assertEqual([p.name for p in people], ["ada", "grace", "Linus"])

    def test_an_assessment_without_results_has_nobody(self):
        self.assertEqual(latest_result_per_person(assessment=self.assessment), [])

    def test_a_single_person_with_one_result(self):
        only = make_result(self.assessment, name="Ada")

        people = latest_result_per_person(assessment=self.assessment)

        self.assertEqual(people, [Person(key="name:ada", result=only, earlier=0)])

    def test_results_of_other_assessments_are_left_out(self):
        make_result(make_assessment(), name="Ada")

        self.assertEqual(latest_result_per_person(assessment=self.assessment), [])

    def test_it_takes_one_query_however_many_results_there_are(self):
        for index in range(30):
            make_result(self.assessment, name=f"Person {index % 10}")

        with self.assertNumQueries(1):
            people = latest_result_per_person(assessment=self.assessment)

        self.assertEqual(len(people), 10)


class RatingTests(SimpleTestCase):
    def test_the_two_highest_ratings_are_the_top_ones(self):
        self.assertEqual(top_ratings(assessment=SPORTS), {2, 3})

    def test_on_a_scale_of_two_both_ratings_are_top(self):
        two = Assessment(assessment={"categories": [], "ratings": ["No", "Yes"]})

        self.assertEqual(top_ratings(assessment=two), {1, 2})

    def test_a_persons_rating_is_read_through_the_scale_rule(self):
        ada = person("Ada", {"jumping": 2, "running": 4}, {"jumping": 3, "running": 4})

        ratings = [rating_of(ada, "jumping", top=3), rating_of(ada, "running", top=3)]
        desired = rating_of(ada, "jumping", top=3, field="desired")

        self.assertEqual((ratings, desired), ([2, None], 3))

    def test_colour_steps_run_from_lightest_to_darkest_whatever_the_scale(self):
        for top in [2, 3, 4, 5, 7, 10]:
            with self.subTest(top=top):
                steps = [colour_step(value, top=top) for value in range(1, top + 1)]

                self.assertEqual((steps[0], steps[-1]), (1, 5))
                self.assertEqual(steps, sorted(steps))

    def test_a_scale_of_one_is_drawn_darkest(self):
        self.assertEqual(colour_step(1, top=1), 5)

    def test_a_four_point_scale_uses_distinct_steps(self):
        four = Assessment(assessment={"categories": [], "ratings": ["a", "b", "c", "d"]})

        scale = rating_scale(assessment=four)

        self.assertEqual([step.css_class for step in scale], ["s1", "s2", "s4", "s5"])
        self.assertEqual([step.label for step in scale], ["a", "b", "c", "d"])


class MatrixRowTests(SimpleTestCase):
    def test_each_cell_carries_its_rating_colour_step_and_level_up_wish(self):
        ada = person("Ada", {"jumping": 3, "running": 1}, {"jumping": 3, "running": 2})

        [row] = matrix_rows(assessment=SPORTS, people=[ada])

        self.assertIs(row.person, ada)
        self.assertEqual(
            row.cells,
            [
                Cell(value=3, css_class="s5", text="3"),
                Cell(value=1, css_class="s1 up", text="1 ▲"),
            ],
        )

    def test_a_category_without_a_rating_is_shown_as_unrated(self):
        ada = person("Ada", {"jumping": 2})

        [row] = matrix_rows(assessment=SPORTS, people=[ada])

        self.assertEqual(row.cells[1], Cell(value=None, css_class="unrated", text="—"))

    def test_nobody_means_no_rows(self):
        self.assertEqual(matrix_rows(assessment=SPORTS, people=[]), [])


class CategorySummaryTests(SimpleTestCase):
    def test_each_category_has_its_average_distribution_levelups_and_top_holders(self):
        people = [
            person("Ada", {"jumping": 3, "running": 1}, {"jumping": 3, "running": 2}),
            person("Grace", {"jumping": 2, "running": 1}, {"jumping": 3, "running": 2}),
            person("Linus", {"jumping": 1, "running": 1}),
        ]

        jumping, running = category_summaries(assessment=SPORTS, people=people)

        self.assertEqual(
            (jumping.name, jumping.average, jumping.distribution, jumping.levelups),
            ("Jumping", 2.0, [1, 1, 1], 1),
        )
        self.assertEqual(jumping.top_holders, 2)
        self.assertEqual(
            (running.average, running.distribution, running.levelups, running.top_holders),
            (1.0, [3, 0, 0], 2, 0),
        )

    def test_the_desired_average_counts_each_levelup_wish(self):
        people = [
            person("Ada", {"jumping": 1, "running": 1}, {"jumping": 2, "running": 1}),
            person("Grace", {"jumping": 2, "running": 3}),
        ]

        jumping, running = category_summaries(assessment=SPORTS, people=people)

        self.assertEqual((jumping.average, jumping.desired_average), (1.5, 2.0))
        self.assertEqual((running.average, running.desired_average), (2.0, 2.0))

    def test_people_without_a_rating_in_a_category_are_left_out_of_its_numbers(self):
        people = [person("Ada", {"jumping": 3}), person("Grace", {"jumping": 1, "running": 2})]

        jumping, running = category_summaries(assessment=SPORTS, people=people)

        self.assertEqual((jumping.average, jumping.distribution), (2.0, [1, 0, 1]))
        self.assertEqual((running.average, running.distribution), (2.0, [0, 1, 0]))

    def test_an_empty_team_has_no_average_and_zero_counts(self):
        jumping, running = category_summaries(assessment=SPORTS, people=[])

        self.assertEqual(
            (jumping.average, jumping.distribution, jumping.levelups, jumping.top_holders),
            (None, [0, 0, 0], 0, 0),
        )

    def test_a_single_person(self):
        [jumping, _] = category_summaries(
            assessment=SPORTS, people=[person("Ada", {"jumping": 2, "running": 3})]
        )

        self.assertEqual((jumping.average, jumping.top_holders), (2.0, 1))


class CoverageGapTests(SimpleTestCase):
    def summaries(self, *people: Person):
        return category_summaries(assessment=SPORTS, people=people)

    def test_a_category_with_fewer_than_k_top_holders_is_a_gap(self):
        summaries = self.summaries(
            person("Ada", {"jumping": 3, "running": 3}),
            person("Grace", {"jumping": 2, "running": 1}),
        )

        self.assertEqual(
            [gap.slug for gap in coverage_gaps(summaries=summaries, min_top=2)], ["running"]
        )
        self.assertEqual(
            [gap.slug for gap in coverage_gaps(summaries=summaries, min_top=3)],
            ["jumping", "running"],
        )

    def test_k_of_zero_or_one_with_one_top_holder_each_leaves_no_gaps(self):
        summaries = self.summaries(person("Ada", {"jumping": 3, "running": 2}))

        for min_top in [0, 1]:
            with self.subTest(min_top=min_top):
                self.assertEqual(coverage_gaps(summaries=summaries, min_top=min_top), [])

    def test_with_nobody_every_category_is_a_gap(self):
        gaps = coverage_gaps(summaries=self.summaries(), min_top=2)

        self.assertEqual([gap.slug for gap in gaps], ["jumping", "running"])


class MentorMatchTests(SimpleTestCase):
    def pairs(self, people) -> list[tuple[str, list[str], list[str]]]:
        return [
            (group.category, [p.name for p in match.learners], [p.name for p in match.mentors])
            for group in mentor_matches(assessment=SPORTS, people=people)
            for match in group.matches
        ]

    def test_learners_are_matched_with_everyone_who_holds_a_top_rating(self):
        people = [
            person("Ada", {"jumping": 1, "running": 1}, {"jumping": 2, "running": 1}),
            person("Grace", {"jumping": 3, "running": 1}),
            person("Linus", {"jumping": 2, "running": 1}),
            person("Margaret", {"jumping": 1, "running": 1}, {"jumping": 2, "running": 1}),
        ]

        self.assertEqual(self.pairs(people), [("Jumping", ["Ada", "Margaret"], ["Grace", "Linus"])])

    def test_a_learner_who_holds_a_top_rating_is_never_their_own_mentor(self):
        people = [
            person("Ada", {"jumping": 1, "running": 1}, {"jumping": 2, "running": 1}),
            person("Grace", {"jumping": 3, "running": 1}),
            person("Linus", {"jumping": 2, "running": 1}, {"jumping": 3, "running": 1}),
        ]

        self.assertEqual(
            self.pairs(people),
            [("Jumping", ["Ada"], ["Grace", "Linus"]), ("Jumping", ["Linus"], ["Grace"])],
        )

    def test_no_match_ever_offers_a_learner_to_themself(self):
        people = [
            person(name, {"jumping": 2, "running": 2}, {"jumping": 3, "running": 3})
            for name in ["Ada", "Grace", "Linus"]
        ]

        groups = mentor_matches(assessment=SPORTS, people=people)

        self.assertEqual([group.category for group in groups], ["Jumping", "Running"])
        for group in groups:
            [match] = group.matches
            with self.subTest(category=group.category):
                self.assertEqual([p.name for p in match.learners], ["Ada", "Grace", "Linus"])
                self.assertEqual((match.mentors, match.mentor_names), ([], "each other"))

    def test_top_rated_learners_are_offered_each_other_and_the_other_top_holders(self):
        people = [
            person("Ada", {"jumping": 2, "running": 1}, {"jumping": 3, "running": 1}),
            person("Grace", {"jumping": 2, "running": 1}, {"jumping": 3, "running": 1}),
            person("Linus", {"jumping": 3, "running": 1}),
        ]

        [group] = mentor_matches(assessment=SPORTS, people=people)

        [match] = group.matches
        self.assertEqual([p.name for p in match.learners], ["Ada", "Grace"])
        self.assertEqual([p.name for p in match.mentors], ["Linus"])
        self.assertEqual(match.mentor_names, "Linus, and each other")

    def test_top_rated_learners_with_no_other_top_holder_have_each_other(self):
        people = [
            person(name, {"jumping": 2, "running": 1}, {"jumping": 3, "running": 1})
            for name in ["Ada", "Grace"]
        ]

        [group] = mentor_matches(assessment=SPORTS, people=people)

        self.assertEqual(group.matches[0].mentor_names, "each other")

    def test_each_other_is_said_in_the_readers_language(self):
        # Reaches the reader through gettext: a catalogue that knows it is used.
        people = [
            person(name, {"jumping": 2, "running": 1}, {"jumping": 3, "running": 1})
            for name in ["Ada", "Grace"]
        ]
        [group] = mentor_matches(assessment=SPORTS, people=people)
        catalogue = {
            "each other": "einander",
            "%(names)s, and each other": "%(names)s und einander",
        }

        with unittest.mock.patch(
            "reports.matrix.gettext", side_effect=lambda text: catalogue[text]
        ):
            alone = group.matches[0].mentor_names
            beside = MentorMatch(learners=[], mentors=people[:1], each_other=True).mentor_names

        self.assertEqual((alone, beside), ("einander", "Ada und einander"))

    def test_each_other_is_german_and_french_to_german_and_french_readers(self):
        people = [
            person(name, {"jumping": 2, "running": 1}, {"jumping": 3, "running": 1})
            for name in ["Ada", "Grace"]
        ]
        match = MentorMatch(learners=people, mentors=people[:1], each_other=True)

        for language in ["de", "fr"]:
            with self.subTest(language=language), translation.override(language):
                self.assertNotIn("each other", match.mentor_names)
                self.assertTrue(match.mentor_names.startswith("Ada"))

    def test_the_page_grows_linearly_with_the_team(self):
        # Everyone holds a top rating and wants more: one match, not one per person.
        people = [
            person(f"P{number}", {"jumping": 2, "running": 2}, {"jumping": 3, "running": 3})
            for number in range(100)
        ]

        groups = mentor_matches(assessment=SPORTS, people=people)

        self.assertEqual([len(group.matches) for group in groups], [1, 1])
        self.assertEqual([len(group.matches[0].mentors) for group in groups], [0, 0])

    def test_a_single_person_wanting_the_very_top_has_nobody_to_learn_from(self):
        ada = person("Ada", {"jumping": 2, "running": 1}, {"jumping": 3, "running": 1})

        self.assertEqual(self.pairs([ada]), [("Jumping", ["Ada"], [])])

    def test_categories_nobody_wants_to_level_up_in_are_left_out(self):
        people = [person("Ada", {"jumping": 3, "running": 3})]

        self.assertEqual(mentor_matches(assessment=SPORTS, people=people), [])

    def test_nobody_means_no_matches(self):
        self.assertEqual(mentor_matches(assessment=SPORTS, people=[]), [])

    def test_names_are_joined_for_display(self):
        people = [
            person("Ada", {"jumping": 1, "running": 1}, {"jumping": 2, "running": 1}),
            person("Grace", {"jumping": 3, "running": 1}),
            person("Linus", {"jumping": 3, "running": 1}),
        ]

        [group] = mentor_matches(assessment=SPORTS, people=people)

        self.assertEqual(
            (group.matches[0].learner_names, group.matches[0].mentor_names),
            ("Ada", "Grace, Linus"),
        )


class TeamMatrixTests(TestCase):
    def test_the_matrix_puts_the_rules_together_from_one_query(self):
        assessment = make_assessment(assessment=JUMPING_RUNNING)
        make_result(assessment, name="Ada", current={"jumping": 3, "running": 1})
        make_result(assessment, name="Grace", current={"jumping": 2, "running": 2})

        with self.assertNumQueries(1):
            matrix = team_matrix(assessment=assessment, min_top=2)

        self.assertEqual([p.name for p in matrix.people], ["Ada", "Grace"])
        self.assertEqual([row.person for row in matrix.rows], matrix.people)
        self.assertEqual([gap.slug for gap in matrix.gaps], ["running"])
        self.assertEqual(matrix.top_labels, ["Better", "Best"])
        self.assertEqual((matrix.min_top, matrix.mentor_matches), (2, []))

    def test_an_assessment_without_results_gives_an_empty_matrix(self):
        matrix = team_matrix(assessment=make_assessment())

        self.assertEqual((matrix.people, matrix.rows, matrix.mentor_matches), ([], [], []))
        self.assertEqual(matrix.min_top, 2)


class TeamChartTests(TestCase):
    def test_the_team_chart_draws_the_average_current_and_desired_ratings(self):
        assessment = make_assessment(assessment=TRIATHLON)
        make_result(assessment, name="Ada", current={"swimming": 3, "cycling": 1, "running": 1})
        make_result(
            assessment,
            name="Grace",
            current={"swimming": 1, "cycling": 1, "running": 1},
            desired={"swimming": 2, "cycling": 1, "running": 1},
        )

        chart = team_matrix(assessment=assessment).chart

        current, desired = chart.series
        self.assertEqual(
            (current.name, desired.name), ("Team average, current", "Team average, desired")
        )
        # Swimming points straight up: an average of 2 of 3 lies two thirds of the way out.
        self.assertEqual(current.points[0], Point(0.0, round(-RADIUS * 2 / 3, 2)))
        # Its desired average is 2.5 (Ada 3, Grace 2).
        self.assertEqual(desired.points[0], Point(0.0, round(-RADIUS * 2.5 / 3, 2)))

    def test_fewer_than_three_categories_have_no_team_chart(self):
        assessment = make_assessment(assessment=JUMPING_RUNNING)
        make_result(assessment, name="Ada")

        self.assertIsNone(team_matrix(assessment=assessment).chart)

    def test_the_matrix_page_shows_the_team_chart(self):
        assessment = make_assessment(slug="tri", assessment=TRIATHLON)
        make_result(assessment, name="Ada")
        self.client.force_login(make_user(manager=True))

        response = self.client.get("/manage/tri/")

        self.assertContains(response, "The team's average current and desired ratings")
        self.assertContains(response, 'class="radar-chart"')


class AssessmentsWithCountsTests(TestCase):
    def test_each_assessment_has_its_results_people_and_latest_result(self):
        answered = make_assessment(name="Answered")
        make_result(answered, name="Ada", created=NOW - timedelta(days=1))
        make_result(answered, name=" ada ", created=NOW - timedelta(hours=1))
        make_result(answered, name="Grace", created=NOW - timedelta(days=2))
        make_assessment(name="Unanswered")

        with self.assertNumQueries(1):
            rows = {
                a.name: (a.result_count, a.people_count, a.latest_result)
                for a in assessments_with_counts()
            }

        self.assertEqual(
            rows,
            {"Answered": (3, 2, NOW - timedelta(hours=1)), "Unanswered": (0, 0, None)},
        )
