"""Bundle -> Signals: what the classifier reads, derived from collected evidence (pure).

Mapping (the contract with spacemedic.triage):
    runtime.stage / errorMessage / abuse    -> runtime_stage, error_message, abuse
    unavailable notes                        -> unavailable
    build_log / run_log tails                -> build_log, run_log (bounded text)
    info.card_data                           -> config (YAML text of the front matter)
    log states                               -> observations.build_logs / run_logs
    stage + log markers                      -> hub_page_state, stage_duration_minutes
    other Spaces failing (PAUSED only with an error) -> other_spaces_affected
    status page (hub/status_page.py rules)   -> status_page_incident
    what each collector did                  -> sources (answered / timed out / refused / ...)
    log banners, abuse.flaggedAt             -> stage_since (the platform's own clock)
    app probe                                -> direct_url (loads | error)
    running sha vs latest commit             -> new_commit_triggers_build
    runtime hardware, info sdk               -> hardware, sdk
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Mapping

from spacemedic.hub.status_page import shows_incident
from spacemedic.models import DirectUrl, LogState, Observations, Signals

if TYPE_CHECKING:
    from spacemedic.hub.bundle import Bundle

PAGE_STATE = {
    "BUILDING": "Building", "BUILD_ERROR": "Build error", "RUNTIME_ERROR": "Runtime error",
    "APP_STARTING": "Starting", "RUNNING": "Running", "RUNNING_BUILDING": "Running",
    "RUNNING_APP_STARTING": "Running", "PAUSED": "Paused", "SLEEPING": "Sleeping", "STOPPED": "Stopped",
    "CONFIG_ERROR": "Config error", "NO_APP_FILE": "No app file",
}
IN_FLIGHT = frozenset({"BUILDING", "APP_STARTING", "RUNNING_BUILDING", "RUNNING_APP_STARTING"})
ERROR_STAGES = frozenset({"BUILD_ERROR", "RUNTIME_ERROR", "CONFIG_ERROR", "NO_APP_FILE"})
COMMIT_GRACE_MINUTES = 10.0  # a commit younger than this may simply not have reached the builder yet


def neighbour_failing(entry: Mapping[str, Any]) -> bool:
    """A neighbour Space counts as failing in an error stage, or PAUSED with an errorMessage
    (moderation, quota). PAUSED without one is its owner's choice, and says nothing."""
    stage = str(entry.get("stage") or "")
    message = entry.get("error_message")
    has_message = isinstance(message, str) and bool(message.strip())
    return stage in ERROR_STAGES or (stage == "PAUSED" and has_message)


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
    return None


def _parse_iso(text: Any) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return _parse_time(text)
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def stage_start(bundle: Bundle, stage: str | None) -> tuple[datetime, str] | None:
    """When the platform's own timestamps say the current stage began, and which one says so.

    The latest "Build Queued at" banner dates a build (BUILDING), the latest "Application Startup
    at" banner a start (APP_STARTING), `abuse.flaggedAt` a moderation pause. Commit dates and
    `lastModified` are not used: a restart re-enters a stage without any commit.
    """
    runtime = _obj(bundle.runtime) or _obj(_obj(bundle.info).get("runtime"))
    if stage in ("BUILDING", "RUNNING_BUILDING") and bundle.build_log and bundle.build_log.queued_at:
        return _dated(bundle.build_log.queued_at, 'the build log\'s "Build Queued at" banner')
    if stage in ("APP_STARTING", "RUNNING_APP_STARTING") and bundle.run_log and bundle.run_log.startup_at:
        return _dated(bundle.run_log.startup_at, 'the run log\'s "Application Startup at" banner')
    flagged = _dated(_obj(runtime.get("abuse")).get("flaggedAt"), "the runtime's abuse.flaggedAt")
    if stage == "PAUSED" and flagged is not None:
        # A build queued after the flag means the Space ran again since: the flag no longer dates the pause.
        for log in (bundle.build_log, bundle.run_log):
            later = _parse_iso(log.queued_at or log.startup_at) if log else None
            if later is not None and later > flagged[0]:
                return None
        return flagged
    return None


def _dated(text: Any, label: str) -> tuple[datetime, str] | None:
    when = _parse_iso(text)
    return (when, label) if when is not None else None


def _minutes_in_stage(bundle: Bundle, stage: str | None) -> tuple[float, tuple[str, str]] | None:
    """Minutes in the current stage as the platform's own timestamps prove it, and the proof."""
    now = _parse_time(bundle.collected_at)
    start = stage_start(bundle, stage)
    if now is None or start is None or start[0] > now:
        return None
    iso = start[0].astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return round((now - start[0]).total_seconds() / 60, 1), (iso, start[1])


def _new_commit_builds(bundle: Bundle, stage: str | None, runtime: Mapping[str, Any]) -> bool | None:
    latest = _text(_obj(bundle.commits[0]).get("id")) if bundle.commits else None
    if not latest:
        return None
    running = runtime.get("sha")
    if isinstance(running, str) and running:
        if latest.startswith(running) or running.startswith(latest):
            return None  # nothing new to build
        pushed = _parse_iso(_obj(bundle.commits[0]).get("date")) if bundle.commits else None
        now = _parse_time(bundle.collected_at)
        if pushed is not None and now is not None and (now - pushed).total_seconds() < COMMIT_GRACE_MINUTES * 60:
            return None  # too recent to tell: the builder may not have picked it up yet
        return stage in IN_FLIGHT  # a newer commit exists: is anything building it?
    queued = bundle.build_log.queued_sha if bundle.build_log else None
    if stage == "BUILDING" and queued:
        return latest.startswith(queued)  # the queued build is for an older commit: the new one did not start
    return None


def _other_spaces(bundle: Bundle) -> bool | None:
    if bundle.other_spaces is None:
        return None  # not checked (an empty list is checked: the owner has no other Space)
    return any(neighbour_failing(_obj(o)) for o in bundle.other_spaces)


def _incident(bundle: Bundle) -> bool | None:
    page = _obj(bundle.status_page)
    if not page:
        return None
    return shows_incident(page)


def _direct_url(bundle: Bundle) -> DirectUrl | None:
    app = _obj(bundle.app)
    if not isinstance(app.get("status"), int):
        return None
    if app.get("space_in_error") or app.get("preparing") or int(app["status"]) >= 400:
        return DirectUrl.ERROR
    return DirectUrl.LOADS


def _config(info: Mapping[str, Any]) -> str | None:
    card = info.get("card_data")
    if not isinstance(card, Mapping) or not card:
        return None
    import yaml

    dumped: str = yaml.safe_dump(dict(card), sort_keys=False, allow_unicode=True)
    return "---\n" + dumped + "---"


def _obj(value: Any) -> Mapping[str, Any]:
    """Evidence comes from the network: anything that is not an object counts as absent."""
    return value if isinstance(value, Mapping) else {}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def bundle_to_signals(bundle: Bundle) -> Signals:
    info = _obj(bundle.info)
    runtime = _obj(bundle.runtime) or _obj(info.get("runtime"))
    stage = runtime.get("stage") if isinstance(runtime.get("stage"), str) else None
    hardware = _obj(runtime.get("hardware"))
    card = _obj(info.get("card_data"))
    page = PAGE_STATE.get(stage or "", stage.title() if stage else None)
    if stage == "BUILDING" and bundle.build_log and bundle.build_log.state is LogState.QUEUED_ONLY:
        page = "Build Queued"
    error = runtime.get("errorMessage")
    abuse = runtime.get("abuse")
    dated = _minutes_in_stage(bundle, stage)
    observations = Observations(
        hub_page_state=page,
        stage_duration_minutes=dated[0] if dated else None,
        build_logs=bundle.build_log.state if bundle.build_log else None,
        run_logs=bundle.run_log.state if bundle.run_log else None,
        new_commit_triggers_build=_new_commit_builds(bundle, stage, runtime),
        other_spaces_affected=_other_spaces(bundle),
        status_page_incident=_incident(bundle),
        direct_url=_direct_url(bundle),
        hardware=_text((hardware.get("requested") or hardware.get("current")) if hardware else None),
        sdk=_text(info.get("sdk") or (card.get("sdk") if card else None)),
    )
    return Signals(
        id=bundle.space,
        runtime_stage=stage,
        error_message=error if isinstance(error, str) else None,
        build_log=bundle.build_log.text if bundle.build_log and bundle.build_log.text else None,
        run_log=bundle.run_log.text if bundle.run_log and bundle.run_log.text else None,
        config=_config(info),
        observations=observations,
        abuse=dict(abuse) if isinstance(abuse, Mapping) else None,
        unavailable=bundle.unavailable,
        sources=bundle.source_states(),
        stage_since=dated[1] if dated else None,
    )
