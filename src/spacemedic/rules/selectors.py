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


def _typo_fixed(word: str) -> str:
    """`word` with the classic typos of a code undone: letter O for zero, I or l for one."""
    return "SM" + word[2:].upper().replace("O", "0").replace("I", "1").replace("L", "1")


def unknown_selector(selector: str, rules: Sequence[Selectable]) -> str | None:
    """None when `selector` selects at least one rule, else why not, with a suggestion.

    The one wording for the command line and every config file alike."""
    s = selector.strip()
    if not s or any(matches(rule, (s,)) for rule in rules):
        return None
    shown = repr(s[:60])
    if s.upper().startswith("SM") and any(matches(rule, (_typo_fixed(s),)) for rule in rules):
        return f"unknown rule selector {shown}; did you mean {_typo_fixed(s)!r}?"
    words = ["all"] + [r.code for r in rules] + [r.name for r in rules] + sorted({r.category.value for r in rules})
    best = closest(s, words)
    hint = f"; did you mean {best!r}?" if best else "; `spacemedic rules` lists the codes, names and categories"
    return f"unknown rule selector {shown}{hint}"


def closest_code(code: str, codes: Iterable[str]) -> str | None:
    """The rule code `code` was probably meant to be (typos of O/0 and I/l/1 first), or None."""
    known = list(codes)
    fixed = _typo_fixed(code) if code.upper().startswith("SM") else code
    return fixed if fixed in known else closest(code, known)


def check_selectors(selectors: Iterable[str], rules: Sequence[Selectable], where: str) -> str | None:
    """The first unknown selector in `selectors` as a one-line message prefixed by `where`."""
    for sel in selectors:
        problem = unknown_selector(sel, rules)
        if problem:
            return f"{where}: {problem}"
    return None
