"""Forms for the manager pages."""

from django import forms

from reports.matrix import DEFAULT_MIN_TOP

MAX_MIN_TOP = 1000


class CoverageForm(forms.Form):
    """`?min=K`: a category is a coverage gap when fewer than K people hold a top rating."""

    min = forms.IntegerField(required=False, min_value=0, max_value=MAX_MIN_TOP)

    def min_top(self) -> int:
        """K, or the default when it is missing or bad: a link with a bad K still shows a page."""
        if self.is_valid() and self.cleaned_data["min"] is not None:
            return self.cleaned_data["min"]
        return DEFAULT_MIN_TOP
