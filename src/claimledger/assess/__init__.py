"""Assessment: the Admiralty code's information credibility per proposition (see admiralty.py)."""

from __future__ import annotations

from .admiralty import RELIABILITY, Assessment, Evidence, assess

__all__ = ["RELIABILITY", "Assessment", "Evidence", "assess"]
