"""The personal link /i/<token>/: the round's answer form for one member, under their name,
starting from their latest answer in the round once they have one."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from limits.rates import take_an_invitation_turn
from results.forms import AnswerForm, earlier_answers
from results.models import AssessmentResult
from results.views import answer_page_context
from teams.models import Invitation
from teams.rounds import RoundCancelled, record_invitation_answer, with_latest_answer_id

# A cancelled round's links are gone, as if they had never been sent.
invitations_with_round = with_latest_answer_id(
    Invitation.objects.filter(round__cancelled_at__isnull=True).select_related(
        "member", "round__assessment", "round__team"
    )
)


@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(invitations_with_round, token=token)
    team_round, member = invitation.round, invitation.member
    # Opening or answering the link is the member using a language: their emails follow it.
    member.remember_language(request.LANGUAGE_CODE)
    if not team_round.is_open():
        context = {"invitation": invitation, "result": latest_answer_by_id(invitation)}
        return render(request, "teams/invitation_closed.html", context, status=410)
    if request.method != "POST":
        return invitation_form_page(request, invitation, form_from_latest_answer(invitation))
    # The member is who answers: a posted name (or version) is not theirs to choose.
    data = request.POST.copy()
    data["name"], data["v"] = member.name, team_round.assessment.slug
    form = AnswerForm(data, assessment=team_round.assessment)
    if not form.is_valid():
        return invitation_form_page(request, invitation, form, status=400)
    # Past ASSESSOR_SUBMIT_RATE for this link this raises RateLimited: 429, nothing stored.
    take_an_invitation_turn(invitation.token)
    current, desired = form.current_and_desired()
    try:
        result = record_invitation_answer(
            invitation=invitation, current=current, desired=desired, role=form.role
        )
    except RoundCancelled:
        raise Http404("The round was cancelled.") from None
    return redirect(result)


def latest_answer_by_id(invitation: Invitation) -> AssessmentResult | None:
    """The member's latest answer in the round, by the id the link's lookup read with it."""
    if invitation.latest_answer_id is None:
        return None
    # filter().first(): erased since the lookup, it is no answer to start from.
    results = AssessmentResult.objects.select_related("assessment")
    return results.filter(pk=invitation.latest_answer_id).first()


def form_from_latest_answer(invitation: Invitation) -> AnswerForm:
    """A blank form, or one filled with the member's latest answer in this round: changing one
    rating does not mean giving all of them again. Nothing is stored until they save."""
    assessment = invitation.round.assessment
    latest = latest_answer_by_id(invitation)
    if latest is None:
        return AnswerForm(assessment=assessment)
    return AnswerForm(assessment=assessment, initial=earlier_answers(latest, assessment=assessment))


def invitation_form_page(
    request: HttpRequest, invitation: Invitation, form: AnswerForm, *, status: int = 200
) -> HttpResponse:
    context = {
        **answer_page_context(
            form, action=invitation.get_absolute_url(), fixed_name=invitation.member.name
        ),
        "invitation": invitation,
        # With colleagues' reviews, a member who has answered may ask them (reviews:ask_peers).
        "may_ask_peers": invitation.round.asks_peers and invitation.latest_answer_id is not None,
    }
    return render(request, "teams/invitation_answer.html", context, status=status)
