"""The company-wide matrix and CSV are scoped: a manager reads the public link's results and
their own teams' invitation results; a superuser reads them all."""

import csv
import io

from django.test import TestCase

from tests.factories import (
    answer_invitation,
    make_assessment,
    make_result,
    make_team,
    make_user,
    open_round,
)


class ScopedMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports")
        cls.mine_manager = make_user(username="mine", manager=True)
        cls.other_manager = make_user(username="other", manager=True)
        for manager, member in [(cls.mine_manager, "Ada Mine"), (cls.other_manager, "Tess Theirs")]:
            team = make_team(managers=(manager,), members=[member])
            answer_invitation(open_round(team=team, assessment=cls.assessment).invitations.get())
        make_result(cls.assessment, name="Pat Public")

    def names_on_matrix(self, user) -> set[str]:
        self.client.force_login(user)
        content = self.client.get("/manage/sports/").context["content"]
        return {name for name in ["Ada Mine", "Tess Theirs", "Pat Public"] if name in content}

    def names_in_csv(self, user) -> set[str]:
        self.client.force_login(user)
        response = self.client.get("/manage/sports/results.csv")
        rows = csv.reader(io.StringIO(b"".join(response.streaming_content).decode()))
        return {row[1] for row in list(rows)[1:]}

    def test_a_manager_sees_the_public_results_and_their_teams(self):
        self.assertEqual(self.names_on_matrix(self.mine_manager), {"Ada Mine", "Pat Public"})
        self.assertEqual(self.names_in_csv(self.mine_manager), {"Ada Mine", "Pat Public"})

    def test_the_cached_matrix_is_not_shared_between_managers_of_different_teams(self):
        self.names_on_matrix(self.mine_manager)

        self.assertEqual(self.names_on_matrix(self.other_manager), {"Tess Theirs", "Pat Public"})

    def test_a_superuser_sees_every_result(self):
        boss = make_user(is_superuser=True)

        self.assertEqual(self.names_on_matrix(boss), {"Ada Mine", "Tess Theirs", "Pat Public"})
        self.assertEqual(self.names_in_csv(boss), {"Ada Mine", "Tess Theirs", "Pat Public"})

    def test_the_overview_counts_only_what_the_manager_may_read(self):
        self.client.force_login(self.mine_manager)

        response = self.client.get("/manage/")

        sports = response.context["assessments"].get(slug="sports")
        self.assertEqual((sports.result_count, sports.people_count), (2, 2))
        self.client.force_login(make_user(is_superuser=True))
        everything = self.client.get("/manage/").context["assessments"].get(slug="sports")
        self.assertEqual((everything.result_count, everything.people_count), (3, 3))
