"""The answer form's markup, rendered once per assessment and reused with each visitor's token.

An unbound form's markup depends only on the assessment, and rendering ~60 radio buttons is
most of the form page's cost, so it is cached under a key derived from everything it shows:
when the assessment changes, the key changes, and the old entry is never read again.
"""

import hashlib
import json

from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from assessments.forms import AssessmentForm
from assessments.models import Assessment

TEMPLATE = "assessments/answer_form.html"
# Stands in for the CSRF token in the cached markup; tokens are alphanumeric, so it cannot clash.
CSRF_PLACEHOLDER = "__csrf-token-placeholder__"
# Bump when the template changes, so a shared cache never serves markup from an older release.
MARKUP_VERSION = 1
CACHE_SECONDS = 24 * 60 * 60


def blank_form_markup(request: HttpRequest, assessment: Assessment) -> SafeString:
    """The empty form; built only when the cache does not have it yet."""
    key = blank_form_cache_key(assessment)
    markup = cache.get(key)
    if markup is None:
        form = AssessmentForm(assessment=assessment)
        markup = render_to_string(TEMPLATE, {**form_context(form), "csrf_token": CSRF_PLACEHOLDER})
        cache.set(key, markup, CACHE_SECONDS)
    return mark_safe(markup.replace(CSRF_PLACEHOLDER, get_token(request)))


def bound_form_markup(request: HttpRequest, form: AssessmentForm) -> SafeString:
    """A refused answer, shown again with its errors and what was typed: never cached."""
    return render_to_string(TEMPLATE, form_context(form), request=request)


def blank_form_cache_key(assessment: Assessment) -> str:
    shown = json.dumps([assessment.slug, assessment.assessment], sort_keys=True, default=list)
    digest = hashlib.sha256(shown.encode()).hexdigest()[:32]
    return f"answer-form:{MARKUP_VERSION}:{assessment.pk}:{digest}"


def form_context(form: AssessmentForm) -> dict:
    return {
        "form": form,
        "rows": form.category_rows(),
        "ratings": form.assessment.ratings,
        "assessment_version": form.assessment.slug,
        "wide_category": form.assessment.wide_category,
    }
