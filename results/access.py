"""Who may read every stored result, not only their own: the one permission, asked in one place."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

# Granted to the Managers group by the migration results/0002_managers_group.
READ_EVERY_RESULT = "results.view_assessmentresult"


def may_read_every_result(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.has_perm(READ_EVERY_RESULT)
