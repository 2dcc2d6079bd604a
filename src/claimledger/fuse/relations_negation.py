"""A negated and a plain assertion of one predicate: the second way two propositions contradict.

"She neither sent nor received emails marked classified" / "She did receive some emails with
classified markings, he said": both are assertions (no denial word), one negates the predicate the
other states.  Extraction stores each claim's predicates (``extract/predicates.py``: one per
coordinated clause, each with lemmas, negated, agent, themes, obliques, modal); two asserting claims
of different origins contradict when a predicate of one and a predicate of the other

* share a lemma (after the light stemmer and relations.toml's synonym classes: "deploy" = "send",
  "was not armed" / "was armed"),
* differ in negation (one negated, the other not), neither under a modal ("couldn't win" is no
  statement of fact),
* have agents that may be one: the same word, or none on the negated side (a passive: "emails
  were not turned over" / "she turned over her emails"; not "the army did not strike the hospital"
  / "the hospital was struck");
  "I" and "we" stand for the claim's source, so "I have not had any conversations" (one speaker)
  and "he had a conversation" (another) differ,
* name every place and time the negated one names ("did not send troops to Ukraine" / "sent troops
  to Syria" is none, "... to Ukraine in 2022" / "... to Ukraine in 2014" is none; "did not send
  troops" / "sent troops to Ukraine" is one),
* are not an earlier "has not (yet)" and a later plain report (``relations``: a state that the
  later report may have changed, not a contradiction), and
* are about the same thing: a theme is shared (object or passive subject: "email", "server"),
  or, where neither has a theme, the agent named by a noun ("the troops left" / "the troops did
  not leave"; a pronoun agent, "she", "they", is too weak a tie alone).

Pronoun themes are no argument (extraction leaves them out), so "she did not send them" matches
nothing.  Measured on 400 PolNeAR train articles (eval/README.relations.md).
Everything is an int column per claim and predicate (``-1`` none), so the test runs with numpy
over the pairs.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from .records import FuseClaim

__all__ = ["Frames"]

FRAMES = 2
"""Predicates read per claim (the main clause's and the first coordinated clause's)."""
SLOTS = 2
"""Lemmas and themes read per predicate (the first ones: "sent nor received" has two)."""


def _key(w: Any) -> str:
    return _stemmed_key(str(w))


@functools.lru_cache(maxsize=1 << 16)
def _stemmed_key(w: str) -> str:
    """A word's synonym class after the light stemmer (``features._synonym_class``: the classes'
    words stemmed too), as relations.toml's classes are matched ("armed" in "was not armed" and
    "arm" in "was armed" meet; "injured" and "wound" do).  Outside a class a final "e" is dropped,
    so that a participle the parser left as an adjective meets its verb of a verb in -e ("was not
    damaged" tagged ADJ: "damaged" -> "damag"; "damage" -> "damag")."""
    from .features import _synonym_class, stem  # features builds Frames: imported here

    word = " ".join(stem(x) for x in w.split())
    classes = _synonym_class()
    cls = classes.get(word) or classes.get(word + "e")  # "arrived" -> "arriv": the class of "arrive"
    return cls if cls is not None else " ".join(x.removesuffix("e") if len(x) > 3 else x for x in word.split())


_SPEAKER = frozenset({"i", "we"})
"""Agents that stand for the claim's own source."""
_UNKNOWN = frozenset({"you"})
_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they"})
"""Agents that name no one comparable (each such agent gets an id of its own)."""


def _frames(c: FuseClaim) -> list[dict[str, Any]]:
    """The claim's predicates that fusion compares (not under a modal), at most ``FRAMES``."""
    got = c.record.get("predicates") or ()
    return [p for p in got if isinstance(p, dict) and p.get("lemmas") and not p.get("modal")][:FRAMES]


class Frames:
    """Per claim and predicate: negated (1), plain (0) or none (-1); lemma ids and theme ids
    (``SLOTS`` each, -1 none) and the agent id, over one vocabulary."""

    def __init__(self, claims: Sequence[FuseClaim]) -> None:
        n = len(claims)
        self.negated = np.full((n, FRAMES), -1, np.int8)
        self.lemma = np.full((n, FRAMES, SLOTS), -1, np.int32)
        self.theme = np.full((n, FRAMES, SLOTS), -1, np.int32)
        self.oblique = np.full((n, FRAMES, SLOTS), -1, np.int32)
        """Prepositional objects ("to Ukraine", "in 2020"): a negation often bears on one of them."""
        self.agent = np.full((n, FRAMES), -1, np.int32)
        self.pronoun = np.zeros((n, FRAMES), np.bool_)
        """The agent is a pronoun (it ties two predicates only beside a shared theme)."""
        self._vocab: dict[str, int] = {}
        for i, c in enumerate(claims):
            for f, p in enumerate(_frames(c)):
                self.negated[i, f] = 1 if p.get("negated") else 0
                for k, x in enumerate(list(p.get("lemmas") or ())[:SLOTS]):
                    self.lemma[i, f, k] = self._id(_key(x))
                for k, x in enumerate(list(p.get("themes") or ())[:SLOTS]):
                    self.theme[i, f, k] = self._id(_key(x))
                for k, x in enumerate(list(p.get("obliques") or ())[:SLOTS]):
                    self.oblique[i, f, k] = self._id(_key(x))
                agent = str(p.get("agent") or "")
                if agent in _SPEAKER:
                    self.agent[i, f] = self._id(f"source:{c.source_id or c.document_id}")
                elif agent in _UNKNOWN:
                    self.agent[i, f] = self._id(f"{agent}:{c.id}")
                elif agent:
                    self.agent[i, f] = self._id(_key(agent))
                self.pronoun[i, f] = agent in _PRONOUNS
        self.has_negated = (self.negated == 1).any(axis=1)
        self.has_plain = (self.negated == 0).any(axis=1)

    def _id(self, word: str) -> int:
        return self._vocab.setdefault(word, len(self._vocab))

    def screened(self, a: npt.NDArray[np.signedinteger[Any]], b: npt.NDArray[np.signedinteger[Any]]
                 ) -> npt.NDArray[np.bool_]:
        """``opposes`` over many pairs: the full test only where one claim has a negated predicate
        and the other a plain one (a cheap screen: most pairs have neither)."""
        out: npt.NDArray[np.bool_] = ((self.has_negated[a] & self.has_plain[b])
                                      | (self.has_plain[a] & self.has_negated[b]))
        at = np.flatnonzero(out)
        if at.size:
            out[at] = self.opposes(a[at].astype(np.int64), b[at].astype(np.int64))
        return out

    def _opposed(self, a: npt.NDArray[np.int64], b: npt.NDArray[np.int64], fa: int, fb: int) -> npt.NDArray[np.bool_]:
        na, nb = self.negated[a, fa], self.negated[b, fb]
        ok = (na >= 0) & (nb >= 0) & (na != nb)
        lemma = _any_shared(self.lemma[a, fa], self.lemma[b, fb])
        ta, tb = self.theme[a, fa], self.theme[b, fb]
        xa, xb = self.agent[a, fa], self.agent[b, fb]
        no_theme = (ta[:, 0] < 0) & (tb[:, 0] < 0)
        # one agent: the same, or none on the negated side ("emails were not turned over" / "she
        # turned over her emails"); a plain passive without one does not meet a negation with one
        # ("the army did not strike the hospital" / "the hospital was struck")
        neg_agent = np.where(na == 1, xa, xb)
        one_agent = (neg_agent < 0) | (xa == xb)
        agent = (xa >= 0) & (xa == xb) & ~self.pronoun[a, fa] & ~self.pronoun[b, fb]
        # the negated side's place or time, if it names one, is the plain side's too ("did not send
        # troops to Ukraine" / "sent troops to Syria" is no contradiction)
        oa, ob = self.oblique[a, fa], self.oblique[b, fb]
        a_neg = (na == 1)[:, None]
        neg_obl, plain_obl = np.where(a_neg, oa, ob), np.where(a_neg, ob, oa)
        place = np.ones(a.size, np.bool_)  # every place and time the negated side names
        for k in range(SLOTS):
            place &= (neg_obl[:, k] < 0) | (neg_obl[:, k][:, None] == plain_obl).any(axis=1)
        out: npt.NDArray[np.bool_] = ok & lemma & one_agent & place & (_any_shared(ta, tb) | (no_theme & agent))
        return out

    def _first_opposed(self, a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]
                       ) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Per pair: (opposed, predicate of ``a``, predicate of ``b``) of the first opposed predicates
        in (``a``'s, ``b``'s) order; predicates -1 where none oppose."""
        found = np.zeros(a.size, np.bool_)
        first_a, first_b = np.full(a.size, -1, np.int64), np.full(a.size, -1, np.int64)
        for fa in range(FRAMES):
            for fb in range(FRAMES):
                hit = ~found & self._opposed(a, b, fa, fb)
                first_a[hit], first_b[hit] = fa, fb
                found |= hit
        return found, first_a, first_b

    def opposes(self, a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """Per pair (a[i], b[i]): a predicate of one negates one the other states, about one thing."""
        return self._first_opposed(a, b)[0]

    def _entries(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
        """(dense key, row, negated) of every predicate key of the table, one entry per (key, row,
        negated), only of keys that occur both negated and plain: one key per (lemma, theme) of a
        predicate, or (lemma, noun agent) without a theme."""
        n = self.negated.shape[0]
        v = len(self._vocab) + 1
        keys: list[npt.NDArray[np.int64]] = []
        rows: list[npt.NDArray[np.int64]] = []
        negs: list[npt.NDArray[np.bool_]] = []
        for f in range(FRAMES):
            theme0 = self.theme[:, f, 0]
            for i in range(SLOTS):
                lemma = self.lemma[:, f, i].astype(np.int64)
                for j in range(SLOTS):
                    r = np.flatnonzero((lemma >= 0) & (self.theme[:, f, j] >= 0))
                    keys.append(lemma[r] * v + self.theme[r, f, j])
                    rows.append(r)
                    negs.append(self.negated[r, f] == 1)
                r = np.flatnonzero((lemma >= 0) & (theme0 < 0) & (self.agent[:, f] >= 0) & ~self.pronoun[:, f])
                keys.append(lemma[r] * v + self.agent[r, f] + v * v)  # agent keys apart from theme keys
                rows.append(r)
                negs.append(self.negated[r, f] == 1)
        key, row, neg = np.concatenate(keys), np.concatenate(rows).astype(np.int64), np.concatenate(negs)
        if key.size == 0 or not neg.any() or neg.all():
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.bool_)
        keep = np.isin(key, np.intersect1d(key[neg], key[~neg]))
        key, row, neg = key[keep], row[keep], neg[keep]
        key = np.unique(key, return_inverse=True)[1].astype(np.int64)  # dense: key * n + ... fits int64
        # one entry per (key, row, negated): two slots of one predicate may give one key twice
        code = np.unique((key * n + row) * 2 + neg)
        return code // 2 // n, code // 2 % n, (code % 2).astype(np.bool_)

    def block_pairs(self, rank: npt.NDArray[np.int64], window: int) -> npt.NDArray[np.int64]:
        """Sorted unique codes ``i * n + j`` (i < j) of candidate pairs of a negated and a plain
        predicate of one key (``_entries``).  Each negated entry is paired with the ``window`` plain
        entries of its key nearest in ``rank`` (a random projection of the embedding): at most
        ``window`` pairs per negated predicate, none between two plain ones.  A story's "she sent"
        / "she did not send" often share no rare word and sit far apart."""
        n = self.negated.shape[0]
        key, row, neg = self._entries()
        if key.size == 0:
            return np.zeros(0, np.int64)
        plain = np.flatnonzero(~neg)
        p_code = key[plain] * n + rank[row[plain]]
        order = np.argsort(p_code, kind="stable")
        p_code, p_row, p_key = p_code[order], row[plain][order], key[plain][order]
        nk, nr = key[neg], row[neg]
        lo = np.searchsorted(p_key, nk, side="left")
        hi = np.searchsorted(p_key, nk, side="right")
        at = np.searchsorted(p_code, nk * n + rank[nr])
        # the window around the negated entry's place, shifted to stay inside its key's segment
        first = np.clip(at - window // 2, lo, np.maximum(lo, hi - window))
        out: list[npt.NDArray[np.int64]] = []
        for off in range(window):
            idx = first + off
            ok = idx < hi
            a, b = nr[ok], p_row[idx[ok]]
            out.append(np.minimum(a, b) * n + np.maximum(a, b))
        codes = np.unique(np.concatenate(out))
        kept: npt.NDArray[np.int64] = codes[codes // n != codes % n]
        return kept

    def row_keys(self) -> dict[int, tuple[set[int], set[int]]]:
        """Row -> (keys of its negated predicates, keys of its plain ones), only for the rows with
        a key that occurs both negated and plain in the table (``_entries``: the only keys that can
        ever conflict, a few rows).  The clustering keeps a group's keys so that a negated and a
        plain statement of one key never meet in one proposition, even through other claims."""
        key, row, neg = self._entries()
        out: dict[int, tuple[set[int], set[int]]] = {}
        for k, r, g in zip(key.tolist(), row.tolist(), neg.tolist(), strict=True):
            out.setdefault(r, (set(), set()))[0 if g else 1].add(k)
        return out

    def first_negated(self, a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """Per opposed pair: whether ``a`` is the negating claim (of the first opposed predicates in
        the order ``reason`` reads them)."""
        found, fa, _ = self._first_opposed(a, b)
        out: npt.NDArray[np.bool_] = found & (self.negated[a, np.maximum(fa, 0)] == 1)
        return out

    def reason(self, claims: Sequence[FuseClaim], a: int, b: int) -> tuple[int, int, str]:
        """(negating claim, stating claim, the reason's tail: the predicate and what it is about)."""
        found, first_a, first_b = self._first_opposed(np.asarray([a], np.int64), np.asarray([b], np.int64))
        if not found[0]:
            return a, b, ""
        fa, fb = int(first_a[0]), int(first_b[0])
        pa, pb = _frames(claims[a])[fa], _frames(claims[b])[fb]
        n, p, pn, pp = (a, b, pa, pb) if self.negated[a, fa] == 1 else (b, a, pb, pa)
        lemmas, themes = {_key(y) for y in pp["lemmas"]}, {_key(y) for y in pp.get("themes") or ()}
        lemma = next((str(x) for x in pn["lemmas"] if _key(x) in lemmas), "")
        about = next((str(x) for x in pn.get("themes") or () if _key(x) in themes), None) \
            or str(pn.get("agent") or "")
        return n, p, f"not {lemma} / {lemma} ({about})"


def _any_shared(x: npt.NDArray[np.int32], y: npt.NDArray[np.int32]) -> npt.NDArray[np.bool_]:
    out = np.zeros(x.shape[0], np.bool_)
    for i in range(x.shape[1]):
        for j in range(y.shape[1]):
            out |= (x[:, i] >= 0) & (x[:, i] == y[:, j])
    return out
