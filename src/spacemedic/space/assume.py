"""When the README front matter is missing, unreadable or sets no `sdk`, the best assumption
about what the Space is, so the rest of lint can still check it.

In order: an `sdk:` written in a file the Hub does not read (`space.yaml`, `.huggingface/...`,
a `readme.md` in another case), a root `Dockerfile` (docker), an `app.py` importing streamlit
(streamlit) or gradio / with a requirements.txt (gradio). Every finding made under the
assumption says so (the engine adds the evidence line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacemedic.space.repo import SpaceRepo

KNOWN_SDKS = ("gradio", "streamlit", "docker", "static")

_SDK_LINE = re.compile(r"^\s*sdk\s*:\s*['\"]?([A-Za-z]+)", re.MULTILINE)
_UNREAD = ("space.yaml", "space.yml", "readme.yaml", "readme.yml", "readme.md", "readme.markdown", "readme")


@dataclass(frozen=True)
class Assumption:
    sdk: str
    why: str


def assume_sdk(repo: SpaceRepo) -> Assumption | None:
    for f in repo.files:
        if f.size > 65_536 or f.path == "README.md":
            continue
        unread = ("/" not in f.path and f.path.lower() in _UNREAD) or (
            f.path.startswith(".huggingface/") and f.suffix in (".yaml", ".yml", ".md")
        )
        if not unread:
            continue
        m = _SDK_LINE.search(repo.text(f.path) or "")
        if m and m.group(1).lower() in KNOWN_SDKS:
            return Assumption(m.group(1).lower(), f"`sdk: {m.group(1)}` in {f.path}, a file the Hub does not read")
    entry = repo.get("Dockerfile")
    if entry is not None:
        return Assumption("docker", "a root Dockerfile")
    if repo.has("app.py"):
        text = repo.text("app.py") or ""
        if re.search(r"^\s*(import|from)\s+streamlit\b", text, re.MULTILINE):
            return Assumption("streamlit", "app.py imports streamlit")
        if re.search(r"^\s*(import|from)\s+gradio\b", text, re.MULTILINE) or repo.has("requirements.txt"):
            return Assumption("gradio", "app.py" + (" imports gradio" if "gradio" in text else " and requirements.txt"))
    if repo.has("index.html"):
        return Assumption("static", "a root index.html")
    return None
