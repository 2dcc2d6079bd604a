"""URLs: a page becomes a document; an RSS/Atom feed becomes one document per entry."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from ..errors import FetchError, InputError
from ..settings import Settings
from .fetch import Fetched, fetch
from .meta import Metadata, parse_date
from .readers import Item, read_html, read_text

__all__ = ["read_url"]

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
               "text/xml", "application/feed+json")

MIN_FEED_CONTENT_CHARS = 500
"""Entry content (content:encoded) at least this long is taken as the article itself, saving a
fetch; shorter content is a teaser and the entry's link is fetched instead."""


def _looks_like_feed(f: Fetched) -> bool:
    if f.content_type in _FEED_TYPES:
        return True
    head = f.data[:512].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in f.data[:2048].lower() or b"<feed" in f.data[:2048].lower())


def read_url(url: str, *, name: str, meta: Metadata, settings: Settings, feeds: bool = True) -> Iterator[Item]:
    """A page, or (when ``feeds``) a feed's entries; an entry's link is never read as another feed."""
    try:
        fetched = fetch(url, settings=settings, name=name)
    except InputError as e:
        yield e
        return
    if _looks_like_feed(fetched):
        if not feeds:
            yield FetchError(name, "a feed entry links to another feed; not followed", stage="parse")
            return
        yield from _read_feed(fetched, name=name, meta=meta, settings=settings)
        return
    page_meta = meta.over(Metadata(url=fetched.url))
    try:
        if fetched.content_type.startswith("text/plain"):
            yield read_text(fetched.data, name=name, key=fetched.url, meta=page_meta)
        else:
            yield read_html(fetched.data, name=name, key=fetched.url, meta=page_meta, url=fetched.url,
                            charset=fetched.charset)
    except InputError as e:
        yield e


def _entry_date(entry: Any, name: str) -> str | None:
    for attr in ("published_parsed", "updated_parsed"):
        t = entry.get(attr)
        if t:
            return time.strftime("%Y-%m-%d", t)
    raw = entry.get("published") or entry.get("updated")
    try:
        return parse_date(raw, name) if raw else None
    except InputError:
        return None


def _read_feed(fetched: Fetched, *, name: str, meta: Metadata, settings: Settings) -> Iterator[Item]:
    import feedparser

    parsed = feedparser.parse(fetched.data)
    if parsed.bozo and not parsed.entries:
        yield FetchError(name, f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}", stage="parse")
        return
    feed_title = parsed.feed.get("title") or None
    entries = parsed.entries
    for i, entry in enumerate(entries[: settings.feed_max_entries]):
        link = entry.get("link")
        ename = f"{name} entry {i + 1}" + (f" ({link})" if link else "")
        emeta = meta.over(Metadata(outlet=feed_title, published=_entry_date(entry, ename),
                                   title=entry.get("title"), url=link))
        content = entry.get("content") or []
        html = content[0].get("value", "") if content else ""
        try:
            if len(html) >= MIN_FEED_CONTENT_CHARS:
                page = html if "<html" in html[:500].lower() else f"<html><body><article>{html}</article></body></html>"
                yield read_html(page, name=ename, key=link or f"{fetched.url}#{i + 1}", meta=emeta, url=link)
            elif link:
                yield from read_url(link, name=ename, meta=emeta, settings=settings, feeds=False)
            else:
                yield FetchError(ename, "entry has neither full content nor a link", stage="parse")
        except InputError as e:
            yield e
    if len(entries) > settings.feed_max_entries:
        yield FetchError(name, f"feed has {len(entries)} entries; only the first {settings.feed_max_entries} "
                               "were taken (setting feed_max_entries)", stage="parse")
