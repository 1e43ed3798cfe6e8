"""`spacemedic history OWNER/SPACE`: the recorded timeline, as text, JSON or an HTML chart."""

from __future__ import annotations

from pathlib import Path

import click

from spacemedic.cli.params import Choice

from spacemedic.cli.hub_options import FORMAT_HELP, db_option, space_id
from spacemedic.cli.output import emit, progress, write_file


@click.command()
@click.argument("space", required=False)
@click.option("-f", "--format", "fmt", type=Choice(("human", "json")), default="human", show_default=True, help=FORMAT_HELP)
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write a self-contained HTML page with a timeline chart.")
@click.option("--force", is_flag=True, help="Replace an existing HTML file.")
@db_option
def history(space: str | None, fmt: str, html_path: Path | None, db: str | None, force: bool = False) -> int:
    """Print the recorded timeline of a Space (what `spacemedic watch` saw); without SPACE, list
    the Spaces the history knows."""
    from spacemedic.history.store import HistoryStore
    from spacemedic.render import history_html, history_text
    from spacemedic.watch.clock import clock_from_env
    from spacemedic.watch.detect import detect

    if space is None:
        return _list_spaces(db, fmt)
    sid = space_id(space)
    from spacemedic.history.attempts import AttemptLog

    with HistoryStore(db) as store:
        events = store.events(sid)
        last_seen = store.last_seen(sid)
    with AttemptLog(db) as log:
        attempts = log.attempts(sid)
    # "Now" for a finished record is the last look, so an old record does not grow stale stages.
    now = last_seen if last_seen is not None else clock_from_env().now()
    detections = detect(events, now)
    render = history_text.render_json if fmt == "json" else history_text.render_human
    emit(render(sid, events, now, detections, attempts))
    if html_path is not None:
        write_file(html_path, history_html.render(sid, events, now, detections, attempts), force=force,
                   inputs=(Path(db) if db else None,))
        progress(f"wrote {html_path}")
    return 0


def _list_spaces(db: str | None, fmt: str) -> int:
    import json

    from spacemedic.history.store import HistoryStore
    from spacemedic.watch.timeline import iso_utc

    rows = []
    with HistoryStore(db) as store:
        for sid in store.spaces():
            since = store.stage_since(sid)
            seen = store.last_seen(sid)
            rows.append({"space": sid, "stage": since[0] if since else None,
                         "since": iso_utc(since[1]) if since else None, "last_seen": iso_utc(seen) if seen else None})
    if fmt == "json":
        emit(json.dumps({"schema": "spacemedic.history-index/1", "spaces": rows}, indent=2))
    elif not rows:
        emit("nothing recorded yet (run `spacemedic watch OWNER/SPACE`)")
    else:
        emit("\n".join(f"{r['space']}  {r['stage']} since {r['since']} (last look {r['last_seen']})" for r in rows))
    return 0
