"""Forms that choose an assessment and validate an answer to it."""

import functools
from dataclasses import dataclass

from django import forms

from assessments.definition import LEVELUP_SUFFIX, MAX_SLUG_LENGTH
from assessments.models import Assessment
from assessments.scoring import current_and_desired

NAME_MAX_LENGTH = 100


class VersionForm(forms.Form):
    """Which assessment a request is about: the `v` parameter."""

    v = forms.SlugField(max_length=MAX_SLUG_LENGTH)


@dataclass(frozen=True)
class CategoryRow:
    """What the template needs to draw one category's radio group."""

    name: str
    slug: str
    levelup_name: str
    selected: str
    levelup: bool
    errors: list[str]


@functools.lru_cache(maxsize=256)
def category_fields(categories: tuple[tuple[str, str], ...]) -> dict[str, forms.Field]:
    """A rating field per category, built once per list of categories and shared by every form
    answering it. Django copies a form's fields for each form in case one changes them; nothing
    here does (the answer template draws its own inputs), and building the fields for each
    submission cost ~0.18 ms, a sixth of it."""
    fields: dict[str, forms.Field] = {}
    for category_name, slug in categories:
        fields[slug] = forms.IntegerField(
            label=category_name,
            error_messages={
                "required": f"Please choose a rating for {category_name}.",
                "invalid": f"The rating for {category_name} must be a whole number.",
            },
        )
    return fields


# A level-up box cannot be wrong, only ticked or not, so it is read as a form's BooleanField
# reads it, through its widget, without a field to clean per category (~0.05 ms a submission).
LEVELUP_BOX = forms.CheckboxInput()


class AssessmentForm(forms.Form):
    """An answer: a name, one whole-number rating per category and optional level-up wishes."""

    v = forms.SlugField(max_length=MAX_SLUG_LENGTH, widget=forms.HiddenInput)
    name = forms.CharField(
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": "Please type your name.",
            "max_length": f"Your name can be at most {NAME_MAX_LENGTH} characters long.",
        },
    )

    def __init__(self, *args, assessment: Assessment, **kwargs) -> None:
        kwargs.setdefault("initial", {"v": assessment.slug})
        super().__init__(*args, **kwargs)
        self.assessment = assessment
        self.fields.update(category_fields(tuple(map(tuple, assessment.categories))))

    def current_and_desired(self) -> tuple[dict[str, int], dict[str, int]]:
        slugs = [slug for _, slug in self.assessment.categories]
        return current_and_desired(
            submitted={slug: self.cleaned_data[slug] for slug in slugs},
            levelups=[slug for slug in slugs if self.wants_levelup(slug)],
            top=len(self.assessment.ratings),
        )

    def wants_levelup(self, slug: str) -> bool:
        name = slug + LEVELUP_SUFFIX
        return self.is_bound and LEVELUP_BOX.value_from_datadict(self.data, self.files, name)

    def category_rows(self) -> list[CategoryRow]:
        """One row per category, keeping what was typed when the form comes back with errors."""
        return [
            CategoryRow(
                name=category_name,
                slug=slug,
                levelup_name=slug + LEVELUP_SUFFIX,
                selected=self.data.get(slug, "") if self.is_bound else "",
                levelup=self.wants_levelup(slug),
                errors=list(self.errors.get(slug, [])) if self.is_bound else [],
            )
            for category_name, slug in self.assessment.categories
        ]
