"""Forms for the manager pages."""

from collections.abc import Sequence

from django import forms
from django.utils.translation import ngettext

from charts.trend import MAX_LINES
from reports.matrix import DEFAULT_MIN_TOP
from reports.trends import CategoryColumn

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
