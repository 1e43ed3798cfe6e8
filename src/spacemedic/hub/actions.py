"""The only code that changes a Space: restart, factory rebuild, one no-op commit, and the wake
(a visitor's GET). Called by `spacemedic fix` after the owner confirmed each action; everything
else in spacemedic is read-only.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacemedic.recovery.ladder import Action

if TYPE_CHECKING:
    from huggingface_hub import HfApi

NOOP_MESSAGE = "spacemedic: one-line no-op commit to start a build"
WAKE_BODY_BYTES = 4096


@dataclass(frozen=True)
class Sent:
    """What the Hub answered to one action."""

    ok: bool
    status: int | None
    request_id: str | None = None
    stage: str | None = None
    message: str | None = None
    retry_after: float | None = None


def write_refusal(api: HfApi, space_id: str) -> str | None:
    """Why this token may not change `space_id`, or None when it may (as far as whoami says)."""
    from huggingface_hub.errors import HfHubHTTPError

    try:
        who: dict[str, Any] = api.whoami()
    except HfHubHTTPError as exc:
        status = exc.response.status_code if exc.response is not None else None
        if status == 401:
            return "no valid Hugging Face token: log in with `hf auth login` or set HF_TOKEN (a write token)"
        return f"could not check what the token may do (whoami answered {status})"
    except Exception as exc:  # noqa: BLE001 - any failure here means "cannot verify", never "allowed"
        return f"could not check what the token may do ({type(exc).__name__})"
    owner = space_id.split("/")[0]
    names = {str(who.get("name"))} | {str(o.get("name")) for o in who.get("orgs") or () if isinstance(o, dict)}
    role = ((who.get("auth") or {}).get("accessToken") or {}).get("role")
    if role == "read":
        return "the token is read-only: restarting or committing needs a write token"
    if owner not in names:
        return f"the token belongs to {who.get('name')!s}, who cannot change {owner}'s Spaces"
    return None


def send(api: HfApi, space_id: str, action: Action, *, noop_file: str, direct_url: str | None,
         timeout: float) -> Sent:
    """Send one action; a refusal or failure comes back as a value, never as an exception."""
    from huggingface_hub.errors import HfHubHTTPError

    try:
        if action is Action.WAKE:
            return _wake(direct_url, timeout)
        if action is Action.NOOP_COMMIT:
            from huggingface_hub import CommitOperationAdd

            line = f"spacemedic asked for a build at {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}\n"
            info = api.create_commit(space_id, repo_type="space", commit_message=NOOP_MESSAGE,
                                     operations=[CommitOperationAdd(noop_file, line.encode())])
            return Sent(True, 200, message=f"commit {info.oid[:7]}")
        runtime = api.restart_space(space_id, factory_reboot=action is Action.FACTORY_REBUILD)
        return Sent(True, 200, stage=runtime.stage)
    except HfHubHTTPError as exc:
        response = exc.response
        headers = response.headers if response is not None else {}
        from spacemedic.hub.runtime_poll import retry_after_seconds

        return Sent(False, response.status_code if response is not None else None,
                    request_id=headers.get("x-request-id"),
                    message=headers.get("x-error-message") or exc.server_message or str(exc).split("\n")[0],
                    retry_after=retry_after_seconds(headers))
    except Exception as exc:  # noqa: BLE001 - a timeout or a dropped connection is an outcome to record
        return Sent(False, None, message=f"{type(exc).__name__}: {exc}")


def _wake(direct_url: str | None, timeout: float) -> Sent:
    import httpx

    if not direct_url:
        return Sent(False, None, message="the Space's direct URL is not known")
    with httpx.stream("GET", direct_url.rstrip("/") + "/", timeout=timeout, follow_redirects=False) as response:
        for _ in response.iter_bytes(WAKE_BODY_BYTES):
            break  # a visitor's request is enough to wake it; the body is the app's, never read whole
        return Sent(response.status_code < 500, response.status_code, request_id=response.headers.get("x-request-id"))
