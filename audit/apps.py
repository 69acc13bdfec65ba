from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        # Sign-ins, failures and lock-outs are recorded wherever they happen.
        from audit import signals  # noqa: F401
