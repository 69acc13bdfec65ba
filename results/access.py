"""Who may read the team's results: members of the "Managers" group, and superusers."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import AbstractUser, Group
from django.http import HttpResponse

# The group is created by the migration results/0002_managers_group.
MANAGERS_GROUP = "Managers"
VIEW_RESULTS_PERMISSION = "results.view_assessmentresult"


def manager_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors are sent to sign in; signed-in people without the permission get 403.

    permission_required alone would raise PermissionDenied for anonymous visitors
    too, so login_required has to run first.
    """
    return login_required(permission_required(VIEW_RESULTS_PERMISSION, raise_exception=True)(view))


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
