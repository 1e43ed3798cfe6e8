"""Rules: platform policy (SM250-SM299)."""

from __future__ import annotations

from spacemedic.rules.base import Rule
from spacemedic.rules.policy import abuse_scanner_sensitive

RULES: tuple[type[Rule], ...] = (abuse_scanner_sensitive.AbuseScannerSensitive,)
