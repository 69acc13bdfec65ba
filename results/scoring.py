"""Turning submitted ratings into the stored current and desired levels, and reading targets."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assessments.definition import Role, rating_on_scale


def clamp_rating(value: int, top: int) -> int:
    """Clamp a submitted rating into the scale 1..top (0 -> 1, 99 -> top, -4 -> 1)."""
    return max(1, min(value, top))


def current_and_desired(
    submitted: Mapping[str, int | None], levelups: Iterable[str], top: int
) -> tuple[dict[str, int | None], dict[str, int | None]]:
    """Current is the clamped rating; desired is one step higher where a level-up was asked.
    None is "not applicable": stored as None for both, whatever the level-up box says."""
    wants_levelup = set(levelups)
    current = {
        slug: None if value is None else clamp_rating(value, top)
        for slug, value in submitted.items()
    }
    desired = {
        slug: clamp_rating(value + 1, top) if value is not None and slug in wants_levelup else value
        for slug, value in current.items()
    }
    return current, desired


def is_not_applicable(stored: Mapping[str, object], slug: str) -> bool:
    """A category answered "not applicable" is stored as null; a missing one was not answered."""
    return slug in stored and stored[slug] is None


@dataclass(frozen=True)
class TargetCheck:
    """A rating against a role's target in one category."""

    target: int
    current: int | None
    not_applicable: bool
    # The scale's label of the target.
    label: str = ""

    @property
    def counts(self) -> bool:
        """Whether the target is one of the M in "meets N of M": not for n/a answers."""
        return not self.not_applicable

    @property
    def met(self) -> bool:
        return self.current is not None and self.current >= self.target

    @property
    def steps_short(self) -> int:
        return 0 if self.met else self.target - (self.current or 0)


def targets_met(checks: Iterable[TargetCheck | None]) -> tuple[int, int]:
    """(N, M) of "meets N of M targets": n/a categories and categories without a target left out."""
    counted = [check for check in checks if check is not None and check.counts]
    return sum(check.met for check in counted), len(counted)


def target_check(
    role: Role | None,
    slug: str,
    *,
    current: int | None,
    not_applicable: bool,
    ratings: list[str],
) -> TargetCheck | None:
    """The check of one category against the role's target there; None without a target."""
    target = None if role is None else rating_on_scale(role.targets.get(slug), top=len(ratings))
    if target is None:
        return None
    return TargetCheck(
        target=target,
        current=current,
        not_applicable=not_applicable,
        label=ratings[target - 1],
    )
