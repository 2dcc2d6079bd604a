"""Reading number expressions from a run of lower-cased tokens.

A *number run* is the stretch of tokens that says a number: ``12,000``, ``1.5 million``,
``three hundred and two``, ``$5m``, ``3,000–5,000`` (one token), ``several thousand``,
``tens of thousands``.  Qualifier cues, ranges across tokens and the counted noun are the
caller's business (:mod:`claimledger.extract.quantities`).

Everything here looks at a bounded number of tokens from where it starts and never runs a
regular expression over the text, so a whole document is read in one linear pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeVar

from claimledger.extract.quantities_lexicon import Lexicon, Phrase

__all__ = ["MAX_NUMBER_CHARS", "NumberRun", "match_back", "match_forward", "parse_digits", "scan_number"]

MAX_NUMBER_CHARS = 32
"""Longest token read as a number.  Real figures ("1,000,000,000,000.5", "3,000,000–5,000,000")
fit easily; a longer digit string is an identifier or garbage, and refusing it keeps float
conversion of a 1 MB digit token from happening at all."""

RunKind = Literal["number", "span_range", "vague"]
V = TypeVar("V")


@dataclass(frozen=True, slots=True, kw_only=True)
class NumberRun:
    """A number said in tokens ``[start, end)`` of the Doc."""

    start: int
    end: int
    kind: RunKind
    """number: one value; span_range: a range inside one token ("3,000–5,000");
    vague: bounds from a vague word ("several thousand", "thousands")."""
    low: float | None
    high: float | None
    mantissa: float
    """The value before the trailing scale words ("1.5" in "1.5 million")."""
    scale: float
    """Product of the trailing scale words (1 when none)."""
    spelled: bool
    """True when written in words only ("three", "several thousand")."""
    currency: str | None = None
    year_like: bool = False
    """A bare four-digit integer with no thousands comma (may be a year)."""


def match_back(lowers: list[str], end: int, table: dict[Phrase, V], max_len: int) -> tuple[int, V] | None:
    """The longest phrase of ``table`` whose tokens end just before ``end``: (length, value)."""
    for length in range(min(max_len, end), 0, -1):
        hit = table.get(tuple(lowers[end - length : end]))
        if hit is not None:
            return length, hit
    return None


def match_forward(
    lowers: list[str], start: int, table: dict[Phrase, V], max_len: int
) -> tuple[int, V] | None:
    """The longest phrase of ``table`` whose tokens start at ``start``: (length, value)."""
    for length in range(min(max_len, len(lowers) - start), 0, -1):
        hit = table.get(tuple(lowers[start : start + length]))
        if hit is not None:
            return length, hit
    return None


def _plain_number(s: str) -> float | None:
    """'12,000' / '1.5' / '3000' -> float; None when not a well-formed number."""
    if not s or not s[0].isdigit():
        return None
    whole, dot, frac = s.partition(".")
    if dot and not (frac.isdigit() and frac.isascii()):
        return None
    if "," in whole:
        groups = whole.split(",")
        if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
            return None
        whole = "".join(groups)
    if not (whole.isdigit() and whole.isascii()):
        return None
    if len(whole) > 1 and whole[0] == "0":
        return None  # "01", "007": a code, not a count
    return float(whole + dot + frac)


def _number_with_suffix(s: str, lex: Lexicon, currency: bool) -> float | None:
    value = _plain_number(s)
    if value is not None:
        return value
    for table in (lex.scale_suffixes, lex.currency_scale_suffixes if currency else {}):
        for suffix, mult in table.items():
            if s.endswith(suffix) and len(s) > len(suffix):
                base = _plain_number(s[: -len(suffix)])
                if base is not None:
                    return base * mult
    return None


def parse_digits(text: str, lex: Lexicon, *, currency: bool = False) -> tuple[float, float | None] | None:
    """One token of digits: (value, None), or (low, high) for a range inside the token."""
    if len(text) > MAX_NUMBER_CHARS:
        return None
    s = text.lower()
    value = _number_with_suffix(s, lex, currency)
    if value is not None:
        return value, None
    for dash in lex.token_dashes:
        left, sep, right = s.partition(dash)
        if sep and left and right:
            a = _number_with_suffix(left, lex, currency)
            b = _number_with_suffix(right, lex, currency)
            if a is not None and b is not None:
                return a, b
    return None


def _word_value(w: str, lex: Lexicon) -> float | None:
    """'three' -> 3; 'twenty-one' (one token) -> 21."""
    v = lex.number_words.get(w)
    if v is not None or "-" not in w:
        return v
    parts = w.split("-")
    if len(parts) == 2 and all(p in lex.number_words for p in parts):
        tens, ones = lex.number_words[parts[0]], lex.number_words[parts[1]]
        if tens >= 20 and tens % 10 == 0 and 0 < ones < 10:
            return tens + ones
    return None


def _scan_scales(lowers: list[str], k: int, lex: Lexicon) -> tuple[float, int]:
    """Singular or plural scale words from ``k`` ("hundred thousand", "thousands of millions")."""
    n = len(lowers)
    scale = 1.0
    while k < n:
        w = lowers[k]
        if w in lex.scale_words:
            scale *= lex.scale_words[w]
            k += 1
        elif w in lex.plural_scales:
            scale *= lex.plural_scales[w]
            k += 1
            if k + 1 < n and lowers[k] == "of" and lowers[k + 1] in lex.plural_scales:
                k += 1
        else:
            break
    return scale, k


def _scan_vague(lowers: list[str], i: int, j: int, lex: Lexicon) -> NumberRun | None:
    n = len(lowers)
    for length in range(min(lex.max_multiplier_len, n - j), 0, -1):
        bounds = lex.vague_multipliers.get(tuple(lowers[j : j + length]))
        if bounds is not None:
            scale, k = _scan_scales(lowers, j + length, lex)
            low = bounds[0] * scale
            high = (bounds[1] + 1) * scale - 1
            return NumberRun(start=i, end=k, kind="vague", low=low, high=high, mantissa=bounds[0],
                             scale=scale, spelled=True)
    w = lowers[j]
    if w not in lex.plural_scales:
        return None
    if w in lex.plural_only_before_of_scale and not (
        j + 2 < n and lowers[j + 1] == "of" and lowers[j + 2] in lex.plural_scales
    ):
        return None
    scale, k = _scan_scales(lowers, j, lex)
    low = lex.plural_min_multiplier * scale
    return NumberRun(start=i, end=k, kind="vague", low=low, high=None, mantissa=lex.plural_min_multiplier,
                     scale=scale, spelled=True)


def scan_number(lowers: list[str], i: int, lex: Lexicon) -> NumberRun | None:
    """Read the number run starting at token ``i``, or None when none starts there."""
    n = len(lowers)
    j = i
    currency = lex.currency_symbols.get(lowers[j])
    if currency is not None:
        j += 1
        if j >= n:
            return None
    if currency is None:
        vague = _scan_vague(lowers, i, j, lex)
        if vague is not None:
            return vague
    w = lowers[j]
    spelled = True
    year_like = False
    article = match_forward(lowers, j, lex.article_numbers, 2)
    if article is not None and j + article[0] < n and lowers[j + article[0]] in lex.scale_words:
        current = article[1]
        j += article[0]
    elif w[:1].isdigit():
        parsed = parse_digits(lowers[j], lex, currency=currency is not None)
        if parsed is None:
            return None
        current, token_high = parsed
        t = lowers[j]
        if token_high is not None:
            scale = 1.0
            j += 1
            while j < n and lowers[j] in lex.scale_words:
                scale *= lex.scale_words[lowers[j]]
                j += 1
            halves = [h for d in lex.token_dashes for h in t.split(d) if d in t]
            years = len(halves) == 2 and all(len(h) == 4 and h.isdigit() for h in halves)
            return NumberRun(start=i, end=j, kind="span_range", low=current * scale, high=token_high * scale,
                             mantissa=token_high, scale=scale, spelled=False, currency=currency,
                             year_like=years and scale == 1)
        year_like = token_high is None and len(t) == 4 and t.isdigit()
        spelled = False
        j += 1
        if j < n:
            suffix = lex.scale_suffixes.get(lowers[j])
            if suffix is None and currency is not None:
                suffix = lex.currency_scale_suffixes.get(lowers[j])
            if suffix is not None:
                current *= suffix
                year_like = False
                j += 1
    else:
        v = _word_value(w, lex)
        if v is None:
            return None
        current = v
        j += 1
    return _finish(lowers, i, j, current, spelled, currency, year_like, lex)


def _finish(
    lowers: list[str], i: int, j: int, current: float, spelled: bool, currency: str | None,
    year_like: bool, lex: Lexicon,
) -> NumberRun:
    """Words and scales after the first number: "three hundred and two", "1.5 million"."""
    n = len(lowers)
    total = 0.0
    last_word = current  # the last number word added (for "twenty one")
    last_was_scale = False
    trailing = 1.0
    while j < n:
        w = lowers[j]
        if w in lex.scale_words:
            s = lex.scale_words[w]
            if s >= 1000:
                total += current * s
                current = 0.0
            else:
                current = (current or 1.0) * s
            trailing = trailing * s if last_was_scale else s
            last_was_scale = True
            year_like = False
            j += 1
            continue
        if w == "-" and j + 1 < n and lowers[j + 1] in lex.scale_words and not last_was_scale:
            j += 1  # "six-million", "1.5-million"
            continue
        if not spelled:
            break
        if w in ("and", "&", "-") and j + 1 < n and _word_value(lowers[j + 1], lex) is not None:
            if w == "-" and last_was_scale:
                break
            if w != "-" and not last_was_scale:
                break
            j += 1
            continue
        v = _word_value(w, lex)
        if v is None:
            break
        if not last_was_scale and not (last_word >= 20 and last_word % 10 == 0 and 0 < v < 10):
            break
        current += v
        last_word = v
        last_was_scale = False
        trailing = 1.0
        j += 1
    value = total + current
    if not last_was_scale:
        trailing = 1.0
    return NumberRun(start=i, end=j, kind="number", low=value, high=value, mantissa=value / trailing,
                     scale=trailing, spelled=spelled, currency=currency, year_like=year_like)
