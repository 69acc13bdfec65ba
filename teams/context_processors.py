"""What the teams app adds to pages of other apps without their knowing of teams."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode

from teams.models import Invitation


def account_offer(request: HttpRequest) -> dict:
    """On the page of a result given through an invitation, by a member without an account:
    the offer to create one. Results imports nothing from teams, so it comes in here; it is
    looked up only when the page asks (for a result stored under a member's key)."""
    match = request.resolver_match
    if match is None or match.view_name != "results:detail":
        return {}
    return {"result_page_extras": lambda: offer_for_result(match.kwargs["pk"])}


def offer_for_result(result_id) -> str:
    token = (
        Invitation.objects.filter(responses__result_id=result_id, member__user=None)
        .values_list("token", flat=True)
        .first()
    )
    if token is None:
        return ""
    url = f"{reverse('teams:signup')}?{urlencode({'invitation': token})}"
    return render_to_string("teams/account_offer.html", {"url": url})
