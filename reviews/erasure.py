"""Erasing a member's answers erases the reviews about them.

Reviews belong to a member's answers in a round: once the last of those answers is gone,
whichever way it went (its own address, a manager erasing the person, the admin, retention's
purge_results), the round's reviews of that member go too, and with them the identity of the
colleagues who reviewed. Results know nothing of reviews, so this listens to the deletion of
the link between a result and its invitation (teams.Response), which every one of those
deletions cascades to.
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from reviews.models import ManagerReview, PeerReview
from teams.models import Invitation, Response


@receiver(post_delete, sender=Response, dispatch_uid="reviews_erased_with_answers")
def erase_reviews_with_the_last_answer(sender, instance: Response, **kwargs) -> None:
    if Response.objects.filter(invitation_id=instance.invitation_id).exists():
        return
    invitation = (
        Invitation.objects.filter(pk=instance.invitation_id).only("round", "member").first()
    )
    if invitation is None:
        return
    ManagerReview.objects.filter(round=invitation.round_id, member=invitation.member_id).delete()
    PeerReview.objects.filter(round=invitation.round_id, member=invitation.member_id).delete()
