"""The library entry points. Each takes plain values and returns a frozen result."""

from __future__ import annotations

from pathlib import Path

from typing import TYPE_CHECKING, Sequence

from spacemedic.models import Diagnosis, Report

if TYPE_CHECKING:
    from spacemedic.fixes import FixPlan
    from spacemedic.fixes.run import FixRun
    from spacemedic.space.config import LintConfig
    from spacemedic.hub.bundle import Bundle

STATUS_URL = "https://status.huggingface.co/index.json"


def lint(
    path: str | Path = ".",
    *,
    select: tuple[str, ...] | list[str] = (),
    ignore: tuple[str, ...] | list[str] = (),
    config_path: str | Path | None = None,
) -> Report:
    """Lint the Space repository at `path`, offline. Raises `spacemedic.errors.InputError`
    when the path cannot be read and `ConfigError` for an invalid configuration."""
    from spacemedic.engine import lint_path

    return lint_path(
        path,
        select=tuple(select),
        ignore=tuple(ignore),
        config_path=Path(config_path) if config_path else None,
    )


def apply_fixes(report: Report, unsafe: bool = False, *, write: bool = True) -> FixPlan:
    """Apply the automatic fixes of `report` (safe ones; unsafe too with `unsafe=True`) to the
    files under `report.root` and return the `FixPlan`: `changed` holds each file's bytes
    before and after, `fixed`/`conflicts`/`unsafe_skipped` the findings, `refused` the files
    not written and why (changed since the lint read them, a symlink, outside the root, large
    or binary). Everything is computed before the first write; `write=False` computes only
    (as `lint --diff`). Each write is atomic (temporary file + rename, permissions kept)."""
    from dataclasses import replace

    from spacemedic.fixes.plan import digest, plan_fixes
    from spacemedic.models import Unavailable
    from spacemedic.space.writer import FixRefused, read_source, write_atomic

    root = Path(report.root)
    read_as = dict(report.digests)
    sources: dict[str, bytes] = {}
    refused: dict[str, str] = {}
    for path in sorted({e.path for f in report.fixes if f.autofix for e in f.autofix.edits}):
        try:
            data = read_source(root, path)
        except FixRefused as exc:
            refused[path] = str(exc)
            continue
        if path not in read_as or digest(data) != read_as[path]:
            refused[path] = f"{path}: changed since it was read; not fixed (run lint --fix again)"
            continue
        sources[path] = data
    plan = plan_fixes(report.findings, sources, unsafe=unsafe, refused=refused)
    if not write:
        return plan
    failed: list[Unavailable] = []
    for change in plan.changed:
        try:
            write_atomic(root, change.path, change.after, digest(change.before))
        except FixRefused as exc:
            failed.append(Unavailable(change.path, str(exc)))
    if not failed:
        return plan
    bad = {u.source for u in failed}
    return replace(
        plan,
        changed=tuple(c for c in plan.changed if c.path not in bad),
        fixed=tuple(f for f in plan.fixed if f.autofix and not any(e.path in bad for e in f.autofix.edits)),
        refused=plan.refused + tuple(failed),
    )


def lint_and_fix(
    path: str | Path = ".",
    *,
    unsafe: bool = False,
    select: tuple[str, ...] | list[str] = (),
    ignore: tuple[str, ...] | list[str] = (),
    config: LintConfig | None = None,
) -> FixRun:
    """`lint --fix`: lint, apply the fixes, lint again until nothing changes; the `FixRun` holds
    the findings fixed, the final report (what remains) and the files written or refused."""
    from spacemedic.engine import lint_path
    from spacemedic.fixes.run import fix_repeatedly

    def again() -> Report:
        return lint_path(path, select=tuple(select), ignore=tuple(ignore), config=config)

    return fix_repeatedly(again, lambda report: apply_fixes(report, unsafe=unsafe))


def collect(
    space: str,
    *,
    endpoint: str | None = None,
    token: str | None = None,
    status_url: str = STATUS_URL,
    time_box: float = 10.0,
) -> Bundle:
    """Read everything about a Space from the Hub (GET only, each source time-boxed) and return
    the evidence as a `Bundle` (tokens removed). `space` is OWNER/SPACE or either URL form.
    Raises `spacemedic.errors.HubError` only when nothing at all could be read."""
    from spacemedic.hub.gather import gather

    bundle: Bundle = gather(space, endpoint, status_url=status_url, time_box=time_box, token=token, notify=None)
    return bundle


def diagnose(
    space: str | None = None,
    *,
    bundle: Bundle | None = None,
    endpoint: str | None = None,
    token: str | None = None,
    tried: Sequence[str] = (),
    in_stage_since: str | None = None,
    repo: str | Path | None = None,
    status_url: str = STATUS_URL,
) -> Diagnosis:
    """Rank why a Space is stuck. Give `space` to collect live (read-only), or a `bundle` from
    `collect()`/`load_bundle()`. `tried` takes the CLI's forms (`"restart=failed"`,
    `"new-commit=no-build"`); `repo` lints a local checkout and feeds its findings in."""
    from spacemedic.errors import UsageError
    from spacemedic.history import with_recorded_duration
    from spacemedic.engine import lint_path
    from spacemedic.triage import diagnose as classify
    from spacemedic.triage.tried import enrich, user_overlay

    if (space is None) == (bundle is None):
        raise UsageError("give either a Space or a bundle")
    if bundle is None:
        assert space is not None
        bundle = collect(space, endpoint=endpoint, token=token, status_url=status_url)
    changes = user_overlay(tried=tuple(tried), in_stage_since=in_stage_since, other_users_affected=None, works_locally=None)
    findings: tuple = ()  # type: ignore[type-arg]
    notes: tuple = ()  # type: ignore[type-arg]
    if repo is not None:
        linted = lint_path(repo)
        findings, notes = linted.findings, linted.unavailable
    signals = enrich(with_recorded_duration(bundle.to_signals()), changes, findings, notes)
    return classify(signals, target=bundle.space)
