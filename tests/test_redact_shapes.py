"""Redaction on the shapes real logs have (issue 16) and on spacemedic's own words (issue 11).

Tokens after colour codes, percent- and JSON-escapes, `-`/`_` boundaries; private keys whose lines
carry a prefix; URL passwords after colour codes or longer than 256 characters. And the other
side: names of secrets, spacemedic's rule documentation, and the shape of the evidence survive.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacemedic.cli import main
from spacemedic.redact import TOKEN_KINDS, find_secrets, redact, redact_counts
from tests.conftest import write_tree
from tests.secret_seeds import SHAPED

HF = "hf_QmZx7RkPw2LtNv9YcBd4HsJf8GaTe3UqWo"
AKIA = "AKIAZQ3HSTILE7TOKEN5"
GHP = "ghp_Lq8Vz3Tn6Rw1Yk4Hm9Pc2Jx7Bd5Fs0GaQe"
ANT = "sk-ant-api03-Lq8Vz3Tn6Rw1Yk4Hm9Pc2Jx7Bd5Fs0Ga"
PROJ = "sk-proj-Lq8Vz3Tn6Rw1Yk4Hm9Pc2Jx7Bd5Fs0GaQeWt"
PEM1 = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW"
PEM2 = "QyNTUxOQAAACBSeedPemLineTwoAbCdEfGhIjKlMnOpQrStUvWxYz0123456789abc"


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (f"\x1b[33m{AKIA}\x1b[0m", AKIA),
        (f"\x1b[1m{HF}", HF),
        (f"?q%3D{HF}", HF),
        (f"key%3D{ANT}", ANT),
        (f"ocr-{GHP}", GHP),
        (f"id_{AKIA}", AKIA),
        (f"{HF}-1", HF),
        (f"{HF}_x", HF),
        (f"x_{PROJ}", PROJ),
        (f"-{ANT}", ANT),
        ("caf\\u00e9" + HF, HF),
        ('{"log": "caf\\\\u00e9' + HF + '"}', HF),  # JSON inside JSON
        (f"\\u001b[33m{AKIA}\\u001b[0m", AKIA),  # a colour code, JSON-escaped
        (f"\x9b1m{HF}", HF),  # the 8-bit CSI
        (f"\x1b]0;title\x07{HF}", HF),  # right after an OSC
        (f"hf_QmZx7RkPw2LtNv9\x00YcBd4HsJf8GaTe3UqWo".replace("\x00", "\x1b[0m"), "YcBd4HsJf8GaTe3UqWo"),
        ("\x1b[0mhttps://user:Passw0rdAfterAnsi@host/x", "Passw0rdAfterAnsi"),
        ("https://user:" + "p4ss" * 80 + "@host/x", "p4ss" * 80),
        ("https://user:p%40ss%40w0rd@host/x", "w0rd"),
        ("GET https://api.example.com/x?token%3Dabcdef123456", "abcdef123456"),
    ],
)
def test_tokens_in_the_shapes_real_logs_have_are_redacted(text: str, secret: str) -> None:
    out, counts = redact_counts(text)
    assert secret not in out, out
    assert sum(counts.values()) >= 1
    assert redact(out) == out  # idempotent


def test_colour_codes_and_escapes_around_a_token_stay_in_place() -> None:
    assert redact(f"\x1b[33m{AKIA}\x1b[0m done") == "\x1b[33m[REDACTED:aws-access-key]\x1b[0m done"
    assert redact(f"?q%3D{HF}&x=1") == "?q%3D[REDACTED:hf-token]&x=1"
    assert redact(f"ocr-{GHP}-worker") == "ocr-[REDACTED:github-token]-worker"


def test_a_json_document_with_escaped_colours_and_keys_stays_valid() -> None:
    doc = json.dumps({"log": f"\x1b[1m{HF}\x1b[0m\n-----BEGIN PRIVATE KEY-----\n{PEM1}\n-----END PRIVATE KEY-----\n"})
    out = redact(doc)
    assert HF not in out and PEM1 not in out
    assert "[REDACTED:hf-token]" in json.loads(out)["log"]


@pytest.mark.parametrize("prefix", ["#12 0.31 ", "app-1  | ", "2026-07-06T08:00:00Z ", "\x1b[2m#7\x1b[0m ", ""])
def test_a_private_key_is_redacted_line_by_line_whatever_the_prefix(prefix: str) -> None:
    lines = ["-----BEGIN OPENSSH PRIVATE KEY-----", PEM1, PEM2, "AAAA==", "-----END OPENSSH PRIVATE KEY-----"]
    text = "step 1\n" + "\n".join(prefix + line for line in lines) + "\nstep 2\n"
    out, counts = redact_counts(text)
    for secret in (PEM1, PEM2, "AAAA=="):
        assert secret not in out
    assert counts["private-key"] == 1  # one key, however many lines
    assert out.startswith("step 1\n") and out.endswith("\nstep 2\n")
    if prefix:
        assert out.count(prefix) == len(lines)  # every prefix kept: the log stays readable


def test_a_truncated_private_key_is_redacted_up_to_where_the_excerpt_stops() -> None:
    text = f"#12 0.31 -----BEGIN RSA PRIVATE KEY-----\n#12 0.31 {PEM1}\n#12 0.32 {PEM2}\n#13 DONE 0.4s\n"
    out = redact(text)
    assert PEM1 not in out and PEM2 not in out and out.endswith("#13 DONE 0.4s\n")


def test_find_secrets_reports_a_prefixed_key_once_with_its_body() -> None:
    text = f"#12 0.31 -----BEGIN PRIVATE KEY-----\n#12 0.31 {PEM1}\n#12 0.32 -----END PRIVATE KEY-----\n"
    found = find_secrets(text)
    assert [k for k, _, _ in found] == ["private-key"]
    _, start, end = found[0]
    assert PEM1 in text[start:end]


SHAPE_WRAPS = st.sampled_from([
    ("\x1b[33m", "\x1b[0m"), ("\x1b[1m", ""), ("%3D", ""), ("-", "-1"), ("_", "_x"), ("id_", ""),
    ("\\u00e9", ""), ("\x1b]0;t\x07", ""), ("#12 0.31 ", ""), ("ocr-", "-worker"),
])


@settings(max_examples=300)
@given(secret=SHAPED, wrap=SHAPE_WRAPS)
def test_every_token_shape_is_redacted_in_every_wrapping(secret: tuple[str, str, str], wrap: tuple[str, str]) -> None:
    _, text, value = secret
    out = redact(f"line {wrap[0]}{text}{wrap[1]} end")
    assert value not in out


# A CSI with no parameter: `ESC [` and at once a letter of the token would read as its final byte.
BARE_CSI_WRAPS = st.sampled_from(["\x1b[", "\x9b", "\\u001b[", "\x1b[m", "\x1b[K", "\x1b[0m\x1b[", "x\x1b["])


@settings(max_examples=300)
@given(secret=SHAPED, before=BARE_CSI_WRAPS, after=st.sampled_from(["", "\x1b[0m", " done", "\x1b[", "-1"]))
def test_a_token_right_after_a_bare_escape_bracket_is_redacted(secret: tuple[str, str, str], before: str, after: str) -> None:
    kind, text, value = secret
    out, counts = redact_counts(f"line {before}{text}{after} end")
    assert value not in out
    assert sum(counts.values()) >= 1
    if kind in TOKEN_KINDS:  # the lint rule's shapes see it too
        assert kind in [k for k, _, _ in find_secrets(f"{before}{text}")]


@pytest.mark.parametrize(("text", "kind"), [(f"\x1b[{HF}", "hf-token"), (f"\x1b[{AKIA}", "aws-access-key"),
                                            (f"\\u001b[{GHP}", "github-token"), (f"\x9b{HF} end", "hf-token")])
def test_bare_escape_bracket_examples(text: str, kind: str) -> None:
    out, counts = redact_counts(text)
    assert out.startswith(("\x1b[[REDACTED", "\\u001b[[REDACTED", "\x9b[REDACTED"))  # the escape stays in place
    assert counts == {kind: 1}


def test_two_tokens_glued_by_bare_escapes_leave_no_body_behind() -> None:
    # `\x1b[m` is a reset before the first token; `\x1b[h` eats the second token's first letter
    # in one view and not in another: every view's matches are removed, spans joined.
    out, counts = redact_counts(f"\x1b[m{HF}\x1b[{HF}")
    assert HF[3:] not in out and HF[4:20] not in out and counts["hf-token"] >= 1


@pytest.mark.parametrize(
    "text",
    [
        "Missing secret: OPENAI_API_KEY",
        "secret: HF_TOKEN is not set",
        "KeyError: 'OPENAI_API_KEY'",
        "token: ${{ secrets.HF_TOKEN }}",
        "the api_key = API_KEY_FROM_SETTINGS name",
    ],
)
def test_the_name_of_a_secret_is_evidence_not_a_secret(text: str) -> None:
    assert redact(text) == text


def test_own_documentation_is_not_redacted(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["explain", "SM200"]) == 0
    explained = capsys.readouterr().out
    assert "REDACTED:secret-assignment" not in explained and "credentials: Hugging Face" in explained
    assert "postgres://postgres:postgres@localhost" in explained
    assert main(["rules"]) == 0
    assert "credentials: Hugging Face" in capsys.readouterr().out
    repo = write_tree(tmp_path / "s", {"README.md": "---\nsdk: gradio\n---\n", "app.py": f'HF_TOKEN = "{HF}"\n'})
    assert main(["lint", str(repo), "-f", "sarif", "--fail-on", "warning"]) == 1
    sarif = capsys.readouterr().out
    doc = json.loads(sarif)
    helps = json.dumps(doc["runs"][0]["tool"]["driver"]["rules"])
    assert "[REDACTED:secret-assignment]" not in helps and "[REDACTED:url-credentials]" not in helps
    assert "credentials: Hugging Face" in helps and "postgres://postgres:postgres@localhost" in helps
    assert HF not in sarif and "[REDACTED:hf-token]" in json.dumps(doc["runs"][0]["results"])


def test_evidence_keeps_its_shape(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    repo = write_tree(tmp_path / "s", {"README.md": "---\nsdk: gradio\n---\n",
                                       "app.py": f'import os\nHF_TOKEN = "{HF}"  # keep\nclient(key="{GHP}")\n'})
    assert main(["lint", str(repo), "--select", "SM200", "--no-color", "--fail-on", "warning"]) == 1
    out = capsys.readouterr().out
    assert 'HF_TOKEN = "[REDACTED:hf-token]"  # keep' in out
    assert 'client(key="[REDACTED:github-token]")' in out
    assert HF not in out and GHP not in out


def test_a_missing_secret_diagnosis_names_the_secret(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"id": "c", "runtime_stage": "RUNTIME_ERROR",
                                "run_log_excerpt": "RuntimeError: Missing secret: OPENAI_API_KEY must be set"}),
                    encoding="utf-8")
    for fmt in ("human", "json", "markdown"):
        assert main(["diagnose", "--from", str(case), "-f", fmt]) == 0
        out = capsys.readouterr().out
        assert "Missing secret: OPENAI_API_KEY" in out, fmt
        assert "REDACTED" not in out
