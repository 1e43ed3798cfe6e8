"""What a repo id says about the size of its weights: a parameter count in the name
(`Llama-3-8B`, `Qwen2.5-0.5B`, `Mixtral-8x7B`, `bert-base-783M`)."""

from __future__ import annotations

import re

_PARAMS = re.compile(r"(?<![A-Za-z0-9.])(?:(\d+)x)?(\d+(?:\.\d+)?)\s*([BbMm])(?![A-Za-z0-9])")
BYTES_PER_PARAM = 2  # fp16/bf16 checkpoints, the usual upload
DISK_BYTES = 50 * 10**9  # cpu-basic and small GPU flavours: 50 GB of ephemeral disk


def parameter_count(repo_id: str) -> float | None:
    """Parameters named in the repo name (the part after the owner), or None."""
    name = repo_id.rsplit("/", 1)[-1]
    best: float | None = None
    for m in _PARAMS.finditer(name.replace("_", "-")):
        experts, number, unit = m.group(1), float(m.group(2)), m.group(3).lower()
        count = number * (10**9 if unit == "b" else 10**6) * (int(experts) if experts else 1)
        best = max(best or 0.0, count)
    return best


def describe(count: float) -> str:
    gb = count * BYTES_PER_PARAM / 10**9
    size = f"{count / 10**9:g}B" if count >= 10**9 else f"{count / 10**6:g}M"
    return f"~{size} parameters, about {gb:.1f} GB in 16-bit weights"
