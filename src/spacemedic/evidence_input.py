"""Reading the evidence a diagnosis can start from offline: a case file (.json/.jsonl) or a saved
`collect` bundle. The one door to those files for `diagnose --from` and `report --from`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from spacemedic.models import Signals
    from spacemedic.triage.cases import CaseError

    Loaded = Union[Signals, CaseError]

BUNDLE_SCHEMA = "spacemedic.bundle/1"


def load_input(path: Path) -> list[Loaded]:
    """Read a case file or a bundle: each record's signals, or why it could not be read."""
    from spacemedic.space.reader import read_input_bytes
    from spacemedic.triage.cases import parse_cases

    text = read_input_bytes(path, what="case file").decode("utf-8", errors="replace")
    if is_bundle(text):
        return [_load_bundle(path)]
    jsonl = True if path.suffix.lower() == ".jsonl" else None
    return list(parse_cases(text, jsonl=jsonl))


def is_bundle(text: str) -> bool:
    """Whether `text` is a spacemedic bundle (a case file otherwise)."""
    if f'"{BUNDLE_SCHEMA}"' not in text[:4096] and BUNDLE_SCHEMA not in text[:4096]:
        return False
    from spacemedic.jsonbound import JsonBoundError, loads

    try:
        obj = loads(text)
    except JsonBoundError:
        return text.lstrip().startswith("{")  # a bundle over a bound: the bundle reader says which
    except ValueError:
        return False
    return isinstance(obj, dict) and obj.get("schema") == BUNDLE_SCHEMA


def _load_bundle(path: Path) -> Signals:
    import importlib

    from spacemedic.errors import InputError
    from spacemedic.models import Signals

    try:
        bundle = importlib.import_module("spacemedic.hub.bundle")
    except ImportError as exc:
        raise InputError(f"{path} is a {BUNDLE_SCHEMA} bundle, but this build has no bundle reader (spacemedic.hub.bundle)") from exc
    signals = bundle.load_bundle(path).to_signals()
    if not isinstance(signals, Signals):
        raise InputError(f"{path}: the bundle reader returned no Signals")
    return signals
