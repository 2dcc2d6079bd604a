"""Fetching URLs safely: timeouts, a size cap, limited redirects, and no private addresses.

Every hop of a redirect chain is resolved and checked before it is requested: a public URL that
redirects to ``http://127.0.0.1/`` or ``http://169.254.169.254/`` is refused unless the setting
``allow_private_addresses`` is on.  (Residual risk, documented in docs/security.md: a host name
whose DNS answer changes between our check and httpx's own lookup.)
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import AddressNotAllowed, ConfigError, FetchError
from ..settings import Settings

__all__ = ["Fetched", "check_address", "fetch"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Fetched:
    """A fetched HTTP body."""

    url: str
    """The final URL after redirects."""
    content_type: str
    charset: str | None
    data: bytes


def _blocked(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return _blocked(ip.ipv4_mapped)
    return bool(
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved
        or ip.is_multicast or ip.is_unspecified
    )


def _allowed_networks(spec: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    nets = []
    for part in spec.split(","):
        if part.strip():
            try:
                nets.append(ipaddress.ip_network(part.strip(), strict=False))
            except ValueError as e:
                raise ConfigError(f"setting allowed_networks: {part.strip()!r} is not a network: {e}") from e
    return nets


def check_address(url: str, name: str, settings: Settings) -> None:
    """Refuse URLs that are not http(s) or whose host resolves to a non-public address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(name, f"only http and https URLs are fetched, not {parts.scheme or 'no scheme'!r}")
    host = parts.hostname
    if not host:
        raise FetchError(name, f"URL has no host: {url}")
    if settings.allow_private_addresses:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except OSError as e:
        raise FetchError(name, f"cannot resolve host {host!r}: {e}") from e
    allowed = _allowed_networks(settings.allowed_networks)
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if _blocked(ip) and not any(ip in net for net in allowed):
            raise AddressNotAllowed(
                name,
                f"{url} resolves to a private or local address ({ip}); "
                "set allow_private_addresses to fetch from the local network",
            )


def fetch(url: str, *, settings: Settings, name: str | None = None) -> Fetched:
    """GET ``url`` following at most ``settings.max_redirects`` checked redirects; the body is
    streamed and abandoned past ``settings.max_input_bytes``."""
    name = name or url
    timeout = httpx.Timeout(settings.fetch_timeout)
    headers = {"User-Agent": settings.user_agent,
               "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"}
    current = url
    with httpx.Client(timeout=timeout, follow_redirects=False, headers=headers, trust_env=False) as client:
        for _hop in range(settings.max_redirects + 1):
            check_address(current, name, settings)
            try:
                with client.stream("GET", current) as resp:
                    if resp.is_redirect:
                        location = resp.headers.get("location")
                        if not location:
                            raise FetchError(name, f"HTTP {resp.status_code} redirect without a Location header")
                        current = urljoin(current, location)
                        continue
                    if resp.status_code >= 400:
                        raise FetchError(name, f"HTTP {resp.status_code} {resp.reason_phrase} from {current}")
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > settings.max_input_bytes:
                        raise FetchError(name, f"too large: {int(declared):,} bytes > max_input_bytes "
                                               f"{settings.max_input_bytes:,}")
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > settings.max_input_bytes:
                            raise FetchError(name, f"too large: more than max_input_bytes "
                                                   f"{settings.max_input_bytes:,} bytes")
                        chunks.append(chunk)
                    ctype = resp.headers.get("content-type", "")
                    return Fetched(url=str(resp.url), content_type=ctype.split(";")[0].strip().lower(),
                                   charset=resp.charset_encoding, data=b"".join(chunks))
            except httpx.TimeoutException as e:
                raise FetchError(name, f"timed out after {settings.fetch_timeout:g} s ({type(e).__name__})") from e
            except httpx.HTTPError as e:
                raise FetchError(name, f"{type(e).__name__}: {e}") from e
        raise FetchError(name, f"more than {settings.max_redirects} redirects")
