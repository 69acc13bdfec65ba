"""Forms for the manager pages."""

from collections.abc import Sequence

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from assessments.models import Assessment
from charts.trend import MAX_LINES
from reports.matrix import DEFAULT_MIN_TOP
from reports.selection import MatrixFilters
from reports.trends import CategoryColumn
from results.visibility import Viewer
from reviews.manager_view import latest_reviewed_round
from teams.access import teams_managed_by
from teams.models import Round, Team

MAX_MIN_TOP = 1000


class CoverageForm(forms.Form):
    """`?min=K`: a category is a coverage gap when fewer than K people hold a top rating."""

    min = forms.IntegerField(required=False, min_value=0, max_value=MAX_MIN_TOP)

    def min_top(self) -> int:
        """K, or the default when it is missing or bad: a link with a bad K still shows a page."""
        if self.is_valid() and self.cleaned_data["min"] is not None:
            return self.cleaned_data["min"]
        return DEFAULT_MIN_TOP


class ChartCategoriesForm(forms.Form):
    """`?category=<slug>`, repeated: the categories the trend chart shows, at most MAX_LINES;
    none chosen means the chart's default."""

    max_lines = MAX_LINES
    # The page draws the checkboxes itself, ticking the charted ones when nothing was chosen.
    category = forms.MultipleChoiceField(required=False)

    def __init__(self, *args, categories: Sequence[CategoryColumn], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(column.slug, column.name) for column in categories]

    def clean_category(self) -> list[str]:
        chosen = self.cleaned_data["category"]
        if len(chosen) > MAX_LINES:
            raise forms.ValidationError(
                ngettext(
                    "Choose at most %(count)d category.",
                    "Choose at most %(count)d categories.",
                    MAX_LINES,
                ),
                params={"count": MAX_LINES},
            )
        return chosen

    @property
    def sent(self) -> list[str]:
        """The slugs as sent, right or wrong, so a refused choice can be corrected."""
        return self.data.getlist("category")

    def chosen(self) -> list[str]:
        """The chosen slugs; none when nothing or something wrong was asked for."""
        return self.cleaned_data["category"] if self.is_valid() else []


SELF_VIEW, MANAGER_VIEW = "self", "manager"


class RatingsViewForm(forms.Form):
    """`?view=self` (the default, as the page always was) or `?view=manager`: a team's report
    shows the members' own ratings, or the managers' view beside them."""

    view = forms.ChoiceField(
        required=False,
        choices=[(SELF_VIEW, _("Self-ratings")), (MANAGER_VIEW, _("The managers' view"))],
        label=_("Ratings"),
    )

    def manager(self) -> bool:
        return self.is_valid() and self.cleaned_data["view"] == MANAGER_VIEW


class MatrixViewForm(RatingsViewForm):
    """The matrix's `view`: the managers' view is of one team's round, the team's latest round
    of this assessment version that asked for their review, so it needs `?team=` and such a
    round."""

    def __init__(self, *args, team: Team | None, assessment: Assessment, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.team, self.assessment = team, assessment
        self.review_round: Round | None = None

    def clean_view(self) -> str:
        view = self.cleaned_data["view"]
        if view != MANAGER_VIEW:
            return view
        if self.team is None:
            raise forms.ValidationError(
                _("Choose a team: the managers' view is the view of a team's round."),
                code="team",
            )
        self.review_round = latest_reviewed_round(team=self.team, assessment=self.assessment)
        if self.review_round is None:
            raise forms.ValidationError(
                _(
                    "No round of %(team)s on version %(version)s asked for the managers' "
                    "review, so there is no managers' view to show."
                ),
                code="no_round",
                params={"team": self.team.name, "version": self.assessment.slug},
            )
        return view


# A name typed into the search box, at most as long as a stored name.
MAX_QUERY_LENGTH = 100


class MatrixFilterForm(forms.Form):
    """The filters of a matrix page, which combine: `team` (a team in the viewer's scope),
    `role`, `q` (name contains) and `category` with `at_least` (a step of the scale); and `page`.
    Anything unknown, outside the viewer's scope or malformed is an error (the page answers 400).
    """

    team = forms.ModelChoiceField(
        queryset=None, to_field_name="slug", required=False, label=_("Team"), empty_label=_("All")
    )
    role = forms.ChoiceField(required=False, label=_("Role"))
    q = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH, label=_("Name contains"))
    category = forms.ChoiceField(required=False, label=_("Category"))
    at_least = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label=_("Rated at least")
    )
    page = forms.IntegerField(required=False, min_value=1, label=_("Page"))

    error_messages = {"pair": _("Choose a category and the rating it is held at, or neither.")}

    def __init__(self, *args, viewer: Viewer, assessment: Assessment, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A team outside the viewer's scope reads as an unknown one: its name is never told.
        self.fields["team"].queryset = teams_managed_by(viewer).only("name", "slug")
        self.fields["role"].choices = [("", _("All"))] + [
            (role.slug, role.name) for role in assessment.roles
        ]
        self.fields["category"].choices = [("", _("All"))] + [
            (slug, name) for name, slug in assessment.categories
        ]
        self.fields["at_least"].choices = [("", _("Any"))] + [
            (value, f"{value} · {label}") for value, label in enumerate(assessment.ratings, 1)
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        if bool(cleaned.get("category")) != (cleaned.get("at_least") is not None) and not (
            {"category", "at_least"} & set(self.errors)
        ):
            raise forms.ValidationError(self.error_messages["pair"], code="pair")
        return cleaned

    def filters(self) -> MatrixFilters:
        """The valid filters; everyone when the form is not valid."""
        if not self.is_valid():
            return MatrixFilters()
        data = self.cleaned_data
        return MatrixFilters(
            team=data["team"],
            role=data["role"],
            q=data["q"].strip(),
            category=data["category"],
            at_least=data["at_least"],
        )

    def page_number(self) -> int:
        return (self.is_valid() and self.cleaned_data["page"]) or 1

    def query(self) -> QueryDict:
        """The valid filters as a query string's values, without the page: what every link of
        the page keeps."""
        query = QueryDict(mutable=True)
        filters = self.filters()
        pairs = [
            ("team", filters.team.slug if filters.team else ""),
            ("role", filters.role),
            ("q", filters.q),
            ("category", filters.category),
            ("at_least", "" if filters.at_least is None else str(filters.at_least)),
        ]
        for name, value in pairs:
            if value:
                query[name] = value
        return query


class ExpertsForm(forms.Form):
    """`?assessment=<slug>&category=<slug>&at_least=<step>`, and `format=csv` for the download:
    who knows X. The category and step are checked against the chosen assessment."""

    assessment = forms.ModelChoiceField(
        queryset=Assessment.objects.only("name", "slug", "assessment").order_by("name", "pk"),
        to_field_name="slug",
        label=_("Assessment"),
    )
    category = forms.SlugField(label=_("Category"), max_length=100)
    at_least = forms.IntegerField(label=_("Rated at least"), min_value=1)
    format = forms.ChoiceField(
        required=False, choices=[("", "HTML"), ("csv", "CSV")], widget=forms.HiddenInput
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Once an assessment is named, its categories and scale are offered to pick from.
        slug = self.data.get("assessment") or ""
        chosen = self.fields["assessment"].queryset.filter(slug=slug).first() if slug else None
        if chosen is not None:
            self.fields["category"].widget = forms.Select(
                choices=[(category, name) for name, category in chosen.categories]
            )
            self.fields["at_least"].widget = forms.Select(
                choices=[
                    (value, f"{value} · {label}") for value, label in enumerate(chosen.ratings, 1)
                ]
            )

    def clean(self) -> dict:
        cleaned = super().clean()
        assessment = cleaned.get("assessment")
        if assessment is None:
            return cleaned
        if "category" in cleaned and cleaned["category"] not in assessment.category_slugs:
            self.add_error("category", _("This assessment has no such category."))
        if "at_least" in cleaned and cleaned["at_least"] > assessment.top_rating:
            self.add_error(
                "at_least",
                _("The scale goes up to %(top)d.") % {"top": assessment.top_rating},
            )
        return cleaned

    def page_number(self) -> int:
        return self.cleaned_data.get("page") or 1

    def category_name(self) -> str:
        assessment, slug = self.cleaned_data["assessment"], self.cleaned_data["category"]
        return next(name for name, category in assessment.categories if category == slug)
