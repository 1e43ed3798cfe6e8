"""Derived facts: the normalised view of Signals that the decision combinations read.

Observations win over what the texts suggest; texts fill the gaps (a build log with only the
"Build Queued" banner is `queued_only`, a run log that only says logs could not be retrieved is
`empty`). Ports the server logged are compared with the port the proxy will probe.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from spacemedic.models import LogState, Signals

DEFAULT_TIMEOUT_MINUTES = 30.0

# Labels of the Space page (cases README) -> runtime stage. "Preparing Space" stays its own
# stage: the API may already say RUNNING while the page still prepares.
_PAGE_STAGE = {
    "building": "BUILDING",
    "build queued": "BUILDING",
    "build error": "BUILD_ERROR",
    "runtime error": "RUNTIME_ERROR",
    "preparing space": "PREPARING",
    "preparing": "PREPARING",
    "starting": "APP_STARTING",
    "running": "RUNNING",
    "paused": "PAUSED",
    "sleeping": "SLEEPING",
    "config error": "CONFIG_ERROR",
    "configuration error": "CONFIG_ERROR",
    "no app file": "NO_APP_FILE",
    "stopped": "STOPPED",
}
_STAGE_ALIASES = {"RUNNING_BUILDING": "RUNNING", "RUNNING_APP_STARTING": "RUNNING", "BUILD_QUEUED": "BUILDING"}

# A log viewer or a copy-paste may put a timestamp (and a replica id) before each line.
_STAMP = r"(?:\[?\d{4}-\d{2}-\d{2}[T ][\d:.,]+(?:Z|[+-]\d{2}:?\d{2})?\]?\s+(?:[\w-]{1,20}\s+)?)?"
_QUEUED_LINE = re.compile(r"^\s*" + _STAMP + r"(?:=+\s*)?build queued\b.*$|^\s*=+\s*$", re.I)
_NO_LOG_LINE = re.compile(
    r"^\s*" + _STAMP + r"(?:container logs:?|build logs:?|failed to retrieve error logs.*|no logs available.*|runtime error|"
    r"build error|=+ application startup at .*=+)\s*$",
    re.I,
)
_STEP = re.compile(r"cache miss: \[[^\]\n]{1,60} \d+/\d+\]|^[ \t]*#\d+ \[[^\]\n]{1,60} \d+/\d+\] (?:RUN|COPY)", re.I | re.M)
_FROM_LINE = re.compile(r"^\s*(?:-->\s*|#\d+\s+\[[^\]\n]{0,60}\]\s*)?FROM\s+\S+(?:\s+DONE\s+[\d.]+s)?\s*$", re.I)
_BUILD_ERROR_LINE = re.compile(
    r"^[ \t]*(?:#\d+\s+[\d.]+\s+|-->\s*)?(?:ERROR|E|FATAL|fatal error|npm ERR!|Error)(?:\s*\[[^\]\n]{0,60}\])?[:!]"
    r"|^[^\n]{0,200}\bfatal error:",
    re.M,
)
_DONE_LINE = re.compile(r"^\s*(?:#\d+\s+)?DONE\s+[\d.]+s\s*$", re.I)
_LISTEN_HINT = re.compile(
    r"running on|listening|serving (?:on|at)|\burl:|started server|server (?:started|running|is running)|bound to"
    r"|uvicorn running|booting worker|starting (?:development )?server at",
    re.I,
)
_ADDR = re.compile(
    r"(?:https?://(?P<h1>[\w.\-]+|\[[\w:]*\])|(?P<h2>0\.0\.0\.0|127\.0\.0\.1|localhost|\[::1?\]|(?:\d{1,3}\.){3}\d{1,3}))"
    r":(?P<port>\d{2,5})\b",
    re.I,
)
# Servers' own "ready" lines: uvicorn/starlette, Gradio, Streamlit, Flask/werkzeug, Node frameworks.
_STARTED = re.compile(
    r"application startup complete|running on (?:local|public) url|you can now view your streamlit app"
    r"|^\s*\* running on |\bready in \d|server (?:is )?(?:ready|started)\b|\* serving flask app",
    re.I | re.M,
)
_ERROR_LINE = re.compile(r"traceback \(most recent call last\)|\b\w*(?:Error|Exception)\b|permission denied|\bERROR\b", re.I)
_PORT_WORD = re.compile(r"(?:\bport\b\s*[=:]?\s*|\b(?:on|at)\s+:)(\d{2,5})\b", re.I)
_STREAMLIT_AUX = re.compile(r"^\s*(?:local|network|external) url:", re.I)
_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
_APP_PORT = re.compile(r"app_port\s*:\s*[\"']?(\d{2,5})", re.I)
_TIMEOUT = re.compile(r"startup_duration_timeout\s*:\s*[\"']?(\d+(?:\.\d+)?)\s*([smhd]?)", re.I)
_CONFIG_PORTS = re.compile(r"(?:\bport\b[^\d\n]{0,12}|EXPOSE\s+|:)(\d{4,5})\b", re.I)


@dataclass(frozen=True)
class Listen:
    host: str | None
    port: int
    line: str

    @property
    def loopback(self) -> bool:
        return (self.host or "").lower() in _LOOPBACK


@dataclass(frozen=True)
class Facts:
    stage: str | None
    page: str | None
    minutes: float | None
    timeout_minutes: float
    build_logs: LogState | None
    run_logs: LogState | None
    sdk: str | None
    expected_ports: frozenset[int]
    listening: tuple[Listen, ...]
    config_ports: frozenset[int]
    # The runtime API's own stage word, before the page label refines it: RUNNING here while the
    # page prepares or starts is the API and the page disagreeing about the same Space.
    api_stage: str | None = None
    # The build reached its Dockerfile steps: a step is listed (BuildKit's "[stage n/m]" or a
    # "cache miss:" line), in the log or in the platform's failure reason. Then a generic build
    # error came from a step, whatever the log view showed.
    steps_ran: bool = False
    # The build log holds nothing past the base image: the queued banner, "FROM ..." and "DONE".
    build_stopped_at_base: bool = False
    # The build log has a line that reports an error (pip's "ERROR:", apt's "E:", a compiler's
    # "fatal error", BuildKit's "ERROR [n/m]"): the failure is written down, whatever it is.
    # (git's lower-case "error:" is left out: the platform's own steps print it too.)
    build_error_line: bool = False
    # The app's server logged that its start-up finished (with or without naming a port).
    app_started: bool = False
    # An error was logged, and the server still came up after it: that error did not stop the app.
    started_after_error: bool = False
    # With no stage known, the Space's own URL answered with the proxy's error page ("Your space
    # is in error"): the Space sits in a failed stage, build or run not told apart.
    failed_stage: bool = False

    @property
    def past_timeout(self) -> bool:
        return self.minutes is not None and self.minutes > self.timeout_minutes

    @property
    def listens_right(self) -> bool:
        """The app logged a server on a port the proxy probes, not only on loopback."""
        good = [x for x in self.listening if x.port in self.expected_ports]
        return bool(good) and not self.only_loopback

    @property
    def listens_wrong_port(self) -> bool:
        return bool(self.listening) and not any(x.port in self.expected_ports for x in self.listening)

    @property
    def only_loopback(self) -> bool:
        hosts = [x for x in self.listening if x.host]
        return bool(hosts) and all(x.loopback for x in hosts)


def derive(signals: Signals) -> Facts:
    obs = signals.observations
    page = " ".join((obs.hub_page_state or "").split()).lower() or None
    stage = _stage(signals.runtime_stage, page)
    config = signals.config or ""
    sdk = (obs.sdk or _sdk_from_config(config) or _sdk_from_shape(config, signals.run_log or "") or "").lower() or None
    return Facts(
        stage=stage,
        page=page,
        minutes=_finite(obs.stage_duration_minutes),
        timeout_minutes=_timeout(config),
        build_logs=obs.build_logs or _build_state(signals.build_log),
        run_logs=obs.run_logs or _run_state(signals.run_log),
        sdk=sdk,
        expected_ports=_expected_ports(config, sdk, signals.run_log or ""),
        listening=tuple(listening(signals.run_log or "")),
        config_ports=frozenset(int(p) for p in _CONFIG_PORTS.findall(config)),
        api_stage=_api_stage(signals.runtime_stage),
        build_stopped_at_base=_stopped_at_base(signals.build_log),
        build_error_line=bool(_BUILD_ERROR_LINE.search(signals.build_log or "")),
        steps_ran=any(_STEP.search(t or "") for t in (signals.build_log, signals.error_message)),
        app_started=bool(_STARTED.search(signals.run_log or "")),
        started_after_error=_started_after_error(signals.run_log or ""),
        failed_stage=stage is None and any(_IN_ERROR_PAGE.search(t or "") for t in (signals.error_message, obs.restart_error_text)),
    )


def _started_after_error(run_log: str) -> bool:
    lines = run_log.splitlines()[-400:]
    errors = [i for i, ln in enumerate(lines) if len(ln) <= 2000 and _ERROR_LINE.search(ln)]
    started = [i for i, ln in enumerate(lines) if len(ln) <= 2000 and (_STARTED.search(ln) or _ADDR.search(ln))]
    return bool(errors) and bool(started) and max(started) > max(errors)


def _stopped_at_base(text: str | None) -> bool:
    lines = [ln for ln in (text or "").splitlines() if ln.strip()]
    froms = [ln for ln in lines if _FROM_LINE.match(ln)]
    return bool(froms) and all(_QUEUED_LINE.match(ln) or _FROM_LINE.match(ln) or _DONE_LINE.match(ln) for ln in lines)


def _finite(value: float | None) -> float | None:
    if value is None or not math.isfinite(value) or value < 0:
        return None
    return value


def _api_stage(runtime_stage: str | None) -> str | None:
    raw = (runtime_stage or "").strip().upper().replace(" ", "_") or None
    return _STAGE_ALIASES.get(raw, raw) if raw else None


def _stage(runtime_stage: str | None, page: str | None) -> str | None:
    raw = _api_stage(runtime_stage)
    from_page = _PAGE_STAGE.get(page or "")
    if from_page == "PREPARING" and raw in (None, "RUNNING", "APP_STARTING"):
        return "PREPARING"
    return raw or from_page


def _sdk_from_config(config: str) -> str | None:
    m = re.search(r"\bsdk\s*:\s*[\"']?(docker|gradio|streamlit|static)\b", config, re.I)
    return m.group(1) if m else None


# What only a Docker Space shows: its own Dockerfile quoted, or a server the container command
# starts (`python -m uvicorn`, the gunicorn launcher). The SDKs run `python app.py` or
# `streamlit run` themselves, so neither appears in an SDK Space.
_DOCKERFILE_LINE = re.compile(r"^[ \t]*(?:FROM[ \t]+\S+|CMD[ \t]+\S|ENTRYPOINT[ \t]+\S)", re.M)
_SERVER_AS_COMMAND = re.compile(r"/(?:uvicorn/__main__\.py|gunicorn/app/\w+\.py|bin/(?:uvicorn|gunicorn)\b)")


_IN_ERROR_PAGE = re.compile(r"your space is (?:in|on) error", re.I)


def _sdk_from_shape(config: str, run_log: str) -> str | None:
    return "docker" if _DOCKERFILE_LINE.search(config) or _SERVER_AS_COMMAND.search(run_log) else None


def _timeout(config: str) -> float:
    m = _TIMEOUT.search(config)
    if not m:
        return DEFAULT_TIMEOUT_MINUTES
    value, unit = float(m.group(1)), (m.group(2) or "m").lower()
    return value * {"s": 1 / 60, "m": 1.0, "h": 60.0, "d": 1440.0}[unit]


def log_shape(text: str | None) -> LogState | None:
    """What a log's text says by its shape alone: nothing, only the queued banner, or output."""
    return _build_state(text)


def _build_state(text: str | None) -> LogState | None:
    if text is None:
        return None
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return LogState.EMPTY
    if all(_NO_LOG_LINE.match(ln) for ln in lines):
        return LogState.EMPTY
    if all(_QUEUED_LINE.match(ln) or _NO_LOG_LINE.match(ln) for ln in lines):
        return LogState.QUEUED_ONLY
    return LogState.HAS_OUTPUT


def _run_state(text: str | None) -> LogState | None:
    if text is None:
        return None
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines or all(_NO_LOG_LINE.match(ln) for ln in lines):
        return LogState.EMPTY
    return LogState.HAS_OUTPUT


def _expected_ports(config: str, sdk: str | None, run_log: str) -> frozenset[int]:
    m = _APP_PORT.search(config)
    if m:
        return frozenset({int(m.group(1))})
    if sdk == "streamlit" or (sdk is None and "streamlit" in run_log.lower()):
        # Streamlit SDK Spaces use 8501, but the runtime has been seen injecting 7860.
        return frozenset({8501, 7860})
    return frozenset({7860})


def listening(run_log: str) -> list[Listen]:
    """Every "server is listening" line of a run log, with its host and port."""
    out: list[Listen] = []
    for line in run_log.splitlines()[-400:]:
        if len(line) > 400 or not _LISTEN_HINT.search(line):
            continue
        aux = bool(_STREAMLIT_AUX.match(line))
        m = _ADDR.search(line)
        if m:
            host = None if aux else (m.group("h1") or m.group("h2"))
            out.append(Listen(host, int(m.group("port")), line.strip()[:160]))
            continue
        p = _PORT_WORD.search(line)
        if p:
            out.append(Listen(None, int(p.group(1)), line.strip()[:160]))
    return out
