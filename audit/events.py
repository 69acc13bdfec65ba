"""Recording one audit event."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest

from audit.models import AuditEvent
from limits.addresses import client_address, is_address


def record_event(
    *,
    action: AuditEvent.Action,
    request: HttpRequest | None = None,
    actor: AbstractBaseUser | AnonymousUser | None = None,
    actor_name: str = "",
    assessment: str = "",
    team: str = "",
    result: str = "",
    count: int | None = None,
) -> AuditEvent:
    """Store who did `action` (the request's user unless `actor` is given), and from where."""
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    if actor is not None and not actor.is_authenticated:
        actor = None
    address = client_address(request) if request is not None else ""
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_name=(actor.get_username() if actor is not None else actor_name)[:150],
        assessment=assessment[:50],
        team=team[:100],
        result=str(result),
        count=count,
        client_address=address if is_address(address) else None,
    )
