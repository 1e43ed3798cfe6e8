"""The library entry points. Each takes plain values and returns a frozen result."""

from __future__ import annotations

from pathlib import Path

from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from dataclasses import dataclass, replace

from spacemedic.models import Diagnosis, Report

if TYPE_CHECKING:
    from spacemedic.fixes import FixPlan
    from spacemedic.fixes.run import FixRun
    from spacemedic.space.config import LintConfig
    from spacemedic.hub.bundle import Bundle
    from spacemedic.models import Signals
    from spacemedic.render.report_facts import ReportFacts
    from spacemedic.recovery.models import Attempt, FixOutcome, Plan, Step
    from spacemedic.space.contract import Contract
    from spacemedic.triage.cases import CaseError

STATUS_URL = "https://status.huggingface.co/index.json"


def lint(
    path: str | Path = ".",
    *,
    select: tuple[str, ...] | list[str] = (),
    ignore: tuple[str, ...] | list[str] = (),
    config_path: str | Path | None = None,
) -> Report:
    """Lint the Space repository at `path`, offline. Raises `spacemedic.errors.InputError`
    when the path cannot be read, `ConfigError` for an invalid configuration (an unknown rule
    selector in it included) and `UsageError` for an unknown selector in `select`/`ignore`."""
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
    (as `lint --diff`). Each write is atomic (temporary file + rename, permissions kept), and
    the files of one call are written all or none (`space.writer.write_all`); a rename failing
    half way is reported with the files already written."""
    from spacemedic.fixes.plan import digest, plan_fixes
    from spacemedic.models import Unavailable
    from spacemedic.space.writer import FixRefused, read_source, write_all

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
    _, not_written = write_all(root, [(c.path, c.after, digest(c.before)) for c in plan.changed])
    failed = [Unavailable(path, why) for path, why in not_written]
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
    notify: Callable[[str], None] | None = None,
    collect_options: Mapping[str, Any] | None = None,
) -> Bundle:
    """Read everything about a Space from the Hub (GET only, each source time-boxed) and return
    the evidence as a `Bundle` (tokens removed). `space` is OWNER/SPACE or either URL form.
    `notify` hears progress and the sources that could not be read; `collect_options` takes
    the log bounds (`log_seconds`, `log_lines`, `log_bytes`). Raises
    `spacemedic.errors.HubError` only when nothing at all could be read."""
    from spacemedic.hub.gather import gather

    bundle: Bundle = gather(space, endpoint, status_url=status_url, time_box=time_box, token=token, notify=notify,
                            **dict(collect_options or {}))
    return bundle


def diagnose(
    space: str | None = None,
    *,
    bundle: Bundle | None = None,
    signals: Signals | None = None,
    endpoint: str | None = None,
    token: str | None = None,
    tried: Sequence[str] = (),
    in_stage_since: str | None = None,
    other_users_affected: str | None = None,
    works_locally: str | None = None,
    repo: str | Path | None = None,
    status_url: str = STATUS_URL,
    time_box: float = 10.0,
    notify: Callable[[str], None] | None = None,
    collect_options: Mapping[str, Any] | None = None,
) -> Diagnosis:
    """Rank why a Space is stuck. Give `space` to collect live (read-only), a `bundle` from
    `collect()`/`load_bundle()`, or `signals` read from a case file. `tried` takes the CLI's
    forms (`"restart=failed"`, `"new-commit=no-build"`); `in_stage_since` a duration (`"12h"`);
    `other_users_affected` and `works_locally` "yes" or "no"; `repo` lints a local checkout and
    feeds its findings in. Live, sources that hung still give a diagnosis (one that says "not
    enough evidence" when nothing answered); an unreachable Hub or an unknown Space raises."""
    from spacemedic.errors import UsageError
    from spacemedic.triage import diagnose as classify

    if sum(x is not None for x in (space, bundle, signals)) != 1:
        raise UsageError("give one of a Space, a bundle or signals")
    changes = _overlay(tried, in_stage_since, other_users_affected, works_locally)
    linted = _lint_notes(repo)
    if space is not None:
        from spacemedic.history import with_recorded_duration
        from spacemedic.hub.gather import gather

        bundle = gather(space, endpoint, status_url=status_url, time_box=time_box, token=token, notify=notify,
                        **{"echo_unavailable": False, **dict(collect_options or {}), "allow_empty": True})
        # Time in stage from `spacemedic watch`'s history when the live evidence cannot date it.
        signals = with_recorded_duration(bundle.to_signals())
    elif bundle is not None:
        signals = bundle.to_signals()
    assert signals is not None
    return classify(_enriched(signals, changes, linted, repo), target=space if space is not None else
                    bundle.space if bundle is not None else None)


def diagnose_file(
    path: str | Path,
    *,
    tried: Sequence[str] = (),
    in_stage_since: str | None = None,
    other_users_affected: str | None = None,
    works_locally: str | None = None,
    repo: str | Path | None = None,
) -> tuple[Diagnosis | CaseError, ...]:
    """Diagnose every record of a case file (.json/.jsonl) or a saved bundle, offline, in file
    order; a record that cannot be read is its `CaseError`. The owner's answers and `repo` apply
    to every record (the repository is linted once). Raises `InputError` for an unreadable file."""
    from spacemedic.evidence_input import load_input
    from spacemedic.triage import diagnose as classify
    from spacemedic.triage.cases import CaseError

    changes = _overlay(tried, in_stage_since, other_users_affected, works_locally)
    linted = _lint_notes(repo)
    return tuple(item if isinstance(item, CaseError) else classify(_enriched(item, changes, linted, repo))
                 for item in load_input(Path(path)))


def _overlay(tried: Sequence[str], in_stage_since: str | None, other_users_affected: str | None,
             works_locally: str | None) -> Any:
    from spacemedic.triage.tried import user_overlay

    return user_overlay(tried=tuple(tried), in_stage_since=in_stage_since,
                        other_users_affected=other_users_affected, works_locally=works_locally)


def _lint_notes(repo: str | Path | None) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """The findings and "could not check" notes of a local checkout (none without one)."""
    if repo is None:
        return (), ()
    from spacemedic.engine import lint_path

    linted = lint_path(repo)
    return linted.findings, linted.unavailable


def _enriched(signals: Signals, changes: Any, linted: tuple[tuple[Any, ...], tuple[Any, ...]],
              repo: str | Path | None) -> Signals:
    from spacemedic.triage.tried import enrich

    return enrich(signals, changes, linted[0], linted[1], linted=repo is not None)


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
    attempts: Sequence[Attempt] | None = None,
    db: str | Path | None = None,
) -> SupportReport:
    """Draft the support request for a Space: give `space` to collect live (read-only), a
    `bundle` from `collect()`, or `signals` read from a case file. What `spacemedic fix` tried
    on this Space (from the history database, or `attempts`) fills "Already tried"."""
    from spacemedic.errors import UsageError
    from spacemedic.render.report_facts import build_facts
    from spacemedic.triage import diagnose as classify
    from spacemedic.triage.tried import enrich, user_overlay

    from spacemedic.recovery.record import attempt_request_ids, tried_forms, tried_lines

    if sum(x is not None for x in (space, signals, bundle)) != 1:
        raise UsageError("give one of a Space, a bundle or signals")
    linted = lint(repo) if repo is not None else None
    if space is not None:
        from spacemedic.hub.gather import gather

        # Sources that hung still make a report: an evidence request that says which.
        bundle = gather(space, endpoint, status_url=status_url, time_box=time_box, token=token, notify=notify,
                        allow_empty=True, **dict(collect_options or {}))
    if bundle is not None:
        from spacemedic.history import with_recorded_duration

        signals = with_recorded_duration(bundle.to_signals(), db=db) if space is not None else bundle.to_signals()
    assert signals is not None
    if attempts is None:
        attempts = _recorded_attempts(bundle.space if bundle else space, db)
    changes = user_overlay(tried=(*tried_forms(attempts), *tried), in_stage_since=None, other_users_affected=None,
                           works_locally=None)
    signals = enrich(signals, changes, linted.findings if linted else (), linted.unavailable if linted else (),
                     linted=linted is not None)
    diagnosis = classify(signals, target=(bundle.space if bundle else None) or space or signals.id)
    expose, start = _docker_facts(Path(repo)) if repo is not None else (None, None)
    facts = build_facts(diagnosis, signals, bundle, purpose=purpose, tried=tried_lines(attempts), expose=expose,
                        start_command=start, last_working=last_working)
    if attempts:
        facts = replace(facts, request_ids=tuple(dict.fromkeys((*facts.request_ids, *attempt_request_ids(attempts)))))
    return SupportReport(diagnosis=diagnosis, facts=facts, signals=signals, bundle=bundle, lint=linted)


def _recorded_attempts(space: str | None, db: str | Path | None, days: float = 2.0) -> tuple[Attempt, ...]:
    """What `fix` recorded on `space` lately; nothing when there is no history database yet."""
    import time

    from spacemedic.history.attempts import AttemptLog
    from spacemedic.history.store import default_db_path

    path = Path(db) if db is not None else default_db_path()
    if space is None or not path.is_file():
        return ()
    with AttemptLog(path) as log:
        return log.attempts(space, since=time.time() - days * 86400)


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


def fix(
    space: str,
    *,
    endpoint: str | None = None,
    token: str | None = None,
    status_url: str = STATUS_URL,
    time_box: float = 10.0,
    tried: Sequence[str] = (),
    repo: str | Path | None = None,
    execute: bool = False,
    confirm: Callable[[Step], bool] | None = None,
    max_steps: int | None = None,
    force: bool = False,
    fix_pushed: bool = False,
    wake: bool = False,
    noop_file: str | None = None,
    wait: float | None = None,
    interval: float = 15.0,
    db: str | Path | None = None,
    notify: Callable[[str], None] | None = None,
    collect_options: Mapping[str, Any] | None = None,
    on_plan: Callable[[Diagnosis, Plan], None] | None = None,
) -> FixOutcome:
    """Diagnose `space` and plan the recovery ladder for its cause; with `execute=True`, take each
    planned action that `confirm(step)` approves (all of them when `confirm` is None), watching
    and recording each outcome in the history database. Without `execute` nothing is sent that
    could change the Space."""
    from spacemedic.recovery.models import Ending, FixOutcome as _Outcome
    from spacemedic.recovery.plan import DEFAULT_NOOP_FILE, Context, make_plan
    from spacemedic.recovery.run import Io, Watching, execute as run_plan
    from spacemedic.history.attempts import AttemptLog
    from spacemedic.history.store import HistoryStore
    from spacemedic.hub import actions
    from spacemedic.hub.gather import gather
    from spacemedic.hub.runtime_poll import call, fetch_runtime, make_api, parse_duration_minutes
    from spacemedic.triage import diagnose as classify
    from spacemedic.watch.clock import clock_from_env

    say = notify or (lambda _line: None)
    bundle = gather(space, endpoint, status_url=status_url, time_box=time_box, token=token, notify=notify,
                    **dict(collect_options or {}))
    from spacemedic.history import with_recorded_duration

    signals = _enriched(with_recorded_duration(bundle.to_signals()), _overlay(tried, None, None, None),
                        _lint_notes(repo), repo)
    diagnosis = classify(signals, target=bundle.space)
    info = bundle.info or {}
    card = info.get("card_data") or info.get("cardData") or {}
    noop = noop_file or DEFAULT_NOOP_FILE
    siblings = info.get("siblings")
    listed = {str(s.get("rfilename")) for s in siblings if isinstance(s, dict)} if isinstance(siblings, list) else None
    clock = clock_from_env()
    with AttemptLog(db) as log:
        since_day = [a for a in log.attempts(bundle.space, since=clock.now() - 86400) if a.result.value != "declined"]
        last = log.last_mutation(bundle.space)
        ctx = Context(
            space=bundle.space, sdk=signals.observations.sdk or info.get("sdk"),
            minutes_since_last_action=(clock.now() - last) / 60 if last is not None else None,
            force=force, fix_pushed=fix_pushed, wake=wake, noop_file=noop,
            noop_file_exists=listed is None or noop in listed,
            already=tuple(a.action for a in since_day if a.result.value != "recovered"),
        )
        plan = make_plan(diagnosis, signals, ctx)
        hub = make_api(endpoint, token, time_box)
        if plan.actions and any(s.action.mutates for s in plan.actions):
            refusal = actions.write_refusal(hub, bundle.space)
            if refusal:
                plan = make_plan(diagnosis, signals, replace(ctx, write_refusal=refusal))
        if on_plan is not None:
            on_plan(diagnosis, plan)
        if not execute or not plan.actions:
            ending = Ending.PLAN_ONLY if plan.actions else (Ending.STOPPED if plan.refused else Ending.NOTHING_TO_DO)
            message = plan.refused or ("nothing was changed" if plan.actions else "no action on the Hub can help here")
            return _Outcome(diagnosis, plan, (), ending, message)
        budget = wait if wait is not None else 60 * ((parse_duration_minutes(card.get("startup_duration_timeout")) or 30) + 15)
        with HistoryStore(db) as store:
            io = Io(
                send=lambda action: actions.send(hub, bundle.space, action, noop_file=noop,
                                                 direct_url=info.get("host"), timeout=time_box),
                fetch_runtime=lambda: call("runtime", lambda: fetch_runtime(hub, bundle.space)),
                confirm=confirm or (lambda _step: True),
                record_snapshot=lambda snap, at: store.record(bundle.space, snap, at),
                say=say,
                clock=clock,
            )
            attempts, ending, message = run_plan(plan, io, log, Watching(budget, interval), max_steps=max_steps,
                                                 stage_before=signals.runtime_stage)
    return _Outcome(diagnosis, plan, attempts, ending, message)
