"""The HTML briefing: self-contained (nothing fetched), everything escaped, deterministic, printable,
and it shows what the issue asks for (numbers panel, timeline, source graph)."""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from typing import Any

from claimledger.report.html import render_html
from claimledger.report.model import build_briefing

from .test_report_model import small_ledger

PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{ 7*7 }}", "{% raw %}",
            "javascript:alert(1)"]
HOSTILE = " ".join(PAYLOADS)
URL_ATTRS = {"href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "data", "style", "background",
             "marker-end", "fill", "filter", "mask", "clip-path"}


def hostile_ledger() -> dict[str, Any]:
    """small_ledger with attacker text in every string an article can set."""
    led = copy.deepcopy(small_ledger())
    led["story"] = {"id": "st_1", "title": HOSTILE}
    for d in led["documents"]:
        d["title"], d["outlet"] = HOSTILE, d["outlet"] + HOSTILE
    led["documents"][0]["url"] = "javascript:alert(1)"
    led["documents"][1]["url"] = 'https://example.org/"><script>alert(1)</script>'
    for s in led["sources"]:
        s["name"] += HOSTILE
        s["affiliation"] = HOSTILE
    for c in led["claims"]:
        c["text"] += HOSTILE
        c["hedges"] = [HOSTILE]
        for q in c["quantities"]:
            if q["qualifier"] == "vague":
                q["text"] = HOSTILE
    for p in led["propositions"]:
        p["label"] += HOSTILE
        p["explanation"] = HOSTILE
    for r in led["relations"]:
        r["reason"] = HOSTILE
    for e in led["timeline"]:
        e["summary"] = HOSTILE
    return led


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data


def parse(html: str) -> Tags:
    t = Tags()
    t.feed(html)
    return t


def assert_self_contained_and_inert(html: str) -> None:
    t = parse(html)
    names = {tag for tag, _ in t.tags}
    assert not names & {"script", "img", "iframe", "object", "embed", "link", "base", "form", "frame"}, names
    for tag, attrs in t.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert "src" not in attrs and "srcset" not in attrs, (tag, attrs)
        href = attrs.get("href")
        if href is not None:
            if href.startswith("#"):
                continue
            assert re.match(r"https?://[^\s\"'<>]+$", href), href  # an article address, nothing else
            assert attrs.get("rel") == "noopener noreferrer", attrs
        for k, v in attrs.items():  # text attributes (title) may quote anything, escaped; URL ones may not
            if k in URL_ATTRS:
                assert "javascript:" not in (v or "").lower(), (tag, attrs)
                assert not re.search(r"url\((?!#)", v or ""), (tag, attrs)
    assert "@import" not in t.style and not re.search(r"url\((?!#)", t.style)
    assert not re.search(r"https?://", t.style)
    assert not re.search(r"<\s*script", html, re.I) and not re.search(r"<\s*img", html, re.I)


def test_seedlike_briefing_shows_numbers_timeline_and_graph() -> None:
    html = render_html(build_briefing(small_ledger(), story_id="st_1"))
    assert_self_contained_and_inert(html)
    t = parse(html)
    ids = {a.get("id") for _, a in t.tags}
    assert {"judgements", "numbers", "contested", "changes", "timeline", "graph", "sources"} <= ids
    numbers = html.split('id="numbers"')[1].split("</section>")[0]
    for figure in ("≥3,000", "12,000", "2×6,000", "several thousand"):
        assert f"<b>{figure}</b>" in numbers
    assert "U.S. government, 23 Oct" in numbers and "Volodymyr Zelensky, 22 Oct" in numbers
    timeline = html.split('id="timeline"')[1].split("</section>")[0]
    assert "<svg" in timeline and "22 Oct" in timeline and "24 Oct" in timeline
    graph = html.split('id="graph"')[1].split("</section>")[0]
    assert all(x in graph for x in ("origins", "relays (via)", "outlets", "Kyodo News", "Courier"))
    assert html.index('id="judgements"') < html.index('id="numbers"') < html.index('id="timeline"')
    assert "C2" in html and "@media print" in html
    assert '<a href="https://planet.example/a" rel="noopener noreferrer">' in html


def test_every_text_is_escaped_and_nothing_runs() -> None:
    html = render_html(build_briefing(hostile_ledger(), story_id="st_1"))
    assert_self_contained_and_inert(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html and "{% raw %}" in html  # shown as text, never evaluated
    assert ">49<" not in html and " 49 " not in html
    assert "onerror=alert(1)&gt;" in html  # the attribute-breaking quote stayed text
    assert "javascript:alert(1)" in html  # the hostile address appears as text only


def test_output_is_deterministic_except_the_generated_line() -> None:
    a_ledger, b_ledger = small_ledger(), small_ledger()
    b_ledger["generated_at"] = "2030-01-01T00:00:00+00:00"
    a = render_html(build_briefing(a_ledger, story_id="st_1"))
    b = render_html(build_briefing(b_ledger, story_id="st_1"))
    assert a == render_html(build_briefing(small_ledger(), story_id="st_1"))
    diff = [(x, y) for x, y in zip(a.splitlines(), b.splitlines(), strict=True) if x != y]
    assert len(diff) == 1 and "Generated" in diff[0][0]


def test_empty_briefing_renders() -> None:
    html = render_html(build_briefing({"documents": [], "sources": [], "claims": [], "propositions": [],
                                       "relations": []}, story_id=None))
    assert_self_contained_and_inert(html)
    assert "No dated statements" in html and "No propositions" in html
