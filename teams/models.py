"""Who is asked and when: teams, their members, rounds of an assessment, personal invitations."""

import secrets
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessments.definition import validate_one_line_name
from assessments.models import Assessment
from assessments.versions import name_family_ids
from results.models import AssessmentResult, newest_first_order, person_key

# 32 random bytes: 256 bits, far past guessing, as secrets.token_urlsafe makes them (43 chars).
TOKEN_BYTES = 32
# A reminder goes to one person at most once in this many hours.
REMINDER_INTERVAL_HOURS = 24
ROUND_NAME_MAX_LENGTH = 200
ROUND_MESSAGE_MAX_LENGTH = 2000
# A removed member can be restored from the team page for this long.
RESTORE_HOURS = 24


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class Team(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=110, unique=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="managed_teams", verbose_name=_("managers")
    )
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("teams:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        name_on_one_line(self.name)


def name_on_one_line(name: str) -> None:
    """The admin's forms call a model's clean(); the site's own forms check the same rule."""
    try:
        validate_one_line_name(name)
    except ValidationError as error:
        raise ValidationError({"name": error.messages}) from None


class CurrentMembers(models.Manager):
    """Members who have not been removed: the ones a new round invites."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(removed_at__isnull=True)


class Member(models.Model):
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="members", verbose_name=_("team")
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"))
    # Set once the member creates an account from an invitation.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
        verbose_name=_("user"),
    )
    # A removed member is kept, so the rounds they were invited to and their results stay whole.
    removed_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("removed at")
    )
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    # The language the member last used on their personal link: their emails go out in it.
    # Blank until they open it (then the site's LANGUAGE_CODE is used).
    language = models.CharField(
        max_length=15, blank=True, editable=False, verbose_name=_("language")
    )

    objects = models.Manager()
    current = CurrentMembers()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["name", "pk"]
        constraints = [
            # Within a team, an email belongs to one current member, whatever its case.
            models.UniqueConstraint(
                "team",
                Lower("email"),
                condition=models.Q(removed_at__isnull=True),
                name="member_email_unique_in_team",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def clean(self) -> None:
        name_on_one_line(self.name)

    @property
    def person_key(self) -> str:
        """Who this member's results belong to (see README, "Identity"): their account once they
        have one, so their invitation results and the ones they save signed in are one person."""
        return person_key(user_id=self.user_id, member_id=self.pk)

    def remember_language(self, language: str) -> None:
        """Store the language the member is reading in (their emails use it), writing only when
        it changed."""
        if self.language != language:
            self.language = language
            Member.objects.filter(pk=self.pk).update(language=language)

    @property
    def email_language(self) -> str:
        """The language the member last used, else the site's default."""
        return self.language or settings.LANGUAGE_CODE


class Reviews(models.TextChoices):
    """Who gives an opinion beside each member's own in a round (the reviews app asks them)."""

    SELF = "self", _("Only the members themselves")
    MANAGER = "manager", _("The members and the team's managers")
    PEERS = "peers", _("The members, the team's managers and colleagues")


class RoundQuerySet(models.QuerySet):
    """Where "open", "closed" and "cancelled" are decided for queries; Round.is_open() decides
    the same for one round in hand, from the same three fields."""

    def not_cancelled(self) -> "RoundQuerySet":
        """The rounds people see: a cancelled round is gone from every page and chart."""
        return self.filter(cancelled_at__isnull=True)

    def open(self, *, now: datetime | None = None) -> "RoundQuerySet":
        return self.not_cancelled().filter(closed_at__isnull=True, closes_on__gte=today(now=now))

    def in_family_of(self, assessment: Assessment) -> "RoundQuerySet":
        """Rounds of any version in the assessment's name family."""
        return self.filter(assessment_id__in=name_family_ids(assessment_id=assessment.pk))


class Round(models.Model):
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("team")
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("assessment")
    )
    # Given when the round starts, else default_round_name(); rounds from before names existed
    # have none, and round_label() names them the same way.
    name = models.CharField(_("name"), max_length=ROUND_NAME_MAX_LENGTH, blank=True)
    # The manager's words to the members, carried by the invitation email (plain text).
    message = models.TextField(_("message"), blank=True, max_length=ROUND_MESSAGE_MAX_LENGTH)
    # Open through the end of this day in DJANGO_TIME_ZONE, unless closed early or cancelled.
    closes_on = models.DateField(_("closes on"))
    closed_at = models.DateTimeField(_("closed early at"), null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    # When the managers were told that every member has answered: they are told once.
    all_answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    reviews = models.CharField(
        max_length=10, choices=Reviews, default=Reviews.SELF, verbose_name=_("reviews")
    )

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.team} — {round_label(self)}"

    def get_absolute_url(self) -> str:
        return reverse("reports:round", kwargs={"pk": self.pk})

    def is_open(self, *, now: datetime | None = None) -> bool:
        """RoundQuerySet.open() for the round in hand, without a query."""
        return (
            self.cancelled_at is None
            and self.closed_at is None
            and today(now=now) <= self.closes_on
        )

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def asks_manager(self) -> bool:
        return self.reviews in (Reviews.MANAGER, Reviews.PEERS)

    @property
    def asks_peers(self) -> bool:
        return self.reviews == Reviews.PEERS


def default_round_name(*, assessment: Assessment, closes_on: date) -> str:
    """ "<assessment name> — <month and year it closes>", in the site's language (LANGUAGE_CODE),
    since the name is stored once for every reader."""
    with translation.override(settings.LANGUAGE_CODE):
        # Translators: a round's default name: its assessment's name, then the month and year
        # of its closing date.
        name = gettext("%(assessment)s — %(month)s") % {
            "assessment": assessment.name_in_language,
            "month": date_format(closes_on, "YEAR_MONTH_FORMAT"),
        }
    return name[:ROUND_NAME_MAX_LENGTH]


def round_label(team_round: Round) -> str:
    """How a round is named to people: every place that names one asks here."""
    return team_round.name or default_round_name(
        assessment=team_round.assessment, closes_on=team_round.closes_on
    )


def today(*, now: datetime | None = None) -> date:
    """The date in DJANGO_TIME_ZONE, which is what a closing date means."""
    return timezone.localdate(now or timezone.now())


class Delivery(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Not delivered")


class Invitation(models.Model):
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("round")
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("member")
    )
    token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False, verbose_name=_("token")
    )
    # When the last reminder went out; the invitation itself does not count as one.
    reminded_at = models.DateTimeField(null=True, blank=True, verbose_name=_("reminded at"))
    # The last email sent for this invitation (the invitation or a reminder).
    delivery = models.CharField(
        max_length=10, choices=Delivery, default=Delivery.QUEUED, verbose_name=_("delivery")
    )
    delivery_attempts = models.PositiveSmallIntegerField(
        default=0, verbose_name=_("delivery attempts")
    )
    delivery_error = models.CharField(max_length=200, blank=True, verbose_name=_("delivery error"))
    delivered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("delivered at"))

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["member__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="one_invitation_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.round}"

    def get_absolute_url(self) -> str:
        return reverse("teams:personal_link", kwargs={"token": self.token})


class Response(models.Model):
    """A result given through an invitation; results know nothing of teams, so the link is here."""

    # Protected: a round, member or team whose answers were linked here cannot be deleted, or
    # those answers would look like the public link's and be shown to every manager.
    invitation = models.ForeignKey(
        Invitation, on_delete=models.PROTECT, related_name="responses", verbose_name=_("invitation")
    )
    result = models.OneToOneField(
        AssessmentResult,
        on_delete=models.CASCADE,
        related_name="invitation_response",
        verbose_name=_("result"),
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = newest_first_order(through="result__")

    def __str__(self) -> str:
        return str(self.result)
