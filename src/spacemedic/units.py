"""Quantities in words people read: one unit per quantity, the same everywhere it is printed."""

from __future__ import annotations


def minutes_words(minutes: float) -> str:
    """90 -> "90 min", 300 -> "5.0 h", 4320 -> "3.0 days"."""
    if minutes >= 2880:
        return f"{minutes / 1440:.1f} days"
    if minutes >= 120:
        return f"{minutes / 60:.1f} h"
    return f"{minutes:.0f} min"


def bytes_words(count: int) -> str:
    """33554432 -> "32 MiB"; 1500 -> "1500 B"."""
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= size and count % size == 0:
            return f"{count // size} {unit}"
    return f"{count} B"
