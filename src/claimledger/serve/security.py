"""The web app's defences, as one ASGI middleware and a few helpers.

* **Where it listens** (:func:`check_bind`): 127.0.0.1 by default; any other address only with a
  token, else the server refuses to start.
* **Who may ask** (token): with a token, every request but the login page and static files needs
  either ``Authorization: Bearer <token>`` or the session cookie the login form sets (HttpOnly,
  SameSite=Strict, holding an HMAC of the token, never the token).
* **Host header**: without a token only loopback host names are answered, so a web page that
  rebinds its own name to 127.0.0.1 (DNS rebinding) gets 421, not the ledger.
* **Cross-site requests**: every POST, PUT, PATCH and DELETE must come from this origin
  (``Sec-Fetch-Site`` same-origin/none and, when sent, ``Origin`` equal to the app's) and carry the
  CSRF token (form field ``csrf_token`` or header ``X-CSRF-Token``) equal to the ``cl_csrf`` cookie
  (double submit; the cookie is SameSite=Strict). Requests authenticated by an ``Authorization``
  header are exempt (a browser cannot send one cross-site).
* **Size**: a request body larger than its limit is refused with 413 while it is read (uploads:
  the ``max_input_bytes`` setting; anything else: :data:`MAX_FORM_BYTES`).
* **Headers** on every response: a Content-Security-Policy that allows scripts and styles from
  this origin only (no inline script, no eval, nothing from elsewhere), no framing, no referrer sent to other sites,
  ``nosniff``.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from ..errors import ConfigError

__all__ = ["AUTH_COOKIE", "CSP", "CSRF_COOKIE", "MAX_FORM_BYTES", "SecurityMiddleware", "check_bind",
           "is_loopback", "session_value"]

CSRF_COOKIE = "cl_csrf"
AUTH_COOKIE = "cl_session"
MAX_FORM_BYTES = 64 * 1024
"""Largest body of a request that is not an upload (override forms, JSON): a note of 4,000 characters
is under 16 KB even fully percent-encoded."""
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
PUBLIC_PREFIXES = ("/static/", "/login", "/favicon.ico")
UPLOAD_PATHS = ("/ingest", "/api/ingest")

CYTOSCAPE_STYLE_HASH = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"
"""The one ``<style>`` element Cytoscape.js 3.34.4 adds to the page (its container rule), allowed by
hash so that no other inline style is; Chromium printed this hash when it blocked it."""
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' " + CYTOSCAPE_STYLE_HASH + "; "
       "img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def is_loopback(host: str) -> bool:
    h = host.strip("[]")
    if h == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen anywhere but loopback without a token (:class:`ConfigError`)."""
    if not is_loopback(host) and not token:
        raise ConfigError(f"refusing to listen on {host} without a token: anyone who can reach it could read and "
                          "change the ledger; give --token (or CLAIMLEDGER_TOKEN), or listen on 127.0.0.1")
    if token is not None and len(token) < 16:
        raise ConfigError("the token is too short: use at least 16 characters (e.g. `openssl rand -hex 16`)")


def session_value(token: str) -> str:
    """What the session cookie holds: an HMAC of the token, so the cookie never carries the token."""
    return hmac.new(token.encode(), b"claimledger-session", hashlib.sha256).hexdigest()


def _eq(a: str, b: str) -> bool:
    """Constant-time comparison of two header or cookie values (any characters)."""
    return hmac.compare_digest(a.encode("utf-8", "replace"), b.encode("utf-8", "replace"))


def _host_name(host: str) -> str:
    """The name in a Host header, without the port: "127.0.0.1", "localhost", "[::1]"."""
    h = host.strip().lower()
    if h.startswith("["):
        return h.split("]", 1)[0] + "]"
    return h.rsplit(":", 1)[0]


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _cookies(headers: dict[str, str]) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except CookieError:  # a malformed Cookie header is the client's problem: treat it as none
        return {}
    return {k: m.value for k, m in jar.items()}


async def _plain(send: Send, status: int, text: str, *, json_body: bool = False,
                 extra: Sequence[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"detail": text}).encode() if json_body else text.encode()
    ctype = b"application/json" if json_body else b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode()), *HEADERS,
                            *extra]})
    await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


async def _read_all(receive: Receive, limit: int) -> bytes:
    chunks: list[bytes] = []
    seen = 0
    while True:
        msg = await receive()
        if msg["type"] != "http.request":
            break
        chunk = msg.get("body", b"")
        seen += len(chunk)
        if seen > limit:
            raise _TooLarge
        chunks.append(chunk)
        if not msg.get("more_body"):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    """A ``receive`` that hands the app the body the middleware read, then waits for disconnect."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


def _form_token(ctype: str, body: bytes) -> str:
    """The ``csrf_token`` field of an urlencoded or multipart form body ("" when absent)."""
    if ctype.startswith("application/x-www-form-urlencoded"):
        return parse_qs(body.decode("utf-8", "replace")).get("csrf_token", [""])[0]
    if ctype.startswith("multipart/form-data"):
        marker = b'name="csrf_token"\r\n\r\n'
        i = body.find(marker)
        if i >= 0:
            j = body.find(b"\r\n", i + len(marker))
            return body[i + len(marker):j].decode("ascii", "replace")
    return ""


class SecurityMiddleware:
    """See the module docstring. ``allowed_hosts`` None: loopback names only (without a token) or any."""

    def __init__(self, app: ASGIApp, *, token: str | None, max_upload_bytes: int,
                 allowed_hosts: Sequence[str] | None = None) -> None:
        self.app = app
        self.token = token
        self.session = session_value(token) if token else None
        self.max_upload = max_upload_bytes
        self.hosts = frozenset(h.lower() for h in allowed_hosts) if allowed_hosts is not None else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        path: str = scope.get("path", "")
        api = path.startswith("/api/")
        if not self._host_ok(_host_name(headers.get("host", ""))):
            await _plain(send, 421, "unknown host name", json_body=api)
            return
        cookies = _cookies(headers)
        bearer = headers.get("authorization", "")
        by_header = bool(self.token) and _eq(bearer, f"Bearer {self.token}")
        authed = not self.token or by_header or _eq(cookies.get(AUTH_COOKIE, ""), self.session or "")
        if not authed and not path.startswith(PUBLIC_PREFIXES):
            if api or scope["method"] != "GET":
                await _plain(send, 401, "a token is needed: Authorization: Bearer <token>", json_body=True)
            else:
                await send({"type": "http.response.start", "status": 303,
                            "headers": [(b"location", b"/login"), (b"content-length", b"0"), *HEADERS]})
                await send({"type": "http.response.body", "body": b""})
            return
        csrf = cookies.get(CSRF_COOKIE) or ""
        new_csrf = "" if csrf else secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf"] = csrf or new_csrf
        limit = self.max_upload if path in UPLOAD_PATHS else MAX_FORM_BYTES
        if scope["method"] in UNSAFE:
            try:
                if int(headers.get("content-length") or 0) > limit:
                    raise _TooLarge
                body = await _read_all(receive, limit)
            except (_TooLarge, ValueError):
                await _plain(send, 413, f"request too large (limit {limit:,} bytes)", json_body=api)
                return
            receive = _replay(body)
            if not by_header:
                if not self._same_origin(headers, scope):
                    await _plain(send, 403, "cross-site request refused", json_body=api)
                    return
                sent = headers.get("x-csrf-token") or _form_token(headers.get("content-type", ""), body)
                if not csrf or not _eq(sent, csrf):
                    await _plain(send, 403, "missing or wrong CSRF token: reload the page and try again",
                                 json_body=api)
                    return
        await self._call(scope, receive, send, new_csrf)

    def _host_ok(self, host: str) -> bool:
        if self.hosts is not None:
            return host in self.hosts
        return bool(self.token) or host in LOOPBACK_NAMES

    @staticmethod
    def _same_origin(headers: dict[str, str], scope: Scope) -> bool:
        site = headers.get("sec-fetch-site")
        if site is not None and site not in ("same-origin", "none"):
            return False
        origin = headers.get("origin")
        if origin is None or (origin == "null" and site == "same-origin"):
            return True  # no Origin (older clients), or hidden by a referrer policy: the CSRF token decides
        scheme = scope.get("scheme", "http")
        return origin == f"{scheme}://{headers.get('host', '')}"

    async def _call(self, scope: Scope, receive: Receive, send: Send, new_csrf: str) -> None:
        async def wrapped(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                extra = list(HEADERS)
                if new_csrf:
                    extra.append((b"set-cookie", f"{CSRF_COOKIE}={new_csrf}; Path=/; HttpOnly; SameSite=Strict"
                                  .encode()))
                names = {k.lower() for k, _ in msg.get("headers", [])}
                msg["headers"] = [*msg.get("headers", []), *(h for h in extra if h[0] not in names
                                                            or h[0] == b"set-cookie")]
            await send(msg)

        await self.app(scope, receive, wrapped)
