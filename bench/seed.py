"""Seed a benchmark database: one 12 x 5 assessment, people with several results, a manager, a
team of those people with a round that three in four of them answered, and a small team whose
round asks for reviews; 50,000 people in under a minute (bulk inserts only)."""

import argparse
import json
import random
from datetime import timedelta
from unittest import mock

from django.db import transaction
from django.utils import timezone


def seed(*, people: int, results_per_person: int) -> dict:
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client

    from assessments.models import Assessment
    from results.models import AssessmentResult, person_key
    from teams.models import Response

    ratings = ["Unaware", "Learning", "Practising", "Confident", "Expert"]
    categories = [[f"Skill area number {i}", f"skill-{i}"] for i in range(1, 13)]
    assessment = Assessment.objects.create(
        name="Benchmark skills",
        slug="bench",
        assessment={"categories": categories, "ratings": ratings},
    )
    team_round, invitations = seed_round(assessment=assessment, people=people)
    # The first three in four answered the round: their results are their members'.
    answered = invitations[: people * 3 // 4]
    rng = random.Random(2026)
    start = timezone.now() - timedelta(days=365)
    rows, responses = [], []
    for person in range(people):
        name = f"Person {person:05d}"
        invitation = answered[person] if person < len(answered) else None
        key = person_key(member_id=invitation.member_id) if invitation else person_key(name)
        for _ in range(results_per_person):
            current = {slug: rng.randint(1, 5) for _, slug in categories}
            desired = {
                slug: min(5, value + rng.choice([0, 0, 1])) for slug, value in current.items()
            }
            stored = AssessmentResult(
                assessment=assessment,
                assessment_version="bench",
                name=name,
                person=key,
                current=current,
                desired=desired,
                # A minute apart, over the past year.
                created=start + timedelta(minutes=len(rows)),
            )
            rows.append(stored)
            if invitation:
                responses.append(Response(invitation=invitation, result=stored))
    # The seed writes history, so its results keep the dates given rather than auto_now_add's
    # "now": one INSERT per batch instead of an INSERT and an UPDATE per row.
    created = AssessmentResult._meta.get_field("created")
    with transaction.atomic(), mock.patch.object(created, "auto_now_add", False):
        AssessmentResult.objects.bulk_create(rows, batch_size=500)
        Response.objects.bulk_create(responses, batch_size=500)
    # Read before the reviewed answer is stored, which would be the first.
    result = str(AssessmentResult.objects.values_list("pk", flat=True).first())
    reviewed_result, review_token = seed_reviews(assessment=assessment, rng=rng)
    settle()
    manager = User.objects.create_superuser("bench-manager", "bench@example.com", None)
    client = Client()
    client.force_login(manager)
    cookie_name = settings.SESSION_COOKIE_NAME
    return {
        "slug": assessment.slug,
        "result": result,
        "session_cookie": f"{cookie_name}={client.cookies[cookie_name].value}",
        "categories": [slug for _, slug in categories],
        "round": team_round.pk,
        "invitation": invitations[-1].token,
        "reviewed_result": reviewed_result,
        # Every result stored, the reviewed member's answer included: the CSV's rows.
        "result_count": AssessmentResult.objects.count(),
        "review": review_token,
    }


def seed_round(*, assessment, people: int) -> tuple:
    """A team with a member for each seeded person and a round inviting them all. Returns the
    round and its invitations, in the order of the people."""
    from teams.models import Invitation, Member, Round, Team

    with transaction.atomic():
        team = Team.objects.create(name="Benchmark team", slug="bench-team")
        members = Member.objects.bulk_create(
            (
                Member(team=team, name=f"Person {n:05d}", email=f"person{n}@example.com")
                for n in range(people)
            ),
            batch_size=500,
        )
        team_round = Round.objects.create(
            team=team, assessment=assessment, closes_on=timezone.localdate() + timedelta(days=30)
        )
        invitations = Invitation.objects.bulk_create(
            (Invitation(round=team_round, member=member) for member in members), batch_size=500
        )
    return team_round, invitations


def settle() -> None:
    """The database as a site's that has run a while: the rows the seed rewrote (dates, people)
    reclaimed, as PostgreSQL's autovacuum would, and statistics for the planner
    on both databases, as autovacuum's ANALYZE (or SQLite's PRAGMA optimize) would gather."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def seed_reviews(*, assessment, rng: random.Random) -> tuple[str, str]:
    """A team whose open round asks for colleagues' reviews: its first member answered, the
    managers' review of them is shared, and just enough colleagues to pass the anonymity
    threshold reviewed them, with comments, so their result page draws all three series; one
    more colleague asked has not answered. Returns that result's id and the unanswered review
    link's token."""
    from django.conf import settings

    from reviews.models import ManagerReview, PeerReview
    from teams.models import Invitation, Member, Round, Team
    from teams.rounds import record_invitation_answer

    slugs = assessment.category_slugs
    colleagues = settings.ASSESSOR_MIN_PEER_REVIEWS + 1

    def ratings() -> dict[str, int]:
        return {slug: rng.randint(1, 5) for slug in slugs}

    with transaction.atomic():
        team = Team.objects.create(name="Reviewed team", slug="reviewed-team")
        members = Member.objects.bulk_create(
            Member(team=team, name=f"Reviewed {n}", email=f"reviewed{n}@example.com")
            for n in range(colleagues + 1)
        )
        team_round = Round.objects.create(
            team=team,
            assessment=assessment,
            closes_on=timezone.localdate() + timedelta(days=30),
            reviews="peers",
        )
        invitations = Invitation.objects.bulk_create(
            Invitation(round=team_round, member=member) for member in members
        )
        answer = ratings()
        result = record_invitation_answer(invitation=invitations[0], current=answer, desired=answer)
        reviewed, *others = members
        now = timezone.now()
        ManagerReview.objects.create(
            round=team_round,
            member=reviewed,
            ratings=ratings(),
            comments={slugs[0]: "Leads the reviews of this area."},
            comment="A good year.",
            updated=now,
            shared_at=now,
        )
        for colleague in others[:-1]:
            PeerReview.objects.create(
                round=team_round,
                member=reviewed,
                reviewer=colleague,
                ratings=ratings(),
                comments={slugs[1]: f"Seen by {colleague.pk % 7} of us."},
                updated=now,
            )
        waiting = PeerReview.objects.create(round=team_round, member=reviewed, reviewer=others[-1])
    return str(result.pk), waiting.token


def main() -> None:
    import django

    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--results-per-person", type=int, default=5)
    args = parser.parse_args()
    django.setup()
    print(json.dumps(seed(people=args.people, results_per_person=args.results_per_person)))


if __name__ == "__main__":
    main()
