"""The evaluation protocol: which real cases tune the diagnosis and which only judge it.

Cases from one source (one GitHub repository, one forum thread, one Space) are alike: the same
people, the same stack, often the same log. So the unit of every split is the *source group*,
never the case. A group's key is derived from its source URL; a hash of the key decides, once
and for all, whether the group is held out (never tuned on) and, if not, which cross-validation
fold it belongs to. Adding cases never moves an existing group to the other side.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

FOLDS = 5
HOLDOUT_SHARE = 5  # one group in five (by hash) is held out
_SALT = "spacemedic-protocol-1"  # changing it reshuffles every split: never do it to move a case
_URL = re.compile(r"https?://[^\s;,()]+", re.I)


def group_key(source: object) -> str:
    """The source group of a case: repository, forum thread or Space its `source` URL names."""
    text = str(source or "").strip()
    m = _URL.search(text)
    if not m:
        return "text:" + " ".join(text.lower().split())[:80]
    url = m.group(0).rstrip("/.#")
    host, _, path = url.split("://", 1)[1].partition("/")
    host = host.lower().removeprefix("www.")
    parts = [p for p in path.split("?")[0].split("#")[0].split("/") if p]
    if host == "github.com" and len(parts) >= 2:
        return f"github.com/{parts[0].lower()}/{parts[1].lower()}"
    if host.startswith("discuss.") and len(parts) >= 2 and parts[0] == "t":
        # /t/<slug>/<id>[/<post>]: the numeric id names the thread, the slug may change.
        ids = [p for p in parts[1:] if p.isdigit()]
        return f"{host}/t/{ids[0] if ids else parts[1].lower()}"
    if host in ("huggingface.co", "hf.co") and len(parts) >= 3 and parts[0] in ("spaces", "datasets"):
        return f"huggingface.co/{parts[0]}/{parts[1].lower()}/{parts[2].lower()}"
    if host.endswith(".hf.space"):
        return host
    return host + "/" + "/".join(p.lower() for p in parts[:2])


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.sha256((_SALT + key).encode("utf-8")).digest()[:8], "big")


def is_held_out(key: str) -> bool:
    """True for the groups that are never tuned on."""
    return _hash(key) % HOLDOUT_SHARE == 0


def fold_of(key: str, folds: int = FOLDS) -> int:
    """The cross-validation fold of a tuning group (independent of the held-out draw)."""
    return (_hash(key) // HOLDOUT_SHARE) % folds


@dataclass(frozen=True)
class Split:
    """Cases of the tuning part with their fold, and the held-out cases."""

    tuning: tuple[tuple[int, Mapping[str, Any]], ...]
    held_out: tuple[Mapping[str, Any], ...]

    @property
    def groups(self) -> tuple[int, int]:
        """How many source groups each side has."""
        tune = {group_key(c.get("source")) for _, c in self.tuning}
        held = {group_key(c.get("source")) for c in self.held_out}
        return len(tune), len(held)


def split(cases: Sequence[Mapping[str, Any]], folds: int = FOLDS) -> Split:
    """Split labelled cases by source group into tuning folds and a held-out part."""
    tuning: list[tuple[int, Mapping[str, Any]]] = []
    held: list[Mapping[str, Any]] = []
    for case in cases:
        key = group_key(case.get("source"))
        if is_held_out(key):
            held.append(case)
        else:
            tuning.append((fold_of(key, folds), case))
    return Split(tuple(tuning), tuple(held))
