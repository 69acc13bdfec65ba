"""Forms that choose an assessment and validate an answer to it."""

from dataclasses import dataclass

from django import forms

from assessments.definition import LEVELUP_SUFFIX, MAX_SLUG_LENGTH
from assessments.models import Assessment
from results.models import AssessmentResult
from results.scoring import current_and_desired

# The form and the stored result agree on how long a name may be.
NAME_MAX_LENGTH = AssessmentResult._meta.get_field("name").max_length


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


def rating_field(category_name: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=category_name,
        error_messages={
            "required": f"Please choose a rating for {category_name}.",
            "invalid": f"The rating for {category_name} must be a whole number.",
        },
    )


# A level-up box cannot be wrong, only ticked or not, so it is read as a BooleanField reads it,
# through its widget, rather than cleaned as one more field per category.
LEVELUP_BOX = forms.CheckboxInput()


class AnswerForm(forms.Form):
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
        for category_name, slug in assessment.categories:
            self.fields[slug] = rating_field(category_name)

    def current_and_desired(self) -> tuple[dict[str, int], dict[str, int]]:
        slugs = self.assessment.category_slugs
        return current_and_desired(
            submitted={slug: self.cleaned_data[slug] for slug in slugs},
            levelups=[slug for slug in slugs if self.wants_levelup(slug)],
            top=self.assessment.top_rating,
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
