"""Rules: dockerfile."""

from __future__ import annotations

from spacemedic.rules.base import Rule

RULES: tuple[type[Rule], ...] = ()
