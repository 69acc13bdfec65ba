"""Who may read the team's results: members of the "Managers" group, and superusers."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required, user_passes_test
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

# The group and its membership live in results (teams makes managers too); named here as well,
# where createmanager and single sign-on have always found them.
from results.managers import MANAGERS_GROUP as MANAGERS_GROUP
from results.managers import make_manager as make_manager
from results.managers import unmake_manager as unmake_manager
from results.visibility import is_manager


def manager_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors are sent to sign in; signed-in people without the permission get 403.

    The permission test raises PermissionDenied, so it must only see signed-in visitors:
    login_required runs first.
    """

    def may_manage(user: AbstractUser) -> bool:
        if not is_manager(user):
            raise PermissionDenied
        return True

    return login_required(user_passes_test(may_manage)(view))


def manager_navigation(request: HttpRequest) -> dict:
    """A context processor: whether the header offers the manager pages, asked through the same
    rule as the pages themselves, and only when a template asks."""
    return {"may_manage": lambda: is_manager(request.user)}
