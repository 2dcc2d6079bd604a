"""HTML pages: main text and metadata with trafilatura (dates with htmldate, its own dependency)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import DocumentRejected

__all__ = ["HtmlExtract", "extract_html"]

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


@dataclass(frozen=True, slots=True, kw_only=True)
class HtmlExtract:
    """What a page gives: its main text and the metadata found in it."""

    text: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB, if any."""
    m = _DECLARED.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def extract_html(html: str, name: str, *, url: str | None = None) -> HtmlExtract:
    """Main text (paragraphs as lines) and metadata of one page.

    Raises :class:`DocumentRejected` when no main text can be found.
    """
    import trafilatura
    from htmldate import find_date

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            deduplicate=False,
        )
    except (ValueError, TypeError, AttributeError) as e:  # lxml raises these on hopeless markup
        raise DocumentRejected(name, f"HTML could not be parsed ({type(e).__name__}: {e})", stage="parse") from e
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise DocumentRejected(name, "HTML page has no main text (trafilatura found none)", stage="parse")
    published = getattr(doc, "date", None)
    if not published:
        try:
            published = find_date(html, original_date=True, extensive_search=False, url=url)
        except (ValueError, TypeError):
            published = None
    title = getattr(doc, "title", None)
    outlet = getattr(doc, "sitename", None) or None
    return HtmlExtract(
        text=text,
        title=title.strip() if title else None,
        outlet=outlet.strip() if outlet else None,
        published=published[:10] if published else None,
        url=getattr(doc, "url", None) or url,
    )
