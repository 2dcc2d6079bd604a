"""Metadata given with an input: dates, outlets, overrides."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..errors import ManifestError

__all__ = ["Metadata", "parse_date"]

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: Any, name: str) -> str | None:
    """A publication date as ``YYYY-MM-DD`` (None for empty). Accepts ISO dates and datetimes,
    RFC 2822 (feeds) and common written forms; raises :class:`ManifestError` otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    s = str(value).strip()
    m = _ISO.match(s)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError as e:
            raise ManifestError(name, f"invalid date {s!r}: {e}") from e
    try:
        from email.utils import parsedate_to_datetime

        return str(parsedate_to_datetime(s).date().isoformat())
    except (TypeError, ValueError, IndexError):
        pass
    from dateutil import parser as du

    if not re.search(r"\b\d{4}\b", s):
        raise ManifestError(name, f"invalid date {s!r}: no year (a publication date needs one)")
    try:
        parsed: dt.datetime = du.parse(s, default=dt.datetime(2000, 1, 1))  # never today's date
    except (ValueError, OverflowError) as e:
        raise ManifestError(name, f"invalid date {s!r}") from e
    return parsed.date().isoformat()


@dataclass(frozen=True, slots=True, kw_only=True)
class Metadata:
    """Metadata given from outside the document (command line, manifest line); None = not given."""

    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None

    def over(self, other: Metadata) -> Metadata:
        """These values where given, else ``other``'s."""
        return Metadata(
            outlet=self.outlet or other.outlet,
            published=self.published or other.published,
            title=self.title or other.title,
            url=self.url or other.url,
        )

    @staticmethod
    def from_record(rec: dict[str, Any], name: str) -> Metadata:
        def s(*keys: str) -> str | None:
            for k in keys:
                v = rec.get(k)
                if v is not None and str(v).strip():
                    return str(v).strip()
            return None

        return Metadata(
            outlet=s("outlet", "source", "publisher", "site_name", "sitename"),
            published=parse_date(s("published", "date", "published_at", "publish_date"), name),
            title=s("title", "headline"),
            url=s("url", "link"),
        )
