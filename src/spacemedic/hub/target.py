"""Find the Space behind a *.hf.space subdomain (parsing the name is spacemedic.triage.target)."""

from __future__ import annotations

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
