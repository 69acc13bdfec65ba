"""Sign-ins, failed sign-ins and lock-outs, recorded in the audit trail wherever they happen."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from audit.events import record_event
from audit.models import AuditEvent


@receiver(user_logged_in, dispatch_uid="audit_signed_in")
def signed_in(sender, request, user, **kwargs) -> None:
    record_event(action=AuditEvent.Action.SIGNED_IN, request=request, actor=user)


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    # Django has already masked the password in `credentials`; the username tried is kept.
    record_event(
        action=AuditEvent.Action.SIGN_IN_FAILED,
        request=request,
        actor_name=str(credentials.get("username", "")),
    )


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def locked_out(sender, request, username, ip_address, **kwargs) -> None:
    record_event(
        action=AuditEvent.Action.LOCKED_OUT, request=request, actor_name=str(username or "")
    )
