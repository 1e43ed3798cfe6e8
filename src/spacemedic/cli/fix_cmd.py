"""`spacemedic fix`: run the recovery ladder for a stuck Space, one confirmed action at a time.

Exit codes: 0 recovered, nothing to do, or a dry run; 1 not recovered (the support request is
printed when support is the next step); 2 could not run, or a guard rail refused every action;
3 the plan needs confirmation (no terminal and no --yes: nothing was changed); 130 interrupted.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from spacemedic.cli.hub_options import FORMAT_HELP, Duration, collect_options, hub_options
from spacemedic.cli.params import Choice
from spacemedic.cli.output import emit, progress

if TYPE_CHECKING:
    from spacemedic.recovery.models import FixOutcome, Plan, Step
    from spacemedic.models import Diagnosis

EXIT_CONFIRM = 3


@click.command()
@click.argument("target")
@click.option("--yes", is_flag=True, help="Take every planned action without asking.")
@click.option("--dry-run", is_flag=True, help="Print the plan and change nothing.")
@click.option("--max-steps", type=click.IntRange(min=1), default=None, help="Take at most this many actions.")
@click.option("--tried", multiple=True, metavar="ACTION=OUTCOME",
              help="What you already did outside spacemedic: restart=failed|no-effect, factory-rebuild=..., "
                   "new-commit=no-build.")
@click.option("--repo", "repo_path", type=click.Path(path_type=Path), default=None,
              help="A local checkout of the Space: its lint findings feed the diagnosis.")
@click.option("--fix-pushed", is_flag=True, help="You pushed the fix for an app-side cause: allow one restart.")
@click.option("--wake", is_flag=True, help="Wake a sleeping Space (a visit) or restart a paused one.")
@click.option("--noop-file", default=None, metavar="PATH",
              help="File the one no-op commit writes a line to [default: .spacemedic-rebuild]; never an existing file of yours.")
@click.option("--force", is_flag=True, help="Act even though spacemedic changed this Space less than 10 min ago.")
@click.option("--wait", type=Duration(), default=None,
              help="How long to watch each action's outcome [default: the Space's startup timeout + 15 min].")
@click.option("--interval", type=Duration(), default=15.0, show_default="15s", help="How often to look while watching.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="History database where attempts are recorded [default: the user cache directory].")
@click.option("--bundle", "zip_path", type=click.Path(path_type=Path), default=None,
              help="When not recovered, also write the shareable support zip here.")
@click.option("-f", "--format", "fmt", type=Choice(("human", "json")), default="human", show_default=True, help=FORMAT_HELP)
@hub_options
@collect_options
def fix(target: str, yes: bool, dry_run: bool, max_steps: int | None, tried: tuple[str, ...], repo_path: Path | None,
        fix_pushed: bool, wake: bool, noop_file: str | None, force: bool, wait: float | None, interval: float,
        db: Path | None, zip_path: Path | None, fmt: str, token: str | None, **hub: Any) -> int:
    """Run the recovery ladder for a stuck Space (restart, factory rebuild, one no-op commit, then
    support), only where its diagnosis says it can help, asking before each action. Acting needs a
    token with write access to the Space."""
    from spacemedic import api
    from spacemedic.recovery.models import Ending, Result
    from spacemedic.render.fix_human import render_outcome, render_plan

    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    execute = not dry_run and (yes or interactive)

    def show_plan(diagnosis: Diagnosis, plan: Plan) -> None:
        if fmt == "human":
            emit(render_plan(diagnosis, plan))

    def confirm(step: Step) -> bool:
        if yes:
            return True
        return click.confirm(f"{step.action.value}: {step.what}. Go ahead?", default=False, err=True)

    endpoint, status_url, time_box = hub.pop("endpoint", None), hub.pop("status_url"), hub.pop("time_box")
    outcome: FixOutcome = api.fix(
        target, endpoint=endpoint, token=token, status_url=status_url, time_box=time_box,
        tried=tried, repo=repo_path, execute=execute, confirm=confirm, max_steps=max_steps, force=force,
        fix_pushed=fix_pushed, wake=wake, noop_file=noop_file, wait=wait, interval=interval, db=db,
        notify=progress, collect_options=hub, on_plan=show_plan,
    )
    report_text = None
    if outcome.ending is Ending.NOT_RECOVERED and outcome.plan.after.value == "report" and \
            not any(a.result is Result.NOW_FAILING for a in outcome.attempts):
        drafted = api.report(target, endpoint=endpoint, token=token, status_url=status_url, time_box=time_box,
                             db=db, attempts=outcome.attempts, tried=tried, notify=progress, collect_options=hub)
        from spacemedic.render.report import render_markdown

        report_text = render_markdown(drafted.diagnosis, drafted.facts)
        if zip_path is not None:
            from spacemedic.cli.report_zip import write_report_zip

            write_report_zip(zip_path, report_md=report_text, bundle=drafted.bundle, signals=drafted.signals,
                             diagnosis=drafted.diagnosis, facts=drafted.facts, lint=drafted.lint)
            progress(f"wrote {zip_path}")
    if fmt == "json":
        data = outcome.to_dict()
        data["report_markdown"] = report_text
        emit(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        if outcome.plan.actions and not execute and not dry_run:
            emit("Nothing was changed: run it on a terminal to confirm each action, or add --yes.")
        emit(render_outcome(outcome))
        if report_text:
            emit("\n" + report_text)
    return _exit(outcome, execute=execute, dry_run=dry_run)


def _exit(outcome: FixOutcome, *, execute: bool, dry_run: bool) -> int:
    from spacemedic.recovery.models import Ending

    if outcome.ending is Ending.PLAN_ONLY:
        return 0 if dry_run else EXIT_CONFIRM
    if outcome.ending is Ending.STOPPED and (outcome.plan.refused or not outcome.attempts
                                            or outcome.attempts[-1].result.value == "refused"):
        return 2
    return {Ending.RECOVERED: 0, Ending.NOTHING_TO_DO: 0}.get(outcome.ending, 1)
