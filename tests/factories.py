"""Test data for the whole suite: model-bakery recipes and a few small named helpers."""

import copy
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import Group, User
from django.core import mail
from django.utils import timezone
from model_bakery import baker
from model_bakery.recipe import Recipe, foreign_key, seq

from api.tokens import create_token
from assessments.models import Assessment
from reports.access import MANAGERS_GROUP
from results.models import AssessmentResult
from reviews.models import ManagerReview, PeerReview
from teams.models import Invitation, Member, Round, Team
from teams.rounds import record_invitation_answer

JUMPING_RUNNING = {
    "categories": [["Jumping", "jumping"], ["Running", "running"]],
    "ratings": ["Good", "Better", "Best"],
}
# Enough categories for a radar chart.
TRIATHLON = {
    "categories": [["Swimming", "swimming"], ["Cycling", "cycling"], ["Running", "running"]],
    "ratings": ["Good", "Better", "Best"],
}
# JUMPING_RUNNING with its texts per language: German and French in full, English as the site's
# language, a category name given only in German and French (no English, no Spanish), and a
# plain one. Three categories, so the result page draws a radar chart.
JUMPING_RUNNING_IN_LANGUAGES = {
    "name": {"en": "Sports", "de": "Sport", "fr": "Les sports"},
    "description": {
        "en": "How you move.",
        "de": "Wie Sie sich bewegen.",
        "fr": "Comment vous bougez.",
    },
    "categories": [
        {
            "name": {"en": "Jumping", "de": "Springen", "fr": "Sauter"},
            "slug": "jumping",
            "group": {"en": "Field", "de": "Feld", "fr": "Terrain"},
            "description": {"en": "Off the ground.", "de": "Vom Boden weg.", "fr": "Décoller."},
            "levels": [
                {"en": "Hops", "de": "Hüpft", "fr": "Sautille"},
                {"en": "Jumps", "de": "Springt", "fr": "Saute"},
                {"en": "Flies", "de": "Fliegt", "fr": "Vole"},
            ],
        },
        [{"de": "Laufen", "fr": "Courir"}, "running"],
        ["Swimming", "swimming"],
    ],
    "ratings": [
        {"en": "Good", "de": "Gut", "fr": "Bien"},
        {"en": "Better", "de": "Besser", "fr": "Mieux"},
        {"en": "Best", "de": "Am besten", "fr": "Au mieux"},
    ],
    "roles": [{"name": {"en": "Athlete", "de": "Athletin"}, "slug": "athlete", "targets": {}}],
}
JUMPING_RUNNING_CSV_HEADER = [
    *["id", "name", "version", "submitted at"],
    *["Jumping current", "Jumping desired", "Running current", "Running desired"],
    "source",
]


assessment_recipe = Recipe(Assessment, assessment=JUMPING_RUNNING)


def make_assessment(**kwargs: Any) -> Assessment:
    return assessment_recipe.make(**kwargs)


def make_assessment_in_languages(**kwargs: Any) -> Assessment:
    """An assessment whose texts are given per language (JUMPING_RUNNING_IN_LANGUAGES)."""
    assessment = Assessment(slug=kwargs.pop("slug", "sports"), **kwargs)
    # A copy, so that no test's change reaches the constant other tests compare with.
    definition = copy.deepcopy(JUMPING_RUNNING_IN_LANGUAGES)
    name = definition.pop("name")
    assessment.assessment = definition
    assessment.set_name(name)
    assessment.full_clean()
    assessment.save()
    return assessment


def make_result(
    assessment: Assessment, *, created: datetime | None = None, **kwargs: Any
) -> AssessmentResult:
    slugs = [slug for _, slug in assessment.categories]
    kwargs.setdefault("current", dict.fromkeys(slugs, 1))
    kwargs.setdefault("desired", kwargs["current"])
    kwargs.setdefault("assessment_version", assessment.slug)
    # Blank: saving makes it from the name and the account, as for an answer on the public form.
    kwargs.setdefault("person", "")
    result = baker.make(AssessmentResult, assessment=assessment, **kwargs)
    if created is not None:
        # `created` is auto_now_add, which overrides any value given on insert.
        AssessmentResult.objects.filter(pk=result.pk).update(created=created)
        result.created = created
    return result


def make_user(*, manager: bool = False, **kwargs: Any) -> User:
    user = baker.make(User, **kwargs)
    if manager:
        user.groups.add(Group.objects.get(name=MANAGERS_GROUP))
    return user


def api_headers(user: User, *, name: str = "BI tool") -> dict[str, str]:
    """The test client's headers of a request with a new personal API token of `user`."""
    _token, secret = create_token(user=user, name=name)
    return bearer(secret)


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


# Teams and rounds (issue 12): a member's address is their first name at example.com.
team_recipe = Recipe(Team, name=seq("Team "), slug=seq("team-"))
member_recipe = Recipe(
    Member,
    team=foreign_key(team_recipe),
    name=seq("Member "),
    email=seq("member", suffix="@example.com"),
)
round_recipe = Recipe(
    Round,
    team=foreign_key(team_recipe),
    assessment=foreign_key(assessment_recipe),
    closes_on=lambda: timezone.localdate() + timedelta(days=7),
)


def make_team(*, managers: Iterable[User] = (), members: Iterable[str] = (), **kwargs: Any) -> Team:
    """A team run by `managers`, with a member for each name in `members`."""
    team = team_recipe.make(**kwargs)
    team.managers.add(*managers)
    add_members(team, *members)
    return team


def add_members(team: Team, *names: str, **kwargs: Any) -> list[Member]:
    return [
        member_recipe.make(team=team, name=name, email=email_of(name), **kwargs) for name in names
    ]


def email_of(name: str) -> str:
    return f"{name.split()[0].lower()}@example.com"


def member_names(count: int) -> list[str]:
    """`count` names with addresses of their own, for a team whose size is what matters."""
    return [f"Member{number}" for number in range(count)]


def open_round(*, team: Team | None = None, members: Iterable[str] = (), **kwargs: Any) -> Round:
    """A round open for a week (or until `closes_on`) with an invitation for each current member
    of `team`, as starting one makes it; `members` join the team first."""
    team = team or make_team()
    add_members(team, *members)
    opened = round_recipe.make(team=team, **kwargs)
    for member in Member.current.filter(team=team):
        baker.make(Invitation, round=opened, member=member)
    return opened


def closed_round(**kwargs: Any) -> Round:
    """A round whose closing day was yesterday."""
    return open_round(closes_on=timezone.localdate() - timedelta(days=1), **kwargs)


class RemindsAsManager:
    """For a TestCase whose set-up has a round (`self.round`) and its `self.manager`: presses the
    round page's remind button signed in as the manager, sending the emails it queues."""

    def setUp(self):
        super().setUp()
        self.client.force_login(self.manager)

    def remind(self):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(f"/manage/rounds/{self.round.pk}/remind/", follow=True)

    def recipients(self) -> list[str]:
        return sorted(message.to[0] for message in mail.outbox)


def answer_invitation(invitation: Invitation, **ratings: int) -> AssessmentResult:
    """The member answers through their personal link, with `ratings` by category slug."""
    assessment = invitation.round.assessment
    current = {slug: ratings.get(slug, 1) for slug in assessment.category_slugs}
    return record_invitation_answer(invitation=invitation, current=current, desired=current)


# Second opinions (issue 22).
def write_review(
    team_round: Round, member: Member, *, shared: bool = True, **ratings: int
) -> ManagerReview:
    """The managers' review of `member` in `team_round`, with `ratings` by slug (else 1 each)."""
    slugs = team_round.assessment.category_slugs
    return ManagerReview.objects.create(
        round=team_round,
        member=member,
        ratings={slug: ratings.get(slug, 1) for slug in slugs},
        updated=timezone.now(),
        shared_at=timezone.now() if shared else None,
    )


def ask_peer(team_round: Round, member: Member, reviewer: Member, **ratings: int) -> PeerReview:
    """`reviewer` asked to review `member`; with `ratings`, they have answered (others 1)."""
    slugs = team_round.assessment.category_slugs
    review = PeerReview.objects.create(round=team_round, member=member, reviewer=reviewer)
    if ratings:
        review.ratings = {slug: ratings.get(slug, 1) for slug in slugs}
        review.updated = timezone.now()
        review.save()
    return review


# Development plans (issue 24).
def plan_url(result: AssessmentResult) -> str:
    return f"/results/{result.pk}/plan/"


def plan_data(goals: Iterable[dict[str, Any]], *, share_notes: bool = False) -> dict[str, Any]:
    """The plan form's POST: the formset's management fields and a row per goal (category,
    target, due, note)."""
    goals = list(goals)
    data: dict[str, Any] = {
        "form-TOTAL_FORMS": str(len(goals)),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "3",
    }
    for number, goal in enumerate(goals):
        for key, value in goal.items():
            data[f"form-{number}-{key}"] = str(value)
    if share_notes:
        data["share_notes"] = "on"
    return data


# JUMPING_RUNNING with learning resources for jumping only.
JUMPING_RUNNING_WITH_RESOURCES = {
    **JUMPING_RUNNING,
    "categories": [
        {
            "name": "Jumping",
            "slug": "jumping",
            "resources": [
                {"title": "Jumping for beginners", "url": "https://example.org/jumping"},
                {"title": "Long jump rules", "url": "http://example.org/long-jump?lang=en"},
            ],
        },
        ["Running", "running"],
    ],
}


def resources(count: int, *, url: str = "https://example.org/") -> list[dict[str, str]]:
    return [{"title": f"Resource {number}", "url": url} for number in range(1, count + 1)]
