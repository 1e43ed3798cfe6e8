"""`spacemedic collect OWNER/SPACE -o bundle.json`: read the evidence, save it, diagnose nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import click

from spacemedic.cli.output import emit, progress, write_file


def hub_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The options every live command shares (collect, diagnose)."""
    for decorator in reversed((
        click.option("--endpoint", envvar="HF_ENDPOINT", default=None, help="Hub endpoint [env HF_ENDPOINT; default https://huggingface.co]."),
        click.option("--status-url", default="https://status.huggingface.co/index.json", show_default=True, help="Status page JSON."),
        click.option("--timeout", "time_box", type=float, default=10.0, show_default=True, help="Seconds per Hub request."),
        click.option("--log-seconds", type=float, default=8.0, show_default=True, help="Seconds to read each log stream."),
        click.option("--log-lines", type=int, default=400, show_default=True, help="Log lines kept (the last ones)."),
        click.option("--log-bytes", type=int, default=32 * 1024 * 1024, show_default=True, help="Bytes read per log at most."),
    )):
        fn = decorator(fn)
    return fn


def gather(space: str, endpoint: str | None, status_url: str = "https://status.huggingface.co/index.json",
           time_box: float = 10.0, log_seconds: float = 8.0, log_lines: int = 400, log_bytes: int = 32 * 1024 * 1024,
           token: str | None = None) -> Any:
    """Collect a bundle for `space` (any accepted form). Raises HubError when nothing could be read."""
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
    progress(f"reading {repo_id} from {base} ...")
    bundle = collect(target, CollectOptions(time_box=time_box, log_bounds=bounds))
    for note in bundle.unavailable:
        progress(f"unavailable: {note.source}: {note.reason}")
    if not bundle.anything_read:
        notes = {n.source: n.reason for n in bundle.unavailable}
        reason = notes.get("space info") or notes.get("runtime") or "no answer from the Hub"
        raise HubError(f"could not read anything about {repo_id}: {reason}")
    return bundle


@click.command()
@click.argument("space")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write the bundle here (default: stdout).")
@hub_options
def collect(space: str, output: Path | None, **opts: Any) -> int:
    """Read everything about a Space from the Hub (read-only) and save it as a bundle."""
    bundle = gather(space, **opts)
    if output is None:
        emit(bundle.to_json())
    else:
        write_file(output, bundle.to_json())
        progress(f"wrote {output}")
    return 0
