"""Rules: appcode."""

from __future__ import annotations

from spacemedic.rules.appcode.main_block_never_runs import MainBlockNeverRuns
from spacemedic.rules.appcode.server_started_on_import import ServerStartedOnImport
from spacemedic.rules.base import Rule

RULES: tuple[type[Rule], ...] = (
    MainBlockNeverRuns,
    ServerStartedOnImport,
)
