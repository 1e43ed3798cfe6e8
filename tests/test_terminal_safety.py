"""Nothing from outside drives the terminal (issue 16, item 2): file names, Dockerfile lines, case
and bundle fields, live runtime fields and the history database all reach the screen through one
sanitiser. Control characters become visible escapes in human and markdown output, C1 controls are
escaped in JSON, newlines in names cannot forge lines, rich markup and emoji codes stay text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from spacemedic.cli import main
from spacemedic.sanitize import markup, one_line, terminal, visible
from spacemedic.testing import FakeHub, load_scenario
from tests.conftest import write_tree
from tests.hubkit import FAST, TOKEN, run_cli

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x1b[H\x9b31m\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\ :x: [bold]loud[/bold]\u202e"
FORGED = "  1:     error   SM999 forged finding"
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]")
HOSTILE_TOKENS = ("AKIAZQ3HSTILE7TOKEN5", "hf_HostileAnsiTokenAbCdEfGhIjKlMnOpQr34", "HostilePemLineOne",
                  "HostilePemLineTwo", "hf_HostilePctTokenAbCdEfGhIjKlMnOp12", "ghp_HostileGhpTokenAbCdEfGhIjKlMnOpQrSt56",
                  "sk-proj-HostileOpenAiKeyAbCdEfGhIjKlMnOpQrStUv", "HostileUrlPassw0rd")


def assert_inert(text: str, where: str = "") -> None:
    """No control character at all (newline and tab aside), no emoji made of `:x:`."""
    found = RAW.search(text)
    assert found is None, (where, repr(text[max(0, found.start() - 40) : found.end() + 40]))
    assert "\u274c" not in text, where


def test_sanitiser_shows_controls_and_keeps_json_valid() -> None:
    assert visible("a\x1b[31mb\x07\tc\nd") == "a\\x1b[31mb\\x07\tc\nd"
    assert visible("\x9b2J\u202e") == "\\u009b2J\\u202e"
    assert one_line("name\nwith\ttab\r") == "name\\nwith\\ttab\\r"
    assert markup("[bold]x[/bold]\x1b") == "\\[bold]x\\[/bold]\\x1b"
    doc = json.dumps({"m": "csi \x9b31m, rlo \u202e, sep \u2028"}, ensure_ascii=False)
    assert json.loads(terminal(doc))["m"] == "csi \x9b31m, rlo \u202e, sep \u2028"  # escaped, same value
    assert_inert(terminal(doc))
    coloured = "\x1b[1mown\x1b[0m \x1b]0;t\x07 \x1b[2J"
    assert terminal(coloured, keep_colour=True) == "\x1b[1mown\x1b[0m \\x1b]0;t\\x07 \\x1b[2J"


def _hostile_repo(root: Path) -> Path:
    name = f"notes{HOSTILE}\n{FORGED}.txt"
    return write_tree(root, {
        "README.md": f"---\ntitle: Evil{HOSTILE}\nsdk: docker\napp_port: 7860\n---\n",
        "Dockerfile": f"FROM python:3.11-slim\nEXPOSE 8080{HOSTILE}\nCMD [\"python\", \"app.py\"]\n",
        "app.py": "print('hi')\n",
        name: "HF_TOKEN=hf_QmZx7RkPw2LtNv9YcBd4HsJf8GaTe3UqWo\n",
    })


@pytest.mark.parametrize("fmt", ["human", "markdown", "json", "sarif"])
def test_lint_output_carries_no_escape_sequence_from_names_or_lines(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _hostile_repo(tmp_path / "s")
    main(["lint", str(repo), "-f", fmt, "--no-color"])
    out = capsys.readouterr().out
    assert_inert(out, fmt)
    assert "notes" in out  # the file is reported, under its escaped name
    assert not any(line.startswith(FORGED) for line in out.splitlines())  # no forged line
    if fmt in ("json", "sarif"):
        json.loads(out)
    if fmt == "human":
        assert ":x:" in out and "[bold]loud[/bold]" in out  # outside markup stays text


def test_colour_output_keeps_only_its_own_colours(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    main(["lint", str(_hostile_repo(tmp_path / "s"))])
    out = capsys.readouterr().out
    assert "\x1b[" in out  # coloured
    assert_inert(re.sub(r"\x1b\[[0-9;]*m", "", out))  # ... and nothing but SGR colours


def _hostile_case(path: Path) -> Path:
    case = {"id": f"case{HOSTILE}", "runtime_stage": "RUNTIME_ERROR",
            "error_message": f"Exit code: 1. Reason: {HOSTILE} KeyError: 'OPENAI_API_KEY'",
            "run_log_excerpt": f"{HOSTILE}\nKeyError: 'OPENAI_API_KEY'",
            "config": f"sdk: gradio\ntitle: {HOSTILE}"}
    path.write_text(json.dumps(case), encoding="utf-8")
    return path


@pytest.mark.parametrize(("command", "fmt"), [("diagnose", "human"), ("diagnose", "markdown"), ("diagnose", "json"),
                                              ("diagnose", "jsonl"), ("report", "markdown"), ("report", "text"),
                                              ("report", "json")])
def test_case_fields_reach_the_terminal_inert(command: str, fmt: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    case = _hostile_case(tmp_path / "case.json")
    assert main([command, "--from", str(case), "-f", fmt]) == 0
    captured = capsys.readouterr()
    assert_inert(captured.out + captured.err, f"{command} {fmt}")
    assert "OPENAI_API_KEY" in captured.out


def test_error_lines_are_inert(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["lint", f"/nonexistent/{HOSTILE}"], ["diagnose", "--from", f"/nonexistent/{HOSTILE}"],
                 ["explain", HOSTILE], ["lint", ".", "--config", f"/nonexistent/{HOSTILE}.toml"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert_inert(err, str(argv))
        assert len(err.strip().splitlines()) == 1


def test_live_fields_logs_and_history_reach_every_output_inert(tmp_path: Path) -> None:
    """The fake Hub's hostile scenario: coloured logs with tokens, a prefixed key, escapes in
    runtime fields; through diagnose, collect, report (with its zip), watch and history."""
    home = tmp_path / "home"
    db = str(tmp_path / "h.db")
    out = tmp_path / "out"
    out.mkdir()
    with FakeHub(load_scenario("fault_hostile_text")) as hub:
        live = [hub.space, "--status-url", hub.status_url, *FAST]
        runs = [run_cli(["diagnose", *live, "-f", fmt], hub.url, home) for fmt in ("human", "markdown", "json")]
        runs.append(run_cli(["collect", *live, "-o", str(out / "b.json")], hub.url, home))
        runs.append(run_cli(["report", *live, "-f", "text", "--bundle", str(out / "r.zip")], hub.url, home))
        runs.append(run_cli(["watch", hub.space, "--interval", "1s", "--timeout", "3s", "--until", "settled",
                             "--db", db], hub.url, home))
        runs.append(run_cli(["fleet", "--author", "zed", "--db", db], hub.url, home))
    runs.append(run_cli(["history", hub.space, "--db", db, "--html", str(out / "h.html")], "http://127.0.0.1:9", home))
    runs.append(run_cli(["diagnose", "--from", str(out / "b.json"), "-f", "human"], "http://127.0.0.1:9", home))
    for run in runs:
        assert "Traceback" not in run.stderr
        assert_inert(run.stdout + run.stderr)
        assert not any(line.startswith("zed/forged") for line in run.stdout.splitlines())  # no forged row
    import zipfile

    files = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir() if p.suffix != ".zip"}
    with zipfile.ZipFile(out / "r.zip") as zf:
        files.update({n: zf.read(n).decode() for n in zf.namelist()})
    everything = "\n".join([*files.values(), *(r.stdout + r.stderr for r in runs)])
    for name, text in files.items():
        assert_inert(text, name)
    for token in (*HOSTILE_TOKENS, TOKEN):
        assert token not in everything, token
    assert "[REDACTED:private-key]" in everything and "[REDACTED:aws-access-key]" in everything
    assert "OPENAI_API_KEY" in everything  # the name of the missing secret survives


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

OUTSIDE = st.text(alphabet=st.sampled_from(list("ab[]:x \n\t\r\\\"{}") + ["\x1b", "\x07", "\x9b", "\x00", "\u202e",
                                                                            "\u2028", "\ud800", "é"]), max_size=80)


@settings(max_examples=300)
@given(text=OUTSIDE, colour=st.booleans())
def test_no_control_character_survives_the_sanitiser(text: str, colour: bool) -> None:
    shown = terminal(text, keep_colour=colour)
    assert_inert(re.sub(r"\x1b\[[0-9;]{0,32}m", "", shown) if colour else shown)
    assert "\n" not in one_line(text) and "\t" not in one_line(text)
    doc = json.dumps({"v": text}, ensure_ascii=False)
    assert json.loads(terminal(doc))["v"] == text  # JSON stays valid and says the same
