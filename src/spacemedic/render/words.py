"""Counting words the way people write them: "1 warning", "2 errors", "no info"."""

from __future__ import annotations

_IRREGULAR = {"info": "info", "Space": "Spaces", "match": "matches", "is": "are", "was": "were"}


def plural(count: int, word: str) -> str:
    """`plural(1, "warning")` -> "1 warning"; `plural(2, "Space")` -> "2 Spaces"."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {_IRREGULAR.get(word, word + 's')}"


def severity_counts(counts: dict[str, int]) -> str:
    """"2 errors, 1 warning, 0 info" from `Report.counts()`."""
    return ", ".join(plural(counts.get(key, 0), key) for key in ("error", "warning", "info"))
