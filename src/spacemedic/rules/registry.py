"""The explicit list of every lint rule. A test proves it is complete and documented.

Codes are permanent: a retired rule keeps its code forever and the code is never reused.

    SM0xx  front-matter            SM4xx  dockerfile, permissions
    SM1xx  repo-size, ignored-file SM5xx  apt, requirements
    SM2xx  secret, policy          SM6xx  startup-download, app-code
    SM3xx  port, bind, streamlit   SM9xx  spacemedic itself (suppressions)
"""

from __future__ import annotations

from spacemedic.rules.base import Rule
from spacemedic.rules.front_matter import missing_block
from spacemedic.rules.meta import suppression_without_reason, unused_suppression

ALL_RULES: tuple[type[Rule], ...] = (
    missing_block.MissingFrontMatter,
    unused_suppression.UnusedSuppression,
    suppression_without_reason.SuppressionWithoutReason,
)


def rules_by_code() -> dict[str, type[Rule]]:
    return {rule.code: rule for rule in ALL_RULES}
