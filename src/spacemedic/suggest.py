""""Did you mean X?" for a word the user typed that is not one of the known ones.

Shared by every place that rejects a name (config keys, rule codes and selectors, options);
difflib's ratio is good enough for typos such as `SM3O1`, `ignroe` or `fail_on`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The known choice closest to `word`, or None when none is close enough."""
    pool = list(dict.fromkeys(choices))
    folded = {c.lower(): c for c in pool}
    if word.lower() in folded:
        return folded[word.lower()]
    hits = difflib.get_close_matches(word.lower(), list(folded), n=1, cutoff=cutoff)
    return folded[hits[0]] if hits else None


def did_you_mean(word: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str:
    """`"; did you mean 'X'?"` for the closest choice, or "" when there is none."""
    best = closest(word, choices, cutoff=cutoff)
    return f"; did you mean {best!r}?" if best is not None and best != word else ""
