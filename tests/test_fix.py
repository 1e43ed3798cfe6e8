"""`spacemedic fix` end to end: a real `spacemedic` process against the fake Hub over a real socket.
The fake's request log proves what was sent, in what order, and that nothing was sent unconfirmed."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from spacemedic.testing import FakeHub
from spacemedic.testing.scenario import SCENARIO_DIR, scenario_from_dict
from tests.hubkit import TOKEN, Run, run_cli

QUICK = ["--wait", "3s", "--interval", "0.3s", "--timeout", "4", "--log-seconds", "1"]


def _scenario(base: str, **extra: Any) -> Any:
    data = yaml.safe_load((SCENARIO_DIR / f"{base}.yaml").read_text(encoding="utf-8"))
    data.update(extra)
    return scenario_from_dict(base, data)


def _fix(hub: FakeHub, tmp: Path, *args: str, token: str | None = TOKEN) -> Run:
    return run_cli(["fix", hub.space, "--status-url", hub.status_url, "--db", str(tmp / "h.db"), *QUICK, *args],
                   hub.url, tmp, token=token)


def _sent(hub: FakeHub) -> list[str]:
    """The mutations as `route?query`, in order (whoami is a read, and so not listed)."""
    return [r.route + (f"?{r.query}" if r.query else "") for r in hub.mutations if r.route != "whoami"]


def _attempts(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return [(a, r) for a, r in conn.execute("SELECT action, result FROM attempts ORDER BY id")]


BUILDER = dict(actions={"restart": {"status": 503}, "factory": {"stages": [["BUILDING", 0]]}})


def test_builder_stuck_climbs_the_whole_ladder_then_drafts_the_report(tmp_path: Path) -> None:
    with FakeHub(_scenario("builder_or_scheduler_stuck", **BUILDER)) as hub:
        run = _fix(hub, tmp_path, "--yes")
        sent = _sent(hub)
        commits = [r for r in hub.mutations if r.route == "commit"]
    assert run.code == 1, run.stderr
    assert sent == ["restart", "restart?factory=true", "preupload", "commit"]
    assert len(commits) == 1, "one no-op commit per run, never more"
    assert _attempts(tmp_path / "h.db") == [("restart", "failed"), ("factory-rebuild", "no-effect"),
                                            ("no-op-commit", "no-effect")]
    assert "not-recovered" in run.stdout and "website@huggingface.co" in run.stdout
    assert "HTTP 503" in run.stdout and "Root=1-" in run.stdout  # the failed restart's request id, for support
    assert TOKEN not in run.stdout + run.stderr


def test_a_factory_rebuild_that_works_ends_the_ladder(tmp_path: Path) -> None:
    scenario = _scenario("builder_or_scheduler_stuck",
                         actions={"factory": {"stages": [["BUILDING", 0], ["APP_STARTING", 0.5], ["RUNNING", 1]]}})
    with FakeHub(scenario) as hub:
        run = _fix(hub, tmp_path, "--yes")
        sent = _sent(hub)
    assert run.code == 0, run.stdout + run.stderr
    assert sent == ["restart", "restart?factory=true"]
    assert "recovered: RUNNING" in run.stdout


def test_lifecycle_stuck_restarts_and_rebuilds_but_never_commits(tmp_path: Path) -> None:
    with FakeHub(_scenario("lifecycle_stuck_state")) as hub:
        run = _fix(hub, tmp_path, "--yes")
        sent = _sent(hub)
    assert run.code == 1, run.stdout + run.stderr
    assert sent == ["restart", "restart?factory=true"]
    assert "Commits or code changes" in run.stdout


@pytest.mark.parametrize("base, words", [
    ("platform_incident", "Wait and watch"),
    ("moderation_lock", "abuse or policy"),
])
def test_hf_side_causes_with_no_useful_action_change_nothing(tmp_path: Path, base: str, words: str) -> None:
    with FakeHub(_scenario(base)) as hub:
        run = _fix(hub, tmp_path, "--yes")
        sent = _sent(hub)
    assert sent == []
    assert run.code == 0, run.stdout + run.stderr
    assert words in run.stdout and "nothing-to-do" in run.stdout


def test_app_side_cause_restarts_only_after_the_owner_pushed_the_fix(tmp_path: Path) -> None:
    with FakeHub(_scenario("port_or_bind_mismatch")) as hub:
        blind = _fix(hub, tmp_path, "--yes")
        before = _sent(hub)
    assert before == [] and blind.code == 0
    assert "--fix-pushed" in blind.stdout
    scenario = _scenario("port_or_bind_mismatch", actions={"restart": {"stages": [["BUILDING", 0], ["RUNNING", 0.6]]}})
    with FakeHub(scenario) as hub:
        pushed = _fix(hub, tmp_path / "2", "--yes", "--fix-pushed")
        after = _sent(hub)
    assert after == ["restart"] and pushed.code == 0, pushed.stdout + pushed.stderr


def test_a_sleeping_space_is_woken_by_a_visit_only_when_asked(tmp_path: Path) -> None:
    # Any visit wakes it (the diagnosis's own probe too), a little later, as on the Hub.
    scenario = _scenario("normal_sleep_or_pause", actions={"wake": {"stages": [["RUNNING", 1.0]]}})
    with FakeHub(scenario) as hub:
        untouched = _fix(hub, tmp_path, "--yes")
        assert _sent(hub) == [] and untouched.code == 0
        assert "--wake" in untouched.stdout
    with FakeHub(scenario) as hub:
        woken = _fix(hub, tmp_path / "2", "--yes", "--wake", "--wait", "8s")
        visits = [r for r in hub.requests if r.route == "app"]
        sent = _sent(hub)
    assert sent == [], "a wake is a visit (GET), never a restart"
    assert woken.code == 0 and "recovered" in woken.stdout, woken.stdout + woken.stderr
    assert len(visits) >= 2  # the diagnosis probe, then the wake


def test_no_terminal_and_no_yes_prints_the_plan_and_changes_nothing(tmp_path: Path) -> None:
    with FakeHub(_scenario("builder_or_scheduler_stuck", **BUILDER)) as hub:
        run = _fix(hub, tmp_path)
        dry = _fix(hub, tmp_path, "--dry-run", "--yes")
        sent = _sent(hub)
    assert sent == []
    assert run.code == 3 and "Nothing was changed" in run.stdout and "1. restart" in run.stdout
    assert dry.code == 0 and "plan-only" in dry.stdout


def test_guard_rails_refuse_before_sending_anything(tmp_path: Path) -> None:
    cases = {
        "not the owner": _scenario("builder_or_scheduler_stuck", whoami={"name": "mallory"}, **BUILDER),
        "read-only token": _scenario("builder_or_scheduler_stuck", whoami={"role": "read"}, **BUILDER),
    }
    for name, scenario in cases.items():
        with FakeHub(scenario) as hub:
            run = _fix(hub, tmp_path / name.replace(" ", "-"), "--yes")
            sent = _sent(hub)
        assert sent == [], name
        assert run.code == 2, (name, run.stdout, run.stderr)
    with FakeHub(_scenario("builder_or_scheduler_stuck", **BUILDER)) as hub:
        anonymous = _fix(hub, tmp_path / "anon", "--yes", token=None)
        assert _sent(hub) == [] and anonymous.code == 2
        assert "hf auth login" in anonymous.stdout + anonymous.stderr


def test_a_static_space_is_never_restarted(tmp_path: Path) -> None:
    info = {"sdk": "static", "sha": "1" * 40, "cardData": {"title": "Site", "sdk": "static"}}
    with FakeHub(_scenario("builder_or_scheduler_stuck", info=info, **BUILDER)) as hub:
        run = _fix(hub, tmp_path, "--yes")
        sent = _sent(hub)
    assert "restart" not in sent
    assert "static Space" in run.stdout


def test_a_second_run_within_the_cool_down_is_refused_unless_forced(tmp_path: Path) -> None:
    with FakeHub(_scenario("lifecycle_stuck_state")) as hub:
        first = _fix(hub, tmp_path, "--yes", "--max-steps", "1")
        assert _sent(hub) == ["restart"] and first.code == 1
        second = _fix(hub, tmp_path, "--yes")
        assert _sent(hub) == ["restart"] and second.code == 2
        assert "min ago" in second.stdout
        forced = _fix(hub, tmp_path, "--yes", "--force")
        sent = _sent(hub)
    # The restart already taken is not repeated: the forced run goes on with the next rung.
    assert sent == ["restart", "restart?factory=true"], forced.stdout + forced.stderr


def test_json_output_carries_plan_attempts_and_ending(tmp_path: Path) -> None:
    with FakeHub(_scenario("builder_or_scheduler_stuck", **BUILDER)) as hub:
        run = _fix(hub, tmp_path, "--yes", "-f", "json", "--max-steps", "2")
    data = json.loads(run.stdout)
    assert data["schema"] == "spacemedic.fix/1" and data["ending"] == "not-recovered"
    assert [a["action"] for a in data["attempts"]] == ["restart", "factory-rebuild"]
    assert data["attempts"][0]["http_status"] == 503 and data["attempts"][0]["request_id"].startswith("Root=1-")
    assert data["plan"]["bucket"] == "builder_or_scheduler_stuck" and data["report_markdown"]


def test_report_and_history_show_what_fix_did(tmp_path: Path) -> None:
    with FakeHub(_scenario("builder_or_scheduler_stuck", **BUILDER)) as hub:
        _fix(hub, tmp_path, "--yes", "--max-steps", "2")
        report = run_cli(["report", hub.space, "--status-url", hub.status_url, "--timeout", "4", "--log-seconds", "1",
                          "--db", str(tmp_path / "h.db")], hub.url, tmp_path)
    history = run_cli(["history", hub.space, "--db", str(tmp_path / "h.db"), "--html", str(tmp_path / "h.html")],
                      hub.url, tmp_path)
    assert report.code == 0, report.stderr
    assert "restart at " in report.stdout and "(by spacemedic fix): failed, HTTP 503" in report.stdout
    assert "factory-rebuild at " in report.stdout
    assert "actions taken by spacemedic fix" in history.stdout
    html = (tmp_path / "h.html").read_text(encoding="utf-8")
    assert 'class="action" data-action="restart"' in html and 'id="attempts"' in html


def test_ctrl_c_while_watching_records_the_attempt_and_exits_130(tmp_path: Path) -> None:
    with FakeHub(_scenario("lifecycle_stuck_state")) as hub:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGINGFACE_"))}
        env.update({"HF_ENDPOINT": hub.url, "HF_HOME": str(tmp_path), "HF_TOKEN": TOKEN, "NO_COLOR": "1"})
        proc = subprocess.Popen(
            [sys.executable, "-m", "spacemedic", "fix", hub.space, "--status-url", hub.status_url, "--db",
             str(tmp_path / "h.db"), "--yes", "--wait", "60s", "--interval", "0.3s", "--timeout", "4",
             "--log-seconds", "1"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(r.route == "restart" for r in hub.mutations):
            time.sleep(0.1)
        time.sleep(1.0)  # watching now
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        sent = _sent(hub)
    assert proc.returncode == 130, err
    assert sent == ["restart"], "nothing more is sent after Ctrl-C"
    assert _attempts(tmp_path / "h.db") == [("restart", "interrupted")]
    assert "Traceback" not in err


def test_each_action_is_asked_for_on_a_terminal(tmp_path: Path) -> None:
    with FakeHub(_scenario("builder_or_scheduler_stuck", **BUILDER)) as hub:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGINGFACE_"))}
        env.update({"HF_ENDPOINT": hub.url, "HF_HOME": str(tmp_path), "HF_TOKEN": TOKEN, "NO_COLOR": "1"})
        master, slave = pty.openpty()
        proc = subprocess.Popen(
            [sys.executable, "-m", "spacemedic", "fix", hub.space, "--status-url", hub.status_url, "--db",
             str(tmp_path / "h.db"), *QUICK], env=env, stdin=slave, stdout=slave, stderr=slave, close_fds=True)
        os.close(slave)
        seen, answers = b"", [b"y\n", b"n\n"]
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
            if answers and seen.count(b"Go ahead?") > 2 - len(answers):
                os.write(master, answers.pop(0))
        proc.wait(timeout=30)
        os.close(master)
        sent = _sent(hub)
    text = seen.decode("utf-8", "replace")
    assert text.count("Go ahead?") == 2, text
    assert sent == ["restart"], "the declined factory rebuild was never sent"
    assert _attempts(tmp_path / "h.db") == [("restart", "failed"), ("factory-rebuild", "declined")]
    assert proc.returncode == 1
