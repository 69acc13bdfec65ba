"""Changing who is in a team: creating it, adding, removing and restoring members, linking a
member to the account they create from an invitation, and the username of an account made for
an address."""

from collections.abc import Sequence
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from results.models import AssessmentResult
from teams.forms import NewMember
from teams.models import RESTORE_HOURS, Member, Team

USERNAME_LENGTH = get_user_model()._meta.get_field("username").max_length


def unique_team_slug(name: str) -> str:
    base = slugify(name)[:100] or "team"
    taken = set(Team.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


# How often a team is created under a new slug when another request took each one first.
SLUG_ATTEMPTS = 5


def insert_team(name: str) -> Team:
    """The team under the first free slug. Two requests may both find a slug free before
    either inserts it: the one that loses (an IntegrityError in its own savepoint) looks again,
    and then sees the other's team."""
    for _ in range(SLUG_ATTEMPTS - 1):
        try:
            with transaction.atomic():
                return Team.objects.create(name=name, slug=unique_team_slug(name))
        except IntegrityError:
            continue
    return Team.objects.create(name=name, slug=unique_team_slug(name))


@transaction.atomic
def create_team(*, name: str, members: Sequence[NewMember], creator: AbstractBaseUser) -> Team:
    """The team with its members; its creator becomes its first manager."""
    team = insert_team(name)
    team.managers.add(creator)
    add_members(team=team, members=members)
    return team


def add_members(*, team: Team, members: Sequence[NewMember]) -> list[Member]:
    return Member.objects.bulk_create(
        Member(team=team, name=member.name, email=member.email) for member in members
    )


def remove_member(*, member: Member) -> None:
    """The member leaves the team; the rounds they were in and their results stay as they are."""
    member.removed_at = timezone.now()
    member.save(update_fields=["removed_at"])


def restorable_members(*, team: Team) -> QuerySet[Member]:
    """Members removed in the last RESTORE_HOURS: the team page offers to undo it."""
    since = timezone.now() - timedelta(hours=RESTORE_HOURS)
    return Member.objects.filter(team=team, removed_at__gte=since).order_by("name", "pk")


class EmailTaken(Exception):
    """A current member of the team has the removed member's address (added again since)."""


def restore_member(*, member: Member) -> None:
    """The member is back, as if never removed; raises EmailTaken when the team has a current
    member with their address, which must stay one member's."""
    try:
        with transaction.atomic():
            Member.objects.filter(pk=member.pk).update(removed_at=None)
    except IntegrityError:
        raise EmailTaken from None
    member.removed_at = None


@transaction.atomic
def link_account(*, member: Member, user: AbstractBaseUser) -> int:
    """The member's results (their invitation answers, and the answers made again from those)
    become the account's, one person from now on; returns how many results moved."""
    results = AssessmentResult.objects.filter(
        Q(invitation_response__invitation__member=member) | Q(person=member.person_key)
    )
    member.user = user
    member.save(update_fields=["user"])
    return results.update(user=user, person=member.person_key)


def free_username(*, email: str) -> str:
    """The email address as the username, numbered when an account already has it."""
    user_model = get_user_model()
    username = email[:USERNAME_LENGTH]
    number = 1
    while user_model.objects.filter(username__iexact=username).exists():
        number += 1
        suffix = f"-{number}"
        username = email[: USERNAME_LENGTH - len(suffix)] + suffix
    return username
