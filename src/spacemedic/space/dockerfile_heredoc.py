"""Fold Dockerfile heredocs (`RUN <<EOF ... EOF`, BuildKit syntax) back into their instruction.

dockerfile-parse does not know heredocs and reports every body line as an instruction of its
own (`APT-GET`, `EOF`, ...). Folding them keeps rules from seeing instructions that are not
there and lets them read the heredoc body as part of the RUN/COPY it belongs to.
"""

from __future__ import annotations

import re
from typing import Any

_HEREDOC = re.compile(r"<<-?\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?")
_HEREDOC_KEYWORDS = ("RUN", "COPY", "ADD")


def fold_heredocs(
    structure: list[dict[str, Any]], contexts: list[Any]
) -> tuple[list[dict[str, Any]], list[Any]]:
    """Return structure and contexts with heredoc bodies merged into their instruction."""
    out: list[dict[str, Any]] = []
    out_ctx: list[Any] = []
    i = 0
    while i < len(structure):
        item = dict(structure[i])
        ctx = contexts[i] if i < len(contexts) else None
        i += 1
        if str(item.get("instruction", "")).upper() in _HEREDOC_KEYWORDS:
            delimiters = _HEREDOC.findall(str(item.get("value", "")))
            while delimiters and i < len(structure):
                body = structure[i]
                i += 1
                item["content"] = str(item["content"]) + str(body["content"])
                item["value"] = str(item["value"]) + "\n" + str(body["content"]).rstrip("\n")
                item["endline"] = body["endline"]
                if str(body["content"]).strip() == delimiters[0]:
                    delimiters.pop(0)
        out.append(item)
        out_ctx.append(ctx)
    return out, out_ctx
