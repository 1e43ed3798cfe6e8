"""What a support request says about a Space: the fields support asks for, read from the evidence.

Pure: built from a Diagnosis, the Signals it read and (when collected live or from a bundle) the
Bundle. A field is `None` when the evidence does not carry it; the renderer turns that into a
clearly marked blank for the user to fill in, never into a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping

from spacemedic.models import Diagnosis, Signals

if TYPE_CHECKING:
    from spacemedic.hub.bundle import Bundle

EXCERPT_LINES = 12
EXCERPT_CHARS = 1500
_REQUEST_ID = re.compile(r"\bRoot=1-[0-9a-f]{8}-[0-9a-f]{24}(?:;[0-9a-f\-]{36})?|\b[Xx]-[Rr]equest-[Ii]d:\s*([A-Za-z0-9_\-]{6,})")
_PORT = re.compile(r"(?:--port[= ]|--server\.port[= ]|port\s*=\s*|:)(\d{4,5})\b")
_LISTEN = re.compile(r"(?i)(?:running on|listening on|uvicorn running on|local url:)\s*\S+")


@dataclass(frozen=True)
class ReportFacts:
    space: str | None
    space_url: str | None
    account: str | None
    stage: str | None
    hardware_current: str | None
    hardware_requested: str | None
    error_message: str | None
    abuse: tuple[tuple[str, str], ...]
    request_ids: tuple[str, ...]
    timeline: tuple[tuple[str, str], ...]  # (when, what), UTC
    build_log_status: str | None
    build_log_excerpt: str | None
    run_log_status: str | None
    run_log_excerpt: str | None
    sdk: str | None
    readme_yaml: str | None
    app_port: str | None
    listening: str | None
    direct_url: str | None
    status_page: str | None
    latest_commit: str | None
    running_commit: str | None
    other_spaces: str | None
    tried: tuple[str, ...]
    purpose: str | None
    expose: str | None = None
    start_command: str | None = None
    last_working_commit: str | None = None
    unavailable: tuple[str, ...] = ()
    runtime_read: bool = False  # the runtime answered: a field it lacks is known to be empty

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            out[name] = [list(v) if isinstance(v, tuple) else v for v in value] if isinstance(value, tuple) else value
        return out


def excerpt(text: str | None, lines: int = EXCERPT_LINES, chars: int = EXCERPT_CHARS) -> str | None:
    """The last `lines` non-empty lines, at most `chars` characters (the end matters most)."""
    if not text or not text.strip():
        return None
    kept = [ln.rstrip() for ln in text.replace("\r", "\n").splitlines() if ln.strip()][-lines:]
    out = "\n".join(kept)
    return out if len(out) <= chars else "…" + out[-chars:]


def _yaml(card: Mapping[str, Any] | None) -> str | None:
    if not card:
        return None
    import yaml

    return str(yaml.safe_dump(dict(card), sort_keys=False, allow_unicode=True)).strip()


def _tried(signals: Signals) -> tuple[str, ...]:
    o = signals.observations
    out = []
    for label, outcome in (("restart", o.restart), ("factory rebuild", o.factory_rebuild)):
        if outcome is not None and outcome.value != "not_tried":
            out.append(f"{label}: {outcome.value.replace('_', ' ')}")
    if o.new_commit_triggers_build is not None:
        out.append("a new commit " + ("started a build" if o.new_commit_triggers_build else "did not start a build"))
    if o.restart_error_text:
        out.append(f"restart error shown: {o.restart_error_text}")
    return tuple(out)


def _log_status(state: Any, text: str | None) -> str | None:
    if state is None:
        return None
    value = getattr(state, "value", state)
    return {"empty": "empty (no lines at all)", "queued_only": "only the \"Build Queued\" line, no build output",
            "has_output": f"has output ({len((text or '').splitlines())} lines read)"}.get(str(value), str(value))


def _stream_status(bundle: Bundle | None, kind: str, fallback: Any, text: str | None) -> str | None:
    """A log's status in words, keeping its states apart: output, only the banner, empty, no
    output yet (answered, still open), or not read (timed out, refused, ...) with the reason."""
    if bundle is None:
        return _log_status(fallback, text)
    capture = bundle.build_log if kind == "build" else bundle.run_log
    if capture is not None:
        if not capture.lines_read and capture.open:
            return "no output yet (the stream answered and stayed open without a line)"
        return _log_status(capture.state, text)
    note = next((u for u in bundle.unavailable if u.source == f"{kind} logs"), None)
    if note is not None:
        state = note.state.value.replace("_", " ") if note.state is not None else "not read"
        return f"not read: {state} ({note.reason})"
    return _log_status(fallback, text)


def build_facts(diagnosis: Diagnosis, signals: Signals, bundle: Bundle | None = None, *,
                purpose: str | None = None, tried: tuple[str, ...] = (), expose: str | None = None,
                start_command: str | None = None, last_working: str | None = None) -> ReportFacts:
    """Every field a support request needs, from what was read. Unknown stays `None`."""
    o = signals.observations
    rt: Mapping[str, Any] = (bundle.runtime if bundle else None) or {}
    info: Mapping[str, Any] = (bundle.info if bundle else None) or {}
    app: Mapping[str, Any] = (bundle.app if bundle else None) or {}
    space = (bundle.space if bundle else None) or diagnosis.target or (signals.id if signals.id and "/" in signals.id else None)
    hw = rt.get("hardware") if isinstance(rt.get("hardware"), Mapping) else {}
    raw_abuse = rt.get("abuse")
    abuse_src: Mapping[str, Any] = raw_abuse if isinstance(raw_abuse, Mapping) else (signals.abuse or {})
    abuse = tuple((str(k), str(v)) for k, v in abuse_src.items() if v not in (None, ""))

    texts = [signals.error_message or "", signals.build_log or "", signals.run_log or "", o.restart_error_text or ""]
    ids: list[str] = []
    if app.get("request_id"):
        ids.append(f"x-request-id {app['request_id']} (direct URL probe, {app.get('date') or 'time not recorded'})")
    for m in _REQUEST_ID.finditer("\n".join(texts)):
        ids.append(m.group(1) or m.group(0))

    timeline: list[tuple[str, str]] = []
    if bundle and bundle.build_log and bundle.build_log.queued_at:
        timeline.append((f"{bundle.build_log.queued_at} UTC", "last build queued"
                         + (f" (commit {bundle.build_log.queued_sha})" if bundle.build_log.queued_sha else "")))
    if bundle and bundle.run_log and bundle.run_log.startup_at:
        timeline.append((f"{bundle.run_log.startup_at} UTC", "last application start-up"))
    if abuse_src.get("flaggedAt"):
        timeline.append((str(abuse_src["flaggedAt"]).replace("T", " ").replace("Z", " UTC"), "flagged (runtime `abuse.flaggedAt`)"))
    if bundle and bundle.collected_at:
        timeline.append((bundle.collected_at.replace("T", " ").replace("Z", " UTC"), f"spacemedic read stage {rt.get('stage') or signals.runtime_stage}"))
    timeline.sort(key=lambda entry: _sort_key(entry[0]))
    if diagnosis.minutes_in_stage is not None or o.stage_duration_minutes is not None:
        minutes = diagnosis.minutes_in_stage if diagnosis.minutes_in_stage is not None else o.stage_duration_minutes
        proof = f" (from {diagnosis.stage_since[1]})" if diagnosis.stage_since else ""
        timeline.append(("(duration)", f"in this stage for about {_duration(float(minutes or 0))}{proof}"))

    card = info.get("card_data") if isinstance(info.get("card_data"), Mapping) else None
    commits = bundle.commits if bundle and bundle.commits else ()
    direct = None
    if app:
        direct = f"HTTP {app.get('status')}" + (" — \"Your space is in error\" page" if app.get("space_in_error") else "") \
            + (" — \"Preparing Space\" page" if app.get("preparing") else "") \
            + (" — answered by the app (x-proxied headers)" if app.get("proxied") else " — the app was not reached")
    elif o.direct_url is not None:
        direct = {"loads": "loads", "error": "returns an error"}[o.direct_url.value]
    status = None
    if bundle and bundle.status_page:
        sp = bundle.status_page
        status = f"status.huggingface.co: {sp.get('aggregate_state')}" + (
            f"; open: {', '.join(str(r.get('title', r) if isinstance(r, Mapping) else r) for r in sp.get('open_reports') or [])}" if sp.get("open_reports") else "")
    elif o.status_page_incident is not None:
        status = "an incident is open" if o.status_page_incident else "no incident open"
    others = None
    not_checked = any(u.source.startswith("other Spaces") for u in (*diagnosis.unavailable, *signals.unavailable))
    if bundle and bundle.other_spaces is not None and not not_checked:
        from spacemedic.hub.signals import neighbour_failing

        failing = [s for s in bundle.other_spaces if neighbour_failing(s)]
        others = f"{len(failing)} of {len(bundle.other_spaces)} other Spaces of the owner also failing" if bundle.other_spaces else "no other Spaces"
    elif o.other_spaces_affected is not None:
        others = "other Spaces affected too" if o.other_spaces_affected else "only this Space"

    stage_now = rt.get("stage") or signals.runtime_stage or diagnosis.stage
    runtime_read = bool(rt)
    hardware_current = hw.get("current") if hw else None
    if hardware_current is None and runtime_read:
        hardware_current = "none (not running)"  # the runtime says so: `hardware.current` is null
    running_commit = rt.get("sha")
    if not running_commit and runtime_read and stage_now not in ("RUNNING", "RUNNING_BUILDING", "RUNNING_APP_STARTING"):
        running_commit = "not running"
    error_message = excerpt(rt.get("errorMessage") or signals.error_message, lines=8, chars=800)
    if start_command is None and card and card.get("app_file") and str(info.get("sdk") or o.sdk or "").lower() != "docker":
        start_command = f"app_file: {card['app_file']} (run by the {info.get('sdk') or o.sdk} SDK)"
    run_log = signals.run_log
    listening = None
    if run_log:
        found = _LISTEN.findall(run_log)
        listening = found[-1] if found else None
    return ReportFacts(
        space=space,
        space_url=f"https://huggingface.co/spaces/{space}" if space else None,
        account=space.split("/", 1)[0] if space else None,
        stage=stage_now,
        hardware_current=hardware_current,
        hardware_requested=(hw.get("requested") if hw else None) or o.hardware,
        error_message=error_message,
        abuse=abuse,
        request_ids=tuple(dict.fromkeys(ids)),
        timeline=tuple(timeline),
        build_log_status=_stream_status(bundle, "build", o.build_logs, signals.build_log),
        build_log_excerpt=excerpt(signals.build_log),
        run_log_status=_stream_status(bundle, "run", o.run_logs, signals.run_log),
        run_log_excerpt=excerpt(signals.run_log),
        sdk=info.get("sdk") or o.sdk,
        readme_yaml=_yaml(card) or (signals.config.strip() if signals.config else None),
        app_port=str(card["app_port"]) if card and card.get("app_port") else None,
        listening=listening,
        direct_url=direct,
        status_page=status,
        latest_commit=(f"{commits[0].get('id')} ({commits[0].get('date') or 'date unknown'}) {commits[0].get('title') or ''}".strip()
                       if commits else info.get("sha")),
        running_commit=running_commit,
        other_spaces=others,
        tried=_tried(signals) + tuple(tried),
        purpose=purpose,
        expose=expose,
        start_command=start_command,
        last_working_commit=last_working,
        unavailable=tuple(f"{u.source}: {u.reason}" for u in (*diagnosis.unavailable, *signals.unavailable)),
        runtime_read=runtime_read,
    )


def _sort_key(when: str) -> str:
    """Timeline entries are "YYYY-MM-DD HH:MM:SS[.fff] UTC": sortable as text once normalised."""
    return when.replace("T", " ").replace("Z", "").replace(" UTC", "").strip()


def _duration(minutes: float) -> str:
    if minutes < 120:
        return f"{minutes:.0f} minutes"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} hours"
    return f"{minutes / 1440:.1f} days"
