"""The client's address as the operator's network sees it.

Behind nginx every request comes from the proxy's address, so the real one is in a header the
proxy sets (X-Forwarded-For by default). That header is believed only when the request comes
from an address listed in GONGKAI_TRUSTED_PROXIES; anyone else could write it themselves. Of a
chain of forwarded addresses, the right-most one not belonging to a trusted proxy is taken: the
ones to its left were written by the client and prove nothing.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

UNKNOWN = "unknown"


@lru_cache(maxsize=8)
def _networks(
    proxies: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":")[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def is_trusted_proxy(address: str) -> bool:
    parsed = _parse(address)
    if parsed is None:
        return False
    return any(parsed in net for net in _networks(tuple(settings.GONGKAI_TRUSTED_PROXIES)))


def from_trusted_proxy(request) -> bool:
    return is_trusted_proxy(request.META.get("REMOTE_ADDR", ""))


def client_address(request) -> str:
    """The client's IP address as text ("unknown" when there is none)."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not from_trusted_proxy(request):
        return str(_parse(remote) or remote or UNKNOWN)
    header = request.headers.get(settings.GONGKAI_PROXY_ADDRESS_HEADER, "")
    for part in reversed([p for p in header.split(",") if p.strip()]):
        parsed = _parse(part)
        if parsed is None:
            break  # garbage in the chain: stop believing it, fall back to the last good hop
        if not is_trusted_proxy(str(parsed)):
            return str(parsed)
        remote = str(parsed)
    return str(_parse(remote) or remote or UNKNOWN)
