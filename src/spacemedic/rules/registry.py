"""The explicit list of every lint rule. A test proves it is complete and documented.

Each area package lists its rules in its own explicit `RULES` tuple; this module joins them.
Codes are permanent: a retired rule keeps its code forever and the code is never reused.

    SM0xx  front-matter                 SM4xx  dockerfile (SM400-459), permissions (SM460-499)
    SM1xx  repo-size, ignored-file      SM5xx  apt (SM500-549), requirements (SM550-599)
    SM2xx  secret, policy               SM6xx  startup-download (SM600-649), app-code (SM650-699)
    SM3xx  port, bind, streamlit-config SM9xx  spacemedic itself (suppressions)
"""

from __future__ import annotations

from spacemedic.rules import (
    appcode,
    apt,
    dockerfile,
    front_matter,
    meta,
    network,
    permissions,
    policy,
    repo,
    requirements,
    secrets,
    startup,
)
from spacemedic.rules.base import Rule

ALL_RULES: tuple[type[Rule], ...] = (
    *front_matter.RULES,
    *repo.RULES,
    *secrets.RULES,
    *policy.RULES,
    *network.RULES,
    *dockerfile.RULES,
    *permissions.RULES,
    *apt.RULES,
    *requirements.RULES,
    *startup.RULES,
    *appcode.RULES,
    *meta.RULES,
)


def rules_by_code() -> dict[str, type[Rule]]:
    return {rule.code: rule for rule in ALL_RULES}
