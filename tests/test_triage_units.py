"""Small pure parts of triage: targets, durations, the --tried overlay, facts from logs."""

from __future__ import annotations

import pytest

from spacemedic.errors import UsageError
from spacemedic.models import LogState, Observations, Outcome, Signals
from spacemedic.triage.facts import derive
from spacemedic.triage.target import Target, parse_target
from spacemedic.triage.tried import apply_overlay, parse_duration_minutes, user_overlay


@pytest.mark.parametrize("text,expected", [
    ("owner/space", Target(repo_id="owner/space")),
    ("https://huggingface.co/spaces/Owner/My_Space", Target(repo_id="Owner/My_Space")),
    ("huggingface.co/spaces/o/s/tree/main", Target(repo_id="o/s")),
    ("https://owner-space.hf.space", Target(subdomain="owner-space")),
    ("https://Owner-Space.hf.space/api/predict", Target(subdomain="owner-space")),
    ("victor-static-space.static.hf.space", Target(subdomain="victor-static-space")),
])
def test_parse_target(text: str, expected: Target) -> None:
    assert parse_target(text) == expected


@pytest.mark.parametrize("text", ["", "owner", "a/b/c", "https://example.com/spaces/a/b", "../etc/passwd"])
def test_parse_target_rejects(text: str) -> None:
    with pytest.raises(UsageError):
        parse_target(text)


@pytest.mark.parametrize("text,minutes", [("90m", 90), ("12h", 720), ("2d", 2880), ("45", 45), ("30s", 0.5), ("1.5h", 90)])
def test_durations(text: str, minutes: float) -> None:
    assert parse_duration_minutes(text) == pytest.approx(minutes)


def test_overlay_wins_over_collected() -> None:
    changes = user_overlay(tried=["restart=no-effect", "factory-rebuild=failed", "new-commit=build"],
                           in_stage_since="3h", works_locally="yes")
    obs = apply_overlay(Observations(restart=Outcome.SUCCEEDED, sdk="docker"), changes)
    assert obs.restart is Outcome.NO_EFFECT and obs.factory_rebuild is Outcome.FAILED
    assert obs.new_commit_triggers_build is True and obs.stage_duration_minutes == 180
    assert obs.works_locally is True and obs.sdk == "docker"
    with pytest.raises(UsageError):
        user_overlay(tried=["reboot=failed"])


def test_facts_from_texts() -> None:
    f = derive(Signals(build_log="===== Build Queued at 2025-04-03 01:39:30 / Commit SHA: 59f0ef5 =====\n\n",
                       run_log="Container logs:\n\nFailed to retrieve error logs: SSE is not enabled",
                       observations=Observations(hub_page_state="Build Queued")))
    assert f.stage == "BUILDING" and f.build_logs is LogState.QUEUED_ONLY and f.run_logs is LogState.EMPTY


def test_ports_and_timeout_from_config_and_logs() -> None:
    f = derive(Signals(runtime_stage="APP_STARTING", config="sdk: docker\napp_port: 8501\nstartup_duration_timeout: 1h",
                       run_log="  Local URL: http://localhost:8501\n  Network URL: http://10.0.0.5:8501\n"
                               "2024-09-11T23:33:10 started",
                       observations=Observations(stage_duration_minutes=90)))
    assert f.expected_ports == {8501} and f.timeout_minutes == 60 and f.past_timeout
    assert f.listens_right and not f.only_loopback and not f.listens_wrong_port


def test_loopback_only_and_flask_all_addresses() -> None:
    assert derive(Signals(run_log="Running on local URL:  http://127.0.0.1:7860")).only_loopback
    flask = " * Running on all addresses (0.0.0.0)\n * Running on http://127.0.0.1:7860\n * Running on http://10.1.2.3:7860"
    assert not derive(Signals(run_log=flask)).only_loopback


def test_preparing_page_wins_over_running_stage() -> None:
    assert derive(Signals(runtime_stage="RUNNING", observations=Observations(hub_page_state="Preparing Space"))).stage == "PREPARING"
