"""The classifier: Signals (pure values) -> a ranked Diagnosis. No I/O in this package."""

from __future__ import annotations

from spacemedic.triage.classify import diagnose

__all__ = ["diagnose"]
