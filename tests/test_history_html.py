"""`spacemedic history`: text, JSON, and the HTML chart checked in a real headless browser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from spacemedic.cli import main
from spacemedic.history.store import HistoryStore
from spacemedic.render import history_html
from spacemedic.watch.timeline import Snapshot

T0 = 1772366400.0  # 2026-03-01T12:00:00Z


def _record(db: Path) -> None:
    with HistoryStore(db) as store:
        store.record("ada/demo", Snapshot("BUILDING", hardware="cpu-basic", sha="6e87f461c8e3e1265ba9b634fb1d160a70a4f78b"), T0)
        store.record("ada/demo", Snapshot("APP_STARTING", hardware="cpu-basic"), T0 + 300)
        store.record("ada/demo", Snapshot("RUNTIME_ERROR", error_message="Launch timed out, workload was not healthy after 30 min"), T0 + 2100)
        store.record("ada/demo", Snapshot("RUNTIME_ERROR", error_message="Launch timed out, workload was not healthy after 30 min"), T0 + 2400)


def test_history_human_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "h.db"
    _record(db)
    assert main(["history", "ada/demo", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "2026-03-01T12:05:00Z" in out and "APP_STARTING" in out and "30m00s" in out
    assert "Launch timed out" in out
    assert main(["history", "ada/demo", "--db", str(db), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "spacemedic.history/1"
    assert [e["stage"] for e in data["events"]] == ["BUILDING", "APP_STARTING", "RUNTIME_ERROR"]
    assert [s["minutes"] for s in data["segments"]] == [5.0, 30.0, 5.0]
    assert data["detections"][0]["kind"] == "failed"


def test_history_of_an_unwatched_space(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "ada/none", "--db", str(tmp_path / "h.db")]) == 0
    assert "nothing recorded yet" in capsys.readouterr().out


def test_html_is_self_contained(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    _record(db)
    with HistoryStore(db) as store:
        page = history_html.render("ada/demo", store.events("ada/demo"), T0 + 2400)
    assert '<svg id="stage-timeline"' in page and page.count('class="stage"') == 3
    # no external assets: nothing fetched from anywhere
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<script" not in page and "<link" not in page
    evil = history_html.render("<x>/\"y", [], T0)
    assert "<x>" not in evil


def test_html_chart_in_headless_chromium(tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium); .ci/run installs it")
    db, page = tmp_path / "h.db", tmp_path / "timeline.html"
    _record(db)
    assert main(["history", "ada/demo", "--db", str(db), "--html", str(page)]) == 0
    profile = tmp_path / "profile"
    proc = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}", "--dump-dom",
         page.resolve().as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    dom = proc.stdout
    assert proc.returncode == 0, proc.stderr[-2000:]
    # the browser parsed the page into a DOM holding the chart and one bar per stage segment
    assert re.search(r'<svg[^>]*id="stage-timeline"', dom)
    assert len(re.findall(r'<rect[^>]*class="stage"', dom)) == 3
    assert 'data-stage="RUNTIME_ERROR"' in dom
    assert '<table id="transitions">' in dom


def test_a_database_that_is_not_sqlite_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "h.db"
    bad.write_bytes(b"this is not a database" * 100)
    assert main(["history", "ada/demo", "--db", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "history database" in err and "Traceback" not in err


def test_history_without_a_space_lists_what_is_recorded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "h.db"
    assert main(["history", "--db", str(db)]) == 0
    assert "nothing recorded yet" in capsys.readouterr().out
    _record(db)
    assert main(["history", "--db", str(db), "-f", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)["spaces"]
    assert row == {"space": "ada/demo", "stage": "RUNTIME_ERROR", "since": "2026-03-01T12:35:00Z",
                   "last_seen": "2026-03-01T12:40:00Z"}
