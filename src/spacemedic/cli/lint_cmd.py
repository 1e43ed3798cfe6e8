"""`spacemedic lint`, `spacemedic rules`, `spacemedic explain`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from spacemedic.cli.hub_options import FORMAT_HELP, no_color_option, output_option
from spacemedic.cli.output import emit, progress, use_color, write_file
from spacemedic.cli.params import Choice

FORMATS = ("human", "concise", "github", "json", "sarif", "markdown")
FAIL_ON = ("error", "warning", "info", "never")


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


@click.command()
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option(
    "-f", "--format", "fmt", type=Choice(FORMATS), default="human", show_default=True,
    help="human: grouped by file; concise: one path:line:col line per finding; github: workflow annotations; "
    "json, sarif, markdown: see the README.",
)
@click.option("-q", "--quiet", is_flag=True, help="For scripts: only the findings, one concise line each; nothing when clean.")
@click.option("--fail-on", type=Choice(FAIL_ON), default=None, help="Lowest severity that exits 1 [default: error].")
@click.option("--select", multiple=True, help="Only these codes, code prefixes or categories (repeatable, comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these codes, code prefixes or categories.")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None, help="A .spacemedic.toml to use.")
@output_option
@no_color_option
@click.option("--example", "example", default=None, metavar="NAME",
              help="Lint a bundled example Space instead of PATH (try docker-fastapi-broken).")
@click.option("--force", is_flag=True, help="Replace an existing output file.")
@click.option("--fix", "fix", is_flag=True, help="Apply the safe automatic fixes, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: include the fixes that change behaviour.")
@click.option("--diff", "diff", is_flag=True, help="Print the fixes as a unified diff; write nothing (exit 1 if any).")
def lint(
    path: Path,
    fmt: str,
    quiet: bool,
    fail_on: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: Path | None,
    output: Path | None,
    no_color: bool,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    example: str | None,
    force: bool = False,
) -> int:
    """Check a Space repository offline for what will stop it building or serving."""
    from spacemedic.engine import lint_path
    from spacemedic.space.config import load_config

    if example is not None:
        from spacemedic.demo import example_path

        path = example_path(example)
    root = path
    if output is not None:
        from spacemedic.cli.safe_write import check_target

        check_target(output, force=force)
    config = load_config(root, config_path) if root.is_dir() else None
    if fix and example is not None:
        from spacemedic.errors import UsageError

        raise UsageError("--fix edits files: copy the example first (the bundled examples stay as shipped)")
    if diff:
        return _diff(lint_path(root, select=_split(select), ignore=_split(ignore), config=config), unsafe_fixes)
    summary = None
    if fix:
        from spacemedic.api import lint_and_fix

        run = lint_and_fix(root, unsafe=unsafe_fixes, select=_split(select), ignore=_split(ignore), config=config)
        for refused in run.refused:
            progress(f"spacemedic: not fixed: {refused.reason}")
        report, summary = run.report, run.summary(unsafe_fixes)
    else:
        report = lint_path(root, select=_split(select), ignore=_split(ignore), config=config)
    if quiet:
        from spacemedic.render import lint_concise

        color = False
        text = lint_concise.render(report, summary=False)
    else:
        color = use_color(no_color) and output is None
        text = render_report(report, fmt, color=color)
    own = fmt == "sarif" and not quiet  # the SARIF renderer redacts outside values itself, and keeps its rule docs whole
    if summary is not None and fmt == "human" and output is None and not quiet:
        text = text.rstrip("\n") + "\n" + summary + "\n"
    elif summary is not None:
        progress(summary)
    if output is not None:
        write_file(output, text, force=force, own=own)
    else:
        emit(text, color=color, own=own)
    threshold = fail_on or (config.fail_on if config else None) or "error"
    return exit_code(report, threshold)


def _diff(report: object, unsafe: bool) -> int:
    """`--diff`: the unified diff of one pass of fixes; nothing written; 1 when not empty."""
    from spacemedic.api import apply_fixes
    from spacemedic.fixes import render_diff
    from spacemedic.models import Report

    assert isinstance(report, Report)
    plan = apply_fixes(report, unsafe=unsafe, write=False)
    for refused in plan.refused:
        progress(f"spacemedic: not fixed: {refused.reason}")
    text = render_diff(plan)
    if text:
        emit(text.rstrip("\n"))
    more = "" if unsafe else f" ({len(plan.unsafe_skipped)} more with --unsafe-fixes)"
    n = len(plan.fixed)
    progress(f"Would fix {n} finding{'s' if n != 1 else ''}{more}")
    return 1 if plan.changed else 0


def render_report(report: object, fmt: str, *, color: bool = False) -> str:
    from spacemedic.models import Report

    assert isinstance(report, Report)
    if fmt == "json":
        from spacemedic.render import lint_json

        return lint_json.render(report)
    if fmt == "sarif":
        from spacemedic.render import lint_sarif

        return lint_sarif.render(report)
    if fmt == "concise":
        from spacemedic.render import lint_concise

        return lint_concise.render(report)
    if fmt == "github":
        from spacemedic.render import lint_github

        return lint_github.render(report)
    if fmt == "markdown":
        from spacemedic.render import lint_markdown

        return lint_markdown.render(report)
    from spacemedic.render import lint_human

    return lint_human.render(report, color=color)


def exit_code(report: object, threshold: str) -> int:
    from spacemedic.models import Report, Severity

    assert isinstance(report, Report)
    if threshold == "never":
        return 0
    floor = Severity(threshold).rank
    return 1 if any(f.severity.rank >= floor for f in report.findings) else 0


@click.command()
@click.option("-f", "--format", "fmt", type=Choice(("human", "json")), default="human", show_default=True, help=FORMAT_HELP)
def rules(fmt: str) -> int:
    """List every lint rule: code, name, category, default severity."""
    from spacemedic.rules.registry import ALL_RULES

    if fmt == "json":
        emit(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "category": r.category.value,
                        "severity": r.severity.value,
                        "fix": r.fix_applicability.value if r.fix_applicability else None,
                        "summary": r.summary(),
                    }
                    for r in sorted(ALL_RULES, key=lambda r: r.code)
                ],
                indent=2,
            ),
            own=True,
        )
        return 0
    ordered = sorted(ALL_RULES, key=lambda r: r.code)
    name_w = max(len(r.name) for r in ordered)
    cat_w = max(len(r.category.value) for r in ordered)
    sev_w = max(len(r.severity.value) for r in ordered)
    lines = [
        f"{r.code}  {r.name:<{name_w}}  {r.category.value:<{cat_w}}  {r.severity.value:<{sev_w}}  {_fix_kind(r):<6}  {r.summary()}"
        for r in ordered
    ]
    emit("\n".join(lines), own=True)
    return 0


@click.command()
@click.argument("code")
def explain(code: str) -> int:
    """Print the documentation of one rule (by code or name)."""
    from spacemedic.errors import UsageError
    from spacemedic.rules.registry import catalogue

    wanted = code.strip()
    for ref in catalogue():
        if ref.code == wanted.upper() or ref.name == wanted:
            r = ref.load()  # only this rule's module is imported
            header = f"{r.code} {r.name} ({r.category.value}, default severity {r.severity.value})"
            kind = _fix_kind(r)
            fixable = f"Automatic fix: {kind} (`lint --fix`{' --unsafe-fixes' if kind == 'unsafe' else ''})" if kind != "-" else "Automatic fix: none"
            emit(f"{header}\n{'=' * len(header)}\n{fixable}\n\n{r.doc()}\n", own=True)
            return 0
    raise UsageError(f"no rule {code!r}; `spacemedic rules` lists them")


def _fix_kind(rule: object) -> str:
    """`safe`, `unsafe` or `-`: the automatic fix a rule offers (where it is certain)."""
    kind = getattr(rule, "fix_applicability", None)
    return str(kind.value) if kind is not None else "-"
