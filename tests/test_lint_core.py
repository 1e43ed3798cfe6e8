"""Lint-core behaviour beyond the per-rule YAML cases: secrets never leak into any output,
bounded scans say what they skipped, and the .gitattributes reader follows git's rules."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from spacemedic.cli import main
from spacemedic.engine import lint_path
from spacemedic.redact import find_secrets
from spacemedic.space.gitattributes import (
    is_lfs_pointer,
    merge_gitattributes,
    parse_gitattributes,
    pointer_size,
)
from tests.conftest import write_tree

HF = "hf_Zk3PqW9xLmT2vR8nB5cY7dJ4hG6fA1sQeXuV"
OPENAI = "sk-proj-Q7hT2mLx9Rk4Wv8Nc3Jp6Yb1Zs5Df0Ga"
PASSWORD = "Vq8Lm2Tz9Kp4"
SECRETS = (HF, OPENAI, PASSWORD, HF[3:20])


def _leaky_space(root: Path) -> Path:
    return write_tree(
        root,
        {
            "README.md": "---\nsdk: gradio\n---\n",
            "app.py": f"TOKEN = '{HF}'\nclient = make(api_key=\"{OPENAI}\")\n",
            "db.py": f"URL = 'postgresql://app:{PASSWORD}@db.internal.net/app'\n",
        },
    )


@pytest.mark.parametrize("fmt", ["human", "json", "sarif", "markdown"])
def test_secret_values_never_reach_any_output(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _leaky_space(tmp_path / "s")
    assert main(["lint", str(root), "--format", fmt, "--fail-on", "warning"]) == 1
    out = capsys.readouterr()
    for secret in SECRETS:
        assert secret not in out.out and secret not in out.err
    assert "REDACTED" in out.out or fmt == "human" and "hardcoded-secret" in out.out


def test_report_values_hold_no_secret_before_any_redaction_layer(tmp_path: Path) -> None:
    report = lint_path(_leaky_space(tmp_path / "s"))
    dumped = json.dumps(report.to_dict())
    for secret in SECRETS:
        assert secret not in dumped
    kinds = sorted(
        f.evidence[0].split("[REDACTED:")[1].split("]")[0] for f in report.findings if f.code == "SM200"
    )
    assert kinds == ["hf-token", "openai-key", "url-credentials"]
    assert {(f.path, f.line) for f in report.findings if f.code == "SM200"} == {
        ("app.py", 1),
        ("app.py", 2),
        ("db.py", 1),
    }


def test_find_secrets_spans_cover_only_the_value() -> None:
    text = f"a = '{HF}' and x://u:{PASSWORD}@h"
    found = find_secrets(text)
    assert [(k, text[s:e]) for k, s, e in found] == [("hf-token", HF), ("url-credentials", PASSWORD)]
    assert find_secrets("sk-ant-api03-Lq8Vz3Tn6Rw1Yk4Hm9Pc2Jx7Bd5Fs0Ga")[0][0] == "anthropic-key"


def test_oversized_text_file_is_reported_unavailable(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "s", {"README.md": "---\nsdk: static\n---\n", "index.html": "<p>x</p>\n"})
    (root / "data.json").write_text("[" + "1," * 700_000 + "1]\n", encoding="utf-8")
    report = lint_path(root)
    sources = {u.source: u.reason for u in report.unavailable}
    assert "secret scan" in sources and "larger than" in sources["secret scan"]


def test_scan_budget_stops_and_says_so(tmp_path: Path) -> None:
    files: dict[str, str | bytes | int] = {"README.md": "---\nsdk: static\n---\n", "index.html": "<p>x</p>\n"}
    files.update({f"pages/p{i}.html": "<p>x</p>\n" for i in range(6_100)})
    report = lint_path(write_tree(tmp_path / "s", files))
    assert any(u.source == "secret scan" and "budget" in u.reason for u in report.unavailable)
    assert not [f for f in report.findings if f.severity.value == "error"]


def test_gitattributes_follow_git_matching() -> None:
    attrs = parse_gitattributes(
        "# comment\n*.bin filter=lfs diff=lfs merge=lfs -text\nmodels/** filter=lfs\n/top.dat filter=lfs\n"
        '**/ckpt/*.pt filter=lfs\n"with space.zip" filter=lfs\nbig.bin -filter\nweights/ filter=lfs\n'
    )
    assert attrs.is_lfs("deep/x.bin") and not attrs.is_lfs("big.bin")
    assert attrs.is_lfs("models/a/b/c.txt") and not attrs.is_lfs("other/models/a.txt")
    assert attrs.is_lfs("top.dat") and not attrs.is_lfs("sub/top.dat")
    assert attrs.is_lfs("a/b/ckpt/x.pt") and attrs.is_lfs("ckpt/x.pt")
    assert attrs.is_lfs("with space.zip")
    assert not attrs.is_lfs("weights/a.safetensors")  # git ignores directory patterns in .gitattributes
    nested = merge_gitattributes([("", "*.pt filter=lfs"), ("sub", "*.pt -filter")])
    assert nested.is_lfs("a.pt") and not nested.is_lfs("sub/deeper/a.pt")


def test_gitattributes_agree_with_git_check_attr(tmp_path: Path) -> None:
    text = "*.bin filter=lfs\nmodels/** filter=lfs\n/top.dat filter=lfs\n"
    text += "**/ckpt/*.pt filter=lfs\nx?.npy filter=lfs\n"
    paths = [
        "a.bin",
        "d/a.bin",
        "models/x/y.txt",
        "top.dat",
        "s/top.dat",
        "q/ckpt/m.pt",
        "xa.npy",
        "xab.npy",
        "m.pt",
    ]
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitattributes").write_text(text, encoding="utf-8")
    proc = subprocess.run(
        ["git", "-C", str(tmp_path), "check-attr", "filter", "--", *paths],
        capture_output=True,
        text=True,
        check=True,
    )
    truth = {line.split(": ")[0]: line.endswith(": lfs") for line in proc.stdout.splitlines()}
    ours = parse_gitattributes(text)
    assert {p: ours.is_lfs(p) for p in paths} == truth


def test_lfs_pointer_recognised() -> None:
    head = b"version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123456\n"
    assert is_lfs_pointer(head) and pointer_size(head) == 123456
    assert not is_lfs_pointer(b"\x00\x01") and pointer_size(b"size x") is None
