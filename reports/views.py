"""What managers read: every assessment, the team matrix of one, and its CSV export; a round's
page and export, and a team's trend. Each read of people's results is in the audit trail. And a
manager's erasure of one person's results, and "Send again" (its refusal is the round page)."""

import functools
import hashlib
import math
from collections.abc import Iterator
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.models import Assessment
from audit.events import record_event
from audit.models import AuditEvent
from limits.rates import RateLimited
from pages.cache import cached_html
from reports.access import manager_required
from reports.experts import EXPERTS_PER_PAGE, expert_lines, experts_csv_rows
from reports.experts import experts as expert_results
from reports.export import csv_filename, csv_lines, csv_rows, round_csv_filename
from reports.forms import (
    MANAGER_VIEW,
    MAX_MIN_TOP,
    ChartCategoriesForm,
    CoverageForm,
    ExpertsForm,
    MatrixFilterForm,
    MatrixViewForm,
    RatingsViewForm,
)
from reports.goals import goal_columns, goals_fingerprint, round_goals
from reports.matrix import (
    DEFAULT_MIN_TOP,
    Person,
    assessments_with_counts,
    results_freshness,
    team_matrix,
)
from reports.matrix_page import matrix_page
from reports.overview import teams_overview
from reports.rounds import round_people, round_results, round_status, round_summary
from reports.selection import selected_latest_results, teams_fingerprint
from reports.sources import answer_sources
from reports.spreadsheets import XLSX_CONTENT_TYPE, results_workbook, xlsx_filename
from reports.summaries import summaries_in_database
from reports.trends import category_chart, team_trend, trend_document
from results.erasure import erase_person, results_of_person
from results.visibility import manager_scope_key, results_in_manager_scope
from reviews.manager_view import reviews_freshness
from reviews.rounds import review_columns, round_reviews
from teams.access import managed_round_or_404, managed_team_or_404
from teams.emails import absolute_url
from teams.models import Round, Team
from teams.rounds import may_send_again, record_round_event
from teams.rounds import send_again as send_invitation_again


@require_safe
@manager_required
def manage_index(request: HttpRequest) -> HttpResponse:
    visible = Q(results__in=results_in_manager_scope(request.user))
    assessments = assessments_with_counts(visible=visible)
    context = {"assessments": assessments, "teams": teams_overview(request.user)}
    return render(request, "reports/manage_index.html", context)


@require_safe
@manager_required
def assessment_matrix(request: HttpRequest, slug: str) -> HttpResponse:
    assessment = get_object_or_404(Assessment.objects.only("name", "slug", "assessment"), slug=slug)
    filtering = MatrixFilterForm(request.GET, viewer=request.user, assessment=assessment)
    viewing = MatrixViewForm(request.GET, team=filtering.filters().team, assessment=assessment)
    context = {
        "assessment": assessment,
        "filtering": filtering,
        "viewing": viewing,
        "content": "",
    }
    if not filtering.is_valid() or not viewing.is_valid():
        return render(request, "reports/assessment_matrix.html", context, status=400)
    coverage = CoverageForm(request.GET)
    min_top, refused = coverage.min_top(), bool(coverage.errors)
    filters, page_number = filtering.filters(), filtering.page_number()
    query = filtering.query()
    review_round = viewing.review_round
    if review_round is not None:
        # The view stays in the page links too.
        query["view"] = MANAGER_VIEW
    if coverage.is_valid() and coverage.cleaned_data["min"] is not None:
        # The gaps' minimum stays in the page links too.
        query["min"] = str(min_top)
    record_event(action=AuditEvent.Action.MATRIX_READ, request=request, assessment=slug)
    reviews = "self"
    if review_round is not None:
        record_review_read(request, team=review_round.team)
        reviews = f"{review_round.pk}:{reviews_freshness(team_round=review_round)}"
    # Follows every write the page shows: results (their count and latest `updated` stamp), the
    # teams' names and members (sources, `?team=`), the assessment, the day (what is stale),
    # in the managers' view the round's reviews (written, changed, shared); and names what the
    # viewer asked for and may read.
    selection = hashlib.sha256(query.urlencode().encode()).hexdigest()[:16]
    key = (
        f"matrix:{assessment.pk}:{assessment.fingerprint}:"
        f"{results_freshness(assessment=assessment)}:{teams_fingerprint(request.user)}:"
        f"{manager_scope_key(request.user)}:{timezone.localdate()}:{settings.STALE_AFTER_DAYS}:"
        f"{selection}:{page_number}:"
        f"{min_top}:{refused}:{reviews}"
    )
    try:
        context["content"] = cached_html(
            key=key,
            template="reports/matrix_content.html",
            context=lambda: {
                "matrix": matrix_page(
                    viewer=request.user,
                    assessment=assessment,
                    filters=filters,
                    page_number=page_number,
                    min_top=min_top,
                    review_round=review_round,
                ),
                "assessment": assessment,
                "filtering": filtering,
                "viewing": viewing,
                "filtered": bool(query),
                "query": query,
                "coverage": coverage,
                "default_min_top": DEFAULT_MIN_TOP,
                "max_min_top": MAX_MIN_TOP,
            },
        )
    except EmptyPage:
        raise Http404 from None
    return render(request, "reports/assessment_matrix.html", context)


@require_safe
@manager_required
def experts(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """Who knows X: the form to ask, and the people in scope at or above a rating in a category,
    most skilled first; as CSV with `format=csv`."""
    if not request.GET:
        return render(request, "reports/experts.html", {"form": ExpertsForm()})
    form = ExpertsForm(request.GET)
    if not form.is_valid():
        return render(request, "reports/experts.html", {"form": form}, status=400)
    assessment, category = form.cleaned_data["assessment"], form.cleaned_data["category"]
    people = expert_results(
        viewer=request.user,
        assessment=assessment,
        category=category,
        at_least=form.cleaned_data["at_least"],
    )
    if form.cleaned_data["format"] == "csv":
        record_event(
            action=AuditEvent.Action.CSV_EXPORTED, request=request, assessment=assessment.slug
        )
        rows = experts_csv_rows(
            viewer=request.user, assessment=assessment, category=category, results=people
        )
        base = csv_filename(assessment=assessment).removesuffix("-results.csv")
        return csv_response(rows, filename=f"{base}-{category}-experts.csv")
    record_event(action=AuditEvent.Action.MATRIX_READ, request=request, assessment=assessment.slug)
    try:
        page = Paginator(people, EXPERTS_PER_PAGE).page(form.page_number())
    except EmptyPage:
        raise Http404 from None
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "assessment": assessment,
        "category_name": form.category_name(),
        "page": page,
        "query": query,
        "experts": expert_lines(
            viewer=request.user,
            assessment=assessment,
            category=category,
            results=list(page.object_list),
        ),
    }
    return render(request, "reports/experts.html", context)


@require_safe
@manager_required
def assessment_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    assessment = get_object_or_404(Assessment, slug=slug)
    visible = results_in_manager_scope(request.user).filter(assessment=assessment)
    sources = answer_sources(viewer=request.user)
    rows = csv_rows(assessment=assessment, results=visible, sources=sources)
    record_event(action=AuditEvent.Action.CSV_EXPORTED, request=request, assessment=slug)
    return csv_response(rows, filename=csv_filename(assessment=assessment))


@require_safe
@manager_required
def assessment_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    """The matrix as a workbook: the people the matrix page shows, and its summaries."""
    assessment = get_object_or_404(Assessment, slug=slug)
    filtering = MatrixFilterForm(request.GET, viewer=request.user, assessment=assessment)
    if not filtering.is_valid():
        context = {"assessment": assessment, "filtering": filtering, "content": ""}
        return render(request, "reports/assessment_matrix.html", context, status=400)
    # Everyone the matrix page's filters select (every page of it), and its summaries.
    selected = selected_latest_results(
        viewer=request.user, assessment=assessment, filters=filtering.filters()
    )
    people = [Person(key=result.person, result=result, earlier=0) for result in selected]
    summaries = summaries_in_database(assessment=assessment, results=selected)
    record_event(action=AuditEvent.Action.XLSX_EXPORTED, request=request, assessment=slug)
    return HttpResponse(
        results_workbook(assessment=assessment, people=people, summaries=summaries),
        content_type=XLSX_CONTENT_TYPE,
        headers={
            "Content-Disposition": content_disposition_header(
                as_attachment=True, filename=xlsx_filename(assessment=assessment)
            )
        },
    )


def csv_response(rows, *, filename: str) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        csv_lines(rows),
        content_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": content_disposition_header(as_attachment=True, filename=filename)
        },
    )


@require_safe
@login_required
def round_page(request: HttpRequest, pk: int) -> HttpResponse:
    return round_page_response(request, managed_round_or_404(request.user, pk=pk))


def round_page_response(
    request: HttpRequest, team_round: Round, *, status_code: int = 200
) -> HttpResponse:
    record_round_event(AuditEvent.Action.ROUND_READ, request=request, team_round=team_round)
    summary = round_summary(team_round=team_round)
    # The full status (members as models, latest results) is read only when the cached content
    # must be drawn, or when something asks for `answered` / `not_answered`.
    status = functools.cache(lambda: round_status(team_round=team_round))
    coverage = CoverageForm(request.GET)
    min_top, refused = coverage.min_top(), bool(coverage.errors)
    assessment = team_round.assessment
    # Read on every view: a member may change their plan at any time.
    goals = round_goals(team_round=team_round)
    goals_by_member = {member.member_id: member for member in goals}
    content = cached_html(
        # The summary's fingerprint names every invitation's state and answers shown, the goals'
        # every member's count of goals reached and on the way.
        key=(
            f"round:{team_round.pk}:{assessment.fingerprint}:{team_round.closes_on}:"
            f"{team_round.is_open()}:{summary.fingerprint}:{min_top}:{refused}:"
            f"{goals_fingerprint(goals)}"
        ),
        template="reports/round_content.html",
        context=lambda: {
            "round": team_round,
            "status": status(),
            "invitations_with_goals": [
                (invitation, goals_by_member.get(invitation.member_id))
                for invitation in status().invitations
            ],
            # Personal links are absolute, to paste into chat.
            "site_url": absolute_url(""),
            "matrix": team_matrix(
                assessment=assessment, min_top=min_top, people=round_people(team_round=team_round)
            ),
            "coverage": coverage,
            "default_min_top": DEFAULT_MIN_TOP,
            "max_min_top": MAX_MIN_TOP,
        },
    )
    # Who may be sent the email again, and why: named by the summary's fingerprint (each
    # invitation's delivery and answers) and whether the round is open; the one form around it
    # and its CSRF token are drawn outside (reports/round.html).
    send_again = cached_html(
        key=f"round-send-again:{team_round.pk}:{team_round.is_open()}:{summary.fingerprint}",
        template="reports/round_send_again.html",
        context=lambda: {"round": team_round, "summary": summary},
    )
    # Read on every view, outside the cached content: a review can change at any time.
    reviews = round_reviews(round=team_round) if team_round.asks_manager else None
    context = {
        "round": team_round,
        "summary": summary,
        "answered": SimpleLazyObject(lambda: status().answered),
        "not_answered": SimpleLazyObject(lambda: status().not_answered),
        "content": content,
        "send_again": send_again,
        "reviews": reviews,
        "peers_awaited": any(state.peers_awaited for state in reviews or ()),
        "goals": goals,
    }
    return render(request, "reports/round.html", context, status=status_code)


@require_POST
@login_required
def send_again(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    """The round's email to one member again; past the limit, the round page with a 429."""
    team_round = managed_round_or_404(request.user, pk=pk)
    invitation = get_object_or_404(
        team_round.invitations.select_related("member"), pk=invitation_pk
    )
    invitation.round = team_round
    name = invitation.member.name
    if not may_send_again(invitation=invitation):
        messages.warning(
            request,
            _("Nothing was sent: %(name)s has answered or left the team, or the round has closed.")
            % {"name": name},
        )
        return redirect(team_round)
    try:
        send_invitation_again(invitation=invitation)
    except RateLimited as limited:
        minutes = math.ceil(limited.retry_after / 60)
        messages.error(
            request,
            ngettext(
                "Nothing was sent: the email to %(name)s went out again as often as it may in an "
                "hour. Try again in %(minutes)d minute.",
                "Nothing was sent: the email to %(name)s went out again as often as it may in an "
                "hour. Try again in %(minutes)d minutes.",
                minutes,
            )
            % {"name": name, "minutes": minutes},
        )
        response = round_page_response(request, team_round, status_code=429)
        response["Retry-After"] = str(limited.retry_after)
        return response
    messages.success(request, _("The email to %(name)s is on its way again.") % {"name": name})
    return redirect(team_round)


@require_safe
@login_required
def round_csv(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    team_round = managed_round_or_404(request.user, pk=pk)
    record_round_event(AuditEvent.Action.CSV_EXPORTED, request=request, team_round=team_round)
    sources = answer_sources(viewer=request.user, team_ids=[team_round.team_id], user_ids=[])
    rows = csv_rows(
        assessment=team_round.assessment,
        results=round_results(team_round=team_round),
        sources=sources,
    )
    goals_header, goal_cells = goal_columns(results=round_results(team_round=team_round))
    rows = with_columns(rows, header=goals_header, cells=goal_cells)
    header, review_cells = review_columns(round=team_round)
    if header:
        rows = with_columns(rows, header=header, cells=review_cells)
    return csv_response(rows, filename=round_csv_filename(team_round))


def with_columns(rows, *, header: list[str], cells: dict) -> Iterator[list]:
    """The CSV rows with more columns: `header`'s, then each row's cells by its result id (the
    first cell), empty where there are none."""
    rows = iter(rows)
    yield [*next(rows), *header]
    for row in rows:
        yield [*row, *cells.get(UUID(row[0]), [""] * len(header))]


@require_safe
@login_required
def trend_page(request: HttpRequest, slug: str) -> HttpResponse:
    team = managed_team_or_404(request.user, slug=slug)
    view = RatingsViewForm(request.GET)
    trend = team_trend(team=team, with_manager=view.manager())
    if trend.with_manager:
        record_review_read(request, team=team)
    picker = ChartCategoriesForm(request.GET, categories=trend.categories)
    # A bad choice still shows the page, with the default chart (or view) and the form saying why.
    return render(
        request,
        "reports/team_trend.html",
        {
            "trend": trend,
            "picker": picker,
            "view": view,
            "charted": category_chart(trend, chosen=picker.chosen()),
        },
        status=400 if picker.errors or view.errors else 200,
    )


@require_safe
@login_required
def trend_json(request: HttpRequest, slug: str) -> JsonResponse:
    team = managed_team_or_404(request.user, slug=slug)
    view = RatingsViewForm(request.GET)
    if not view.is_valid():
        return JsonResponse(view.errors.get_json_data(), status=400)
    trend = team_trend(team=team, with_manager=view.manager())
    if trend.with_manager:
        record_review_read(request, team=team)
    return JsonResponse(trend_document(trend), json_dumps_params={"ensure_ascii": False})


def record_review_read(request: HttpRequest, *, team: Team) -> None:
    """A team's report with the managers' view reads their reviews: an audit event."""
    record_event(action=AuditEvent.Action.REVIEW_READ, request=request, team=team.slug)


@require_safe
@manager_required
def manager_result(request: HttpRequest, pk: UUID) -> HttpResponse:
    """A result opened from a manager page: recorded, then the result's own page."""
    result = get_object_or_404(
        results_in_manager_scope(request.user).only("assessment_version"), pk=pk
    )
    record_event(
        action=AuditEvent.Action.RESULT_OPENED,
        request=request,
        assessment=result.assessment_version,
        result=result.pk,
    )
    return redirect(result)


@require_http_methods(["GET", "HEAD", "POST"])
@manager_required
def erase_person_results(request: HttpRequest, pk: UUID) -> HttpResponse:
    """Every result of the person who gave this one, in its name family, that this manager may
    read: GET asks, POST erases."""
    visible = results_in_manager_scope(request.user)
    result = get_object_or_404(visible.select_related("assessment"), pk=pk)
    back = page_to_return_to(
        request, default=reverse("reports:matrix", args=[result.assessment.slug])
    )
    if request.method != "POST":
        count = results_of_person(result=result, within=visible).count()
        context = {"result": result, "count": count, "back": back}
        return render(request, "reports/erase_person.html", context)
    erased = erase_person(result=result, request=request, within=visible)
    messages.success(
        request,
        ngettext(
            "%(count)d result of %(name)s was erased.",
            "%(count)d results of %(name)s were erased.",
            erased,
        )
        % {"count": erased, "name": result.name},
    )
    return redirect(back)


def page_to_return_to(request: HttpRequest, *, default: str) -> str:
    """`next` (the matrix or round page the erasure started from) when it is on this site."""
    back = request.POST.get("next") or request.GET.get("next") or ""
    # Only a path: redirect() would look a bare word up as a view's name (a 500 once the
    # erasure is done), and the page's link would lead under the erase page's own address.
    allowed = back.startswith("/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return back if allowed else default
