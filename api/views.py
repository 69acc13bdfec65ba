"""The read API under /api/v1/: each list is the token owner's scope by the same rule as the
manager pages (results/visibility.py, teams/access.py); anything outside it is a 404. Each read
is in the audit trail."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import generics
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from api.serializers import (
    AssessmentSerializer,
    ResultSerializer,
    RoundSerializer,
    TeamSerializer,
)
from assessments.models import Assessment
from audit.events import record_event
from audit.models import AuditEvent
from reports.forms import MatrixFilterForm
from reports.matrix import assessments_with_counts
from reports.selection import selected_latest_results
from results.models import AssessmentResult
from results.visibility import results_in_manager_scope
from teams.access import managed_team_or_404, teams_managed_by
from teams.models import Round, Team


class Schema(SpectacularJSONAPIView):
    """The OpenAPI 3 schema, as JSON; read without a token (one sent is not even looked at)."""

    authentication_classes = []
    permission_classes = [AllowAny]


class Pages(CursorPagination):
    """A cursor, so a BI tool reading page after page while answers arrive neither skips nor
    repeats anyone."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except DjangoValidationError:
            # A cursor that decodes, but whose position is no value of the ordering's field
            # (p=1 where pages follow a date): forged, so answered as one that does not decode.
            raise NotFound(self.invalid_cursor_message) from None


class NewestFirst(Pages):
    ordering = ("-created", "-pk")


class BySlug(Pages):
    ordering = "slug"


class AuditedRead:
    """Records each read that answered in the audit trail, like a manager page's read."""

    def audited_fields(self, response: Response) -> dict:
        return {}

    def get(self, request: Request, *args, **kwargs) -> Response:
        response = super().get(request, *args, **kwargs)
        record_event(
            action=AuditEvent.Action.API_READ, request=request, **self.audited_fields(response)
        )
        return response


def rows_on_page(response: Response) -> dict:
    return {"count": len(response.data["results"])}


class AssessmentList(AuditedRead, generics.ListAPIView):
    """Every assessment, with the number of results and people in the token owner's scope."""

    serializer_class = AssessmentSerializer
    pagination_class = NewestFirst

    def get_queryset(self) -> QuerySet[Assessment]:
        visible = Q(results__in=results_in_manager_scope(self.request.user))
        return assessments_with_counts(visible=visible).only(
            "name", "slug", "created", "assessment"
        )

    def audited_fields(self, response: Response) -> dict:
        return rows_on_page(response)


@extend_schema(
    parameters=[
        OpenApiParameter("team", str, description="A team's slug: the people of that team."),
        OpenApiParameter("role", str, description="A role's slug: people who compared with it."),
        OpenApiParameter("q", str, description="Names that contain this, in any case."),
        OpenApiParameter("category", str, description="A category's slug, with at_least."),
        OpenApiParameter(
            "at_least", int, description="A step of the scale (1 = lowest), with category."
        ),
    ]
)
class PeopleList(AuditedRead, generics.ListAPIView):
    """The latest result of each person in the token owner's scope, with the matrix's filters."""

    serializer_class = ResultSerializer
    pagination_class = NewestFirst

    def get_queryset(self) -> QuerySet[AssessmentResult]:
        assessment = get_object_or_404(Assessment, slug=self.kwargs["assessment_slug"])
        form = MatrixFilterForm(
            self.request.query_params, viewer=self.request.user, assessment=assessment
        )
        if not form.is_valid():
            raise ValidationError(form.errors)
        filters = form.filters()
        self.team = filters.team
        return selected_latest_results(
            viewer=self.request.user, assessment=assessment, filters=filters
        ).select_related("assessment")

    def audited_fields(self, response: Response) -> dict:
        team = self.team.slug if self.team else ""
        return {
            "assessment": self.kwargs["assessment_slug"],
            "team": team,
            **rows_on_page(response),
        }


class ResultDetail(AuditedRead, generics.RetrieveAPIView):
    """One result in the token owner's scope, as its JSON download gives it."""

    serializer_class = ResultSerializer
    lookup_url_kwarg = "id"
    lookup_field = "pk"

    def get_queryset(self) -> QuerySet[AssessmentResult]:
        return results_in_manager_scope(self.request.user).select_related("assessment")

    def audited_fields(self, response: Response) -> dict:
        return {"assessment": response.data["assessment_version"], "result": response.data["id"]}


class TeamList(AuditedRead, generics.ListAPIView):
    """The teams the token owner manages."""

    serializer_class = TeamSerializer
    pagination_class = BySlug

    def get_queryset(self) -> QuerySet[Team]:
        current = Q(members__removed_at__isnull=True)
        return teams_managed_by(self.request.user).annotate(
            member_count=Count("members", filter=current)
        )

    def audited_fields(self, response: Response) -> dict:
        return rows_on_page(response)


class RoundList(AuditedRead, generics.ListAPIView):
    """The rounds of one team the token owner manages, with how many were invited and answered."""

    serializer_class = RoundSerializer
    pagination_class = NewestFirst

    def get_queryset(self) -> QuerySet[Round]:
        team = managed_team_or_404(self.request.user, slug=self.kwargs["team_slug"])
        answered = Q(invitations__responses__isnull=False)
        return team.rounds.select_related("assessment").annotate(
            invited=Count("invitations", distinct=True),
            answered=Count("invitations", filter=answered, distinct=True),
        )

    def audited_fields(self, response: Response) -> dict:
        return {"team": self.kwargs["team_slug"], **rows_on_page(response)}
