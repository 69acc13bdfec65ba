"""Versions of an assessment: answered definitions are frozen, so change means a copy."""

import copy

from django.db import transaction

from assessments.models import Assessment


@transaction.atomic
def save_as_new_version(original: Assessment, *, name: str, slug: str) -> Assessment:
    new_version = Assessment(
        name=name,
        slug=slug,
        assessment=copy.deepcopy(original.assessment),
        based_on=original,
    )
    new_version.full_clean()
    new_version.save()
    return new_version
