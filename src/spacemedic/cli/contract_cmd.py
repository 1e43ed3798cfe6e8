"""`spacemedic contract`: what the Hub will run and where it will listen, with sources."""

from __future__ import annotations

import json
from pathlib import Path

import click

from spacemedic.cli.hub_options import FORMAT_HELP, force_option, output_option
from spacemedic.cli.params import Choice

from spacemedic.cli.output import emit, write_file


@click.command()
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=Choice(("human", "json")), default="human", show_default=True, help=FORMAT_HELP)
@output_option
@force_option
def contract(path: Path, fmt: str, output: Path | None, force: bool) -> int:
    """Show the Space's resolved runtime contract: sdk, routed port, start command, user,
    and the host and port the served process will listen on, each with its source."""
    from spacemedic import api

    resolved = api.contract(path)
    if fmt == "json":
        text = json.dumps({"root": resolved.root, **resolved.contract.to_dict()}, indent=2)
    else:
        from spacemedic.render import contract_human

        text = contract_human.render(resolved.contract, resolved.root)
    if output is not None:
        write_file(output, text, force=force)
    else:
        emit(text)
    return 0
