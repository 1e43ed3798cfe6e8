"""Collect a Space's evidence by any accepted name: the one call the CLI and the library share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from spacemedic.hub.bundle import Bundle

STATUS_URL = "https://status.huggingface.co/index.json"


def gather(space: str, endpoint: str | None, status_url: str = STATUS_URL,
           time_box: float = 10.0, log_seconds: float = 8.0, log_lines: int = 400, log_bytes: int = 32 * 1024 * 1024,
           token: str | None = None, notify: Callable[[str], None] | None = None,
           echo_unavailable: bool = True, allow_empty: bool = False) -> Bundle:
    """Collect a bundle for `space` (any accepted form). Raises HubError when nothing could be read,
    except with `allow_empty` when the runtime or the info did not answer in time (a diagnosis then
    says "not enough evidence" with each source's state); an unreachable Hub, or a Space that is
    not found or refused, still raises.

    `notify` receives progress and, with `echo_unavailable`, the "unavailable" lines (stderr for
    the CLI; None for the library). Commands whose output lists what could not be checked pass
    `echo_unavailable=False`, so no failure is printed twice.
    """
    say = notify or (lambda _line: None)
    from huggingface_hub import constants

    from spacemedic.errors import HubError, UsageError
    from spacemedic.hub import CollectOptions, HubTarget, LogBounds, collect
    from spacemedic.hub.target import resolve_subdomain
    from spacemedic.triage.target import parse_target

    if min(time_box, log_seconds) <= 0 or min(log_lines, log_bytes) <= 0:
        raise UsageError("--timeout, --log-seconds, --log-lines and --log-bytes must be positive")
    base = (endpoint or constants.ENDPOINT).rstrip("/")
    named = parse_target(space)
    repo_id = named.repo_id or resolve_subdomain(str(named.subdomain), base, timeout=time_box)
    target = HubTarget(repo_id=repo_id, endpoint=base, token=token, status_url=status_url,
                       http_timeout=min(time_box, 5.0))
    bounds = LogBounds(max_lines=log_lines, max_bytes=log_bytes, max_seconds=log_seconds)
    say(f"reading {repo_id} from {base} ...")
    bundle = collect(target, CollectOptions(time_box=time_box, log_bounds=bounds))
    if echo_unavailable and bundle.anything_read:
        for note in bundle.unavailable:
            say(f"unavailable: {note.source}: {note.reason}")
    if not bundle.anything_read:
        from spacemedic.models import SourceState

        # Sources that hung are reported as such (with "not enough evidence"); a Hub that refused the
        # connection, or a Space that is not found or refused, is a clear error instead.
        states = {n.source: n.state for n in bundle.unavailable}
        if allow_empty and SourceState.TIMED_OUT in {states.get("runtime"), states.get("space info")}:
            return bundle
        notes = {n.source: n.reason for n in bundle.unavailable}
        reason = notes.get("space info") or notes.get("runtime") or "no answer from the Hub"
        raise HubError(f"could not read anything about {repo_id}: {reason}")
    return bundle
