"""`spacemedic diagnose`: rank why a Space is stuck, live or from a case/bundle file.

Arguments in, `spacemedic.api.diagnose` / `diagnose_file` do the work, the result rendered out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import click

from spacemedic.cli.params import Choice

from spacemedic.cli.hub_options import FORMAT_HELP, collect_options, hub_options, no_color_option, output_option
from spacemedic.cli.output import emit, progress, use_color, write_file

if TYPE_CHECKING:
    from spacemedic.models import Diagnosis
    from spacemedic.triage.cases import CaseError

FORMATS = ("human", "json", "jsonl", "markdown")


@click.command()
@click.argument("target", required=False)
@click.option("--from", "from_path", type=click.Path(path_type=Path), default=None,
              help="Diagnose offline from a case file (.json/.jsonl) or a saved bundle.")
@click.option("-f", "--format", "fmt", type=Choice(FORMATS), default="human", show_default=True, help=FORMAT_HELP)
@click.option("--tried", multiple=True, metavar="ACTION=OUTCOME",
              help="What you already tried: restart=failed|succeeded|no-effect, factory-rebuild=..., new-commit=build|no-build.")
@click.option("--in-stage-since", metavar="DURATION", help="How long the Space has been in its stage (90m, 12h, 2d).")
@click.option("--other-users-affected", type=Choice(("yes", "no")), default=None,
              help="Whether other people report the same problem (the forum, the status page).")
@click.option("--works-locally", type=Choice(("yes", "no")), default=None,
              help="Whether the same image or app runs on your machine.")
@click.option("--repo", "repo_path", type=click.Path(path_type=Path), default=None,
              help="A local checkout of the Space: its lint findings feed the ranking.")
@output_option
@no_color_option
@click.option("--force", is_flag=True, help="Replace an existing output file.")
@click.option("-v", "--verbose", is_flag=True, help="Also show each cause's decision path and its scoring (human format).")
@hub_options
@collect_options
def diagnose(
    target: str | None,
    from_path: Path | None,
    fmt: str,
    tried: tuple[str, ...],
    in_stage_since: str | None,
    other_users_affected: str | None,
    works_locally: str | None,
    repo_path: Path | None,
    output: Path | None,
    no_color: bool,
    verbose: bool = False,
    force: bool = False,
    **hub: Any,
) -> int:
    """Rank why a Space is stuck: the causes, the evidence, what to do and what not to do."""
    from spacemedic import api
    from spacemedic.errors import InputError, UsageError
    from spacemedic.render.words import plural
    from spacemedic.triage.cases import CaseError

    if (target is None) == (from_path is None):
        raise UsageError("give either a Space (OWNER/SPACE or its URL) or --from FILE")
    if output is not None:
        from spacemedic.cli.safe_write import check_target

        check_target(output, force=force, inputs=(from_path,))
    answers: dict[str, Any] = {"tried": tried, "in_stage_since": in_stage_since, "repo": repo_path,
                               "other_users_affected": other_users_affected, "works_locally": works_locally}
    items: Sequence[Diagnosis | CaseError]
    if target is not None:
        live = {key: hub.pop(key, None) for key in ("endpoint", "token", "status_url", "time_box")}
        items = [api.diagnose(target, **live, notify=progress, collect_options=hub, **answers)]
    else:
        assert from_path is not None
        items = api.diagnose_file(from_path, **answers)
    diagnoses: list[Diagnosis] = []
    lines: list[str] = []
    bad: list[CaseError] = []
    for item in items:
        if isinstance(item, CaseError):
            bad.append(item)
            if fmt == "jsonl":
                from spacemedic.render import diagnosis_json

                lines.append(diagnosis_json.render_error_line(item.line, item.message))
            continue
        diagnoses.append(item)
        if fmt == "jsonl":
            from spacemedic.render import diagnosis_json

            lines.append(diagnosis_json.render_line(item))
    errors = len(bad)
    if not diagnoses and len(bad) == 1:
        raise InputError(f"{from_path}: {bad[0]}")  # one record, one line: the reason itself
    for item in bad:
        progress(f"spacemedic: {from_path}: {item}")
    if not diagnoses:
        raise InputError(f"{from_path}: nothing could be read" + (f" ({plural(errors, 'bad record')})" if errors else ""))
    color = use_color(no_color) and output is None and fmt == "human"
    text = "\n".join(lines) + "\n" if fmt == "jsonl" else render(diagnoses, fmt, color=color, verbose=verbose)
    if output is not None:
        write_file(output, text, force=force, inputs=(from_path,))
    else:
        emit(text, color=color)
    if errors:
        # The good records were diagnosed and printed; exit 2 says not everything was read.
        raise InputError(f"{from_path}: {errors} record(s) could not be read; the other {len(diagnoses)} were diagnosed")
    # Exit 2 = "could not diagnose": no input carried any evidence, so no cause was ranked.
    return 2 if all(not d.sufficient for d in diagnoses) else 0


def render(ds: Sequence[Diagnosis], fmt: str, *, color: bool = False, verbose: bool = False) -> str:
    if fmt == "json":
        from spacemedic.render import diagnosis_json

        return diagnosis_json.render_many(ds)
    if fmt == "markdown":
        from spacemedic.render import diagnosis_markdown

        return "\n".join(diagnosis_markdown.render(d, verbose=verbose) for d in ds)
    from spacemedic.render import diagnosis_human

    return "\n".join(diagnosis_human.render(d, color=color, verbose=verbose) for d in ds)
