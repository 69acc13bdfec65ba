"""Parsers for the environment variables the settings read: each turns one variable's text into
a value, or stops the site from starting with a message naming the variable."""

import ipaddress
import os

from django.core.exceptions import ImproperlyConfigured

ON = {"1", "true", "yes", "on"}
WINDOW_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def text(name: str, default: str = "") -> str:
    """The value without surrounding spaces; unset or empty is the default."""
    return os.environ.get(name, "").strip() or default


def secret(name: str) -> str:
    """The value exactly as set (a key or a password may hold any character); unset is ""."""
    return os.environ.get(name, "")


def flag(name: str, default: bool) -> bool:
    """On is 1, true, yes or on (in any case); unset or empty is the default."""
    value = text(name)
    if not value:
        return default
    return value.lower() in ON


def comma_list(name: str, default: str) -> list[str]:
    """Comma-separated items; unset is the default's items, set but empty is none."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def whole_number(name: str, default: int) -> int:
    value = text(name)
    if not value:
        return default
    if not value.isdigit():
        raise ImproperlyConfigured(f'{name} must be a whole number, not "{value}"')
    return int(value)


def at_least_one(name: str, default: int) -> int:
    """A whole number, 1 or more; unset or empty is the default."""
    value = whole_number(name, default)
    if value < 1:
        raise ImproperlyConfigured(f'{name} must be a whole number of at least 1, not "{value}"')
    return value


def needed_in_production(name: str, *, debug: bool, development: str, meaning: str) -> str:
    """A value production cannot guess: with DEBUG on it falls back to `development`; with DEBUG
    off a missing one stops the site from starting rather than putting `development` to use."""
    value = text(name)
    if value or debug:
        return value or development
    raise ImproperlyConfigured(f"{name} must be set when DJANGO_DEBUG is off: {meaning}")


def rate(name: str, default: str) -> tuple[int, int] | None:
    """A rate such as 20/10m as (20, 600): so many in any window of so many s, m, h or d;
    "off" is None."""
    value = text(name, default)
    if value.lower() == "off":
        return None
    count, _, window = value.partition("/")
    number, unit = window[:-1] or "1", window[-1:]
    if not (count.isdigit() and int(count) > 0 and number.isdigit() and int(number) > 0):
        unit = ""
    if unit not in WINDOW_UNITS:
        raise ImproperlyConfigured(
            f'{name} must be "off" or COUNT/WINDOW such as 20/10m (s, m, h or d), not "{value}"'
        )
    return int(count), int(number) * WINDOW_UNITS[unit]


def proxies(name: str) -> int | tuple[str, ...]:
    """How many proxies in front add X-Forwarded-For, or their addresses / networks."""
    value = text(name)
    if value.isdigit():
        return int(value)
    addresses = tuple(comma_list(name, ""))
    try:
        for address in addresses:
            ipaddress.ip_network(address, strict=False)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"{name} must be a number of proxies or a comma-separated list of addresses: {error}"
        ) from None
    return addresses


def days(name: str) -> int | None:
    """A whole number of days, at least 1; unset is None."""
    value = text(name)
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ImproperlyConfigured(f'{name} must be a whole number of days, not "{value}"')
    return int(value)
