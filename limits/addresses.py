"""Who a request comes from, as far as the limits and the audit trail are concerned."""

import ipaddress
from functools import cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def trusted_networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def is_trusted(hop: str, networks: tuple[Network, ...]) -> bool:
    return is_address(hop) and any(ipaddress.ip_address(hop) in net for net in networks)


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, unless DJANGO_TRUSTED_PROXIES says proxies in front add X-Forwarded-For.

    Each proxy appends the address it was reached from, so only the right-hand end of the
    header is theirs; everything to its left is whatever the client chose to send. The client
    is therefore the right-most address that no trusted proxy put there: with a count of N
    proxies, the one N places left of REMOTE_ADDR; with a list, the first one from the right
    that is not on it. Without the setting the header is ignored, so it cannot be forged past
    a limit.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    if not proxies:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [hop.strip() for hop in forwarded.split(",") if hop.strip()] + [remote]
    if isinstance(proxies, int):
        client = chain[max(len(chain) - 1 - proxies, 0)]
    else:
        networks = trusted_networks(proxies)
        client = next((hop for hop in reversed(chain) if not is_trusted(hop, networks)), chain[0])
    # A hop that is not an address was not written by a proxy we trust.
    return client if is_address(client) else remote
