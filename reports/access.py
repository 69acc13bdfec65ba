"""Who may read the team's results: members of the "Managers" group, and superusers."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required, user_passes_test
from django.contrib.auth.models import AbstractUser, Group
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from results.visibility import is_manager

# The group is created by the migration results/0002_managers_group.
MANAGERS_GROUP = "Managers"


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


def make_manager(*, user: AbstractUser) -> bool:
    """Put the user in the Managers group; False when they were already in it."""
    group = Group.objects.get(name=MANAGERS_GROUP)
    if user.groups.filter(pk=group.pk).exists():
        return False
    user.groups.add(group)
    return True


def unmake_manager(*, user: AbstractUser) -> bool:
    """Take the user out of the Managers group; False when they were not in it."""
    group = Group.objects.get(name=MANAGERS_GROUP)
    if not user.groups.filter(pk=group.pk).exists():
        return False
    user.groups.remove(group)
    return True
