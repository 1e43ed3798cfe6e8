"""Reading labelled case files (the dev.jsonl format) for the evaluation; the only I/O it needs.

Kept outside triage/ so the classifier and its evaluation stay pure functions of values.
"""

from __future__ import annotations

import glob
import json
from pathlib import Path
from typing import Any, Sequence

from spacemedic.errors import InputError
from spacemedic.space.reader import read_input_bytes

MAX_BYTES = 20_000_000


def read_labelled(paths: Sequence[str] | None, default_globs: Sequence[str]) -> list[dict[str, Any]]:
    """Every JSON object of the given `.jsonl` files (or of the default globs), in file order.

    Raises ValueError with a one-line message when a file is missing, too large or has a line
    that is not a JSON object, or when there is nothing to read.
    """
    files = list(paths) if paths else sorted(f for g in default_globs for f in glob.glob(g))
    if not files:
        raise ValueError("no case files (give FILES or run from the project root)")
    out: list[dict[str, Any]] = []
    for name in files:
        path = Path(name)
        if not path.is_file():
            raise ValueError(f"{name}: not a readable file")
        try:
            raw = read_input_bytes(path, MAX_BYTES, what="case file")
        except InputError as exc:
            raise ValueError(str(exc)) from exc
        for number, line in enumerate(raw.decode("utf-8", errors="replace").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as exc:
                raise ValueError(f"{name}:{number}: not valid JSON") from exc
            if not isinstance(obj, dict):
                raise ValueError(f"{name}:{number}: expected a JSON object")
            out.append(obj)
    return out
