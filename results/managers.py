"""The Managers group: the group that holds the permission results.visibility.is_manager asks
for, and putting an account in it or taking it out."""

from django.contrib.auth.models import AbstractUser, Group

# Created, with that permission, by the migration results/0002_managers_group.
MANAGERS_GROUP = "Managers"


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
