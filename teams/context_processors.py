"""What the teams app adds to pages of other apps without their knowing of teams."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode

from teams.models import Response


def account_offer(request: HttpRequest) -> dict:
    """On the page of a result given through an invitation, by a member without an account:
    the offer to create one (a query only on that page; results imports nothing from teams)."""
    match = request.resolver_match
    if match is None or match.view_name != "results:detail":
        return {}
    response = (
        Response.objects.filter(result_id=match.kwargs["pk"], invitation__member__user=None)
        .select_related("invitation")
        .only("invitation__token")
        .first()
    )
    if response is None:
        return {}
    url = f"{reverse('accounts:signup')}?{urlencode({'invitation': response.invitation.token})}"
    return {"result_page_extras": render_to_string("teams/account_offer.html", {"url": url})}
