"""The plan form: up to three goals (a Django formset) and whether the notes are shared."""

from datetime import date, timedelta
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from plans.models import MAX_DAYS_AHEAD, MAX_GOALS, MAX_NOTE_LENGTH
from results.models import AssessmentResult


def latest_due_date(today: date) -> date:
    return today + timedelta(days=MAX_DAYS_AHEAD)


class GoalForm(forms.Form):
    """One goal: a category, a target above the result's current rating there, a due date from
    today through a year ahead (in the site's time zone), and a note."""

    category = forms.ChoiceField(label=_("Category"))
    target = forms.TypedChoiceField(label=_("Target"), coerce=int)
    due = forms.DateField(
        label=_("Due"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=MAX_NOTE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, result: AssessmentResult, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.result = result
        self.today = timezone.localdate()
        assessment = result.assessment
        blank = [("", _("Choose…"))]
        self.fields["category"].choices = blank + [
            (slug, name) for name, slug in assessment.categories
        ]
        self.fields["target"].choices = blank + [
            (step, label) for step, label in enumerate(assessment.ratings, start=1)
        ]
        self.fields["due"].widget.attrs.update(
            min=self.today.isoformat(), max=latest_due_date(self.today).isoformat()
        )

    def clean_due(self) -> date:
        due = self.cleaned_data["due"]
        latest = latest_due_date(self.today)
        if due < self.today:
            raise forms.ValidationError(_("The due date cannot be before today."))
        if due > latest:
            raise forms.ValidationError(
                _("The due date can be at most a year ahead: %(date)s at the latest.")
                % {"date": date_format(latest, "DATE_FORMAT")}
            )
        return due

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        category, target = cleaned.get("category"), cleaned.get("target")
        if category and target:
            # Not applicable, or no rating at all, is below the scale: any step is above it.
            current = self.result.assessment.rating(self.result.current.get(category)) or 0
            if target <= current:
                self.add_error(
                    "target",
                    _("Choose a target above your current rating (%(label)s).")
                    % {"label": self.result.assessment.rating_label(current)},
                )
        return cleaned


class GoalRows(forms.BaseFormSet):
    """Goals of a plan: rows left blank are no goal; no category twice."""

    def clean(self) -> None:
        if any(self.errors):
            return
        categories = [goal["category"] for goal in self.goals()]
        if len(set(categories)) != len(categories):
            raise forms.ValidationError(_("Set at most one goal per category."))

    def goals(self) -> list[dict[str, Any]]:
        """The cleaned goals, in the form's order, blank rows left out."""
        return [form.cleaned_data for form in self.forms if form.has_changed()]


# More than MAX_GOALS rows is refused (Django's "Please submit at most 3 forms."), never cut.
GoalFormSet = formset_factory(
    GoalForm,
    formset=GoalRows,
    extra=MAX_GOALS,
    max_num=MAX_GOALS,
    absolute_max=MAX_GOALS,
    validate_max=True,
)


class ShareNotesForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    share_notes = forms.BooleanField(
        label=_("Share my notes with my manager"),
        required=False,
        help_text=_(
            "Your team's managers see your goals and their progress; the notes only if ticked."
        ),
    )


def goal_formset(*, result: AssessmentResult, data: Any = None, initial: list | None = None) -> Any:
    # Every row may be left blank, the ones shown filled from the plan too: a row emptied
    # removes that goal.
    return GoalFormSet(
        data,
        initial=initial,
        form_kwargs={"result": result, "empty_permitted": True, "use_required_attribute": False},
    )
