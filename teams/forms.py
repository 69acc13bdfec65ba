"""Forms of the team pages: a team, its members (one per line), co-managers, a round, a signup."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from assessments.definition import validate_one_line_name
from assessments.models import Assessment
from teams.access import may_co_manage
from teams.models import (
    ROUND_MESSAGE_MAX_LENGTH,
    ROUND_NAME_MAX_LENGTH,
    Member,
    Reviews,
    Round,
    Team,
    round_label,
    today,
)

MAX_MEMBERS_PER_FORM = 1000
NAME_MAX_LENGTH = Member._meta.get_field("name").max_length
EMAIL_MAX_LENGTH = Member._meta.get_field("email").max_length
# "Full Name <email>" or "Full Name, email" (the last comma splits, so a name may hold commas).
ANGLE_LINE = re.compile(r"^(?P<name>[^<>]*?)\s*<(?P<email>[^<>]*)>$")
COMMA_LINE = re.compile(r"^(?P<name>.*),(?P<email>[^,]*)$")


@dataclass(frozen=True)
class NewMember:
    name: str
    email: str


def parse_member_line(line: str, number: int) -> NewMember:
    match = ANGLE_LINE.match(line) or COMMA_LINE.match(line)
    if match is None:
        raise ValidationError(
            _("Line %(number)d: write “Full Name <email@example.com>” or “Full Name, email”."),
            params={"number": number},
        )
    name, email = match["name"].strip(), match["email"].strip()
    if not name:
        raise ValidationError(_("Line %(number)d: the name is missing."), params={"number": number})
    if not email:
        raise ValidationError(
            _("Line %(number)d: the email address is missing."), params={"number": number}
        )
    try:
        validate_one_line_name(name)
    except ValidationError:
        raise ValidationError(
            _("Line %(number)d: the name must not hold control characters such as tabs."),
            params={"number": number},
        ) from None
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            _("Line %(number)d: the name is longer than %(max)d characters."),
            params={"number": number, "max": NAME_MAX_LENGTH},
        )
    try:
        if len(email) > EMAIL_MAX_LENGTH:
            raise ValidationError("too long")
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            _("Line %(number)d: “%(email)s” is not an email address."),
            params={"number": number, "email": email},
        ) from None
    return NewMember(name=name, email=email)


def parse_members(text: str, *, existing_emails: frozenset[str] = frozenset()) -> list[NewMember]:
    """One member per non-blank line; every wrong line is named, and then nothing is kept.

    `existing_emails` (casefolded) are the team's current members, whom a line must not repeat.
    """
    members: list[NewMember] = []
    errors: list[ValidationError] = []
    first_line_of: dict[str, int] = {}
    lines = text.splitlines()
    if len(lines) > MAX_MEMBERS_PER_FORM:
        raise ValidationError(
            _("At most %(max)d lines at a time."), params={"max": MAX_MEMBERS_PER_FORM}
        )
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            member = parse_member_line(line.strip(), number)
        except ValidationError as error:
            errors.append(error)
            continue
        key = member.email.casefold()
        if key in existing_emails:
            errors.append(
                ValidationError(
                    _("Line %(number)d: %(email)s is already a member of this team."),
                    params={"number": number, "email": member.email},
                )
            )
        elif key in first_line_of:
            errors.append(
                ValidationError(
                    _("Line %(number)d: %(email)s is already on line %(first)d."),
                    params={"number": number, "email": member.email, "first": first_line_of[key]},
                )
            )
        else:
            first_line_of[key] = number
            members.append(member)
    if errors:
        raise ValidationError(errors)
    return members


MEMBERS_HELP = _("One person per line: “Full Name <email@example.com>” or “Full Name, email”.")


class MembersField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 6})

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("Members"))
        kwargs.setdefault("help_text", MEMBERS_HELP)
        super().__init__(strip=False, max_length=200_000, **kwargs)


class TeamForm(forms.Form):
    name = forms.CharField(
        label=_("Team name"),
        max_length=Team._meta.get_field("name").max_length,
        validators=[validate_one_line_name],
    )
    members = MembersField(required=False)

    def clean_members(self) -> list[NewMember]:
        return parse_members(self.cleaned_data["members"])


class AddMembersForm(forms.Form):
    members = MembersField()

    def __init__(self, *args, team: Team, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.team = team

    def clean_members(self) -> list[NewMember]:
        existing = frozenset(
            email.casefold()
            for email in Member.current.filter(team=self.team).values_list("email", flat=True)
        )
        members = parse_members(self.cleaned_data["members"], existing_emails=existing)
        if not members:
            raise ValidationError(_("Write at least one person, one per line."))
        return members


class CoManagerForm(forms.Form):
    """A co-manager by `username`, or an invitation by `email`: one of the two."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        required=False,
        help_text=_(
            "Only members of the Managers group can be co-managers. For anyone else the answer "
            "is the same as for a username nobody has."
        ),
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        required=False,
        help_text=_(
            "Someone without an account here gets one, and an email with a link to choose a "
            "password. An account outside the Managers group is not added. The answer is the "
            "same either way."
        ),
    )

    @property
    def offers_email(self) -> bool:
        """With OIDC_ONLY an account made here could never sign in: nobody is invited by email."""
        return not settings.OIDC_ONLY

    def clean_username(self) -> AbstractUser | None:
        username = self.cleaned_data["username"]
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        # Unknown, switched off or not a manager: one answer, so it tells nobody which.
        if user is None or not may_co_manage(user):
            raise ValidationError(
                _("There is no manager with the username “%(name)s”."), params={"name": username}
            )
        return user

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if email and not self.offers_email:
            raise ValidationError(
                _(
                    "This site signs in only through single sign-on, so it makes no accounts "
                    "by email: add a co-manager by username once they have signed in."
                )
            )
        return email

    def clean(self) -> dict:
        cleaned = super().clean()
        given = [name for name in ["username", "email"] if self.data.get(name, "").strip()]
        if not given:
            raise ValidationError(_("Give a username or an email address."))
        if len(given) > 1:
            raise ValidationError(_("Give a username or an email address, not both."))
        return cleaned


# A personal link opens its member's answers until its round closes, so a round may not be left
# open for ever.
MAX_DAYS_OPEN = 365


def two_weeks_from_today() -> date:
    return today() + timedelta(days=14)


def closing_date_within_reach(closes_on: date) -> None:
    """A round closes today or later, and at most MAX_DAYS_OPEN days from today."""
    if closes_on < today():
        raise ValidationError(_("The closing date must be today or later."))
    if closes_on > today() + timedelta(days=MAX_DAYS_OPEN):
        raise ValidationError(
            _("The closing date must be at most %(days)d days from today."),
            params={"days": MAX_DAYS_OPEN},
        )


def closing_date_field(**kwargs) -> forms.DateField:
    return forms.DateField(
        label=_("Closes on"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The round is open through the end of this day."),
        validators=[closing_date_within_reach],
        **kwargs,
    )


class RoundForm(forms.Form):
    # A slug picked from a list: a slug nobody has is named in the error, not "not a choice".
    assessment = forms.SlugField(label=_("Assessment"), widget=forms.Select)
    closes_on = closing_date_field(initial=two_weeks_from_today)
    name = forms.CharField(
        label=_("Name"),
        max_length=ROUND_NAME_MAX_LENGTH,
        required=False,
        validators=[validate_one_line_name],
        help_text=_("Optional. Without one, the round is named after its assessment and month."),
    )
    message = forms.CharField(
        label=_("Message to the members"),
        max_length=ROUND_MESSAGE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional, plain text. The invitation email carries it."),
    )
    reviews = forms.ChoiceField(
        label=_("Second opinions"), choices=Reviews, required=False, initial=Reviews.SELF
    )

    def __init__(self, *args, team: Team, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.team = team
        self.assessment_choices = list(
            Assessment.objects.published().only("name", "slug", "assessment")
        )
        self.fields["assessment"].widget.choices = [
            (assessment.slug, f"{assessment.name_in_language} ({assessment.slug})")
            for assessment in self.assessment_choices
        ]
        # Set when starting is refused because this round is open: the page links to closing it.
        self.open_round: Round | None = None

    def clean_assessment(self) -> Assessment:
        slug = self.cleaned_data["assessment"]
        for assessment in self.assessment_choices:
            if assessment.slug == slug:
                return assessment
        draft = Assessment.objects.filter(slug=slug, draft=True).only("name").first()
        if draft is not None:
            # Nobody has checked it yet: its link would answer the members 404.
            raise ValidationError(
                _("“%(name)s” is a draft: publish it before starting a round with it."),
                params={"name": draft.name},
            )
        raise ValidationError(_("There is no assessment “%(slug)s”."), params={"slug": slug})

    def clean_reviews(self) -> str:
        # Left out: today's behaviour, self-ratings only.
        return self.cleaned_data["reviews"] or Reviews.SELF

    def clean(self):
        if not Member.current.filter(team=self.team).exists():
            raise ValidationError(_("Add members to the team before starting a round."))
        return super().clean()

    def refuse_while_open(self, open_round: Round) -> None:
        """The team already has `open_round` of this family open: one at a time."""
        self.open_round = open_round
        self.add_error(
            None,
            ValidationError(
                _("“%(name)s” is still open for this team. Close it before starting another."),
                params={"name": round_label(open_round)},
            ),
        )


class ExtendRoundForm(forms.Form):
    closes_on = closing_date_field()
    notify = forms.BooleanField(
        label=_("Email the members who have not answered yet"), required=False
    )

    def __init__(self, *args, team_round: Round, **kwargs) -> None:
        kwargs.setdefault("initial", {"closes_on": team_round.closes_on + timedelta(days=7)})
        super().__init__(*args, **kwargs)
        self.team_round = team_round

    def clean_closes_on(self) -> date:
        closes_on = self.cleaned_data["closes_on"]
        if closes_on <= self.team_round.closes_on:
            raise ValidationError(
                _("The new closing date must be later than the current one, %(date)s."),
                params={"date": date_format(self.team_round.closes_on, "DATE_FORMAT")},
            )
        return closes_on


class SignupFromForm(forms.Form):
    """Who a sign-up is for, from its query: the invitation's token, the personal link's. Not a
    result's address: that opens the result and its chain, never the member's later results,
    which the account would own."""

    invitation = forms.CharField(max_length=100)


class SignupForm(UserCreationForm):
    """A username and a password twice; the email comes from the member who was invited."""

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["username"]

    def __init__(self, *args, member: Member, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.member = member
        # Django's similarity check compares the password with these too.
        self.instance.email = member.email
        self.instance.first_name = member.name[:150]
