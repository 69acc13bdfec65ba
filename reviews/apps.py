from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Second opinions")

    def ready(self) -> None:
        # Erasing a member's answers erases the reviews about them (reviews/erasure.py).
        from reviews import erasure  # noqa: F401
