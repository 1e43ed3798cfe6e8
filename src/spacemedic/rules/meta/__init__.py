"""Rules about spacemedic's own inline suppressions (emitted by the engine, not by check())."""

from __future__ import annotations

from spacemedic.rules.base import Rule
from spacemedic.rules.meta import suppression_without_reason, unused_suppression

RULES: tuple[type[Rule], ...] = (
    unused_suppression.UnusedSuppression,
    suppression_without_reason.SuppressionWithoutReason,
)
