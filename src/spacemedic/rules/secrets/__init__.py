"""Rules: secrets written into the repository (SM200-SM249)."""

from __future__ import annotations

from spacemedic.rules.base import Rule
from spacemedic.rules.secrets import hardcoded_secret, secret_assigned_literal

RULES: tuple[type[Rule], ...] = (hardcoded_secret.HardcodedSecret, secret_assigned_literal.SecretAssignedLiteral)
