"""Where phones can reach the laptop: its private-network addresses, and the join page's URL."""

from __future__ import annotations

import ipaddress

ANY_ADDRESS = "0.0.0.0"


def join_addresses(host: str) -> list[str]:
    """The addresses phones can reach: for every interface, its private-network addresses."""
    if host not in (ANY_ADDRESS, "", "::"):
        return [host]
    import ifaddr

    found = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if not ip.is_IPv4 or not isinstance(ip.ip, str):
                continue
            address = ipaddress.ip_address(ip.ip)
            if address.is_private and not address.is_loopback and not address.is_link_local:
                found.append(ip.ip)
    return sorted(set(found)) or ["127.0.0.1"]


def join_url(host: str, port: int, code: str) -> str:
    """The phone page of the room with this code, at host:port."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/r/{code}/"
