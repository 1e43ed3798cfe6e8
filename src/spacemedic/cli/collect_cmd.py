"""`spacemedic collect OWNER/SPACE -o bundle.json`: read the evidence, save it, diagnose nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from spacemedic.cli.hub_options import collect_options, hub_options, output_option
from spacemedic.cli.output import emit, progress, write_file


@click.command()
@click.argument("space")
@output_option
@click.option("--force", is_flag=True, help="Replace an existing output file.")
@hub_options
@collect_options
def collect(space: str, output: Path | None, force: bool, **opts: Any) -> int:
    """Read everything about a Space from the Hub (read-only) and save it as a bundle."""
    from spacemedic import api
    from spacemedic.cli.safe_write import check_target

    if output is not None:
        check_target(output, force=force)
    live = {key: opts.pop(key, None) for key in ("endpoint", "token", "status_url", "time_box")}
    bundle = api.collect(space, **live, notify=progress, collect_options=opts)
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
