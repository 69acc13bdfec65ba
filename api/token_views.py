"""A manager's personal API tokens, under /accounts/profile/tokens/: the list, a new one (shown
once), and revoking one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from api.forms import TokenForm
from api.tokens import create_token, revoke_token
from results.visibility import is_manager


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """Anyone signed in sees (and may revoke) their own tokens, so that someone who is no longer
    a manager can still revoke theirs; only managers make new ones."""
    if request.method == "POST" and not is_manager(request.user):
        raise PermissionDenied
    form = TokenForm(request.POST if request.method == "POST" else None)
    secret = None
    if form.is_bound and form.is_valid():
        _token, secret = create_token(user=request.user, name=form.cleaned_data["name"])
        # Not redirected: the secret would have to be stored to be shown after a redirect.
        form = TokenForm()
    context = {
        "form": form,
        "secret": secret,
        "tokens": request.user.api_tokens.all(),
        "may_make_tokens": is_manager(request.user),
        "api_root": request.build_absolute_uri(reverse("api:assessments")),
    }
    return render(request, "api/tokens.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    revoke_token(token=token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api:tokens")
