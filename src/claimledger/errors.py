"""The one exception tree of claimledger.

::

    ClaimLedgerError                 every error this package raises on purpose
    ├── ConfigError                  a bad setting, settings file or command-line value
    ├── InputError                   one input could not be used; the batch goes on
    │   ├── InputNotFound            a path or manifest entry that does not exist
    │   ├── DocumentRejected         an input that was read but is not a usable article
    │   │                            (empty, binary, undecodable, too large, no main text)
    │   ├── ManifestError            a manifest or JSONL line that is not a valid record
    │   └── FetchError               a URL or feed that could not be fetched
    │       └── AddressNotAllowed    the URL (or a redirect) points at a private address
    ├── StoreError                   the store could not be opened, migrated or written
    └── ExtractionError              an extractor failed on one document (a bug or a limit)

Input errors carry the input's name (path, URL, ``manifest.jsonl:3``) and a reason a person
can act on; batch runs record them as ``{input, stage, reason}`` and carry on.  Anything that
is not a ``ClaimLedgerError`` is a bug and is allowed to surface as one.
"""

from __future__ import annotations

__all__ = [
    "AddressNotAllowed",
    "ClaimLedgerError",
    "ConfigError",
    "DocumentRejected",
    "ExtractionError",
    "FetchError",
    "InputError",
    "InputNotFound",
    "ManifestError",
    "StoreError",
]


class ClaimLedgerError(Exception):
    """Base of every deliberate claimledger error. ``exit_code`` is what the CLI returns."""

    exit_code = 1


class ConfigError(ClaimLedgerError):
    """A bad setting, settings file or command-line value."""

    exit_code = 2


class InputError(ClaimLedgerError):
    """One input (file, manifest line, URL) could not be used.

    ``input`` names it the way the user gave it; ``reason`` says why, in words a person can
    act on; ``stage`` is the pipeline stage that gave up (``read``, ``decode``, ``parse``,
    ``fetch``, ``clean``, ``extract``, ``store``).
    """

    stage = "read"

    def __init__(self, input: str, reason: str, *, stage: str | None = None) -> None:
        self.input = input
        self.reason = reason
        if stage is not None:
            self.stage = stage
        super().__init__(f"{input}: {reason}")


class InputNotFound(InputError):
    """A path or manifest entry that does not exist."""


class DocumentRejected(InputError):
    """An input that was read but is not a usable article."""

    stage = "decode"


class ManifestError(InputError):
    """A manifest or JSONL line that is not a valid record."""

    stage = "parse"


class FetchError(InputError):
    """A URL or feed that could not be fetched (timeout, HTTP error, too large, too many redirects)."""

    stage = "fetch"


class AddressNotAllowed(FetchError):
    """The URL, or a redirect it led to, resolves to a private, loopback or reserved address."""


class StoreError(ClaimLedgerError):
    """The store could not be opened, migrated or written."""


class ExtractionError(ClaimLedgerError):
    """An extractor failed on one document."""
