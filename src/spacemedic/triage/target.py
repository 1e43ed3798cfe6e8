"""Parse what the user typed to name a Space: OWNER/SPACE, the Hub URL, or the *.hf.space URL."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacemedic.errors import UsageError

_NAME = r"[A-Za-z0-9][A-Za-z0-9._-]{0,95}"
_REPO = re.compile(rf"^(?P<owner>{_NAME})/(?P<name>{_NAME})$")
_HUB = re.compile(
    rf"^(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/spaces/(?P<owner>{_NAME})/(?P<name>{_NAME})(?:[/?#].*)?$", re.I
)
_APP = re.compile(r"^(?:https?://)?(?P<sub>[a-z0-9][a-z0-9-]{0,62})\.(?:static\.)?hf\.space(?:[:/?#].*)?$", re.I)


@dataclass(frozen=True)
class Target:
    """A Space named by repo id, or only by its app subdomain (resolved later through the Hub)."""

    repo_id: str | None = None
    subdomain: str | None = None

    def __str__(self) -> str:
        return self.repo_id or f"{self.subdomain}.hf.space"


def parse_target(text: str) -> Target:
    value = (text or "").strip()
    for pattern in (_HUB, _REPO):
        m = pattern.match(value)
        if m:
            return Target(repo_id=f"{m.group('owner')}/{m.group('name')}")
    m = _APP.match(value)
    if m:
        # The subdomain cannot be split back into owner and name ("a-b-c"): the Hub resolves it.
        return Target(subdomain=m.group("sub").lower())
    raise UsageError(
        f"not a Space: {text!r} (use OWNER/SPACE, https://huggingface.co/spaces/OWNER/SPACE or https://SUBDOMAIN.hf.space)"
    )
