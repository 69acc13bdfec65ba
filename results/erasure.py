"""Erasing results: one through its own address, or all of one person's in a name family.

Each erasure is one transaction with its audit event, which says who erased how many results
of which assessment, never what was answered. Once it has committed, nothing of the erased
results stays readable elsewhere (leave_nothing_behind).
"""

from django.db import connection, transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from assessments.versions import name_family_ids
from audit.events import record_event
from audit.models import AuditEvent
from pages.cache import forget_cached_html
from results.models import AssessmentResult


def leave_nothing_behind() -> None:
    """After an erasure: no rendered page that showed the results stays in the cache, and on
    SQLite their rows' old copies leave the files (the rows themselves were overwritten with
    zeros as they were deleted: PRAGMA secure_delete, in settings): the write-ahead log is
    copied into the database file and emptied."""
    forget_cached_html()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def after_erasure() -> None:
    transaction.on_commit(leave_nothing_behind, robust=True)


@transaction.atomic
def erase_result(*, result: AssessmentResult, request: HttpRequest) -> None:
    """The holder of a result's address erases it; an answer made again from it now continues
    the result it continued, so the chain stays whole."""
    record_event(
        action=AuditEvent.Action.RESULT_ERASED,
        request=request,
        assessment=result.assessment_version,
        result=result.pk,
        count=1,
    )
    AssessmentResult.objects.filter(previous=result).update(previous=result.previous_id)
    result.delete()
    after_erasure()


def results_of_person(
    *, result: AssessmentResult, within: QuerySet[AssessmentResult]
) -> QuerySet[AssessmentResult]:
    """Every result of the person who gave `result`, in its assessment's name family, among
    `within` (the results the manager who asks may open)."""
    family = name_family_ids(assessment_id=result.assessment_id)
    return within.filter(person=result.person, assessment_id__in=family)


@transaction.atomic
def erase_person(
    *, result: AssessmentResult, request: HttpRequest, within: QuerySet[AssessmentResult]
) -> int:
    """A manager erases every result of one person in a name family; returns how many went."""
    # delete() also counts the rows that went with the results (an invitation's answer link).
    _, deleted = results_of_person(result=result, within=within).delete()
    after_erasure()
    erased = deleted.get(AssessmentResult._meta.label, 0)
    record_event(
        action=AuditEvent.Action.PERSON_ERASED,
        request=request,
        assessment=result.assessment_version,
        count=erased,
    )
    return erased


@transaction.atomic
def erase_in_admin(*, results: QuerySet[AssessmentResult], request: HttpRequest) -> int:
    """Results deleted through the admin: one event per assessment they belonged to."""
    per_assessment: dict[str, int] = {}
    for version in results.values_list("assessment_version", flat=True):
        per_assessment[version] = per_assessment.get(version, 0) + 1
    results.delete()
    after_erasure()
    for version, count in sorted(per_assessment.items()):
        record_event(
            action=AuditEvent.Action.RESULTS_DELETED_IN_ADMIN,
            request=request,
            assessment=version,
            count=count,
        )
    return sum(per_assessment.values())
