"""The redaction layer: no secret-shaped input survives; ordinary text is unchanged; idempotent."""

from __future__ import annotations

import json

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from spacemedic.redact import redact, redact_counts, redact_obj
from tests.secret_seeds import ANY_SECRET, ORDINARY_LINES, SEEDS, SHAPED, seeded_text

SEPARATORS = st.sampled_from([" ", "\n", "\t", ": ", " (", ") ", "\r\n", " | "])
FILLER = st.lists(ORDINARY_LINES, max_size=3).map("\n".join)


@settings(max_examples=400)
@given(secret=ANY_SECRET, before=FILLER, after=FILLER, sep1=SEPARATORS, sep2=SEPARATORS)
def test_no_secret_survives_in_surrounding_text(secret: tuple[str, str, str], before: str, after: str, sep1: str, sep2: str) -> None:
    kind, text, value = secret
    assume(value not in before + after)
    out, counts = redact_counts(before + sep1 + text + sep2 + after)
    assert value not in out
    assert sum(counts.values()) >= 1
    assert "[REDACTED:" in out


@settings(max_examples=200)
@given(secret=SHAPED)
def test_token_shapes_get_their_own_kind(secret: tuple[str, str, str]) -> None:
    kind, text, value = secret
    out, counts = redact_counts(f"value was {text} here")
    assert counts[kind] >= 1, (kind, out)
    assert out.startswith("value was ") and out.endswith(" here")


@settings(max_examples=200)
@given(secret=ANY_SECRET, label=st.sampled_from(["log", "errorMessage", "README"]))
def test_secrets_inside_json_strings_are_removed_and_json_stays_valid(secret: tuple[str, str, str], label: str) -> None:
    _, text, value = secret
    assume(value not in '"log" "errorMessage" "README" "n"')
    doc = json.dumps({label: f"line one\n{text}\nline three", "n": 1}, indent=2)
    out = redact(doc)
    assert value not in out
    assert json.loads(out)["n"] == 1


@settings(max_examples=300)
@given(lines=st.lists(ORDINARY_LINES, min_size=1, max_size=8))
def test_ordinary_text_is_unchanged(lines: list[str]) -> None:
    text = "\n".join(lines)
    out, counts = redact_counts(text)
    assert out == text
    assert not counts


@settings(max_examples=300)
@given(text=st.text(max_size=400))
def test_arbitrary_text_never_raises_and_is_idempotent(text: str) -> None:
    once = redact(text)
    assert isinstance(once, str)
    assert redact(once) == once


@settings(max_examples=200)
@given(secret=ANY_SECRET, before=FILLER)
def test_idempotent_on_secrets(secret: tuple[str, str, str], before: str) -> None:
    once, counts = redact_counts(before + "\n" + secret[1])
    again, counts_again = redact_counts(once)
    assert again == once
    assert not counts_again


def test_every_seed_is_removed_and_counted_by_kind() -> None:
    out, counts = redact_counts(seeded_text())
    for name, value in SEEDS.items():
        assert value not in out, name
    assert counts["private-key"] == 2 and counts["gcp-service-account"] == 1  # one key in JSON, one prefixed
    assert counts["authorization"] == 2 and counts["cookie"] == 1
    assert "[REDACTED:" in out and "Authorization: Bearer [REDACTED:authorization]" in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyz0123456789", "HF_TOKEN=[REDACTED:hf-token]"),
        ("ENV API_KEY mysecretvalue", "ENV API_KEY [REDACTED:secret-assignment]"),
        ("password: hunter2", "password: [REDACTED:secret-assignment]"),
        ('"api_key": "abcd"', '"api_key": "[REDACTED:secret-assignment]"'),
        ("postgres://u:p4ss@h/db", "postgres://u:[REDACTED:url-credentials]@h/db"),
        ("/a?b=1&api_key=xyz123", "/a?b=1&api_key=[REDACTED:url-token]"),
        ("Cookie: a=b; c=d", "Cookie: [REDACTED:cookie]"),
        ("Authorization: token abcdef", "Authorization: token [REDACTED:authorization]"),
    ],
)
def test_the_rest_of_the_line_stays_readable(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "tokenizer = AutoTokenizer.from_pretrained(model_id)",
        "max_tokens=512",
        "token = get_token()",
        "self.token = token",
        "api_key = api_key or os.environ['X']",
        "HF_TOKEN=$HF_TOKEN",
        "secret_name = 'prod'",
        "Invalid token: expired",
        "the bearer of bad news",
        "commit 9042a53d0f48e2825c8bd162daf72792464d6c7c",
        "X-Request-Id: Root=1-67cae57c-57dd5e08323750a80cc4d371;3fca2004-7797-4321-9981-8d2b491cf804",
    ],
)
def test_code_and_ids_are_not_secrets(text: str) -> None:
    assert redact(text) == text


def test_redact_obj_walks_json_values() -> None:
    value = {"a": ["x", f"token {SEEDS['hf-token']}"], "b": {"c": SEEDS["github-token"]}, "n": 3}
    out = redact_obj(value)
    assert SEEDS["hf-token"] not in json.dumps(out) and SEEDS["github-token"] not in json.dumps(out)
    assert isinstance(out, dict) and out["n"] == 3
