from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.front_matter._reference import CUSTOM_HEADERS
from spacemedic.space.context import SpaceContext


class InvalidCustomHeaders(Rule):
    """`custom_headers` sets a header or value the Hub does not allow.

    What it does
    Checks that `custom_headers` is a mapping whose keys are among
    cross-origin-embedder-policy, cross-origin-opener-policy, cross-origin-resource-policy,
    with one of each header's allowed values, all lower-case.

    Why is this bad?
    Only those three headers can be set, and headers and values must be lower-case. Anything
    else is not applied, so the isolation the app relies on (e.g. SharedArrayBuffer for WASM
    threads) silently does not happen.

    Example
        custom_headers:
          Cross-Origin-Embedder-Policy: require-corp

    Fix
    Write the key and value in lower case: `cross-origin-embedder-policy: require-corp`.
    """

    code = "SM013"
    name = "invalid-custom-headers"
    category = Category.FRONT_MATTER
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        fm = ctx.front_matter
        if fm.data is None or fm.data.get("custom_headers") is None:
            return
        value = fm.data["custom_headers"]
        line = fm.line_of("custom_headers")
        if not isinstance(value, dict):
            yield self.finding(
                f"`custom_headers` must be a mapping of header: value, not a {type(value).__name__}",
                path="README.md",
                line=line,
                evidence=(f"custom_headers: {value!r}"[:200],),
                fix="Write `custom_headers:` followed by indented `header: value` lines.",
            )
            return
        for key, val in value.items():
            name = str(key)
            allowed = CUSTOM_HEADERS.get(name)
            if allowed is not None and isinstance(val, str) and val in allowed:
                continue
            if allowed is None:
                why = f"{name!r} cannot be set (only {', '.join(CUSTOM_HEADERS)})"
                if name.lower() in CUSTOM_HEADERS:
                    why = f"{name!r} must be lower-case"
            else:
                why = f"{name}: {val!r} is not one of {', '.join(allowed)}"
            yield self.finding(
                f"`custom_headers` is not applied as written: {why}",
                path="README.md",
                line=line,
                evidence=(f"{name}: {val!r}"[:200],),
                fix="Use lower-case keys and values from the allowed list.",
            )
