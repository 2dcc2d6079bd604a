"""The Markdown briefing and the terminal summary: same judgements and numbers, escaped text."""

from __future__ import annotations

import io
import re

from claimledger.report.fmt import md, plain, safe_url
from claimledger.report.markdown import render_markdown
from claimledger.report.model import build_briefing
from claimledger.report.terminal import summary_tables

from .test_report_html import hostile_ledger
from .test_report_model import small_ledger


def test_markdown_sections_in_order_with_numbers_and_ratings() -> None:
    text = render_markdown(build_briefing(small_ledger(), story_id="st_1"))
    heads = re.findall(r"^## (.+)$", text, flags=re.M)
    assert heads[:6] == ["Key judgements", "Numbers", "Contested and denied", "What changed", "Timeline",
                         "Source graph"]
    assert "1. `C2` **12,000 North Korean troops are in Russia**" in text
    numbers = text.split("## Numbers")[1].split("## ")[0]
    assert "**≥3,000** (U.S. government, 23 Oct)" in numbers
    assert "**2×6,000** (Volodymyr Zelensky, 22 Oct)" in numbers
    assert "| contradicts |" in text and "**Defence Intelligence of Ukraine**" in text
    assert "Kyodo News (1)" in text  # HUR -> Kyodo in the source graph
    assert "<https://planet.example/a>" in text


def test_markdown_escapes_html_and_markdown() -> None:
    text = render_markdown(build_briefing(hostile_ledger(), story_id="st_1"))
    assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;" in text
    assert "<javascript:" not in text and "](javascript:" not in text
    assert "{{ 7\\*7 }}" in text  # text, with the Markdown emphasis star escaped
    assert re.search(r"(?<!\\)\|", md("a | b")) is None
    assert md("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert md("**bold** _it_ `code`") == "\\*\\*bold\\*\\* \\_it\\_ \\`code\\`"


def test_markdown_is_deterministic_except_the_generated_line() -> None:
    a_ledger, b_ledger = small_ledger(), small_ledger()
    b_ledger["generated_at"] = "2031-05-05T00:00:00+00:00"
    a = render_markdown(build_briefing(a_ledger, story_id="st_1")).splitlines()
    b = render_markdown(build_briefing(b_ledger, story_id="st_1")).splitlines()
    assert len([1 for x, y in zip(a, b, strict=True) if x != y]) == 1


def test_safe_url_links_plain_http_only() -> None:
    assert safe_url("https://example.org/a?b=1#c") == "https://example.org/a?b=1#c"
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "https://x.org/\"><b>",
                "//evil.example/x", "https:///nohost", "https://a.org/\x1b[2J", None, ""):
        assert safe_url(bad) is None, bad


def test_terminal_summary_prints_no_markup_and_no_escape_sequences() -> None:
    from rich.console import Console

    led = hostile_ledger()
    led["propositions"][0]["label"] = "[bold red]loud[/bold red] \x1b[2J\x1b]0;pwned\x07 12,000 troops"
    b = build_briefing(led, story_id="st_1")
    buf = io.StringIO()
    con = Console(file=buf, width=200, color_system=None, markup=False, highlight=False, force_terminal=False)
    for t in summary_tables(b):
        con.print(t)
    out = buf.getvalue()
    assert "\x1b" not in out and "\x07" not in out
    assert "[bold red]loud[/bold red]" in out
    assert "≥3,000" in out and "2×6,000" in out and "C2" in out
    assert plain("a\u202eb\x00c") == "a b c"
