"""Who may read every stored result, not only their own: the one permission, asked in one place,
and the Managers group that holds it."""

from django.contrib.auth.models import AbstractBaseUser, AbstractUser, AnonymousUser, Group

# Granted to the Managers group by the migration results/0002_managers_group.
READ_EVERY_RESULT = "results.view_assessmentresult"
# The group is created by the same migration.
MANAGERS_GROUP = "Managers"


def may_read_every_result(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.has_perm(READ_EVERY_RESULT)


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
