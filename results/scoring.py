"""Turning submitted ratings into the stored current and desired levels."""

from collections.abc import Iterable, Mapping


def clamp_rating(value: int, top: int) -> int:
    """Clamp a submitted rating into the scale 1..top (0 -> 1, 99 -> top, -4 -> 1)."""
    return max(1, min(value, top))


def current_and_desired(
    submitted: Mapping[str, int], levelups: Iterable[str], top: int
) -> tuple[dict[str, int], dict[str, int]]:
    """Current is the clamped rating; desired is one step higher where a level-up was asked."""
    wants_levelup = set(levelups)
    current = {slug: clamp_rating(value, top) for slug, value in submitted.items()}
    desired = {
        slug: clamp_rating(value + 1, top) if slug in wants_levelup else value
        for slug, value in current.items()
    }
    return current, desired
