"""Who may read the team's results: members of the "Managers" group, and superusers."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required, user_passes_test
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

# The group and its membership live with the permission it holds; named here too, where the
# manager pages, createmanager and single sign-on have always found them.
from results.access import MANAGERS_GROUP as MANAGERS_GROUP
from results.access import make_manager as make_manager
from results.access import may_read_every_result
from results.access import unmake_manager as unmake_manager


def manager_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors are sent to sign in; signed-in people without the permission get 403.

    The permission test raises PermissionDenied, so it must only see signed-in visitors:
    login_required runs first.
    """

    def may_manage(user: AbstractUser) -> bool:
        if not may_read_every_result(user):
            raise PermissionDenied
        return True

    return login_required(user_passes_test(may_manage)(view))


def manager_navigation(request: HttpRequest) -> dict:
    """A context processor: whether the header offers the manager pages, asked through the same
    rule as the pages themselves, and only when a template asks."""
    return {"may_manage": lambda: may_read_every_result(request.user)}
