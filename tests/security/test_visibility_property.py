"""The privacy rule as a property: whatever people, accounts, teams, managers, answers, answers
made again, sign-ups and erasures there are, no page or download served to a viewer holds the
id of a result that viewer may not open.

The expectation is worked out here, from the rule's own words (issue 19), and not by asking
results/visibility.py:
- the holder of a result's address may open it and the earlier results of its chain;
- a signed-in account may open the results it owns;
- a manager (the Managers group) may open the public link's results and those of the teams
  they manage; a superuser every result.
Every action and every read goes through the site's own URLs.

Second opinions (issue 22) join in: the rounds ask for managers' and colleagues' reviews, and
each review's comment is a marker of its own. The managers' review of a member may be read by
the managers of their team (and superusers), and by whoever may open a result of the member
once it is shared; a colleague's only by whoever may open a result of the member, and only at
or past ASSESSOR_MIN_PEER_REVIEWS (1 here, or no colleague's review would ever show with two
members a team). A review replaced, or un-shared by a change, must show nowhere any more.

Add each new page that shows results or reviews to `pages_for()`.
"""

import io
import os
import re
import zipfile
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from api.tokens import create_token
from results.models import AssessmentResult
from reviews.models import PeerReview
from teams.models import Invitation
from tests.factories import (
    JUMPING_RUNNING,
    bearer,
    make_assessment,
    make_team,
    make_user,
    member_recipe,
    open_round,
    plan_data,
)

REVIEW_MARKER = re.compile(r"(?:manager|colleague)marker\d+")
RESULT_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Names that collide on purpose: public answers typed as members' names, in other cases.
NAMES = ["Ada", "ADA ", "Ben", "ben"]
PASSWORD = "quiet-otter-lantern-42"
EXAMPLES = 30 if os.environ.get("HYPOTHESIS_PROFILE") == "ci" else 10


@dataclass
class Review:
    """A review stored through the site: its member, team, current comment marker, and (for the
    managers' review) whether it is shared now."""

    member: int
    team: int
    marker: str
    shared: bool = False


@dataclass
class Known:
    """What the test knows of a stored result: who owns it, which team's it is, what it
    continues, and (for invitation answers and answers made again from them) whose it is."""

    owner: int | None
    team: int | None
    previous: str | None
    member: int | None


public_answer = st.tuples(st.just("public"), st.sampled_from(NAMES), st.sampled_from([None, 0, 1]))
invitation_answer = st.tuples(st.just("invited"), st.integers(0, 1), st.integers(0, 1))
answer_again = st.tuples(st.just("again"), st.integers(0, 20))
erasure = st.tuples(st.just("erase"), st.integers(0, 20))
sign_up = st.tuples(st.just("sign_up"), st.integers(0, 1), st.integers(0, 1))
# A development plan made on a result by whoever may (issue 24): later results carry it.
plan = st.tuples(st.just("plan"), st.integers(0, 20))
# Reviews of the member of the n-th team answer so far (if any), by their team's manager (shared
# at once, or not), or their one colleague (asked by the member first); and the other team's
# manager trying to write and share a review, refused with a 404.
manager_review = st.tuples(st.just("review"), st.integers(0, 20), st.booleans())
share = st.tuples(st.just("share"), st.integers(0, 20))
colleague_review = st.tuples(st.just("colleague"), st.integers(0, 20))
intrusion = st.tuples(st.just("intrude"), st.integers(0, 1), st.integers(0, 1))
actions = st.lists(
    st.one_of(
        public_answer,
        invitation_answer,
        answer_again,
        erasure,
        sign_up,
        manager_review,
        share,
        colleague_review,
        intrusion,
        plan,
    ),
    min_size=1,
    max_size=10,
)


def text_of(response) -> str:
    """What a page or download holds, as text: a workbook's XML parts unpacked."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        with zipfile.ZipFile(io.BytesIO(content)) as workbook:
            return "".join(workbook.read(name).decode() for name in workbook.namelist())
    return content.decode()


@override_settings(ASSESSOR_MIN_PEER_REVIEWS=1)
class VisibilityProperty(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports", assessment=JUMPING_RUNNING)
        cls.accounts = [make_user(username=f"person{number}") for number in range(2)]
        cls.managers = [make_user(username=f"manager{number}", manager=True) for number in range(2)]
        cls.idle_manager = make_user(username="idle", manager=True)
        # Manages team 0, but is not in the Managers group: manages nothing.
        cls.lead = make_user(username="lead")
        cls.superuser = make_user(username="root", is_superuser=True)
        cls.teams, cls.members, cls.invitations = [], [], []
        for number in range(2):
            team = make_team(name=f"Team {number}", managers=(cls.managers[number],))
            members = [
                member_recipe.make(team=team, name=name, email=f"{name}{number}@example.com")
                for name in ("Ada", "Ben")
            ]
            team_round = open_round(team=team, assessment=cls.assessment, reviews="peers")
            cls.teams.append(team)
            cls.members.append(members)
            cls.invitations.append(
                [Invitation.objects.get(round=team_round, member=m) for m in members]
            )
        cls.teams[0].managers.add(cls.lead)
        cls.member_positions = {
            member.pk: (team, number)
            for team, members in enumerate(cls.members)
            for number, member in enumerate(members)
        }

    # Acting, through the site.

    def answers(self) -> dict[str, str]:
        return {"v": "sports", "name": "typed", "jumping": "2", "running": "3"}

    def client_for(self, account_pk: int | None) -> Client:
        client = Client()
        if account_pk is not None:
            client.force_login(User.objects.get(pk=account_pk))
        return client

    def stored(self, response) -> str:
        self.assertEqual(response.status_code, 302, response.content[:500])
        return response["Location"].split("/")[2]

    def act(self, action, known: dict[str, Known]) -> None:
        kind, *args = action
        order = sorted(known, key=lambda pk: AssessmentResult.objects.get(pk=pk).created)
        if kind == "public":
            name, account = args
            owner = None if account is None else self.accounts[account].pk
            data = {**self.answers(), "name": name}
            pk = self.stored(self.client_for(owner).post("/assessment/", data))
            known[pk] = Known(owner=owner, team=None, previous=None, member=None)
        elif kind == "invited":
            team, member_number = args
            member = self.members[team][member_number]
            token = self.invitations[team][member_number].token
            previous = [
                pk for pk in order if known[pk].member == member.pk and known[pk].team is not None
            ]
            invited = [pk for pk in previous if self.is_invitation_answer(pk)]
            pk = self.stored(Client().post(f"/i/{token}/", self.answers()))
            owner = (
                self.member_accounts[member.pk].pk if member.pk in self.member_accounts else None
            )
            known[pk] = Known(
                owner=owner,
                team=self.teams[team].pk,
                previous=invited[-1] if invited else None,
                member=member.pk,
            )
        elif kind == "again" and order:
            earlier = order[args[0] % len(order)]
            client = self.client_for(known[earlier].owner)
            pk = self.stored(client.post(f"/results/{earlier}/again/", self.answers()))
            known[pk] = Known(
                owner=known[earlier].owner,
                team=known[earlier].team,
                previous=earlier,
                member=known[earlier].member,
            )
        elif kind == "erase" and order:
            erased = order[args[0] % len(order)]
            response = Client().post(f"/results/{erased}/delete/")
            self.assertEqual(response.status_code, 302)
            for result in known.values():
                if result.previous == erased:
                    result.previous = known[erased].previous
            del known[erased]
            self.erased.add(erased)
        elif kind == "plan" and order:
            planned = order[args[0] % len(order)]
            client = self.client_for(known[planned].owner)
            goal = {"category": "jumping", "target": 3, "due": timezone.localdate(), "note": "n"}
            response = client.post(f"/results/{planned}/plan/", plan_data([goal], share_notes=True))
            self.assertEqual(response.status_code, 302, response.content[:500])
        elif kind == "sign_up":
            team, member_number = args
            member = self.members[team][member_number]
            if member.pk in self.member_accounts:
                return
            token = self.invitations[team][member_number].token
            username = f"member{member.pk}"
            signup = {"username": username, "password1": PASSWORD, "password2": PASSWORD}
            response = Client().post(f"/accounts/signup/?invitation={token}", signup)
            self.assertEqual(response.status_code, 302)
            account = User.objects.get(username=username)
            self.member_accounts[member.pk] = account
            for result in known.values():
                if result.member == member.pk:
                    result.owner = account.pk

        elif kind in ("review", "share", "colleague"):
            team_answers = [pk for pk in order if known[pk].team is not None]
            if team_answers:
                member_pk = known[team_answers[args[0] % len(team_answers)]].member
                team, member_number = self.member_positions[member_pk]
                getattr(self, f"act_{kind}")(team, member_number, *args[1:])
        elif kind == "intrude":
            self.act_intrude(*args)

    def next_marker(self, kind: str) -> str:
        self.markers += 1
        return f"{kind}marker{self.markers}"

    def review_data(self, marker: str) -> dict[str, str]:
        return {"jumping": "2", "running": "3", "jumping-comment": marker, "comment": marker}

    def review_url(self, team: int, member_number: int) -> str:
        invitation = self.invitations[team][member_number]
        return f"/manage/rounds/{invitation.round_id}/reviews/{invitation.member_id}/"

    def act_review(self, team: int, member_number: int, shared: bool) -> None:
        """The team's manager writes (or replaces, which un-shares) a member's review."""
        member = self.members[team][member_number]
        client = self.client_for(self.managers[team].pk)
        marker = self.next_marker("manager")
        response = client.post(self.review_url(team, member_number), self.review_data(marker))
        self.assertEqual(response.status_code, 302)
        self.reviews[("manager", member.pk)] = Review(member.pk, self.teams[team].pk, marker)
        if shared:
            self.act_share(team, member_number)

    def act_share(self, team: int, member_number: int) -> None:
        client = self.client_for(self.managers[team].pk)
        response = client.post(f"{self.review_url(team, member_number)}share/")
        review = self.reviews.get(("manager", self.members[team][member_number].pk))
        self.assertEqual(response.status_code, 404 if review is None else 302)
        if review is not None:
            review.shared = True

    def act_intrude(self, team: int, member_number: int) -> None:
        """The other team's manager can neither write nor share a review here."""
        client = self.client_for(self.managers[1 - team].pk)
        url = self.review_url(team, member_number)
        marker = self.next_marker("manager")
        self.assertEqual(client.post(url, self.review_data(marker)).status_code, 404)
        self.assertEqual(client.post(f"{url}share/").status_code, 404)

    def act_colleague(self, team: int, member_number: int) -> None:
        """The member asks their one colleague, who reviews them through their review link."""
        member = self.members[team][member_number]
        colleague = self.members[team][1 - member_number]
        invitation = self.invitations[team][member_number]
        response = Client().post(f"/i/{invitation.token}/peers/", {"peers": [colleague.pk]})
        self.assertEqual(response.status_code, 302 if invitation.responses.exists() else 404)
        asked = PeerReview.objects.filter(member=member, reviewer=colleague).first()
        if asked is None:
            return
        marker = self.next_marker("colleague")
        response = Client().post(f"/r/{asked.token}/", self.review_data(marker))
        self.assertEqual(response.status_code, 302)
        self.reviews[("colleague", member.pk)] = Review(member.pk, self.teams[team].pk, marker)
        self.review_links[asked.token] = marker

    def is_invitation_answer(self, pk: str) -> bool:
        return AssessmentResult.objects.filter(pk=pk, invitation_response__isnull=False).exists()

    # The rule, in the test's own words.

    def chain(self, pk: str, known: dict[str, Known]) -> set[str]:
        chain, step = {pk}, known[pk].previous
        while step is not None and step in known:
            chain.add(step)
            step = known[step].previous
        return chain

    def openable(self, *, known, holding=None, account=None) -> set[str]:
        allowed = self.chain(holding, known) if holding else set()
        if account is not None:
            allowed |= {pk for pk, result in known.items() if result.owner == account.pk}
            if account.is_superuser:
                allowed |= set(known)
            elif account.groups.filter(name="Managers").exists():
                managed = set(account.managed_teams.values_list("pk", flat=True))
                allowed |= {pk for pk, r in known.items() if r.team is None or r.team in managed}
        return allowed

    def readable_markers(self, *, known, allowed, account=None) -> set[str]:
        """The current review markers this viewer may read: a member's reviews where one of
        their results may be opened (the managers' once shared), and the managers' review by the
        managers of the member's team."""
        members_shown = {known[pk].member for pk in allowed if pk in known}
        managed = set()
        if account is not None and account.groups.filter(name="Managers").exists():
            managed = set(account.managed_teams.values_list("pk", flat=True))
        markers = set()
        for (kind, _), review in self.reviews.items():
            if review.member in members_shown and (kind == "colleague" or review.shared):
                markers.add(review.marker)
            if kind == "manager" and (
                account is not None and (account.is_superuser or review.team in managed)
            ):
                markers.add(review.marker)
        return markers

    # Reading, as each viewer can.

    def pages_for(self, *, known, holding=None, account=None) -> list[str]:
        pages = []
        if holding:
            pages += [f"/results/{holding}/", f"/results/{holding}.json"]
            pages += [f"/results/{holding}/again/", f"/results/{holding}/delete/"]
            pages += [f"/results/{holding}/plan/", f"/accounts/signup/?result={holding}"]
            pages += [f"/results/{holding}/compare/{pk}/" for pk in known if pk != holding]
        if account is not None:
            pages += [
                "/accounts/profile/",
                "/manage/",
                "/manage/sports/",
                "/manage/sports/results.csv",
                "/manage/sports/results.xlsx",
                "/manage/teams/",
                "/manage/sports/?q=a&category=jumping&at_least=1",
                "/manage/experts/?assessment=sports&category=jumping&at_least=1",
                "/manage/experts/?assessment=sports&category=running&at_least=1&format=csv",
            ]
            pages += [f"/manage/sports/?team={team.slug}" for team in self.teams]
            pages += [f"/manage/sports/?team={team.slug}&view=manager" for team in self.teams]
            pages += [f"/manage/results/{pk}/" for pk in known]
            pages += [f"/manage/results/{pk}/erase-person/" for pk in known]
            for team, invitations in zip(self.teams, self.invitations, strict=True):
                round_pk = invitations[0].round_id
                pages += [f"/manage/rounds/{round_pk}/", f"/manage/rounds/{round_pk}/results.csv"]
                pages += [f"/manage/rounds/{round_pk}/remind/"]
                pages += [
                    f"/manage/teams/{team.slug}/trend/",
                    f"/manage/teams/{team.slug}/trend.json",
                    f"/manage/teams/{team.slug}/trend/?view=manager",
                    f"/manage/teams/{team.slug}/trend.json?view=manager",
                ]
                pages += [f"/manage/teams/{team.slug}/"]
                pages += [
                    f"/manage/rounds/{invitation.round_id}/reviews/{invitation.member_id}/"
                    for invitation in invitations
                ]
        return pages

    def api_pages_for(self, *, known) -> list[str]:
        """The read API, with a personal token of the account (issue 23)."""
        pages = ["/api/v1/assessments/sports/people/", "/api/v1/teams/"]
        pages += [f"/api/v1/results/{pk}/" for pk in known]
        pages += [f"/api/v1/teams/{team.slug}/rounds/" for team in self.teams]
        pages += [f"/api/v1/assessments/sports/people/?team={team.slug}" for team in self.teams]
        return pages

    def api_headers(self, account) -> dict[str, str]:
        if account.pk not in self.api_tokens:
            self.api_tokens[account.pk] = create_token(user=account, name="property")[1]
        return bearer(self.api_tokens[account.pk])

    def assert_shows_only_what_may_be_opened(self, *, known, holding=None, account=None):
        client = self.client_for(None if account is None else account.pk)
        allowed = self.openable(known=known, holding=holding, account=account)
        reads = [
            (page, {}) for page in self.pages_for(known=known, holding=holding, account=account)
        ]
        if account is not None:
            headers = self.api_headers(account)
            reads += [(page, headers) for page in self.api_pages_for(known=known)]
        for page, headers in reads:
            response = client.get(page, follow=True, **headers)
            self.assertLess(response.status_code, 500, page)
            body = text_of(response)
            shown = set(RESULT_ID.findall(body))
            if not headers:
                # A page may repeat its own address (the language form's `next`): not a
                # disclosure. The API echoes no address: a result it answers is one it shows.
                shown -= set(RESULT_ID.findall(page))
            self.assertLessEqual(shown & set(known), allowed, f"{page} as {account} of {holding}")
            self.assertFalse(shown & self.erased, f"an erased result on {page}")
            self.assertLessEqual(
                set(REVIEW_MARKER.findall(body)),
                self.readable_markers(known=known, allowed=allowed, account=account),
                f"a review on {page} as {account} of {holding}",
            )

    def assert_review_links_show_only_their_own_review(self, *, known):
        """A colleague's review link and a member's peers page name no result, and the link
        holds only its own review: nobody else's, not the managers'."""
        pages = {f"/r/{token}/": {marker} for token, marker in self.review_links.items()}
        for invitations in self.invitations:
            pages |= {f"/i/{invitation.token}/peers/": set() for invitation in invitations}
        for page, own in pages.items():
            response = Client().get(page)
            self.assertLess(response.status_code, 500, page)
            body = response.content.decode()
            self.assertFalse(set(RESULT_ID.findall(body)) & (set(known) | self.erased), page)
            self.assertLessEqual(set(REVIEW_MARKER.findall(body)), own, page)

    @settings(max_examples=EXAMPLES, deadline=None)
    @given(actions=actions)
    # Always tried: a review written and not shared, one replaced after sharing, a colleague's.
    @example(actions=[("invited", 0, 0), ("review", 0, False), ("invited", 1, 1)])
    @example(
        actions=[
            ("invited", 0, 1),
            ("review", 0, True),
            ("review", 0, False),
            ("colleague", 0),
            ("intrude", 0, 1),
            ("sign_up", 0, 1),
        ]
    )
    def test_no_page_shows_a_result_its_viewer_may_not_open(self, actions):
        cache.clear()
        self.member_accounts: dict[int, object] = {}
        self.api_tokens: dict[int, str] = {}
        self.erased: set[str] = set()
        self.reviews: dict[tuple[str, int], Review] = {}
        self.review_links: dict[str, str] = {}
        self.markers = 0
        known: dict[str, Known] = {}

        for action in actions:
            self.act(action, known)

        self.assert_review_links_show_only_their_own_review(known=known)
        for pk in known:
            self.assert_shows_only_what_may_be_opened(known=known, holding=pk)
        viewers = [
            *self.accounts,
            *self.member_accounts.values(),
            *self.managers,
            self.idle_manager,
            self.lead,
            self.superuser,
        ]
        for account in viewers:
            self.assert_shows_only_what_may_be_opened(known=known, account=account)
            for pk, result in known.items():
                if result.owner == account.pk:
                    self.assert_shows_only_what_may_be_opened(
                        known=known, holding=pk, account=account
                    )
