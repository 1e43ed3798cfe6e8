"""`spacemedic report`: the support request (or self-fix checklist), and `--bundle` to share it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from spacemedic.cli.params import Choice

from spacemedic.cli.hub_options import FORMAT_HELP, collect_options, hub_options, output_option
from spacemedic.cli.output import emit, progress, write_file

if TYPE_CHECKING:
    from spacemedic.hub.bundle import Bundle
    from spacemedic.models import Report, Signals

FORMATS = ("markdown", "text", "json")


@click.command()
@click.argument("target", required=False)
@click.option("--from", "from_path", type=click.Path(path_type=Path), default=None,
              help="Report offline from a saved bundle (spacemedic collect) or a case file.")
@click.option("-f", "--format", "fmt", type=Choice(FORMATS), default="markdown", show_default=True, help=FORMAT_HELP)
@click.option("--purpose", default=None, help="What the Space does and why it is not a proxy/tunnel/relay (moderation cases).")
@click.option("--tried", multiple=True, metavar="ACTION=OUTCOME",
              help="What you already tried: restart=failed|succeeded|no-effect, factory-rebuild=..., new-commit=build|no-build.")
@click.option("--last-working", default=None, metavar="SHA", help="The last commit known to work (and when).")
@click.option("--repo", "repo_path", type=click.Path(path_type=Path), default=None,
              help="A local checkout of the Space: EXPOSE / start command, and lint results for the bundle.")
@click.option("--bundle", "zip_path", type=click.Path(path_type=Path), default=None,
              help="Also write a shareable zip: report.md, evidence.json, logs, lint, manifest.json.")
@output_option
@click.option("--force", is_flag=True, help="Replace an existing output file.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="History database whose `spacemedic fix` attempts fill \"Already tried\" [default: the user cache directory].")
@hub_options
@collect_options
def report(target: str | None, from_path: Path | None, fmt: str, purpose: str | None, tried: tuple[str, ...],
           last_working: str | None, repo_path: Path | None, zip_path: Path | None, output: Path | None,
           force: bool, token: str | None, db: Path | None, **hub: Any) -> int:
    """Draft the request Hugging Face support needs, or the checklist when the fix is yours."""
    from spacemedic import api
    from spacemedic.evidence_input import load_input
    from spacemedic.errors import InputError, UsageError
    from spacemedic.render.report import RENDERERS, render_markdown
    from spacemedic.triage.cases import CaseError

    if (target is None) == (from_path is None):
        raise UsageError("give either a Space (OWNER/SPACE or its URL) or --from FILE")
    _check_outputs(output, zip_path, from_path, force)
    endpoint = hub.pop("endpoint", None)
    status_url = hub.pop("status_url")
    time_box = hub.pop("time_box")
    common: dict[str, Any] = {"tried": tried, "purpose": purpose, "last_working": last_working, "repo": repo_path,
                              "db": db}
    if target is not None:
        drafted = api.report(target, endpoint=endpoint, token=token, status_url=status_url, time_box=time_box,
                             notify=progress, collect_options={**hub, "echo_unavailable": False}, **common)
    else:
        assert from_path is not None
        bundle = _maybe_bundle(from_path)
        if bundle is not None:
            drafted = api.report(bundle=bundle, **common)
        else:
            loaded = load_input(from_path)
            bad = [i for i in loaded if isinstance(i, CaseError)]
            items = [i for i in loaded if not isinstance(i, CaseError)]
            if not items:
                raise InputError(f"{from_path}: {bad[0]}" if bad else f"{from_path}: no readable case or bundle")
            for item in bad:
                progress(f"spacemedic: {from_path}: {item}")
            if len(items) > 1:
                progress(f"{from_path}: {len(items)} cases; reporting on the first")
            drafted = api.report(signals=items[0], **common)
    diagnosis, facts = drafted.diagnosis, drafted.facts
    text = RENDERERS[fmt](diagnosis, facts)
    if output is not None:
        write_file(output, text, force=force, inputs=(from_path,))
    else:
        emit(text)
    if zip_path is not None:
        from spacemedic.cli.report_zip import write_report_zip

        write_report_zip(zip_path, report_md=render_markdown(diagnosis, facts), bundle=drafted.bundle,
                         signals=drafted.signals, diagnosis=diagnosis, facts=facts, lint=drafted.lint,
                         force=force, inputs=(from_path,))
        progress(f"wrote {zip_path}")
    from spacemedic.render.report import needs_evidence

    # Exit 2 = "could not diagnose": the draft is an evidence request, no cause was named.
    return 2 if needs_evidence(diagnosis) else 0


def _check_outputs(output: Path | None, zip_path: Path | None, from_path: Path | None, force: bool) -> None:
    """Refuse, before anything is read, outputs that would overwrite evidence or each other."""
    from spacemedic.cli.safe_write import check_target
    from spacemedic.errors import OutputError

    for target in (output, zip_path):
        if target is not None:
            check_target(target, force=force, inputs=(from_path,))
    if output is not None and zip_path is not None and output.resolve() == zip_path.resolve():
        raise OutputError(f"-o and --bundle both name {output}: give two files")


def _maybe_bundle(path: Path) -> Bundle | None:
    from spacemedic.evidence_input import is_bundle
    from spacemedic.hub.bundle import load_bundle
    from spacemedic.space.reader import read_input_bytes

    head = read_input_bytes(path, what="case file or bundle").decode("utf-8", errors="replace")
    return load_bundle(path) if is_bundle(head) else None
