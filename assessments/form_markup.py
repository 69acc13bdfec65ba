"""The answer form's markup, rendered once per assessment and reused with each visitor's token.

An unbound form's markup depends only on the assessment, and rendering ~60 radio buttons is
most of the form page's cost, so it is cached under a key derived from everything it shows:
when the assessment changes, the key changes, and the old entry is never read again.
"""

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from assessments.forms import AssessmentForm
from assessments.models import Assessment
from assessor.fragments import cached_fragment

TEMPLATE = "assessments/answer_form.html"
# Stands in for the CSRF token in the cached markup; tokens are alphanumeric, so it cannot clash.
CSRF_PLACEHOLDER = "__csrf-token-placeholder__"


def blank_form_markup(request: HttpRequest, assessment: Assessment) -> SafeString:
    """The empty form; built only when the cache does not have it yet."""
    markup = cached_fragment(
        key=f"answer-form:{assessment.pk}:{assessment.fingerprint}",
        template=TEMPLATE,
        context=lambda: {
            **form_context(AssessmentForm(assessment=assessment)),
            "csrf_token": CSRF_PLACEHOLDER,
        },
    )
    return mark_safe(markup.replace(CSRF_PLACEHOLDER, get_token(request)))


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
