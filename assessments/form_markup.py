"""The answer form's markup, rendered once per assessment and reused with each visitor's token.

An unbound form's markup depends only on the assessment, and rendering ~60 radio buttons is
most of the form page's cost, so it is cached under a key derived from everything it shows:
when the assessment changes, the key changes, and the old entry is never read again.
"""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from assessments.forms import AssessmentForm
from assessments.models import Assessment
from assessor.fragments import cached_fragment

TEMPLATE = "assessments/answer_form.html"


def blank_form_markup(assessment: Assessment) -> SafeString:
    """The empty form, with a placeholder for the CSRF token; built only when not cached yet."""
    return cached_fragment(
        key=f"answer-form:{assessment.pk}:{assessment.fingerprint}",
        template=TEMPLATE,
        context=lambda: form_context(AssessmentForm(assessment=assessment)),
    )


def bound_form_markup(request: HttpRequest, form: AssessmentForm) -> SafeString:
    """A refused answer, shown again with its errors and what was typed: never cached."""
    return render_to_string(TEMPLATE, form_context(form), request=request)


def form_context(form: AssessmentForm) -> dict:
    return {
        "form": form,
        "rows": form.category_rows(),
        "ratings": form.assessment.ratings,
        "assessment_version": form.assessment.slug,
        "wide_category": form.assessment.wide_category,
    }
