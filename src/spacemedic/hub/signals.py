"""Bundle -> Signals: what the classifier reads, derived from collected evidence (pure).

Mapping (the contract with spacemedic.triage):
    runtime.stage / errorMessage / abuse    -> runtime_stage, error_message, abuse
    unavailable notes                        -> unavailable
    build_log / run_log tails                -> build_log, run_log (bounded text)
    info.card_data                           -> config (YAML text of the front matter)
    log states                               -> observations.build_logs / run_logs
    stage + log markers                      -> hub_page_state, stage_duration_minutes
    other Spaces failing or paused           -> other_spaces_affected
    status page not operational / open report-> status_page_incident
    app probe                                -> direct_url (loads | error)
    running sha vs latest commit             -> new_commit_triggers_build
    runtime hardware, info sdk               -> hardware, sdk
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Mapping

from spacemedic.hub.collectors import FAILING_STAGES
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
INCIDENT_STATES = frozenset({"degraded", "downtime", "maintenance"})


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
    return None


def _minutes_in_stage(bundle: Bundle, stage: str | None) -> float | None:
    """Only when a log marker dates the stage: the latest build queued (BUILDING) or app start."""
    now = _parse_time(bundle.collected_at)
    marker: str | None = None
    if stage in ("BUILDING", "RUNNING_BUILDING") and bundle.build_log:
        marker = bundle.build_log.queued_at
    elif stage in ("APP_STARTING", "RUNNING_APP_STARTING") and bundle.run_log:
        marker = bundle.run_log.startup_at
    start = _parse_time(marker)
    if now is None or start is None or start > now:
        return None
    return round((now - start).total_seconds() / 60, 1)


def _new_commit_builds(bundle: Bundle, stage: str | None, runtime: Mapping[str, Any]) -> bool | None:
    latest = _text(_obj(bundle.commits[0]).get("id")) if bundle.commits else None
    if not latest:
        return None
    running = runtime.get("sha")
    if isinstance(running, str) and running:
        if running == latest:
            return None  # nothing new to build
        return stage in IN_FLIGHT  # a newer commit exists: is anything building it?
    queued = bundle.build_log.queued_sha if bundle.build_log else None
    if stage == "BUILDING" and queued:
        return latest.startswith(queued)  # the queued build is for an older commit: the new one did not start
    return None


def _other_spaces(bundle: Bundle) -> bool | None:
    if not bundle.other_spaces:
        return None
    return any(str(_obj(o).get("stage")) in FAILING_STAGES for o in bundle.other_spaces)


def _incident(bundle: Bundle) -> bool | None:
    page = _obj(bundle.status_page)
    if not page:
        return None
    components = _obj(page.get("components"))
    if any(str(s).lower() in INCIDENT_STATES for s in components.values()):
        return True
    if page.get("open_reports"):
        return True
    return str(page.get("aggregate_state", "")).lower() in ("downtime",) or False


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
    observations = Observations(
        hub_page_state=page,
        stage_duration_minutes=_minutes_in_stage(bundle, stage),
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
    )
