"""Who may open a result: the one rule that every page, download, comparison and erasure asks.

A viewer may open a result when
1. they hold that result's own address, which opens it and the earlier results of its chain
   (the result it was answered again from, or the member's previous invitation answer, and so
   on back), and nothing else;
2. they are signed in as the account that owns it;
3. they are a manager whose scope includes it, through the manager pages: the public link's
   results for the Managers group, the results given in the teams they manage; every result
   for superusers.
A typed name is never a key: two results with the same name are strangers to each other.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from assessments.versions import name_family_ids
from results.models import AssessmentResult

Viewer = AbstractBaseUser | AnonymousUser

# Granted to the Managers group by the migration results/0002_managers_group; every page under
# /manage/ asks for it.
MANAGE_RESULTS = "results.view_assessmentresult"

NO_RESULT = Q(pk__in=[])


def is_manager(viewer: Viewer) -> bool:
    """In the Managers group (or a superuser): may use the manager pages."""
    return viewer.has_perm(MANAGE_RESULTS)


def managed_results(viewer: Viewer) -> Q:
    """The results a manager reads on the manager pages. Team managers are kept by the teams
    app (Team.managers, whose reverse name on the account is `managed_teams`)."""
    if not is_manager(viewer):
        return NO_RESULT
    if viewer.is_superuser:
        return Q()
    return Q(team_scope__isnull=True) | Q(team_scope__in=viewer.managed_teams.values("pk"))


def results_in_manager_scope(viewer: Viewer) -> QuerySet[AssessmentResult]:
    """What the manager pages (matrix, exports, erasure) read: the manager's scope only."""
    return AssessmentResult.objects.filter(managed_results(viewer))


def manager_scope_key(viewer: Viewer) -> str:
    """Names the viewer's manager scope, for the keys of cached manager pages."""
    if not is_manager(viewer):
        return "none"
    if viewer.is_superuser:
        return "all"
    team_ids = viewer.managed_teams.order_by("pk").values_list("pk", flat=True)
    return "teams:" + ",".join(map(str, team_ids))


def owned_results(viewer: Viewer) -> Q:
    return Q(user=viewer) if viewer.is_authenticated else NO_RESULT


def visible_results(viewer: Viewer) -> QuerySet[AssessmentResult]:
    """Every result the viewer may open without holding its address."""
    return AssessmentResult.objects.filter(owned_results(viewer) | managed_results(viewer))


def chain(result: AssessmentResult, *, family: set[int] | None = None) -> list[AssessmentResult]:
    """The earlier results of the result's chain, newest first. A chain never leaves one person
    nor the assessment's name `family` (computed unless given), so one query for that person's
    results there and a walk back through `previous`."""
    if result.previous_id is None:
        # Most results were answered from nothing: no chain, and nothing to read for it.
        return []
    if family is None:
        family = name_family_ids(assessment_id=result.assessment_id)
    candidates = AssessmentResult.objects.filter(
        person=result.person, assessment_id__in=family, created__lte=result.created
    ).only("pk", "previous_id", "assessment_version", "person", "created")
    return walk_back(result, {candidate.pk: candidate for candidate in candidates})


def chains(results: list[AssessmentResult]) -> dict[object, list[AssessmentResult]]:
    """chain() of each of `results` (of one assessment's name family), by result id, in two
    queries whatever their number: for pages that list many people."""
    if not results:
        return {}
    family = name_family_ids(assessment_id=results[0].assessment_id)
    candidates = AssessmentResult.objects.filter(
        person__in={result.person for result in results}, assessment_id__in=family
    ).only("pk", "previous_id", "person", "created")
    by_pk = {candidate.pk: candidate for candidate in candidates}
    return {result.pk: walk_back(result, by_pk) for result in results}


def walk_back(
    result: AssessmentResult, by_pk: dict[object, AssessmentResult]
) -> list[AssessmentResult]:
    """Back through `previous` among `by_pk`, never leaving the result's person nor its time."""
    earlier, seen, step = [], {result.pk}, by_pk.get(result.previous_id)
    while (
        step is not None
        and step.pk not in seen
        and step.person == result.person
        and step.created <= result.created
    ):
        earlier.append(step)
        seen.add(step.pk)
        step = by_pk.get(step.previous_id)
    return earlier


def earlier_results(*, viewer: Viewer, result: AssessmentResult) -> list[AssessmentResult]:
    """What the result's page offers to compare with: its chain, and for the signed-in account
    that owns it every earlier result of that account in the assessment's name family."""
    earlier = {step.pk: step for step in chain(result)}
    if viewer.is_authenticated and result.user_id == viewer.pk:
        family = name_family_ids(assessment_id=result.assessment_id)
        owned = AssessmentResult.objects.filter(
            user=viewer, assessment_id__in=family, created__lt=result.created
        ).only("pk", "assessment_version", "created")
        earlier.update((step.pk, step) for step in owned)
    return sorted(earlier.values(), key=lambda step: (step.created, step.pk), reverse=True)


def may_compare(*, viewer: Viewer, first: AssessmentResult, second: AssessmentResult) -> bool:
    """Two different results of one name family that are one chain, or that the viewer may
    both open by account or manager scope."""
    family = name_family_ids(assessment_id=first.assessment_id)
    if first.pk == second.pk or second.assessment_id not in family:
        return False
    earlier, later = sorted((first, second), key=lambda result: (result.created, str(result.pk)))
    if any(step.pk == earlier.pk for step in chain(later, family=family)):
        return True
    return visible_results(viewer).filter(pk__in=[first.pk, second.pk]).count() == 2


def may_answer_again(*, viewer: Viewer, result: AssessmentResult) -> bool:
    """A result an account owns is answered again only by that account, so that nobody adds
    answers to another person's account; any other by whoever holds its address."""
    return result.user_id is None or result.user_id == viewer.pk
