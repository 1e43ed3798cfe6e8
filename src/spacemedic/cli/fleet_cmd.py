"""`spacemedic fleet --author NAME`: every Space of an account, its stage, and account-wide patterns."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from spacemedic.cli.params import Choice

from spacemedic.cli.hub_options import FORMAT_HELP, db_option, hub_options, force_option, output_option, request_timeout_option
from spacemedic.cli.output import emit, progress, write_file


@click.command()
@click.option("--author", required=True, help="A user or organisation name.")
@click.option("--sdk", default=None, help="Only Spaces of this SDK (gradio, docker, streamlit, static).")
@click.option("--filter", "search", default=None, help="Only Spaces whose id contains this text.")
@click.option("-f", "--format", "fmt", type=Choice(("human", "json")), default="human", show_default=True, help=FORMAT_HELP)
@click.option("-q", "--quiet", is_flag=True,
              help="For scripts: only the ids of the Spaces that are neither running nor sleeping, one a line.")
@click.option("--workers", type=click.IntRange(1, 64), default=32, show_default=True, help="Parallel runtime calls.")
@click.option("--no-record", is_flag=True, help="Do not add what was seen to the local history.")
@output_option
@force_option
@request_timeout_option
@db_option
@hub_options
def fleet(
    author: str,
    sdk: str | None,
    search: str | None,
    fmt: str,
    quiet: bool,
    workers: int,
    no_record: bool,
    output: Path | None,
    force: bool,
    db: str | None,
    endpoint: str | None,
    token: str | None,
    time_box: float = 10.0,
) -> int:
    """List every Space of a user or organisation with its stage, and what several stuck at once suggest.

    Exit 0 when every Space is running or sleeping, 1 when some are not.
    """
    from spacemedic.fleet.build import build_fleet
    from spacemedic.hub.fleet_collect import list_author_spaces
    from spacemedic.hub.runtime_poll import make_api
    from spacemedic.render import fleet_text
    from spacemedic.watch.clock import clock_from_env

    from spacemedic.errors import UsageError

    if time_box <= 0:
        raise UsageError("--request-timeout must be positive")
    api = make_api(endpoint, token, timeout=time_box)
    show = _progress_printer()
    listed = list_author_spaces(api, author, search=search, sdk=sdk, workers=workers, on_progress=show, box=time_box)
    starts = stage_starts(api, listed, workers=min(workers, 8))
    view = build_fleet(listed, now=clock_from_env().now(), db=db, record=not no_record, stage_starts=starts)
    if quiet:
        text = "".join(f"{s.id}\n" for s in view.spaces if not s.healthy)
    elif fmt == "json":
        text = (fleet_text.render_json(author, view.spaces, view.tops, view.patterns, [u.to_dict() for u in view.unavailable],
                                      sdk=sdk))
    else:
        text = fleet_text.render_human(author, view.spaces, view.tops, view.patterns, sdk=sdk)
        for u in view.unavailable:
            progress(f"not checked: {u.source}: {u.reason}")
    if output is not None:
        write_file(output, text, force=force)
    else:
        emit(text)
    return 0 if all(s.healthy for s in view.spaces) else 1


MAX_CLOCK_READS = 20  # log banners read per fleet run (only Spaces building or starting need one)


def stage_starts(api: Any, listed: Any, *, workers: int) -> dict[str, Any]:
    """The platform's own start of each building/starting (or flagged) Space's stage."""
    from collections.abc import Mapping
    from concurrent.futures import ThreadPoolExecutor

    from spacemedic.hub.runtime_poll import fetch_stage_start
    from spacemedic.watch.timeline import STARTING_STAGES

    todo = [(item.id, str(item.runtime.get("stage")), item.runtime) for item in listed
            if isinstance(item.runtime, Mapping) and (item.runtime.get("stage") in STARTING_STAGES
                                                   or item.runtime.get("abuse"))][:MAX_CLOCK_READS]
    if not todo:
        return {}
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        found = list(pool.map(lambda t: fetch_stage_start(api, t[0], t[1], t[2], seconds=3.0), todo))
    return {sid: start for (sid, _, _), start in zip(todo, found) if start is not None}


def _progress_printer() -> Any:
    """Progress on stderr for long runs: a line every 100 Spaces (every 10% on a TTY)."""
    tty = sys.stderr.isatty()

    def show(done: int, total: int) -> None:
        step = max(1, total // 10) if tty else 100
        if total >= 50 and (done % step == 0 or done == total):
            progress(f"runtimes: {done}/{total}")

    return show
