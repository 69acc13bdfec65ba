"""How the site names an account to other people: the name its owner gave, else the username."""

from django.contrib.auth.models import AbstractUser


def display_name(user: AbstractUser) -> str:
    """“Alice Smith”, or “alice” until she has said what she is called (/accounts/profile/)."""
    # One line whatever was stored (a provider's claim, the admin): it goes into email subjects.
    return " ".join(user.get_full_name().split()) or user.get_username()
