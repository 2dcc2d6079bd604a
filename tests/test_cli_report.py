"""``claimledger report`` and ``claimledger summary``: thin commands over the briefing model.

The commands are invoked directly (click's runner) so these tests do not depend on their
registration in ``cli/main.py``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimledger.cli import report, summary
from claimledger.errors import InputNotFound

from .conftest import need_shared
from .test_report_html import assert_self_contained_and_inert
from .test_report_model import small_ledger


@pytest.fixture
def fake_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """A real (empty) store; the ledger the commands read is the hand-built one."""

    def fake_build_ledger(store: Any, *, story: str | None = None) -> dict[str, Any]:
        led = small_ledger()
        if story is not None:
            led["documents"] = [d for d in led["documents"] if d["story_id"] == story]
        return led

    def fake_choose_story(store: Any, story: str | None) -> tuple[str | None, list[tuple[str, int]]]:
        if story not in (None, "st_1"):
            raise InputNotFound(story, "no such story in the store")
        return story, []

    import claimledger.report.ledger
    import claimledger.report.queries

    monkeypatch.setattr(claimledger.report.ledger, "build_ledger", fake_build_ledger)
    monkeypatch.setattr(claimledger.report.queries, "choose_story", fake_choose_story)
    return str(tmp_path / "r.db")


def test_report_html_to_a_file(fake_store: str, tmp_path: Path) -> None:
    out = tmp_path / "b.html"
    r = CliRunner().invoke(report.command, ["--db", fake_store, "--story", "st_1", "--format", "html", "-o", str(out)])
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert_self_contained_and_inert(html)
    assert "<b>2×6,000</b>" in html and "<svg" in html


def test_report_markdown_to_stdout_and_json(fake_store: str) -> None:
    r = CliRunner().invoke(report.command, ["--db", fake_store, "--story", "st_1"])
    assert r.exit_code == 0 and r.output.startswith("# ") and "## Numbers" in r.output
    j = CliRunner().invoke(report.command, ["--db", fake_store, "--story", "st_1", "--json"])
    data = json.loads(j.output)
    assert data["judgements"][0]["rating"] == "C2" and data["numbers"][0]["thing"] == "troops"


def test_unknown_story_is_a_clear_error(fake_store: str) -> None:
    r = CliRunner().invoke(report.command, ["--db", fake_store, "--story", "st_nope"])
    assert isinstance(r.exception, InputNotFound) and "no such story" in str(r.exception)


def test_summary_tables(fake_store: str) -> None:
    r = CliRunner().invoke(summary.command, ["--db", fake_store, "--story", "st_1", "-n", "3"])
    assert r.exit_code == 0, r.output
    assert "key judgements" in r.output and "C2" in r.output and "≥3,000" in r.output
    j = CliRunner().invoke(summary.command, ["--db", fake_store, "--story", "st_1", "--json", "-n", "2"])
    data = json.loads(j.output)
    assert len(data["judgements"]) == 2 and data["numbers"]


@pytest.mark.model
def test_seeds_briefing_opens_offline_with_numbers_and_timeline(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMLEDGER_EXTRACTION", "1")
    db = str(tmp_path / "cli.db")
    assert cli("ingest", str(need_shared("seeds", "manifest.jsonl")), "-q").code == 0
    out = tmp_path / "seeds.html"
    r = CliRunner().invoke(report.command, ["--db", db, "--format", "html", "-o", str(out)])
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert_self_contained_and_inert(html)
    numbers = html.split('id="numbers"')[1].split("</section>")[0]
    troops = next(row for row in numbers.split("<tr>") if 'class="thing">troops' in row)
    figures = re.findall(r"<b>([^<]+)</b>", troops)
    # the seeds' troop estimates: the U.S. "at least 3,000", Ukraine's 12,000, Zelensky's two brigades of 6,000
    assert "≥3,000" in figures and "12,000" in figures and "2×6,000" in figures
    assert "Volodymyr Zelensky, 22 Oct" in troops and "Defence Intelligence of Ukraine" in troops
    timeline = html.split('id="timeline"')[1].split("</section>")[0]
    assert "<svg" in timeline and re.search(r">\d{1,2} Oct<", timeline)
    assert "Kyodo News" in html.split('id="graph"')[1].split("</section>")[0]


def test_default_story_is_the_largest_and_prefixes_resolve(tmp_path: Path) -> None:
    from claimledger.pipeline import ingest
    from claimledger.report.queries import choose_story
    from claimledger.settings import Settings
    from claimledger.store import Store

    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Article {i}: the harbour council said {i + 10} boats had returned.\n" * 1
                                           + f"Officials said repairs would take {i + 2} weeks, they told reporters.\n")
    settings = Settings(db=str(tmp_path / "s.db"), extraction=False)
    store = Store.open(settings.db)
    ingest([str(tmp_path)], store=store, settings=settings)
    ids = [d.id for d in store.documents()]
    store.set_story(ids[:2], "st_big")
    store.set_story(ids[2:], "st_small")
    assert choose_story(store, None) == ("st_big", [("st_small", 1)])
    assert choose_story(store, "st_sm") == ("st_small", [("st_big", 2)])
    with pytest.raises(InputNotFound, match="ambiguous"):
        choose_story(store, "st_")
    with pytest.raises(InputNotFound, match="no such story"):
        choose_story(store, "st_nope")
    store.close()
