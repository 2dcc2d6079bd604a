"""The parse cache of eval/polnear_fit_cues.py: used only for the same texts parsed by the same model."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import load_script

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def fit() -> ModuleType:
    sys.path.insert(0, str(ROOT / "eval"))  # it imports polnear_eval from its folder
    return load_script(ROOT / "eval" / "polnear_fit_cues.py")


def test_cache_is_reused_only_for_the_same_model(fit: ModuleType, tmp_path: Path) -> None:
    from claimledger.extract.nlp import load_nlp

    nlp = load_nlp()
    texts = ["The minister said the bridge would reopen.", "Nobody answered."]
    cache = tmp_path / "docs.spacy"
    first = fit._docs(nlp, texts, cache)
    stamp = tmp_path / "docs.spacy.model"
    stamped = stamp.read_text(encoding="utf-8").strip()
    # the model's version and its components (the line-break component changes sentence starts)
    assert cache.is_file() and nlp.meta["version"] in stamped and stamped.endswith("+".join(nlp.pipe_names))
    assert "claimledger_line_breaks" in stamped
    assert [d.text for d in first] == texts
    # the same model: read back from the cache (the parse is there, with its dependencies)
    again = fit._docs(nlp, texts, cache)
    assert [t.dep_ for t in again[0]] == [t.dep_ for t in first[0]]
    # another model's parse (or none recorded) is made again and the stamp rewritten
    stamp.write_text("en_other-0.0.1\n", encoding="utf-8")
    cache.write_bytes(b"not a DocBin")  # would fail to load if the stale cache were read
    redone = fit._docs(nlp, texts, cache)
    assert [d.text for d in redone] == texts
    assert stamp.read_text(encoding="utf-8").strip() != "en_other-0.0.1"
