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


@click.command()
@click.argument("space")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write the bundle here (default: stdout).")
@click.option("--force", is_flag=True, help="Replace an existing output file.")
@hub_options
def collect(space: str, output: Path | None, force: bool, **opts: Any) -> int:
    """Read everything about a Space from the Hub (read-only) and save it as a bundle."""
    from spacemedic.cli.safe_write import check_target
    from spacemedic.hub.gather import gather

    if output is not None:
        check_target(output, force=force)
    bundle = gather(space, notify=progress, **opts)
    if output is None:
        emit(bundle.to_json())
    else:
        _save(output, bundle.to_json(), force=force)
        progress(f"wrote {output}")
    return 0


def _save(output: Path, text: str, *, force: bool) -> None:
    """Write the bundle; if it cannot be written, keep the evidence in a temporary file and say where."""
    from spacemedic.cli.output import prepare
    from spacemedic.cli.safe_write import keep_elsewhere, write_bytes
    from spacemedic.errors import OutputError

    data = prepare(text)
    try:
        write_bytes(output, data, force=force)
    except OutputError as exc:
        kept = keep_elsewhere(data, prefix="spacemedic-bundle-", suffix=".json")
        where = f"; the evidence was kept in {kept}" if kept else "; the evidence could not be kept anywhere"
        raise OutputError(f"{exc}{where}") from exc
