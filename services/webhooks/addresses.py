"""Where a webhook may be sent: the SSRF rule.

In production (`CREDITS_ENV=production`) an endpoint must be `https://` and its host must
resolve ONLY to public addresses: no private, loopback, link-local (169.254.169.254, the cloud
metadata service), unique-local, multicast, reserved or unspecified address, nor an IPv6 address
that embeds one (IPv4-mapped, 6to4, Teredo). A literal IP is judged the same way. In development
`http://` and local addresses are allowed, so `http://127.0.0.1:<port>` works.

The rule is checked when an endpoint is created and again before every send, because DNS can
change (a name that resolved to a public address at creation may point at 10.0.0.1 later). The
sender then connects to the address it checked (`Target.address`), never to a second resolution
of the name: there is no window between check and connect. Redirects are not followed.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from services.errors import ValidationFailed

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
MAX_URL = 2048
# A resolver that hangs must not hold a mutation or a sender pass for long.
RESOLVE_TIMEOUT_SECONDS = 3.0


class RefusedAddress(Exception):
    """The URL may not be called (bad form, or a non-public address in production)."""


@dataclass(frozen=True, slots=True)
class Policy:
    require_https: bool
    require_public: bool

    @classmethod
    def for_environment(cls, *, production: bool) -> Policy:
        return cls(require_https=production, require_public=production)


@dataclass(frozen=True, slots=True)
class Target:
    """A checked URL and the address to connect to for it."""

    url: str
    scheme: str
    host: str
    port: int
    address: IPAddress


def is_public(address: IPAddress) -> bool:
    """Whether `address` is reachable on the public internet and nothing else (stdlib flags)."""
    if isinstance(address, ipaddress.IPv6Address):
        # An IPv6 form of an IPv4 address reaches that IPv4 address: judge the embedded one.
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo or (None, None))[1]
        if embedded is not None and not is_public(embedded):
            return False
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or (isinstance(address, ipaddress.IPv6Address) and address.is_site_local)
    )


async def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to (tests replace this function to fake DNS)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]


def parse_url(url: str, policy: Policy) -> tuple[str, str, int]:
    """(scheme, host, port) of a well-formed webhook URL, or RefusedAddress saying why not."""
    if len(url) > MAX_URL:
        raise RefusedAddress(f"url must be at most {MAX_URL} characters.")
    if not url.isprintable() or any(char.isspace() for char in url):
        raise RefusedAddress("url must not contain spaces or control characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise RefusedAddress("url is not a valid URL.") from None
    scheme = parts.scheme.lower()
    allowed = ("https",) if policy.require_https else ("http", "https")
    if scheme not in allowed:
        raise RefusedAddress(
            "url must start with https://." if policy.require_https else "url must be http(s)://."
        )
    if not parts.hostname:
        raise RefusedAddress("url must name a host.")
    if parts.username is not None or parts.password is not None:
        raise RefusedAddress("url must not carry credentials; receivers check the signature.")
    if parts.fragment:
        raise RefusedAddress("url must not have a #fragment.")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80)


async def check(url: str, policy: Policy) -> Target:
    """The URL checked against the policy, with the (checked) address to connect to."""
    scheme, host, port = parse_url(url, policy)
    try:
        addresses: list[IPAddress] = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            async with asyncio.timeout(RESOLVE_TIMEOUT_SECONDS):
                addresses = await resolve(host, port)
        except (OSError, UnicodeError, TimeoutError) as error:
            raise RefusedAddress(f"url's host {host} does not resolve ({error}).") from None
    if not addresses:
        raise RefusedAddress(f"url's host {host} does not resolve.")
    if policy.require_public:
        refused = sorted({str(address) for address in addresses if not is_public(address)})
        if refused:
            raise RefusedAddress(
                f"url's host {host} resolves to a non-public address ({', '.join(refused)}); "
                "only public addresses are allowed."
            )
    return Target(url=url, scheme=scheme, host=host, port=port, address=addresses[0])


async def check_new_endpoint(url: str, policy: Policy) -> str:
    """`check` for a URL a tenant submits: a refusal is a ValidationFailed on `url`."""
    try:
        await check(url, policy)
    except RefusedAddress as error:
        raise ValidationFailed("url", str(error)) from None
    return url
