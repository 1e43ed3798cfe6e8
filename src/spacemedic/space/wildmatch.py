"""Glob patterns (`.gitattributes`, `.dockerignore`) matched without backtracking blow-ups.

The translators turn a pattern into regex fragments (`[^/]*` for `*`, `.*` for `**`,
`(?:.*/)?` for `**/`, one fragment per single character otherwise). A regex with a few
unbounded fragments is fast; with many (`*a*a*a*a*b`) Python's backtracking engine takes
time exponential in their number on a long name. `compile_fragments` keeps the regex for the
first kind and returns an `Automaton` for the second: a simulation of the pattern's NFA with
bit sets, linear in the length of the path whatever the pattern.
"""

from __future__ import annotations

import re
from typing import Protocol

STAR, ANY, DIRS, SLASH_ANY = "[^/]*", ".*", "(?:.*/)?", "/.*"
UNBOUNDED = (STAR, ANY, DIRS, SLASH_ANY)
MAX_REGEX_UNBOUNDED = 2
"""Patterns with more unbounded parts than this are matched by the automaton."""


class Matcher(Protocol):
    """What both a compiled regex and an `Automaton` offer."""

    def fullmatch(self, string: str) -> object: ...


class Automaton:
    """The NFA of a fragment list, simulated with one integer as the set of live positions."""

    def __init__(self, fragments: list[str]) -> None:
        self._one: list[tuple[int, re.Pattern[str]]] = []
        star = any_ = skip1 = skip3 = 0
        bit = 0
        for frag in fragments:
            if frag == STAR:
                star |= 1 << bit
                skip1 |= 1 << bit
                bit += 1
            elif frag == ANY:
                any_ |= 1 << bit
                skip1 |= 1 << bit
                bit += 1
            elif frag == DIRS:
                # An entry node without characters: either skip the group (to its end) or
                # enter it: anything (a self-loop), then "/".
                skip1 |= 1 << bit
                skip3 |= 1 << bit
                any_ |= 1 << (bit + 1)
                skip1 |= 1 << (bit + 1)
                self._one.append((bit + 2, re.compile("/")))
                bit += 3
            elif frag == SLASH_ANY:
                self._one.append((bit, re.compile("/")))
                any_ |= 1 << (bit + 1)
                skip1 |= 1 << (bit + 1)
                bit += 2
            else:
                self._one.append((bit, re.compile(frag, re.DOTALL)))
                bit += 1
        self._star, self._any, self._skip1, self._skip3 = star, any_, skip1, skip3
        self._accept = 1 << bit
        self._masks: dict[str, int] = {}

    def _closure(self, states: int) -> int:
        while True:
            grown = states | ((states & self._skip1) << 1) | ((states & self._skip3) << 3)
            if grown == states:
                return states
            states = grown

    def _mask(self, char: str) -> int:
        mask = self._masks.get(char)
        if mask is None:
            mask = 0
            for bit, rx in self._one:
                if rx.fullmatch(char):
                    mask |= 1 << bit
            if len(self._masks) < 4096:
                self._masks[char] = mask
        return mask

    def fullmatch(self, string: str) -> bool:
        states = self._closure(1)
        for char in string:
            moved = ((states & self._mask(char)) << 1) | (states & self._any)
            if char != "/":
                moved |= states & self._star
            if not moved:
                return False
            states = self._closure(moved)
        return bool(states & self._accept)


def is_risky(fragments: list[str]) -> bool:
    """True when a regex of these fragments could backtrack for long on a crafted path."""
    return sum(1 for f in fragments if f in UNBOUNDED) > MAX_REGEX_UNBOUNDED


def compile_fragments(fragments: list[str], fallback: str) -> re.Pattern[str] | Automaton:
    """A regex for a tame pattern, an `Automaton` for a risky one; `fallback` (a regex of the
    pattern taken literally) when the fragments do not compile."""
    try:
        if is_risky(fragments):
            return Automaton(fragments)
        return re.compile("".join(fragments), re.DOTALL)
    except re.error:
        return re.compile(fallback)
