"""Drafts: an assessment nobody has checked yet is seen only by those who may change it."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.http import HttpRequest

from assessments.models import Assessment
from audit.events import record_event
from audit.models import AuditEvent

# Held by the Managers group (assessments/0003) and superusers: who builds assessments also
# checks and publishes them.
CHANGE_ASSESSMENT = "assessments.change_assessment"


def may_see_drafts(viewer: AbstractBaseUser | AnonymousUser) -> bool:
    return viewer.has_perm(CHANGE_ASSESSMENT)


def may_open(assessment: Assessment, viewer: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether the viewer may open the assessment's form: anyone, unless it is a draft."""
    return not assessment.draft or may_see_drafts(viewer)


@transaction.atomic
def publish(*, assessment: Assessment, request: HttpRequest) -> bool:
    """Make a draft public and record who did; False (and nothing recorded) when it already
    was."""
    published = Assessment.objects.filter(pk=assessment.pk, draft=True).update(draft=False)
    if not published:
        return False
    assessment.draft = False
    record_publication(assessment=assessment, request=request)
    return True


def record_publication(*, assessment: Assessment, request: HttpRequest) -> None:
    """The audit event of a publication, whichever page made it (the Publish button, the
    admin)."""
    record_event(
        action=AuditEvent.Action.ASSESSMENT_PUBLISHED, request=request, assessment=assessment.slug
    )
