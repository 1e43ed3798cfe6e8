"""`spacemedic contract` and `spacemedic lint` on the example Spaces of the runtime contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spacemedic.cli import main
from spacemedic.engine import lint_path
from tests.conftest import EXAMPLES

# Codes owned by the runtime-contract rules; other areas' codes are checked elsewhere.
OWN = ("SM30", "SM45", "SM65")

EXPECTED: dict[str, dict[str, object]] = {
    "docker-fastapi-loopback": {
        "codes": {"SM301": "error"},
        "listen": ("uvicorn", "127.0.0.1", 7860),
        "routed": 7860,
    },
    "docker-streamlit-no-app-port": {
        "codes": {"SM302": "error", "SM450": "info"},
        "listen": ("streamlit", "0.0.0.0", 8501),
        "routed": 7860,
    },
    "docker-env-port": {
        "codes": {},
        "listen": ("uvicorn", "0.0.0.0", 7860),
        "routed": 7860,
    },
    "docker-start-script": {
        "codes": {},
        "listen": ("nginx", "0.0.0.0", 7860),
        "routed": 7860,
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_lint_codes_per_example(name: str) -> None:
    report = lint_path(EXAMPLES / name)
    own = {f.code: f.severity.value for f in report.findings if f.code.startswith(OWN)}
    assert own == EXPECTED[name]["codes"], [(f.code, f.message) for f in report.findings]
    if not EXPECTED[name]["codes"]:
        assert not [f for f in report.findings if f.severity.value == "error"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_contract_json_per_example(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["contract", str(EXAMPLES / name), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    server, host, port = EXPECTED[name]["listen"]  # type: ignore[misc]
    assert data["schema"] == "spacemedic.contract/1"
    assert data["sdk"]["value"] == "docker"
    assert data["routed_port"]["value"] == EXPECTED[name]["routed"]
    assert data["main_listener"]["server"] == server
    assert data["listen_host"]["value"] == host
    assert data["listen_port"]["value"] == port
    assert data["listen_port"]["source"], "every value carries its source"
    assert data["entry_files"], "the entry files are listed for the start-up download rules"


def test_contract_human_names_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["contract", str(EXAMPLES / "docker-env-port")]) == 0
    out = capsys.readouterr().out
    assert "routed port    7860 (README app_port default)" in out
    assert "ENV PORT (Dockerfile line 5)" in out
    assert "uid 1000" in out


def test_contract_start_script_chain(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["contract", str(EXAMPLES / "docker-start-script"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    servers = {(l["server"], l["host"]["value"], l["port"]["value"], l["background"]) for l in data["listeners"]}
    assert ("gunicorn", "127.0.0.1", 8000, True) in servers
    assert data["main_listener"]["via"][-2:] == ["entrypoint.sh line 13", "nginx.conf line 5"]


def test_contract_on_missing_path_exits_2(tmp_path: Path) -> None:
    assert main(["contract", str(tmp_path / "nope")]) == 2


def test_lint_exit_code_on_broken_example() -> None:
    assert main(["lint", str(EXAMPLES / "docker-fastapi-loopback"), "--format", "json", "-o", "/dev/null"]) == 1
