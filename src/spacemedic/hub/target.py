"""Read the Space the user named: OWNER/SPACE, a huggingface.co/spaces URL, or a *.hf.space URL."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from spacemedic.errors import UsageError

_REPO = re.compile(r"^[A-Za-z0-9][\w.\-]*/[\w.\-]+$")


def parse_space(text: str) -> tuple[str | None, str | None]:
    """(repo_id, subdomain): exactly one is set. `*.hf.space` hosts give a subdomain to resolve."""
    raw = text.strip()
    if _REPO.match(raw):
        return raw, None
    parts = urlsplit(raw if "://" in raw else "https://" + raw)
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    if host.endswith(".hf.space"):
        sub = host[: -len(".hf.space")].removesuffix(".static")
        return None, sub.split("--")[0]  # "{sub}--7887.hf.space" is a port of the same Space
    if segments[:1] == ["spaces"] and len(segments) >= 3:
        repo = "/".join(segments[1:3])
        if _REPO.match(repo):
            return repo, None
    raise UsageError(f"not a Space: {text!r} (expected OWNER/SPACE, https://huggingface.co/spaces/OWNER/SPACE or https://SUB.hf.space)")


def resolve_subdomain(subdomain: str, endpoint: str, timeout: float = 5.0) -> str:
    """The repo id behind a *.hf.space subdomain, via the Hub's by-subdomain lookup."""
    import httpx

    from spacemedic.errors import HubError

    try:
        response = httpx.get(f"{endpoint.rstrip('/')}/api/spaces/by-subdomain/{subdomain}", timeout=timeout)
        response.raise_for_status()
        repo = response.json().get("id")
    except (httpx.HTTPError, ValueError, AttributeError) as exc:
        raise HubError(f"could not find the Space behind {subdomain}.hf.space ({type(exc).__name__}); "
                       "pass OWNER/SPACE instead") from exc
    if not isinstance(repo, str) or "/" not in repo:
        raise HubError(f"could not find the Space behind {subdomain}.hf.space; pass OWNER/SPACE instead")
    return repo
