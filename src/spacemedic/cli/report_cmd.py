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
@hub_options
@collect_options
def report(target: str | None, from_path: Path | None, fmt: str, purpose: str | None, tried: tuple[str, ...],
           last_working: str | None, repo_path: Path | None, zip_path: Path | None, output: Path | None,
           token: str | None, **hub: Any) -> int:
    """Draft the request Hugging Face support needs, or the checklist when the fix is yours."""
    from spacemedic.cli.diagnose_cmd import load_input
    from spacemedic.errors import InputError, UsageError
    from spacemedic.render.report import RENDERERS, render_markdown
    from spacemedic.render.report_facts import build_facts
    from spacemedic.triage import diagnose as classify
    from spacemedic.triage.cases import CaseError
    from spacemedic.triage.tried import enrich, user_overlay

    if (target is None) == (from_path is None):
        raise UsageError("give either a Space (OWNER/SPACE or its URL) or --from FILE")
    changes = user_overlay(tried=tried, in_stage_since=None, other_users_affected=None, works_locally=None)
    lint_report = _lint(repo_path)
    bundle: Bundle | None = None
    if target is not None:
        from spacemedic.hub.gather import gather

        bundle = gather(target, token=token, notify=progress, echo_unavailable=False, **hub)
        signals: Signals = bundle.to_signals()
    else:
        assert from_path is not None
        bundle = _maybe_bundle(from_path)
        items = [bundle.to_signals()] if bundle else [i for i in load_input(from_path) if not isinstance(i, CaseError)]
        if not items:
            raise InputError(f"{from_path}: no readable case or bundle")
        if len(items) > 1:
            progress(f"{from_path}: {len(items)} cases; reporting on the first")
        signals = items[0]
    findings = lint_report.findings if lint_report else ()
    signals = enrich(signals, changes, findings, lint_report.unavailable if lint_report else ())
    space = bundle.space if bundle else (target or None)
    diagnosis = classify(signals, target=space or signals.id)
    expose, start = _docker_facts(repo_path)
    facts = build_facts(diagnosis, signals, bundle, purpose=purpose, tried=(), expose=expose,
                        start_command=start, last_working=last_working)
    text = RENDERERS[fmt](diagnosis, facts)
    if output is not None:
        write_file(output, text)
    else:
        emit(text)
    if zip_path is not None:
        from spacemedic.cli.report_zip import write_report_zip

        write_report_zip(zip_path, report_md=render_markdown(diagnosis, facts), bundle=bundle, signals=signals,
                         diagnosis=diagnosis, facts=facts, lint=lint_report)
        progress(f"wrote {zip_path}")
    return 0


def _maybe_bundle(path: Path) -> Bundle | None:
    from spacemedic.cli.diagnose_cmd import _is_bundle
    from spacemedic.errors import InputError
    from spacemedic.hub.bundle import load_bundle

    try:
        head = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return load_bundle(path) if _is_bundle(head) else None


def _lint(repo_path: Path | None) -> Report | None:
    if repo_path is None:
        return None
    from spacemedic.engine import lint_path

    return lint_path(repo_path)


def _docker_facts(repo_path: Path | None) -> tuple[str | None, str | None]:
    """EXPOSE and the start command from the local checkout (read through space/)."""
    if repo_path is None or not repo_path.is_dir():
        return None, None
    from spacemedic.space.context import SpaceContext
    from spacemedic.space.repo import SpaceRepo

    ctx = SpaceContext(SpaceRepo.open(repo_path))
    df = ctx.dockerfile
    if df is None or df.final is None:
        app_file = ctx.front_matter.get("app_file")
        return None, (f"app_file: {app_file}" if app_file else None)
    exposes = [i.value for s in df.chain() for i in s.instructions if i.keyword == "EXPOSE"]
    cmd = df.effective("CMD")
    entry = df.effective("ENTRYPOINT")
    start = " ".join(x.raw.strip() for x in (entry, cmd) if x is not None) or None
    return (", ".join(exposes) or "none", start)
