"""JSON from outside (case files, bundles, Hub and status-page bodies), parsed within bounds.

`json.loads` itself is not bounded: a 200 MB document costs gigabytes, and nesting deeper
than the interpreter's recursion limit raises `RecursionError`; a tree just under that limit
then breaks every recursive walker after it. `loads` refuses text over `max_bytes` before
parsing, turns a recursion failure into `JsonBoundError`, and checks the depth of the result
iteratively (no recursion) so later code can walk it safely.
"""

from __future__ import annotations

import json
from typing import Any

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
"""Deeper than any real runtime, bundle or case document (they are 4-6 levels deep)."""


class JsonBoundError(ValueError):
    """The JSON text is over a bound (size or depth); the message says which, in a few words."""


def loads(text: str | bytes, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """Parse JSON within the bounds: `JsonBoundError` past them, `json.JSONDecodeError`
    (a `ValueError`) for text that is not JSON."""
    if len(text) > max_bytes:
        raise JsonBoundError(f"larger than {max_bytes} bytes")
    try:
        value = json.loads(text)
    except RecursionError as exc:
        raise JsonBoundError(f"nested deeper than {max_depth} levels") from exc
    if depth_exceeds(value, max_depth):
        raise JsonBoundError(f"nested deeper than {max_depth} levels")
    return value


def depth_exceeds(value: Any, max_depth: int = MAX_DEPTH) -> bool:
    """True if lists/objects in `value` nest deeper than `max_depth` (iterative walk)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > max_depth:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False
