"""THE seeded-secret test: secrets of every kind are served by the fake Hub (runtime payload, error
message, abuse reason, logs, README card, commit titles, other Spaces) and sit in a local repo
(README, Dockerfile, app code, .env); every command in cli.COMMANDS runs in every format; no seeded
value may appear in stdout, stderr or any file written (zip members included).

New commands are covered automatically: a command without an entry in ARGS fails the test.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Callable

import pytest

from spacemedic.cli import COMMANDS, main
from spacemedic.testing import FakeHub, scenario_from_dict
from tests.conftest import write_tree
from tests.secret_seeds import SEEDS, seeded_text

S = SEEDS
SECRET_LINES = seeded_text().splitlines()


def _scenario() -> dict[str, object]:
    return {
        "space": "leaky/space",
        "stage_minutes": 90,
        "info": {"sdk": "docker", "cardData": {"title": "Leaky", "sdk": "docker", "app_port": 7860,
                                               "description": f"uses {S['openai-key']} and HF_TOKEN={S['hf-token']}"}},
        "runtime": {
            "stage": "PAUSED", "errorMessage": f"Flagged as abusive; Authorization: Bearer {S['bearer']}",
            "abuse": {"detector": "abuse-handler", "flaggedAt": "2026-07-06T08:20:17.644Z",
                      "reason": f"Blocked by abuse-handler by rule: cmdline match: 'ttyd --credential admin:{S['url-password']}' {S['github-token']}"},
            "hardware": {"current": None, "requested": "cpu-basic"}, "replicas": {"requested": 1},
            "domains": [{"domain": "leaky-space.hf.space", "stage": "READY"}],
        },
        "logs": {
            "build": {"lines": ["===== Build Queued at {since} / Commit SHA: 9042a53 =====", *[f"#5 {x}" for x in SECRET_LINES]]},
            "run": {"lines": ["===== Application Startup at {since} =====", *SECRET_LINES,
                              f"Traceback: KeyError: 'API_TOKEN' while calling https://x.io/?api_key={S['url-token']}"]},
        },
        "commits": [{"id": "9042a53d0f48e2825c8bd162daf72792464d6c7c", "title": f"add key {S['stripe-key']}", "date": "2026-07-06T08:00:00Z"}],
        "other_spaces": [{"id": "leaky/other", "runtime": {"stage": "RUNTIME_ERROR", "errorMessage": f"Exit code: 1. Reason: SECRET_KEY={S['env-secret']}"}}],
        "app": {"status": 503, "body": "Your space is in error, check its status on hf.co",
                "headers": {"x-request-id": "jgPQR9"}},
    }


def _repo(root: Path) -> Path:
    body = "\n".join(SECRET_LINES)
    return write_tree(root, {
        "README.md": f"---\ntitle: Leaky\nsdk: docker\napp_port: 7860\n---\n\nToken: {S['hf-token']}\n\n{body}\n",
        "Dockerfile": (f"FROM python:3.11-slim\nENV HF_TOKEN={S['hf-token']}\nENV OPENAI_API_KEY {S['openai-key']}\n"
                       f"ARG AWS_SECRET_ACCESS_KEY={S['aws-secret']}\nRUN pip install gradio\nEXPOSE 7860\n"
                       f"CMD [\"python\", \"app.py\", \"--token\", \"{S['github-token']}\"]\n"),
        "app.py": f"import os\nclient_key = '{S['anthropic-key']}'\n\"\"\"\n{body}\n\"\"\"\nprint('listening')\n",
        "requirements.txt": f"gradio\ngit+https://user:{S['url-password']}@github.com/o/r.git\n",
        ".env": body + "\n",
        "service-account.json": ('{"type": "service_account", "private_key_id": "' + S["gcp-key-id"] + '", "private_key": '
                                 '"-----BEGIN PRIVATE KEY-----\\n' + S["pem-body"] + '\\n-----END PRIVATE KEY-----\\n"}\n'),
    })


def _case(path: Path) -> Path:
    import json

    case = {"id": "leaky-case", "runtime_stage": "RUNTIME_ERROR",
            "error_message": f"Exit code: 1. Reason: openai.AuthenticationError: {S['openai-key']} HF_TOKEN={S['hf-token']}",
            "build_log_excerpt": "\n".join(SECRET_LINES), "run_log_excerpt": f"Cookie: session={S['cookie']}",
            "config": f"sdk: gradio\nhf_token: {S['hf-token']}", "observations": {"restart_error_text": f"jwt {S['jwt']}"}}
    path.write_text(json.dumps(case) + "\n", encoding="utf-8")
    return path


# Argument templates per command. {hub} {status} {repo} {case} {out} are filled in per run.
LIVE = ["--endpoint", "{hub}", "--status-url", "{status}", "--timeout", "4", "--log-seconds", "1"]
ARGS: dict[str, list[list[str]]] = {
    "lint": [["{repo}", "-f", f] for f in ("human", "json", "sarif", "markdown")]
    + [["{repo}", "-f", "json", "-o", "{out}/lint.json"], [f"/nonexistent/{S['hf-token']}"]],
    "rules": [["-f", "human"], ["-f", "json"]],
    "explain": [["{rule}"], [S["github-token"]]],
    "diagnose": [["leaky/space", *LIVE, "-f", f] for f in ("human", "json", "jsonl", "markdown")]
    + [["--from", "{case}", "-f", f, "--repo", "{repo}"] for f in ("human", "json", "jsonl", "markdown")]
    + [["--from", "{out}/bundle.json", "-f", "markdown", "-o", "{out}/diag.md"], [S["hf-token"]]],
    "collect": [["leaky/space", *LIVE], ["leaky/space", *LIVE, "-o", "{out}/bundle.json"]],
    "contract": [["{repo}", "-f", f] for f in ("human", "json")],
    "watch": [["leaky/space", "--endpoint", "{hub}", "--interval", "1s", "--timeout", "3s", "--until", "settled",
               "--db", "{out}/history.db", "-f", f] for f in ("human", "json")],
    "history": [["leaky/space", "--db", "{out}/history.db", "-f", f] for f in ("human", "json")]
    + [["leaky/space", "--db", "{out}/history.db", "--html", "{out}/history.html"]],
    "fleet": [["--author", "leaky", "--endpoint", "{hub}", "--db", "{out}/history.db", "-f", f] for f in ("human", "json")],
    "fix": [["leaky/space", *LIVE, "--yes", "--wait", "2s", "--interval", "0.5s", "--db", "{out}/history.db", "-f", f]
            for f in ("human", "json")] + [["leaky/space", *LIVE, "--dry-run", "--db", "{out}/history.db"]],
    "mcp": [["--help"]],
    "report": [["leaky/space", *LIVE, "-f", f, "--purpose", f"search UI, key {S['google-api-key']}"] for f in ("markdown", "text", "json")]
    + [["--from", "{out}/bundle.json", "-f", f, "--repo", "{repo}", "--bundle", "{out}/report-" + f + ".zip"] for f in ("markdown", "text", "json")]
    + [["--from", "{case}", "-f", "json", "-o", "{out}/report.json", "--bundle", "{out}/case.zip"], [f"not/a/space/{S['slack-token']}"]],
}


def _order(name: str) -> int:
    # Later commands read what earlier ones wrote: the bundle of `collect -o`, the history of `watch`.
    return {"collect": 0, "watch": 1, "fleet": 1}.get(name, 2)


def _texts_in(out: Path) -> Callable[[], list[tuple[str, str]]]:
    def read() -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for p in sorted(out.rglob("*")):
            if not p.is_file():
                continue
            data = p.read_bytes()
            found.append((str(p), data.decode("utf-8", "replace")))
            if p.suffix == ".zip":
                with zipfile.ZipFile(io.BytesIO(data)) as zf:
                    found += [(f"{p}!{n}", zf.read(n).decode("utf-8", "replace")) for n in zf.namelist()]
        return found

    return read


def test_every_command_has_argument_templates() -> None:
    names = {c.name for c in COMMANDS}
    missing = names - set(ARGS)
    assert not missing, f"add argument templates for {sorted(missing)} to ARGS in {__file__}"


def test_no_seeded_secret_leaves_the_machine(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from spacemedic.rules.registry import ALL_RULES

    repo = _repo(tmp_path / "repo")
    case = _case(tmp_path / "case.json")
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setenv("HF_TOKEN", S["hf-token"])
    transcripts: list[tuple[str, str]] = []
    runs = 0
    with FakeHub(scenario_from_dict("leaky", _scenario())) as hub:
        fill = {"hub": hub.url, "status": hub.status_url, "repo": str(repo), "case": str(case), "out": str(out),
                "rule": ALL_RULES[0].code}
        for command in sorted(COMMANDS, key=lambda c: _order(str(c.name))):
            for template in ARGS[str(command.name)]:
                argv = [str(command.name), *(a.format(**fill) for a in template)]
                code = main(argv)
                captured = capsys.readouterr()
                assert code in (0, 1, 2, 3), (argv, code, captured.err)
                transcripts += [(f"{argv} stdout", captured.out), (f"{argv} stderr", captured.err)]
                runs += 1
    transcripts += _texts_in(out)()
    assert (out / "bundle.json").is_file() and (out / "report-markdown.zip").is_file()
    assert runs >= 30
    leaks = [(where, name) for where, text in transcripts for name, value in SEEDS.items() if value in text]
    assert not leaks, leaks
    # The outputs did carry the evidence, with the secrets replaced.
    everything = "\n".join(text for _, text in transcripts)
    for kind in ("hf-token", "github-token", "private-key", "authorization", "url-credentials", "secret-assignment"):
        assert f"[REDACTED:{kind}]" in everything, kind
    assert "abuse-handler" in everything and "leaky/space" in everything
