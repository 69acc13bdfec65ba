"""The review form: the answer form's ratings (no level-up boxes) and optional comments."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from assessments.definition import NOT_APPLICABLE
from assessments.models import Assessment
from results.forms import Choice, rating_field
from results.scoring import clamp_rating
from teams.models import Member

COMMENT_MAX_LENGTH = 1000
COMMENT_SUFFIX = "-comment"


def comment_field() -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": COMMENT_MAX_LENGTH}),
        error_messages={
            "max_length": _("A comment can be at most %(limit_value)d characters long.")
        },
    )


@dataclass(frozen=True)
class ReviewRow:
    """One category of the review form: its radio group, comment box, and beside it the
    member's own rating (their label for it, or None when they have not answered)."""

    name: str
    slug: str
    comment_name: str
    selected: str
    comment: str
    errors: list[str]
    comment_errors: list[str]
    choices: list[Choice]
    own_rating: str | None
    description: str = ""


class ReviewForm(forms.Form):
    """One rating per category slug, with the answer form's names, values and refusals; a
    comment per category (`<slug>-comment`) and an overall `comment`, both optional."""

    comment = comment_field()

    def __init__(self, *args, assessment: Assessment, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.assessment = assessment
        not_applicable = assessment.offers_not_applicable
        for category_name, slug in assessment.categories:
            self.fields[slug] = rating_field(category_name, not_applicable=not_applicable)
            self.fields[slug + COMMENT_SUFFIX] = comment_field()
        self.fields["comment"].label = _("Overall comment")

    def ratings(self) -> dict[str, int | None]:
        """Each rating clamped into the scale, as the answer form stores them; None is n/a."""
        top = self.assessment.top_rating
        ratings = {}
        for slug in self.assessment.category_slugs:
            value = self.cleaned_data[slug]
            ratings[slug] = None if value is None else clamp_rating(value, top)
        return ratings

    def comments(self) -> dict[str, str]:
        """The categories' comments that are not blank."""
        comments = {}
        for slug in self.assessment.category_slugs:
            text = self.cleaned_data[slug + COMMENT_SUFFIX].strip()
            if text:
                comments[slug] = text
        return comments

    def overall_comment(self) -> str:
        return self.cleaned_data["comment"].strip()

    def value(self, name: str) -> str:
        return str(self[name].value() or "")

    def rows(self, *, own_ratings: dict[str, str] | None = None) -> list[ReviewRow]:
        """One row per category, keeping what was typed when the form comes back with errors;
        `own_ratings` holds the member's own rating label by slug, if they answered."""
        assessment = self.assessment
        choices = [Choice(str(step), label) for step, label in enumerate(assessment.ratings, 1)]
        if assessment.offers_not_applicable:
            choices.append(Choice(NOT_APPLICABLE, _("Not applicable")))
        rows = []
        for group in assessment.groups:
            for category in group.categories:
                slug = category.slug
                comment_name = slug + COMMENT_SUFFIX
                rows.append(
                    ReviewRow(
                        name=category.name,
                        slug=slug,
                        comment_name=comment_name,
                        selected=self.value(slug),
                        comment=self.value(comment_name),
                        errors=list(self.errors.get(slug, [])) if self.is_bound else [],
                        comment_errors=(
                            list(self.errors.get(comment_name, [])) if self.is_bound else []
                        ),
                        choices=choices,
                        own_rating=None if own_ratings is None else own_ratings.get(slug, ""),
                        description=category.description,
                    )
                )
        return rows


def review_initial(review) -> dict[str, object]:
    """A stored review as the form's starting values."""
    if review is None:
        return {}
    initial: dict[str, object] = {"comment": review.comment}
    for slug, step in review.ratings.items():
        initial[slug] = NOT_APPLICABLE if step is None else step
    for slug, text in review.comments.items():
        initial[slug + COMMENT_SUFFIX] = text
    return initial


class AskPeersForm(forms.Form):
    """`peers`: the ids of the colleagues a member asks (repeatable): current members of the
    team other than the member, at most ASSESSOR_MAX_PEER_REVIEWS in all with those asked
    before (asking one of those again asks nobody new)."""

    peers = forms.TypedMultipleChoiceField(
        coerce=int,
        label=_("Colleagues to ask"),
        error_messages={
            "required": _("Choose at least one colleague."),
            "invalid_choice": _("You can ask only your current colleagues in this team."),
        },
    )

    def __init__(self, *args, colleagues: list[Member], asked: set[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.colleagues = colleagues
        self.asked = asked
        self.fields["peers"].choices = [(member.pk, member.name) for member in colleagues]

    def clean_peers(self) -> list[int]:
        new = sorted(set(self.cleaned_data["peers"]) - self.asked)
        most = settings.ASSESSOR_MAX_PEER_REVIEWS
        if len(self.asked) + len(new) > most:
            raise ValidationError(
                _("You can ask at most %(max)d colleagues in this round."), params={"max": most}
            )
        return new
