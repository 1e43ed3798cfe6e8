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
@hub_options
@collect_options
def collect(space: str, output: Path | None, **opts: Any) -> int:
    """Read everything about a Space from the Hub (read-only) and save it as a bundle."""
    from spacemedic.hub.gather import gather

    bundle = gather(space, notify=progress, **opts)
    if output is None:
        emit(bundle.to_json())
    else:
        write_file(output, bundle.to_json())
        progress(f"wrote {output}")
    return 0
