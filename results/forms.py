"""Forms that choose an assessment and validate an answer to it, and the profile's name form."""

from dataclasses import dataclass

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from assessments.definition import LEVELUP_SUFFIX, MAX_SLUG_LENGTH, NOT_APPLICABLE, ROLE_FIELD
from assessments.models import Assessment
from results.models import AssessmentResult
from results.scoring import current_and_desired, is_not_applicable

# The form and the stored result agree on how long a name may be.
NAME_MAX_LENGTH = AssessmentResult._meta.get_field("name").max_length


def named_answer(data: QueryDict, *, name: str) -> QueryDict:
    """Posted answers under a name that is not the poster's to choose (a personal link's member,
    the result answered again): a posted name is ignored."""
    named = data.copy()
    named["name"] = name
    return named


class VersionForm(forms.Form):
    """Which assessment a request is about: the `v` parameter."""

    v = forms.SlugField(max_length=MAX_SLUG_LENGTH)


@dataclass(frozen=True)
class Choice:
    """One radio button of a category: its value, the scale's label and what it means here."""

    value: str
    label: str
    level: str = ""


@dataclass(frozen=True)
class CategoryRow:
    """What the template needs to draw one category's radio group."""

    name: str
    slug: str
    levelup_name: str
    selected: str
    levelup: bool
    errors: list[str]
    choices: list[Choice]
    description: str = ""
    # The group's heading and anchor, on the first row of each named group only.
    group_heading: str = ""
    group_anchor: str = ""
    # Whether the choices carry level texts, which the page lays out one per line.
    described: bool = False


class RatingField(forms.IntegerField):
    """A whole-number rating; where the assessment offers it, "na" (kept as None) as well. Its
    errors name the category (its label), worded when shown, in the reader's language."""

    default_error_messages = {
        "required": _("Please choose a rating for %(name)s."),
        "invalid": _("The rating for %(name)s must be a whole number."),
    }

    def __init__(self, *, not_applicable: bool = False, **kwargs) -> None:
        self.not_applicable = not_applicable
        super().__init__(**kwargs)

    def clean(self, value):
        if self.not_applicable and value == NOT_APPLICABLE:
            return None
        try:
            return super().clean(value)
        except ValidationError as error:
            if error.code not in self.default_error_messages:
                raise
            # Django raises these without the category's name, which the message needs.
            raise ValidationError(
                self.error_messages[error.code], code=error.code, params={"name": self.label}
            ) from None


def rating_field(category_name: str, *, not_applicable: bool = False) -> forms.IntegerField:
    return RatingField(label=category_name, not_applicable=not_applicable)


def role_field(assessment: Assessment) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Compare me with a role"),
        required=False,
        choices=[("", _("No role")), *((role.slug, role.name) for role in assessment.roles)],
        error_messages={"invalid_choice": _("There is no such role to compare with.")},
    )


# A level-up box cannot be wrong, only ticked or not, so it is read as a BooleanField reads it,
# through its widget, rather than cleaned as one more field per category.
LEVELUP_BOX = forms.CheckboxInput()


class AnswerForm(forms.Form):
    """An answer: a name, one whole-number rating per category and optional level-up wishes."""

    v = forms.SlugField(max_length=MAX_SLUG_LENGTH, widget=forms.HiddenInput)
    name = forms.CharField(
        label=_("Your name"),
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": _("Please type your name."),
            # Django fills in `limit_value` when the validator fails.
            "max_length": _("Your name can be at most %(limit_value)d characters long."),
        },
    )

    def __init__(self, *args, assessment: Assessment, **kwargs) -> None:
        kwargs.setdefault("initial", {"v": assessment.slug})
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.assessment = assessment
        not_applicable = assessment.offers_not_applicable
        for category_name, slug in assessment.categories:
            self.fields[slug] = rating_field(category_name, not_applicable=not_applicable)
        # Without roles a posted `role` is ignored like any other unknown field.
        if assessment.roles:
            self.fields[ROLE_FIELD] = role_field(assessment)

    def current_and_desired(self) -> tuple[dict[str, int | None], dict[str, int | None]]:
        slugs = self.assessment.category_slugs
        return current_and_desired(
            submitted={slug: self.cleaned_data[slug] for slug in slugs},
            levelups=[slug for slug in slugs if self.wants_levelup(slug)],
            top=self.assessment.top_rating,
        )

    def wants_levelup(self, slug: str) -> bool:
        name = slug + LEVELUP_SUFFIX
        if not self.is_bound:
            return bool(self.initial.get(name))
        return LEVELUP_BOX.value_from_datadict(self.data, self.files, name)

    @property
    def is_prefilled(self) -> bool:
        """A blank form that starts from an earlier answer (initial beyond the version)."""
        return not self.is_bound and bool(set(self.initial) - {"v"})

    def chosen(self, name: str) -> str:
        """What the form shows as chosen for a field: the posted value, else the earlier answer."""
        source = self.data if self.is_bound else self.initial
        return str(source.get(name, ""))

    @property
    def role(self) -> str:
        """The chosen role's slug, empty for none (and for assessments without roles)."""
        return self.cleaned_data.get(ROLE_FIELD, "")

    def category_rows(self) -> list[CategoryRow]:
        """One row per category, under its group's heading, keeping what was typed when the form
        comes back with errors."""
        assessment = self.assessment
        ratings = assessment.ratings
        plain_choices = [Choice(str(step), label) for step, label in enumerate(ratings, start=1)]
        extra = (
            [Choice(NOT_APPLICABLE, _("Not applicable"))]
            if assessment.offers_not_applicable
            else []
        )
        rows = []
        for number, group in enumerate(assessment.groups, start=1):
            for position, category in enumerate(group.categories):
                slug = category.slug
                choices = plain_choices
                if category.levels:
                    choices = [
                        Choice(choice.value, choice.label, level)
                        for choice, level in zip(plain_choices, category.levels, strict=True)
                    ]
                heading = group.name if position == 0 else ""
                rows.append(
                    CategoryRow(
                        name=category.name,
                        slug=slug,
                        levelup_name=slug + LEVELUP_SUFFIX,
                        selected=self.chosen(slug),
                        levelup=self.wants_levelup(slug),
                        errors=list(self.errors.get(slug, [])) if self.is_bound else [],
                        choices=choices + extra,
                        description=category.description,
                        group_heading=heading,
                        group_anchor=f"group-{number}" if heading else "",
                        described=bool(category.levels),
                    )
                )
        return rows

    def group_contents(self) -> list[tuple[str, str]]:
        """(heading, anchor) of each named group, for the form's table of contents."""
        return [
            (group.name, f"group-{number}")
            for number, group in enumerate(self.assessment.groups, start=1)
            if group.name
        ]


def validate_one_line(value: str) -> None:
    # The name goes into email subjects and headers, which hold one line of printable text.
    if not value.isprintable():
        raise ValidationError(_("Write the name on one line, without control characters."))


class DisplayNameForm(forms.ModelForm):
    """The name others see for the account (“Alice Smith asks you…”); blank: the username."""

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.validators.append(validate_one_line)


def earlier_answers(result: AssessmentResult, *, assessment: Assessment) -> dict[str, object]:
    """A stored result as the initial data of a form for `assessment` (its own definition or a
    later version's): each rating still on the scale, n/a, level-up wishes and the role, for
    the categories and role the assessment still has."""
    initial: dict[str, object] = {"v": assessment.slug}
    for slug in assessment.category_slugs:
        if slug not in result.current:
            continue
        current = assessment.rating(result.current.get(slug))
        if current is not None:
            initial[slug] = current
        elif is_not_applicable(result.current, slug) and assessment.offers_not_applicable:
            initial[slug] = NOT_APPLICABLE
        initial[slug + LEVELUP_SUFFIX] = result.wants_levelup(slug)
    if result.role and assessment.role(result.role) is not None:
        initial[ROLE_FIELD] = result.role
    return initial
