"""Versions of an assessment: answered definitions are frozen, so change means a copy."""

import copy

from django.conf import settings
from django.db import transaction

from assessments.models import Assessment
from assessments.texts import with_text


@transaction.atomic
def save_as_new_version(original: Assessment, *, name: str, slug: str) -> Assessment:
    new_version = Assessment(
        slug=slug, assessment=copy.deepcopy(original.assessment), based_on=original
    )
    # The new name is the site's language's; names in other languages are kept.
    new_version.set_name(
        with_text(original.stored_name, language=settings.LANGUAGE_CODE, value=name)
    )
    new_version.full_clean()
    new_version.save()
    return new_version


def name_family_ids(*, assessment_id: int) -> set[int]:
    """Ids of every assessment linked to this one through "save as new version", itself included.

    The family is the whole connected group of `based_on` links: ancestors, descendants and
    siblings. Assessments are few, so one query for all links beats a query per step.
    """
    neighbours: dict[int, set[int]] = {}
    for pk, based_on_id in Assessment.objects.order_by().values_list("pk", "based_on_id"):
        neighbours.setdefault(pk, set())
        if based_on_id is not None:
            neighbours[pk].add(based_on_id)
            neighbours.setdefault(based_on_id, set()).add(pk)
    family, waiting = {assessment_id}, [assessment_id]
    while waiting:
        for neighbour in neighbours.get(waiting.pop(), set()) - family:
            family.add(neighbour)
            waiting.append(neighbour)
    return family


def latest_version(assessment: Assessment) -> Assessment:
    """The newest published assessment of this one's name family: what answering again answers.
    A draft is nobody's to answer yet, so until it is published the family's answers continue
    on the newest one that is (or on this one, should every other be a draft)."""
    family = name_family_ids(assessment_id=assessment.pk)
    newest = Assessment.objects.published().filter(pk__in=family).order_by("-created", "-pk")
    return newest.first() or assessment
