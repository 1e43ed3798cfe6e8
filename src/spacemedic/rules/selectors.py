"""Rule selectors: what `--select`, `--ignore` and the config's `select`/`ignore` accept.

A selector is `all`, a rule code or a prefix of one (`SM3`, `SM30`), a rule name
(`app-port-mismatch`) or a category (`port`). Anything else is a typo that would silently
switch rules off, so it is rejected with the closest valid selector.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from spacemedic.models import Category
from spacemedic.suggest import closest


class Selectable(Protocol):
    """What a selector looks at: a rule class or its `RuleRef` in the registry's table."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def category(self) -> Category: ...


def matches(rule: Selectable, selectors: Iterable[str]) -> bool:
    """True if a selector names the rule's code, a prefix of it, its name, or its category."""
    for sel in selectors:
        s = sel.strip()
        if not s:
            continue
        if s.lower() == "all" or rule.code.startswith(s.upper()) or s == rule.name or s == rule.category.value:
            return True
    return False


def unknown_selector(selector: str, rules: Sequence[Selectable]) -> str | None:
    """None when `selector` selects at least one rule, else why not, with a suggestion."""
    s = selector.strip()
    if not s or any(matches(rule, (s,)) for rule in rules):
        return None
    if s.upper().startswith("SM"):
        # the classic typo: letter O for zero, I or l for one
        fixed = "SM" + s[2:].upper().replace("O", "0").replace("I", "1").replace("L", "1")
        if any(matches(rule, (fixed,)) for rule in rules):
            return f"unknown rule selector {s!r}; did you mean {fixed}?"
    words = ["all"] + [r.code for r in rules] + [r.name for r in rules] + sorted({r.category.value for r in rules})
    best = closest(s, words)
    hint = f"; did you mean {best}?" if best else "; `spacemedic rules` lists the codes, names and categories"
    return f"unknown rule selector {s!r}{hint}"


def check_selectors(selectors: Iterable[str], rules: Sequence[Selectable], where: str) -> str | None:
    """The first unknown selector in `selectors` as a one-line message prefixed by `where`."""
    for sel in selectors:
        problem = unknown_selector(sel, rules)
        if problem:
            return f"{where}: {problem}"
    return None
