"""The benchmark corpus: real news articles from ../shared/eval (PolNeAR raw texts, ECB+ texts,
trafilatura's English evaluation HTML), ~2,000 distinct articles, extended to N with copies under
distinct names.  A copy's text starts with "Edition k." so that it is a distinct document (its
own content hash, hence its own claim ids) — and, realistically, a near-duplicate of the original.

Written once into a folder (``--corpus DIR``, default a temporary folder) and reused.
"""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVAL = (REPO / ".." / "shared" / "eval").resolve()


def _polnear() -> Iterator[tuple[str, str, str]]:
    for split in ("train", "dev"):
        for p in sorted((EVAL / "polnear" / split / "text").glob("*.txt")):
            yield f"polnear-{p.stem}", ".txt", p.read_text(encoding="utf-8", errors="replace")


def _ecbplus() -> Iterator[tuple[str, str, str]]:
    for p in sorted((EVAL / "ecbplus" / "ECBplus_corpus").glob("*/*.xml")):
        sentences: dict[int, list[str]] = {}
        for tok in ET.parse(p).getroot().iter("token"):
            sentences.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
        text = "\n".join(" ".join(sentences[k]) for k in sorted(sentences))
        text = re.sub(r" ([.,;:!?')])", r"\1", text).replace("( ", "(")
        yield f"ecbplus-{p.stem}", ".txt", text


def _trafilatura() -> Iterator[tuple[str, str, str]]:
    for p in sorted((EVAL / "trafilatura-eval-en" / "html").glob("*.html.gz")):
        html = gzip.decompress(p.read_bytes()).decode("utf-8", errors="replace")
        yield f"trafilatura-{p.name.removesuffix('.html.gz')[:60]}", ".html", html


def originals() -> list[tuple[str, str, str]]:
    """(name, suffix, content) of every distinct article."""
    return [*_polnear(), *_ecbplus(), *_trafilatura()]


def _edition(suffix: str, content: str, k: int) -> str:
    if suffix == ".html":
        return content.replace("<p>", f"<p>Edition {k}. ", 1) if "<p>" in content else content + f"<p>Edition {k}.</p>"
    return f"Edition {k}.\n\n{content}"


def build(folder: Path, n: int) -> Path:
    """A folder of ``n`` articles (originals first, then copies); reused when already complete."""
    target = folder / f"corpus-{n}"
    marker = target / ".complete"
    if marker.exists():
        return target
    target.mkdir(parents=True, exist_ok=True)
    base = originals()
    for i in range(n):
        name, suffix, content = base[i % len(base)]
        k = i // len(base)
        text = content if k == 0 else _edition(suffix, content, k)
        sub = target / name.split("-", 1)[0]
        sub.mkdir(exist_ok=True)
        (sub / f"{name}{'' if k == 0 else f'-copy{k}'}{suffix}").write_text(text, encoding="utf-8")
    marker.write_text(str(n))
    return target
