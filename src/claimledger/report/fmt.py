"""Display helpers every rendering shares: dates in words, who-says labels, safe links, and
escaping for Markdown and terminals (HTML escaping is Jinja's autoescape)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .model import Evidence, NumberEntry
from .timeline import period
from .words import words

__all__ = ["date_label", "entry_who", "md", "plain", "safe_url", "who_said"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_URL_CHARS = re.compile(r"[A-Za-z0-9:/?#@!$&'()*+,;=%._~-]+")
"""RFC 3986 characters only: an address with spaces, quotes, angle brackets or backslashes is shown
as text, never linked (it could end an attribute, a Markdown link or a table cell)."""
_SEASON = re.compile(r"^\d{4}-(SP|SU|FA|WI)$")


def plain(text: object) -> str:
    """One line of untrusted text for a terminal or a table cell: control characters (terminal
    escapes, bidi overrides) removed, whitespace runs collapsed."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def md(text: object) -> str:
    """Untrusted text for Markdown: one line, HTML metacharacters as entities (Markdown passes raw
    HTML through), Markdown punctuation backslash-escaped (no links, emphasis, tables or headings)."""
    s = plain(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", s)


def safe_url(url: str | None) -> str | None:
    """The URL when it is plain http(s) with a host, written in URL characters only (safe to link in
    HTML and Markdown), else None (show it as text)."""
    if not url:
        return None
    u = plain(url)
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or not _URL_CHARS.fullmatch(url):
        return None
    return u


def date_label(value: str | None, *, year: bool = True) -> str:
    """ "2024-10-23" -> "23 Oct 2024" ("23 Oct" without year); weeks, months, seasons, quarters in words."""
    p = period(value)
    if value is None or p is None:
        return plain(value) if value else "undated"
    w = words()
    start, _, precision = p
    day = f"{start.day} {w.months[start.month - 1]}" + (f" {start.year}" if year else "")
    if precision == "day":
        return day
    if precision == "week":
        return w.week.format(day=day)
    if precision == "month":
        return f"{w.months[start.month - 1]} {start.year}"
    if precision == "season":
        m = _SEASON.match(value)
        return f"{w.seasons[m[1]] if m else ''} {start.year}".strip()
    if precision == "quarter":
        return w.quarter.format(n=(start.month - 1) // 3 + 1, year=start.year)
    return str(start.year)


def who_said(e: Evidence) -> str:
    """ "Defence Intelligence of Ukraine via Kyodo News" / "Newsweek (own reporting)"."""
    who = e.source or f"{e.outlet or 'unknown outlet'} (own reporting)"
    return who + (" via " + " via ".join(e.via) if e.via else "")


def entry_who(e: NumberEntry, *, year: bool = False) -> str:
    """ "John Kirby, 23 Oct" — who gives a figure and when."""
    who = e.source + (" via " + ", ".join(e.via) if e.via else "")
    return f"{who}, {date_label(e.date, year=year)}" if e.date else who
