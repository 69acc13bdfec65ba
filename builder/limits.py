"""The builder's own request limits: its form posts every field of up to 100 categories, more
than the site lets any other page post, so its views read their posts themselves."""

from collections.abc import Callable
from functools import wraps
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    RequestDataTooBig,
    TooManyFieldsSent,
    ValidationError,
)
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.defaultfilters import filesizeformat
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from assessments.definition import MAX_CATEGORIES
from builder.forms import (
    EXTRA_CATEGORY_ROWS,
    EXTRA_ROLE_ROWS,
    MAX_ROLES,
    AssessmentFields,
    CategoryFields,
    RoleFields,
)

# Every field of every row (each with a remove box), the assessment's own fields, the
# formsets' management fields, the CSRF token and the button; each text counts once per
# language of the site.
MAX_BUILDER_FIELDS = (
    (len(CategoryFields().fields) + 1) * (MAX_CATEGORIES + EXTRA_CATEGORY_ROWS)
    + (len(RoleFields().fields) + 1) * (MAX_ROLES + EXTRA_ROLE_ROWS)
    + len(AssessmentFields().fields)
    + 8
    + 10
)
# 100 categories with every text filled in one language (or in all four, in the lengths people
# write), URL-encoded; also the most a definition file may hold.
MAX_BUILDER_BYTES = 4 * 1024 * 1024
# A file upload: the file, and beside it the few fields Django reads under the site's limit.
MAX_UPLOAD_BYTES = MAX_BUILDER_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def refuse_oversized_file(upload: UploadedFile) -> None:
    """A definition file, JSON or spreadsheet, holds at most what the builder's form could post."""
    if upload.size > MAX_BUILDER_BYTES:
        raise ValidationError(
            _("This file is bigger than %(limit)s, the most the builder reads.")
            % {"limit": filesizeformat(MAX_BUILDER_BYTES)}
        )


FORM_ENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"


def reads_builder_posts(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view's posts are read under the builder's limits, and only then is the CSRF token
    checked.

    Django reads a post under the site's DATA_UPLOAD_MAX_* the first time anything asks for it,
    which is CsrfViewMiddleware, before any view runs. So the middleware is told to leave these
    views alone (csrf_exempt) and the same check runs here (csrf_protect), after the body is read.
    """
    checked = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def read_then_check(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST":
            read_builder_post(request)
        return checked(request, *args, **kwargs)

    return read_then_check


def read_builder_post(request: HttpRequest) -> None:
    """Past the builder's limits a post is refused as Django refuses one past the site's: 413
    for the size, 400 for the fields, both logged to django.security."""
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if request.content_type == MULTIPART:
        # Django parses it (the file apart, under the site's limits); only its size is ours.
        if length > MAX_UPLOAD_BYTES:
            raise RequestDataTooBig("Request body exceeded the builder's size limit.")
        return
    if request.content_type != FORM_ENCODED:
        return
    if request.encoding and request.encoding.lower() != "utf-8":
        # As Django refuses one: a form-encoded body has no charset but UTF-8.
        raise BadRequest("A form-encoded post must be UTF-8.")
    if length > MAX_BUILDER_BYTES:
        raise RequestDataTooBig("Request body exceeded the builder's size limit.")
    body = request.read(MAX_BUILDER_BYTES + 1)
    if len(body) > MAX_BUILDER_BYTES:
        raise RequestDataTooBig("Request body exceeded the builder's size limit.")
    request.POST = form_data(body)
    # What Django's own parser leaves for a form without files; read from the stream, the
    # request could not parse its body again.
    request._files = MultiValueDict()


def form_data(body: bytes) -> QueryDict:
    """A form-encoded body as QueryDict reads one, under the builder's field limit."""
    try:
        text = body.decode()
    except UnicodeDecodeError as error:
        # No browser sends this; guessing another charset would store what nobody typed.
        raise BadRequest("A form-encoded post must be UTF-8.") from error
    try:
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_BUILDER_FIELDS)
    except ValueError as error:
        raise TooManyFieldsSent("The number of POST fields exceeded the builder's limit.") from (
            error
        )
    data = QueryDict(mutable=True)
    for key, value in pairs:
        data.appendlist(key, value)
    return data
