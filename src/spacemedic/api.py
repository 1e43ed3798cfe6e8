"""The library entry points. Each takes plain values and returns a frozen result."""

from __future__ import annotations

from pathlib import Path

from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from dataclasses import dataclass

from spacemedic.models import Diagnosis, Report

if TYPE_CHECKING:
    from spacemedic.hub.bundle import Bundle
    from spacemedic.models import Signals
    from spacemedic.render.report_facts import ReportFacts
    from spacemedic.space.contract import Contract

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


@dataclass(frozen=True)
class ResolvedContract:
    """What the Hub will run for the repository at `root` (see `spacemedic contract`)."""

    root: str
    contract: Contract


def contract(path: str | Path = ".") -> ResolvedContract:
    """Resolve the runtime contract of the Space repository at `path`, offline: sdk, routed
    port, start command, user, and where each server listens, each with its source."""
    from spacemedic.space.context import SpaceContext
    from spacemedic.space.repo import SpaceRepo

    repo = SpaceRepo.open(Path(path))
    return ResolvedContract(root=str(repo.root), contract=SpaceContext(repo).contract)


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


@dataclass(frozen=True)
class SupportReport:
    """A drafted support request: the diagnosis, every fact the request needs, and what it
    was built from (render with `spacemedic.render.report.RENDERERS`)."""

    diagnosis: Diagnosis
    facts: ReportFacts
    signals: Signals
    bundle: Bundle | None
    lint: Report | None


def report(
    space: str | None = None,
    *,
    signals: Signals | None = None,
    bundle: Bundle | None = None,
    endpoint: str | None = None,
    token: str | None = None,
    status_url: str = STATUS_URL,
    time_box: float = 10.0,
    tried: Sequence[str] = (),
    purpose: str | None = None,
    last_working: str | None = None,
    repo: str | Path | None = None,
    notify: Callable[[str], None] | None = None,
    collect_options: Mapping[str, Any] | None = None,
) -> SupportReport:
    """Draft the support request for a Space: give `space` to collect live (read-only), a
    `bundle` from `collect()`, or `signals` read from a case file."""
    from spacemedic.errors import UsageError
    from spacemedic.render.report_facts import build_facts
    from spacemedic.triage import diagnose as classify
    from spacemedic.triage.tried import enrich, user_overlay

    if sum(x is not None for x in (space, signals, bundle)) != 1:
        raise UsageError("give one of a Space, a bundle or signals")
    changes = user_overlay(tried=tuple(tried), in_stage_since=None, other_users_affected=None, works_locally=None)
    linted = lint(repo) if repo is not None else None
    if space is not None:
        from spacemedic.hub.gather import gather

        bundle = gather(space, endpoint, status_url=status_url, time_box=time_box, token=token, notify=notify,
                        **dict(collect_options or {}))
    if bundle is not None:
        signals = bundle.to_signals()
    assert signals is not None
    signals = enrich(signals, changes, linted.findings if linted else (), linted.unavailable if linted else ())
    diagnosis = classify(signals, target=(bundle.space if bundle else None) or space or signals.id)
    expose, start = _docker_facts(Path(repo)) if repo is not None else (None, None)
    facts = build_facts(diagnosis, signals, bundle, purpose=purpose, tried=(), expose=expose,
                        start_command=start, last_working=last_working)
    return SupportReport(diagnosis=diagnosis, facts=facts, signals=signals, bundle=bundle, lint=linted)


def _docker_facts(repo_path: Path) -> tuple[str | None, str | None]:
    """EXPOSE and the start command from a local checkout (read through space/)."""
    if not repo_path.is_dir():
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
