"""HTML pages: main text and metadata with trafilatura (dates with htmldate, its own dependency)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import DocumentRejected

__all__ = ["HtmlExtract", "extract_html"]

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


DATE_PARAMS = {
    "original_date": True,       # the publication date, not the last update
    "extensive_search": False,   # only dates the page declares, not any date in the text
    "min_date": "1990-01-01",
    "max_date": "2099-12-31",    # htmldate's default is *today*: results must not depend on the clock
}


@dataclass(frozen=True, slots=True, kw_only=True)
class HtmlExtract:
    """What a page gives: its main text and the metadata found in it."""

    text: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    dropped: tuple[str, ...] = ()
    """Visible text blocks of the page left out of the main text (menus, share bars, asides)."""


_BLOCKS = frozenset((
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "nav", "header", "footer", "aside", "section",
    "article", "td", "th", "dt", "dd", "blockquote", "figcaption", "caption", "pre", "address", "form",
    "button", "label"))
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "head")
MAX_DROPPED_BLOCKS = 400
"""At most this many dropped blocks are recorded per page (a 20 MB page must not bloat the store);
the count of the rest is recorded in one more entry."""
MAX_SCANNED_BLOCKS = 20_000
"""Blocks compared with the main text per page; beyond this a page is not news (bounded work)."""
_WS = re.compile(r"\s+")


def dropped_blocks(html: str, main_text: str) -> tuple[str, ...]:
    """Visible text blocks of ``html`` that are not part of ``main_text``: what extraction removed."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ()
    for bad in list(root.iter(*_INVISIBLE)):
        if bad.getparent() is not None:
            bad.drop_tree()
    main = _WS.sub(" ", main_text)
    out: list[str] = []
    seen: set[str] = set()
    extra = 0
    for n, el in enumerate(root.iter(*_BLOCKS)):
        if n >= MAX_SCANNED_BLOCKS:
            out.append(f"[page has more than {MAX_SCANNED_BLOCKS} blocks; the rest were not compared]")
            break
        if any(child.tag in _BLOCKS for child in el.iterdescendants()):
            continue
        block = _WS.sub(" ", el.text_content()).strip()
        if not block or block in seen or block in main:
            continue
        seen.add(block)
        if len(out) < MAX_DROPPED_BLOCKS:
            out.append(block)
        else:
            extra += 1
    if extra:
        out.append(f"[{extra} more blocks outside the main text not listed]")
    return tuple(out)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB, if any."""
    m = _DECLARED.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def extract_html(html: str, name: str, *, url: str | None = None) -> HtmlExtract:
    """Main text (paragraphs as lines) and metadata of one page.

    Raises :class:`DocumentRejected` when no main text can be found.
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            # tables kept: on trafilatura's English evaluation set they raise segment recall
            # .941 -> .960 for one more leaked segment (eval/README.html.md)
            include_tables=True,
            include_images=False,
            deduplicate=False,
            date_extraction_params=DATE_PARAMS,
        )
    except (ValueError, TypeError, AttributeError) as e:  # lxml raises these on hopeless markup
        reason = f"HTML could not be parsed ({type(e).__name__}: {e})"
        raise DocumentRejected(name, reason, stage="parse") from e
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise DocumentRejected(name, "HTML page has no main text (trafilatura found none)", stage="parse")
    published = getattr(doc, "date", None)
    title = getattr(doc, "title", None)
    outlet = getattr(doc, "sitename", None) or None
    return HtmlExtract(
        text=text,
        title=title.strip() if title else None,
        outlet=outlet.strip() if outlet else None,
        published=published[:10] if published else None,
        url=getattr(doc, "url", None) or url,
        dropped=dropped_blocks(html, text),
    )
