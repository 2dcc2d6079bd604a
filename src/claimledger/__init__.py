"""claimledger: news reports about a developing story in, a ledger of claims out.

The public API is the names in ``__all__`` (pinned by ``tests/test_api.py``).  They load lazily:
``import claimledger`` imports neither the store's database driver, the spaCy model, a web
server nor a distributed engine.

>>> import claimledger
>>> claimledger.__version__
'0.1.0'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    "Settings": "claimledger.settings",
    "load_settings": "claimledger.settings",
    "Store": "claimledger.store",
    "ingest": "claimledger.pipeline",
    "rebuild": "claimledger.pipeline",
    "IngestReport": "claimledger.pipeline",
    "build_ledger": "claimledger.report.ledger",
    "ClaimLedgerError": "claimledger.errors",
    "InputError": "claimledger.errors",
    "DocumentRejected": "claimledger.errors",
    "StoreError": "claimledger.errors",
    "ConfigError": "claimledger.errors",
}

__all__ = [
    "ClaimLedgerError",
    "ConfigError",
    "DocumentRejected",
    "IngestReport",
    "InputError",
    "Settings",
    "Store",
    "StoreError",
    "__version__",
    "build_ledger",
    "ingest",
    "load_settings",
    "rebuild",
]

if TYPE_CHECKING:
    from .errors import ClaimLedgerError, ConfigError, DocumentRejected, InputError, StoreError
    from .pipeline import IngestReport, ingest, rebuild
    from .report.ledger import build_ledger
    from .settings import Settings, load_settings
    from .store import Store


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'claimledger' has no attribute {name!r}")
