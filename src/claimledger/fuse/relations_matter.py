"""The word machinery of ``relations``: what a contradiction's two claims must share.

``_Words`` keeps each claim's content words (as ``features.content_tokens`` writes them) as sorted
ids of one vocabulary in one int32 buffer, so that the words two claims share are counted with
numpy; ``_word_sets`` says which words name a statement and which are head words (predicates and
counted things); ``_Matters`` gives a denial its matter (its own words, or those of the claim of its
document it answers, ``_Denial``), tests whether an assertion shares enough of it, and writes a
contradiction's reason (quoting claims with ``_quote``).  Moved out of ``relations.py`` unchanged.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .config import FusionSettings, lexicon
from .features import _WORD, ClaimTable, content_tokens, denial_words, word_token
from .records import FuseClaim

QUOTE_CHARS = 70
"""Characters of a claim quoted in a contradiction's reason."""


def _quote(text: str) -> str:
    t = " ".join(text.split())
    return "'" + (t if len(t) <= QUOTE_CHARS else t[:QUOTE_CHARS - 1].rstrip() + "\u2026") + "'"


@functools.cache
def _word_sets() -> tuple[frozenset[str], frozenset[str], re.Pattern[str] | None]:
    """(statement words, head words, refers-back pattern), as ``content_tokens`` writes words:
    head words are those of relations.toml's synonym and unit classes (predicates and counted things)."""
    lex = lexicon()
    statement, back = denial_words()
    heads = frozenset(t for cls in lex.synonyms for w in cls for t in content_tokens(w))
    # a unit of several words ("military personnel"): its head noun, the last word
    heads |= frozenset(content_tokens(u)[-1] for u in lex.unit_class if content_tokens(u))
    return statement, heads - statement, back


_ENTITY, _STATEMENT, _HEAD = 1, 2, 4
"""Flags of a word id: an entity ("@north korea"), a word naming a statement, a head word."""
GATHER_STEP = 1 << 18
"""Pairs whose shared words are counted at once (bounded temporaries: ~10 word ids a claim)."""


class _Words:
    """Per claim, its content words (what ``content_tokens`` gives: stemmed words outside entity
    spans, a synonym class's name, one "@" token per entity) as sorted ids of one vocabulary:
    tokenised once per claim, on first need, into one int32 buffer (a few bytes a word, not a set
    of strings per claim).  Counting the words two claims share runs over it with numpy."""

    def __init__(self, claims: Sequence[FuseClaim]) -> None:
        self._claims = claims
        n = len(claims)
        self._start = np.full(n, -1, np.int64)
        self._len = np.zeros(n, np.int64)
        self._buf = np.zeros(1 << 12, np.int32)
        self._size = 0
        self._vocab: dict[str, int] = {}
        self.names: list[str] = []
        self._flag: list[int] = []
        self._flags = np.zeros(0, np.int8)
        self._word_id: dict[str, int] = {}  # word -> its token's id (-1 none)

    def _id(self, tok: str) -> int:
        got = self._vocab.get(tok)
        if got is None:
            statement, heads, _ = _word_sets()
            got = self._vocab[tok] = len(self.names)
            self.names.append(tok)
            self._flag.append(_ENTITY if tok.startswith("@") else
                              (_STATEMENT if tok in statement else 0) | (_HEAD if tok in heads else 0))
        return got

    def _add(self, row: int) -> None:
        c = self._claims[row]
        ents = c.record.get("entities") or ()
        if ents:
            ids = sorted({self._id(t) for t in content_tokens(c.text, ents, c.start)})
        else:  # the common case, word -> id in one look-up
            wid, got = self._word_id, set()
            for w in _WORD.findall(c.text.lower()):
                i = wid.get(w)
                if i is None:
                    tok = word_token(w)
                    i = wid[w] = self._id(tok) if tok else -1
                if i >= 0:
                    got.add(i)
            ids = sorted(got)
        k = len(ids)
        if self._size + k > self._buf.size:
            grown = np.zeros(max(2 * self._buf.size, self._size + k), np.int32)
            grown[:self._size] = self._buf[:self._size]
            self._buf = grown
        self._buf[self._size:self._size + k] = ids
        self._start[row], self._len[row] = self._size, k
        self._size += k

    def ensure(self, rows: npt.NDArray[np.int64]) -> None:
        """Tokenise the claims of ``rows`` not done yet (in row order)."""
        todo = rows[self._start[rows] < 0]
        for r in np.unique(todo).tolist():
            self._add(r)

    def _row(self, row: int) -> list[int]:
        if self._start[row] < 0:
            self._add(row)
        s = int(self._start[row])
        ids: list[int] = self._buf[s:s + int(self._len[row])].tolist()
        return ids

    def words(self, row: int) -> frozenset[str]:
        """The claim's words less entities and words naming a statement."""
        f, nm = self._flag, self.names
        return frozenset(nm[i] for i in self._row(row) if not f[i] & (_ENTITY | _STATEMENT))

    def terms(self, row: int) -> frozenset[str]:
        """The claim's words less words naming a statement, entities kept."""
        f, nm = self._flag, self.names
        return frozenset(nm[i] for i in self._row(row) if not f[i] & _STATEMENT)

    def _flag_array(self) -> npt.NDArray[np.int8]:
        if self._flags.size != len(self._flag):
            self._flags = np.asarray(self._flag, np.int8)
        return self._flags

    def _gather(self, rows: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """(position in ``rows``, word id) of every word of the claims of ``rows`` (tokenised) that is
        neither an entity nor names a statement."""
        lens = self._len[rows]
        pos = np.repeat(np.arange(rows.size, dtype=np.int64), lens)
        at = np.repeat(self._start[rows] - (np.cumsum(lens) - lens), lens) + np.arange(pos.size, dtype=np.int64)
        ids = self._buf[at].astype(np.int64)
        keep = (self._flag_array()[ids] & (_ENTITY | _STATEMENT)) == 0
        return pos[keep], ids[keep]

    def count(self, rows: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Per row of ``rows``, its number of words (``words``)."""
        self.ensure(rows)
        out = np.zeros(rows.size, np.int64)
        for s in range(0, rows.size, GATHER_STEP):
            pos, _ = self._gather(rows[s:s + GATHER_STEP])
            out[s:s + GATHER_STEP] = np.bincount(pos, minlength=rows[s:s + GATHER_STEP].size)
        return out

    def shared(self, x: npt.NDArray[np.int64],
               y: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Per pair (``x[i]``, ``y[i]``): how many ``words`` the two claims share, and how many of those
        are head words."""
        self.ensure(x)
        self.ensure(y)
        n, heads = np.zeros(x.size, np.int64), np.zeros(x.size, np.int64)
        v = max(1, len(self.names))
        flags = self._flag_array()
        for s in range(0, x.size, GATHER_STEP):
            m = x[s:s + GATHER_STEP].size
            px, ix = self._gather(x[s:s + m])
            py, iy = self._gather(y[s:s + m])
            key = np.concatenate([px * v + ix, py * v + iy])
            key.sort()
            dup = key[1:][key[1:] == key[:-1]]  # each claim's ids are distinct: a repeat is shared
            pos, ids = dup // v, dup % v
            n[s:s + m] = np.bincount(pos, minlength=m)
            heads[s:s + m] = np.bincount(pos[(flags[ids] & _HEAD) != 0], minlength=m)
        return n, heads


@dataclass(frozen=True, slots=True)
class _Denial:
    matter: frozenset[str]
    """The content words the denial is about (its own, and those of the claim it answers)."""
    target: int
    """Row of the claim of its document it answers (thin denials), -1: its own words suffice."""


_NO_SENTENCE = np.iinfo(np.int64).min


class _Matters:
    """Per claim, the words a contradiction must share.  Word ids, each denial's answered claim and
    the sentence starts are kept in arrays over the claims (filled on first need): nothing per
    claim grows as Python objects with a large story."""

    def __init__(self, table: ClaimTable, claims: Sequence[FuseClaim], settings: FusionSettings) -> None:
        self._table, self._claims, self._settings = table, claims, settings
        self.store = _Words(claims)
        n = len(claims)
        self._target = np.full(n, -2, np.int64)  # -2: not computed
        self._matter_row = np.full(n, -1, np.int64)  # the claim whose words are the denial's matter
        self._sentence = np.full(n, _NO_SENTENCE, np.int64)

    def words(self, row: int) -> frozenset[str]:
        """Content words of the claim, without entities and words naming a statement."""
        return self.store.words(row)

    def _answer(self, row: int) -> None:
        own = self.words(row)
        # the claim a thin denial answers (features.answered_claims, the same for the similarities);
        # a denial with words of its own keeps them as its matter ("any transfer of arms": the
        # claim it answers may state more than it denies)
        target = int(self._table.answers[row])
        self._target[row] = target
        self._matter_row[row] = row if own or target < 0 else target

    def denial(self, row: int) -> _Denial:
        if self._target[row] == -2:
            self._answer(row)
        return _Denial(self.words(int(self._matter_row[row])), int(self._target[row]))

    def _sentences(self, rows: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        for r in np.unique(rows[self._sentence[rows] == _NO_SENTENCE]).tolist():
            self._sentence[r] = _sentence_start(self._claims[r])
        return self._sentence[rows]

    def shared(self, d: int, a: int) -> tuple[str, ...] | None:
        """The words of denial ``d``'s matter that assertion ``a`` states, when enough to contradict
        it (None otherwise); ``()`` when ``a`` is the very claim ``d`` answers."""
        c_d, c_a = self._claims[d], self._claims[a]
        if c_d.document_id == c_a.document_id and _sentence_start(c_d) == _sentence_start(c_a):
            return None  # one sentence reports one position ("deny X but committed to Y")
        den = self.denial(d)
        if den.target == a:
            return ()
        both = den.matter & self.words(a)
        if len(both) >= 2:
            return tuple(sorted(both))
        if len(both) == 1 and next(iter(both)) in _word_sets()[1] and \
                1 / len(den.matter) >= self._settings.matter_share:
            return tuple(both)
        return None

    def shares(self, d: npt.NDArray[np.int64], a: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """``shared(d[i], a[i]) is not None`` for every pair, with numpy over the claims' word ids
        (Python runs once per denial and per claim, not per pair)."""
        for r in np.unique(d[self._target[d] == -2]).tolist():
            self._answer(r)
        target, matter = self._target[d], self._matter_row[d]
        both, heads = self.store.shared(matter, a)
        size = self.store.count(matter)
        one = (both == 1) & (heads == 1) & (1.0 / np.maximum(size, 1) >= self._settings.matter_share)
        ok: npt.NDArray[np.bool_] = (target == a) | (both >= 2) | one
        ok[self.one_sentence(d, a)] = False  # one sentence reports one position
        return ok

    def one_sentence(self, x: npt.NDArray[np.int64], y: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """Per pair: the two claims were found in one sentence of one document."""
        out = np.zeros(x.size, np.bool_)
        same = np.flatnonzero(self._table.doc[x] == self._table.doc[y])
        if same.size:
            out[same[self._sentences(x[same]) == self._sentences(y[same])]] = True
        return out

    def reason(self, names: Sequence[str], org: npt.NDArray[np.int32], d: int, a: int, topic: float) -> str:
        """One line: who denies whose claim, the claim a thin denial answers, the shared words."""
        claims = self._claims
        den = self.denial(d)
        said = _quote(claims[d].text)
        if den.target == a:
            return (f"{names[org[d]]} denies {names[org[a]]}'s claim {_quote(claims[a].text)}: its denial "
                    f"({said}) answers that claim in its document (similarity {topic:.2f})")
        answers = ("" if den.target < 0 else
                   f", answering {names[org[den.target]]}'s claim {_quote(claims[den.target].text)}")
        return (f"{names[org[d]]} denies {names[org[a]]}'s claim {_quote(claims[a].text)}: {said}{answers}; "
                f"shared: {', '.join(self.shared(d, a) or ())} (similarity {topic:.2f})")


def _sentence_start(c: FuseClaim) -> int:
    span = c.record.get("sentence_span")
    return int(span[0]) if span else c.start
