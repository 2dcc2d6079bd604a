"""The public surface: pinned names, and what ``import claimledger`` may load."""

from __future__ import annotations

import subprocess
import sys

import claimledger

PUBLIC = [
    "ClaimLedgerError", "ConfigError", "DocumentRejected", "IngestReport", "InputError", "Settings", "Store",
    "StoreError", "__version__", "build_ledger", "ingest", "load_settings", "rebuild",
]


def test_all_is_pinned() -> None:
    assert sorted(claimledger.__all__) == sorted(PUBLIC)
    for name in PUBLIC:
        assert getattr(claimledger, name) is not None


def test_import_is_light() -> None:
    code = ("import sys, claimledger; heavy = [m for m in ('spacy', 'sqlalchemy', 'fastapi', 'uvicorn', 'dask', "
            "'torch', 'trafilatura') if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_every_error_is_a_claimledger_error() -> None:
    from claimledger import errors

    for name in errors.__all__:
        assert issubclass(getattr(errors, name), errors.ClaimLedgerError)
    assert errors.AddressNotAllowed.__mro__[1] is errors.FetchError
