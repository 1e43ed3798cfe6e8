"""Rules on the README.md YAML front matter (the Space configuration)."""

from __future__ import annotations

from spacemedic.rules.base import Rule
from spacemedic.rules.front_matter import missing_block, sdk_version_conflict

RULES: tuple[type[Rule], ...] = (
    missing_block.MissingFrontMatter,
    sdk_version_conflict.SdkVersionConflictsWithRequirements,
)
