"""Bytes to text: byte-order marks, strict UTF-8, then charset detection; refusing what is not text."""

from __future__ import annotations

import codecs
import unicodedata

from ..errors import DocumentRejected

__all__ = ["decode_bytes", "normalise_text"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

MAX_CONTROL_SHARE = 0.02
"""Share of control characters (other than tab/newline) above which decoded text is refused as
binary. Real articles in the seeds and trafilatura's eval pages have none; a PNG or a zip decoded
as latin-1 has 10-30%."""

MIN_LETTER_SHARE = 0.25
"""Share of letters below which a decoded text is 'nothing sensible'. News prose is 75-85% letters
(seeds: 0.79-0.82); random bytes decoded by a guessed code page fall under 0.2 (tested)."""


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in "\t\n\r\f")
    return bad / len(text)


def _letter_share(text: str) -> float:
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return 0.0
    return sum(1 for ch in visible if ch.isalpha()) / len(visible)


def normalise_text(text: str) -> str:
    """Newlines to ``\\n`` and Unicode NFC: the raw text every later offset is relative to."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def decode_bytes(data: bytes, name: str, *, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` (from input ``name``) and return ``(text, encoding)``.

    Order: a byte-order mark; the ``declared`` encoding (HTTP header, XML/HTML declaration) when it
    decodes cleanly; strict UTF-8; then charset-normalizer's best guess. Raises
    :class:`DocumentRejected` for empty, binary or undecodable input.
    """
    if not data.strip():
        raise DocumentRejected(name, "empty input (no text at all)")
    text: str | None = None
    encoding = ""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise DocumentRejected(name, f"starts with a {enc} byte-order mark but is not valid {enc}: {e}") from e
            break
    if text is None and declared:
        try:
            text, encoding = data.decode(declared), codecs.lookup(declared).name
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None and b"\x00" in data[:4096]:
        raise DocumentRejected(name, "binary file (NUL bytes and no UTF-16/32 byte-order mark)")
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text = None
    if text is None:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise DocumentRejected(name, "not text in any known encoding")
        text, encoding = str(best), best.encoding
    if _control_share(text) > MAX_CONTROL_SHARE:
        share = _control_share(text)
        raise DocumentRejected(name, f"binary content ({share:.0%} control characters after decoding as {encoding})")
    if not text.strip():
        raise DocumentRejected(name, "empty input (only white space)")
    if _letter_share(text) < MIN_LETTER_SHARE:
        raise DocumentRejected(
            name, f"does not decode to sensible text (only {_letter_share(text):.0%} letters as {encoding})"
        )
    return normalise_text(text), encoding
