"""Strictness on the command line: a typo is an error (exit 2, one line, the closest name),
suppressions live only in real comments, and a rule reads only the files it documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spacemedic.cli import main
from tests.conftest import write_tree

GRADIO = "---\ntitle: t\nsdk: gradio\n---\n"


def _space(tmp_path: Path, **files: str) -> Path:
    return write_tree(tmp_path / "space", {"README.md": GRADIO, **files})


def _lint_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(["lint", *args, "--format", "json", "--fail-on", "never"])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("option", "value", "hint"),
    [
        ("--select", "SM30O", "did you mean 'SM300'?"),
        ("--select", "BOGUS", "`spacemedic rules` lists"),
        ("--ignore", "prot", "did you mean 'port'?"),
        ("--select", "app-port-mismach", "did you mean 'app-port-mismatch'?"),
        ("--fail-on", "warnin", "did you mean 'warning'?"),
    ],
)
def test_unknown_selector_or_choice_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, hint: str
) -> None:
    root = _space(tmp_path, **{"app.py": "import gradio\n"})
    assert main(["lint", str(root), option, value]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("spacemedic: error: ")
    assert value in err and hint in err


def test_valid_selectors_still_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _space(tmp_path, **{"app.py": "import gradio\n"})
    code, doc = _lint_json(capsys, str(root), "--select", "SM0,port,app-port-mismatch,all", "--ignore", "SM9")
    assert code == 0 and doc["schema"] == "spacemedic.lint/2"


def test_suppression_text_in_strings_docstrings_and_markdown_is_not_a_suppression(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _space(
        tmp_path,
        **{
            "README.md": GRADIO + "Write `# spacemedic: ignore[SM301] why` to silence.\n\n"
            "```python\nx = 1  # spacemedic: ignore[SM301] in a fence\n```\n",
            "app.py": '"""Docs: # spacemedic: ignore[SM301] the reason."""\n'
            "S = '# spacemedic: ignore[SM302] not a comment'\n"
            "T = f'{S} # spacemedic: ignore[SM302]'\n",
        },
    )
    _, doc = _lint_json(capsys, str(root))
    assert [f for f in doc["findings"] if f["code"] in ("SM900", "SM901")] == []


def test_real_python_comment_is_still_a_suppression(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _space(tmp_path, **{"app.py": "x = '#'  # spacemedic: ignore[SM301] the proxy rewrites it\n"})
    _, doc = _lint_json(capsys, str(root))
    unused = [f for f in doc["findings"] if f["code"] == "SM900"]
    assert len(unused) == 1 and "matches no finding" in unused[0]["message"]
    assert unused[0]["category"] == "suppression"


def test_suppression_of_an_unknown_code_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _space(tmp_path, **{"start.sh": "#!/bin/sh\necho hi  # spacemedic: ignore[SM3O1] typo in the code\n"})
    _, doc = _lint_json(capsys, str(root))
    (finding,) = [f for f in doc["findings"] if f["code"] == "SM900"]
    assert "SM3O1, which is not a spacemedic rule; did you mean SM301?" in finding["message"]
    assert "matches no finding" not in finding["message"]


def test_abuse_scan_does_not_read_json_or_yaml_data_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mention = "cloudflared tunnel --url http://localhost:7860"
    root = _space(
        tmp_path,
        **{
            "data/examples.json": json.dumps({"text": mention}),
            "data/prompts.yaml": f"- {mention}\n",
            "start.sh": f"#!/bin/sh\n{mention} &\n",
        },
    )
    _, doc = _lint_json(capsys, str(root), "--select", "SM250")
    assert sorted(f["path"] for f in doc["findings"]) == ["start.sh"]


@pytest.mark.parametrize(
    ("config", "hint"),
    [
        ('select = ["SM30O"]\n', "did you mean 'SM300'?"),
        ('selct = ["SM301"]\n', "did you mean 'select'?"),
        ('[severity]\nSM3O1 = "info"\n', "did you mean 'SM301'?"),
        ('[severity]\nSM301 = "warn"\n', "did you mean 'warning'?"),
    ],
)
def test_config_typos_are_one_line_exit_2_with_the_closest_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, hint: str
) -> None:
    root = _space(tmp_path, **{"app.py": "import gradio\n", ".spacemedic.toml": config})
    assert main(["lint", str(root)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("spacemedic: error: .spacemedic.toml: ") and hint in err
