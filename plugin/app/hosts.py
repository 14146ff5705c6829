"""Which Host and Origin headers name this server: loopback only, our port only, spelled exactly.

Against DNS rebinding a name must be one that can never point elsewhere: `localhost`, or an
IP literal on the loopback network (127.0.0.0/8, ::1, and ::ffff:127.0.0.1, the IPv4 form
inside IPv6, in any spelling Python's ipaddress accepts: [0:0:0:0:0:0:0:1] is ::1). Anything
else is refused, also what a browser would never send: user info (`x@127.0.0.1`), a trailing
dot (`localhost.`, another name to cookies and to us), shortened or numeric IPv4 forms
(`127.1`, `2130706433`), a path, spaces or a broken bracket.
"""

from __future__ import annotations

import ipaddress
import re

_HOST = re.compile(r"(?P<name>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(?P<port>[0-9]{1,5}))?")
_ORIGIN = re.compile(r"(?P<scheme>https?)://(?P<host>[^/?#@\s]+)/?")


def is_loopback_name(name: str) -> bool:
    name = name.lower()
    if name == "localhost":
        return True
    if name.startswith("["):
        name = name[1:-1]
    elif ":" in name or not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{1,3}){3}", name):
        return False   # not a name we serve, nor a full dotted IPv4 address
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def _split(host: str) -> tuple[str, int | None] | None:
    match = _HOST.fullmatch(host)
    if match is None:
        return None
    port = int(match["port"]) if match["port"] else None
    if port is not None and not 0 < port < 65536:
        return None
    return match["name"], port


def host_allowed(host_header: str, port: int) -> bool:
    """Only loopback names, and only with our own port (or none, for the default port)."""
    parts = _split(host_header or "")
    return parts is not None and is_loopback_name(parts[0]) and parts[1] in (port, None)


def origin_allowed(origin: str, port: int) -> bool:
    """An Origin of this server (http or https, loopback, our port); `null` and all else refused."""
    match = _ORIGIN.fullmatch(origin or "")
    parts = _split(match["host"]) if match else None
    if parts is None or not is_loopback_name(parts[0]):
        return False
    default = 443 if match["scheme"] == "https" else 80
    return (parts[1] or default) == port
