from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.front_matter._reference import OAUTH_SCOPES, closest
from spacemedic.space.context import SpaceContext


class UnknownOauthScope(Rule):
    """`hf_oauth_scopes` lists a scope the Hub does not grant.

    What it does
    Checks that `hf_oauth_scopes` is a list of known OAuth scopes (email, read-repos,
    inference-api, ...).

    Why is this bad?
    Sign-in requests the scopes listed here. An unknown scope is not granted, so the code
    that relies on it fails after login, or the login itself is refused.

    Example
        hf_oauth: true
        hf_oauth_scopes:
          - read_repos

    Fix
    Use the exact scope names, with dashes: `read-repos`.
    """

    code = "SM014"
    name = "unknown-oauth-scope"
    category = Category.FRONT_MATTER
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        fm = ctx.front_matter
        value = fm.get("hf_oauth_scopes")
        if value is None:
            return
        line = fm.line_of("hf_oauth_scopes")
        items = value if isinstance(value, list) else [value] if isinstance(value, str) else None
        if items is None:
            yield self.finding(
                f"`hf_oauth_scopes` must be a list of scope names, not a {type(value).__name__}",
                path="README.md",
                line=line,
                evidence=(f"hf_oauth_scopes: {value!r}"[:200],),
                fix="Write one `- scope` per line.",
            )
            return
        for item in items:
            if isinstance(item, str) and item in OAUTH_SCOPES:
                continue
            guess = closest(str(item).replace("_", "-"), OAUTH_SCOPES)
            yield self.finding(
                f"`hf_oauth_scopes` lists {item!r}, which is not a scope the Hub grants",
                path="README.md",
                line=line,
                evidence=(f"- {item!r}"[:200],),
                fix=f"Did you mean `{guess}`?"
                if guess
                else f"Use scopes from: {', '.join(OAUTH_SCOPES[2:])}.",
            )
        if not fm.get("hf_oauth"):
            yield self.finding(
                "`hf_oauth_scopes` is set but `hf_oauth: true` is not, so no sign-in is attached",
                path="README.md",
                line=line,
                severity=Severity.INFO,
                evidence=(f"hf_oauth: {fm.get('hf_oauth')!r}",),
                fix="Add `hf_oauth: true`, or remove `hf_oauth_scopes`.",
            )
