"""Next steps that know the facts (pure): no step already taken or already answered.

The playbook says what to do for a cause in general; this pass drops or rewrites each step
against what is known: what `--tried` says was done, what the live collectors already read (the
direct URL, the runtime, the status page), and the lint findings of `--repo`.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Callable

from spacemedic.models import Bucket, Diagnosis, Finding, Hypothesis, Outcome, Severity, Signals
from spacemedic.models import Category as C

# Lint categories that bear on each cause; findings in them are named instead of "run lint".
_RELEVANT: dict[Bucket, frozenset[C]] = {
    Bucket.CONFIG_ERROR_YAML: frozenset({C.FRONT_MATTER, C.IGNORED_FILE}),
    Bucket.DEPENDENCY_INSTALL_FAILURE: frozenset({C.REQUIREMENTS, C.FRONT_MATTER}),
    Bucket.APT_PACKAGE_FAILURE: frozenset({C.APT}),
    Bucket.DOCKERFILE_BUILD_FAILURE: frozenset({C.DOCKERFILE, C.IGNORED_FILE}),
    Bucket.PORT_OR_BIND_MISMATCH: frozenset({C.PORT, C.BIND, C.STREAMLIT_CONFIG}),
    Bucket.PERMISSION_OR_FILESYSTEM: frozenset({C.PERMISSIONS}),
    Bucket.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD: frozenset({C.STARTUP_DOWNLOAD}),
    Bucket.REPO_STORAGE_LIMIT: frozenset({C.REPO_SIZE}),
    Bucket.MODERATION_LOCK: frozenset({C.POLICY}),
    Bucket.MISSING_SECRET_OR_ENV: frozenset({C.SECRET}),
    Bucket.APP_CRASH_AT_STARTUP: frozenset({C.APP_CODE}),
}
_LINT_STEP = re.compile(r"run `spacemedic lint`", re.I)
_NO_OP_COMMIT = re.compile(r"no-op commit", re.I)
_FACTORY = re.compile(r"factory rebuild", re.I)
_PROBE = re.compile(r"^probe the direct", re.I)
_READ_RUNTIME = re.compile(r"^read the runtime api", re.I)
_STATUS_CHECK = re.compile(r"^check https://status\.huggingface\.co", re.I)
_RESTART = re.compile(r"^visit or restart the space", re.I)
_MAX_NAMED = 4


def advise(diagnosis: Diagnosis, signals: Signals) -> Diagnosis:
    """`diagnosis` with each hypothesis's next steps fitted to what is already known."""
    rewrite = _rules(signals)
    hypotheses = tuple(_fit(h, rewrite, signals) for h in diagnosis.hypotheses)
    return dataclasses.replace(diagnosis, hypotheses=hypotheses)


def _rules(signals: Signals) -> list[tuple[re.Pattern[str], Callable[[str, Hypothesis], str | None]]]:
    o = signals.observations
    rules: list[tuple[re.Pattern[str], Callable[[str, Hypothesis], str | None]]] = []
    if o.new_commit_triggers_build is False:
        rules.append((_NO_OP_COMMIT, lambda s, h: "A new commit already started no build: push no more commits; "
                      "they cannot help and blur the timeline."))
    elif o.new_commit_triggers_build is True:
        rules.append((_NO_OP_COMMIT, lambda s, h: None))
    if o.factory_rebuild not in (None, Outcome.NOT_TRIED):
        rules.append((_FACTORY, lambda s, h: None))
    if o.restart not in (None, Outcome.NOT_TRIED):
        rules.append((_RESTART, lambda s, h: "Visit the Space page or its URL (a restart was already tried)."))
    runtime_read = bool(signals.runtime_stage) and (
        bool(signals.error_message) or bool(signals.abuse) or any(s.source == "runtime" and s.state.seen for s in signals.sources))
    if o.direct_url is not None:
        said = "loads" if o.direct_url.value == "loads" else "returns an error"
        rules.append((_PROBE, lambda s, h: None if runtime_read else
                      f"The direct URL was already probed (it {said}); read the runtime API (stage, errorMessage)."))
    if runtime_read:
        rules.append((_READ_RUNTIME, lambda s, h: None))
    if o.status_page_incident is not None:
        seen = "shows an incident" if o.status_page_incident else "shows no incident"
        rules.append((_STATUS_CHECK, lambda s, h: f"The status page was read and {seen}; check the forum for other reports."))
    if signals.linted:
        rules.append((_LINT_STEP, lambda s, h: _lint_step(h.bucket, signals.lint)))
    return rules


def _fit(h: Hypothesis, rules: list[tuple[re.Pattern[str], Callable[[str, Hypothesis], str | None]]],
         signals: Signals) -> Hypothesis:
    steps: list[str] = []
    for step in h.next_steps:
        out: str | None = step
        for pattern, fn in rules:
            if out is not None and pattern.search(out):
                out = fn(out, h)
        if out is not None and out not in steps:
            steps.append(out)
    return dataclasses.replace(h, next_steps=tuple(steps))


def _lint_step(bucket: Bucket, findings: tuple[Finding, ...]) -> str | None:
    relevant = _RELEVANT.get(bucket, frozenset())
    named = [f for f in findings if f.severity is not Severity.INFO and f.category in relevant]
    if not named:
        return None  # the local lint found nothing that bears on this cause: the step says nothing
    shown = "; ".join(f"{f.code} {f.name}" + (f" ({f.path}" + (f":{f.line}" if f.line else "") + ")" if f.path else "")
                      for f in named[:_MAX_NAMED])
    more = f" and {len(named) - _MAX_NAMED} more" if len(named) > _MAX_NAMED else ""
    return f"Fix what the lint of your checkout found: {shown}{more}."
