"""How often one client may do something: a fixed number of turns in any window of time.

A rate of N per window is N turns, each a key in the "limits" cache that lives for exactly
one window after it is taken. Taking a turn is an atomic `add` of a free one, so at most N
actions succeed in any window, across every worker and app server that shares the cache
(Redis, or the database table limits.models.CounterCacheEntry), and a refusal costs one read.
"""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from limits.addresses import client_address

LIMITS_CACHE = "limits"


class RateLimited(Exception):
    """Raised by take_a_turn; assessor.middleware.RateLimitedMiddleware answers it with 429."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Too many requests; try again in {retry_after} s")
        self.retry_after = retry_after


def take_a_turn(*, scope: str, key: str, rate: tuple[int, int] | None) -> None:
    """Take one of the `rate` (count, seconds) turns of `key` in `scope`, or raise RateLimited.

    A rate of None means no limit.
    """
    if rate is None:
        return
    count, window = rate
    # Hashed, so any key (an address, an invitation token) is a valid cache key and none is
    # stored as it was given.
    base = f"limit:{scope}:{hashlib.sha256(key.encode()).hexdigest()}"
    turns = [f"{base}:{turn}" for turn in range(count)]
    taken = caches[LIMITS_CACHE].get_many(turns)
    now = time.time()
    for turn in turns:
        if turn not in taken and caches[LIMITS_CACHE].add(turn, now + window, timeout=window):
            return
    # Another request may have taken the last free turn in between: it frees within a window.
    next_free = min(taken.values(), default=now + window)
    raise RateLimited(retry_after=max(math.ceil(next_free - now), 1))


def take_a_submission_turn(request: HttpRequest) -> None:
    """One answer through the public form, counted per client address (ASSESSOR_SUBMIT_RATE)."""
    take_a_turn(scope="submit", key=client_address(request), rate=settings.SUBMIT_RATE)


def take_an_invitation_turn(token: str) -> None:
    """One answer through a personal invitation link (/i/<token>/), counted per token at the
    same rate: whoever holds the link is one person, wherever they answer from."""
    take_a_turn(scope="invitation", key=token, rate=settings.SUBMIT_RATE)


# Each "Send again" emails an address a manager typed: at most this often for one invitation,
# so the site cannot be made to flood a mailbox.
SEND_AGAIN_RATE = (3, 60 * 60)


def take_a_send_again_turn(invitation_id: int) -> None:
    """One more email of one invitation, sent again from its round's page (SEND_AGAIN_RATE)."""
    take_a_turn(scope="send-again", key=str(invitation_id), rate=SEND_AGAIN_RATE)


def too_many_requests(request: HttpRequest, limited: RateLimited) -> HttpResponse:
    response = render(
        request,
        "limits/too_many_requests.html",
        {"retry_after_minutes": math.ceil(limited.retry_after / 60)},
        status=429,
    )
    response["Retry-After"] = str(limited.retry_after)
    return response
