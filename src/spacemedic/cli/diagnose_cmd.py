"""`spacemedic diagnose`: rank why a Space is stuck, from a case/bundle file or (later) live."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence, Union

import click

from spacemedic.cli.params import Choice

from spacemedic.cli.hub_options import FORMAT_HELP, collect_options, hub_options, no_color_option, output_option
from spacemedic.cli.output import emit, progress, use_color, write_file

if TYPE_CHECKING:
    from spacemedic.models import Diagnosis, Finding, Signals, Unavailable
    from spacemedic.triage.cases import CaseError

    Loaded = Union[Signals, CaseError]

FORMATS = ("human", "json", "jsonl", "markdown")
BUNDLE_SCHEMA = "spacemedic.bundle/1"


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
    from spacemedic.errors import InputError, UsageError
    from spacemedic.render.words import plural
    from spacemedic.triage import diagnose as classify
    from spacemedic.triage.cases import CaseError
    from spacemedic.triage.tried import enrich, user_overlay

    if (target is None) == (from_path is None):
        raise UsageError("give either a Space (OWNER/SPACE or its URL) or --from FILE")
    if output is not None:
        from spacemedic.cli.safe_write import check_target

        check_target(output, force=force, inputs=(from_path,))
    changes = user_overlay(tried=tried, in_stage_since=in_stage_since,
                           other_users_affected=other_users_affected, works_locally=works_locally)
    lint_findings, lint_unavailable = _lint(repo_path)

    items: list[Loaded]
    if target is not None:
        items = [_collect_live(target, **hub)]
    else:
        assert from_path is not None
        items = load_input(from_path)
    diagnoses: list[Diagnosis] = []
    lines: list[str] = []
    errors = 0
    bad: list[CaseError] = []
    for item in items:
        if isinstance(item, CaseError):
            errors += 1
            bad.append(item)
            if fmt == "jsonl":
                from spacemedic.render import diagnosis_json

                lines.append(diagnosis_json.render_error_line(item.line, item.message))
            continue
        signals = enrich(item, changes, lint_findings, lint_unavailable, linted=repo_path is not None)
        d = classify(signals, target=target)
        diagnoses.append(d)
        if fmt == "jsonl":
            from spacemedic.render import diagnosis_json

            lines.append(diagnosis_json.render_line(d))
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


def load_input(path: Path) -> list[Loaded]:
    """Read a case file or a bundle. The only file read of this command."""
    from spacemedic.space.reader import read_input_bytes
    from spacemedic.triage.cases import parse_cases

    text = read_input_bytes(path, what="case file").decode("utf-8", errors="replace")
    if _is_bundle(text):
        return [_load_bundle(path)]
    jsonl = True if path.suffix.lower() == ".jsonl" else None
    return list(parse_cases(text, jsonl=jsonl))


def _is_bundle(text: str) -> bool:
    if f'"{BUNDLE_SCHEMA}"' not in text[:4096] and BUNDLE_SCHEMA not in text[:4096]:
        return False
    from spacemedic.jsonbound import JsonBoundError, loads

    try:
        obj = loads(text)
    except JsonBoundError:
        return text.lstrip().startswith("{")  # a bundle over a bound: the bundle reader says which
    except ValueError:
        return False
    return isinstance(obj, dict) and obj.get("schema") == BUNDLE_SCHEMA


def _load_bundle(path: Path) -> Signals:
    import importlib

    from spacemedic.errors import InputError
    from spacemedic.models import Signals

    try:
        bundle = importlib.import_module("spacemedic.hub.bundle")
    except ImportError as exc:
        raise InputError(f"{path} is a {BUNDLE_SCHEMA} bundle, but this build has no bundle reader (spacemedic.hub.bundle)") from exc
    signals = bundle.load_bundle(path).to_signals()
    if not isinstance(signals, Signals):
        raise InputError(f"{path}: the bundle reader returned no Signals")
    return signals


def _collect_live(target: str, **hub: Any) -> Signals:
    """Collect the evidence from the Hub (spacemedic.hub; read-only) and map it to Signals."""
    from spacemedic.hub.gather import gather

    bundle = gather(target, notify=progress, echo_unavailable=False, allow_empty=True, **hub)
    from spacemedic.history import with_recorded_duration

    # Time in stage from `spacemedic watch`'s history when the live evidence cannot date it.
    signals: Signals = with_recorded_duration(bundle.to_signals())
    return signals


def _lint(repo_path: Path | None) -> tuple[tuple[Finding, ...], tuple[Unavailable, ...]]:
    if repo_path is None:
        return (), ()
    from spacemedic.engine import lint_path

    report = lint_path(repo_path)
    return report.findings, report.unavailable


