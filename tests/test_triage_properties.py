"""Property tests: the case loader, the classifier and the small parsers never raise a
traceback on arbitrary input; they return a value or a clear error."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spacemedic.errors import UsageError
from spacemedic.models import Diagnosis, DirectUrl, LogState, Observations, Outcome, Signals
from spacemedic.triage import diagnose
from spacemedic.triage.cases import CaseError, case_to_signals, parse_cases
from spacemedic.triage.facts import listening
from spacemedic.triage.target import parse_target
from spacemedic.triage.tried import parse_duration_minutes, user_overlay

json_values: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.just(10**400) | st.floats(allow_nan=True) | st.text(max_size=60),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=20,
)
KEYS = ("id", "runtime_stage", "error_message", "build_log_excerpt", "run_log_excerpt", "config", "observations")
OBS_KEYS = ("hub_page_state", "stage_duration_minutes", "build_logs", "run_logs", "restart", "factory_rebuild",
            "new_commit_triggers_build", "other_spaces_affected", "other_users_affected", "status_page_incident",
            "direct_url", "restart_error_text", "works_locally", "hardware", "sdk")
case_like = st.fixed_dictionaries(
    {},
    optional={**{k: json_values for k in KEYS},
              "observations": st.fixed_dictionaries({}, optional={k: json_values for k in OBS_KEYS}) | json_values},
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text(max_size=400))
def test_parse_cases_never_raises_on_text(text: str) -> None:
    for jsonl in (None, True, False):
        for item in parse_cases(text, jsonl=jsonl):
            assert isinstance(item, (Signals, CaseError))


@FAST
@given(json_values)
def test_parse_cases_never_raises_on_any_json(value: Any) -> None:
    text = json.dumps(value)
    for item in parse_cases(text) + parse_cases(text + "\n" + text, jsonl=True):
        assert isinstance(item, (Signals, CaseError))


@FAST
@given(case_like)
def test_any_case_object_loads_and_diagnoses(case: dict[str, Any]) -> None:
    d = diagnose(case_to_signals(case))
    assert isinstance(d, Diagnosis) and (bool(d.hypotheses) is d.sufficient)
    if d.hypotheses:
        assert abs(sum(h.likelihood for h in d.hypotheses) - 1.0) < 1e-6
    json.dumps(d.to_dict())


texts = st.none() | st.text(max_size=300) | st.sampled_from([
    "Launch timed out, workload was not healthy after 30 min", "Uvicorn running on http://0.0.0.0:8000",
    "Running on local URL:  http://127.0.0.1:7860", "KeyError: 'HF_TOKEN'", "===== Build Queued at x =====",
    "Flagged as abusive", "exit code: 137", "x" * 5000 + "\nModuleNotFoundError: No module named 'a'",
])


@FAST
@given(stage=texts, err=texts, build=texts, run=texts, config=texts, page=texts, minutes=st.none() | st.floats(),
       restart=st.none() | st.sampled_from(list(Outcome)), logs=st.none() | st.sampled_from(list(LogState)),
       url=st.none() | st.sampled_from(list(DirectUrl)), flag=st.none() | st.booleans(),
       abuse=st.none() | st.dictionaries(st.text(max_size=8), json_values, max_size=3))
def test_classifier_never_raises(stage: str | None, err: str | None, build: str | None, run: str | None,
                                 config: str | None, page: str | None, minutes: float | None, restart: Outcome | None,
                                 logs: LogState | None, url: DirectUrl | None, flag: bool | None,
                                 abuse: dict[str, Any] | None) -> None:
    obs = Observations(hub_page_state=page, stage_duration_minutes=minutes, build_logs=logs, run_logs=logs,
                       restart=restart, factory_rebuild=restart, new_commit_triggers_build=flag,
                       other_spaces_affected=flag, other_users_affected=flag, status_page_incident=flag,
                       direct_url=url, restart_error_text=err, works_locally=flag)
    d = diagnose(Signals(runtime_stage=stage, error_message=err, build_log=build, run_log=run, config=config,
                         observations=obs, abuse=abuse))
    assert bool(d.hypotheses) is d.sufficient  # nothing ranked only when nothing at all was known
    if d.hypotheses:
        assert d.hypotheses[0].likelihood >= d.hypotheses[-1].likelihood
    json.loads(json.dumps(d.to_dict(), allow_nan=False))


@FAST
@given(st.text(max_size=200))
def test_small_parsers_raise_only_clear_errors(text: str) -> None:
    try:
        parse_target(text)
    except UsageError as exc:
        assert "not a Space" in str(exc)
    try:
        assert parse_duration_minutes(text) >= 0
    except ValueError as exc:
        assert "duration" in str(exc)
    try:
        user_overlay(tried=[text], in_stage_since=text)
    except UsageError:
        pass
    for item in listening(text):
        assert 0 <= item.port <= 99999
