"""One voice across commands: help on a bare call, ecosystem output formats, plurals, order,
indentation kept, the public API visible."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from spacemedic.cli import main
from tests.conftest import ROOT


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_bare_spacemedic_prints_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys)
    assert code == 0 and err == ""
    assert out.startswith("Usage: spacemedic") and "Commands:" in out and out.count("\n") > 10


def test_version_fast_path_does_not_import_click_or_commands() -> None:
    probe = "import sys; from spacemedic.cli import main; main(['--version']); print(sorted(m for m in sys.modules if m in ('click', 'rich', 'spacemedic.cli.lint_cmd')))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["spacemedic 0.1.0", "[]"]


def test_concise_format_is_one_clickable_line_per_finding(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = _run(capsys, "lint", "examples/docker-fastapi-broken", "--format", "concise")
    assert code == 1
    *findings, summary = out.splitlines()
    assert findings and all(re.match(r"examples/docker-fastapi-broken/\S+:\d+:\d+: SM\d{3} \[(error|warning|info)\] ", f) for f in findings)
    assert "examples/docker-fastapi-broken/Dockerfile:17:1: SM300 [error] " in out
    assert summary == "4 errors, 4 warnings, 0 info in 5 files"


def test_github_format_is_workflow_annotations(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _, out, _ = _run(capsys, "lint", "examples/docker-fastapi-broken", "--format", "github")
    lines = out.splitlines()
    assert all(re.match(r"::(error|warning|notice) file=[^,]+,line=\d+,title=SM\d{3} \([a-z0-9-]+\)::", line) for line in lines)
    assert any(line.startswith("::error file=examples/docker-fastapi-broken/Dockerfile,line=17,title=SM300") for line in lines)
    assert "%0Afix: " in out and "\n\n" not in out


def test_quiet_prints_only_findings_and_nothing_when_clean(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert _run(capsys, "lint", "-q", "examples/gradio-healthy") == (0, "", "")
    code, out, _ = _run(capsys, "lint", "--quiet", "examples/docker-fastapi-broken")
    assert code == 1 and len(out.splitlines()) == 8 and "errors" not in out


def test_counts_are_written_in_words(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _, out, _ = _run(capsys, "lint", "examples/docker-apt-obsolete")
    assert out.splitlines()[-1].startswith("spacemedic: 1 error, 0 warnings, 0 info in ")
    assert "(s)" not in out


def test_rules_in_code_order_with_columns_that_fit(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "rules")
    rows = out.splitlines()
    codes = [row.split()[0] for row in rows]
    assert codes == sorted(codes)
    assert all(re.match(r"SM\d{3}  \S+ +\S+ {2,}(error|warning|info) +\S", row) for row in rows), rows
    suppression = [row for row in rows if row.startswith(("SM900", "SM901"))]
    assert len(suppression) == 2 and all(row.split()[2] == "suppression" for row in suppression)


def test_multi_line_fix_keeps_its_indentation(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _, out, _ = _run(capsys, "lint", "examples/gradio-startup-download", "--no-color")
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if "fix: Add to README.md front matter:" in line)
    column = lines[at].index("Add")
    assert lines[at + 1] == " " * column + "preload_from_hub:"
    assert lines[at + 2].startswith(" " * column + "  - ")


def test_dir_shows_the_public_api() -> None:
    import spacemedic

    public = [name for name in dir(spacemedic) if not name.startswith("_")]
    assert {"lint", "diagnose", "collect", "Report", "Finding", "Severity"} <= set(public)
    assert set(public) == set(spacemedic.__all__) - {"__version__"}


def test_fake_hub_try_line_works_as_printed(tmp_path: Path) -> None:
    import os
    import shlex

    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGINGFACE_"))}
    env.update({"HF_HOME": str(tmp_path), "NO_COLOR": "1", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"})
    server = subprocess.Popen([sys.executable, "-m", "spacemedic.testing", "out_of_memory"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        command = line.split("try: ", 1)[1].strip()
        assignments = [w for w in shlex.split(command) if "=" in w and w.split("=")[0].isupper()]
        argv = shlex.split(command)[len(assignments):]
        run_env = {**env, **dict(w.split("=", 1) for w in assignments)}
        proc = subprocess.run(argv, capture_output=True, text=True, env=run_env, timeout=120)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert proc.returncode == 0, proc.stderr
    assert "1. out of memory" in proc.stdout
    unchecked = proc.stdout.split("Could not be checked", 1)[1] if "Could not be checked" in proc.stdout else ""
    assert "logs" not in unchecked  # the printed line carries the token the logs need


def _options() -> dict[str, dict[str, object]]:
    import click

    from spacemedic.cli import COMMANDS

    return {
        str(c.name): {max(p.opts, key=len): p for p in c.params if isinstance(p, click.Option) and not p.hidden}
        for c in COMMANDS
    }


def test_every_option_has_help_and_shared_options_one_wording() -> None:
    options = _options()
    missing = [(cmd, name) for cmd, opts in options.items() for name, p in opts.items() if not getattr(p, "help", None)]
    assert missing == []
    for shared in ("--token", "--endpoint", "--output", "--no-color", "--log-bytes", "--log-lines", "--log-seconds",
                   "--request-timeout", "--status-url"):
        helps = {cmd: getattr(opts[shared], "help") for cmd, opts in options.items() if shared in opts}
        assert len(set(helps.values())) == 1, (shared, helps)
    live = ("diagnose", "collect", "report")
    for cmd in live:
        assert {"--token", "--endpoint", "--output", "--request-timeout", "--log-lines", "--log-bytes"} <= set(options[cmd])
        assert "--timeout" not in options[cmd]  # per request is --request-timeout; watch --timeout is the whole watch
    assert {"--token", "--endpoint"} <= set(options["watch"]) & set(options["fleet"])
    assert {"--output"} <= set(options["contract"]) & set(options["fleet"]) & set(options["lint"])
    assert {"--no-color"} <= set(options["lint"]) & set(options["diagnose"])


def test_defaults_in_human_units_and_sizes_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    main(["collect", "--help"])
    out = capsys.readouterr().out
    assert "32 MiB" in out and "33554432" not in out and "[default: 10s]" in out
    main(["watch", "--help"])
    assert "Length of the whole watch" in capsys.readouterr().out
    assert main(["collect", "a/b", "--log-bytes", "lots"]) == 2
    assert "not a size like 32MiB" in capsys.readouterr().err


def test_contract_prints_each_listener_once(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["contract", "examples/docker-fastapi-broken"]) == 0
    out = capsys.readouterr().out
    assert out.count("uvicorn default host, not set by Dockerfile CMD line 17") == 1
    assert "listen host" not in out and out.count("uvicorn on 127.0.0.1:8000") == 1
