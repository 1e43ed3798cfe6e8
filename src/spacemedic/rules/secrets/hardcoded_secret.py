from __future__ import annotations

from pathlib import PurePosixPath
from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.redact import find_secrets, redact
from spacemedic.rules.base import Rule
from spacemedic.rules.secrets._placeholders import looks_fake
from spacemedic.rules.textfiles import note_skipped, select_text_files
from spacemedic.space.context import SpaceContext

KIND_NAMES = {
    "private-key": "a private key",
    "hf-oauth": "a Hugging Face OAuth token",
    "hf-token": "a Hugging Face token",
    "anthropic-key": "an Anthropic API key",
    "openai-key": "an OpenAI API key",
    "github-token": "a GitHub token",
    "slack-token": "a Slack token",
    "stripe-key": "a Stripe secret key",
    "aws-access-key": "an AWS access key id",
    "google-api-key": "a Google API key",
    "url-credentials": "a password inside a URL",
}
_TEST_PARTS = frozenset({"test", "tests", "testing", "fixtures", "__tests__", "spec", "examples"})
PER_FILE = 5
TOTAL = 50


def _is_test_or_sample(path: str) -> bool:
    p = PurePosixPath(path)
    return (
        any(part in _TEST_PARTS for part in p.parts[:-1])
        or p.name.startswith("test_")
        or p.name.endswith(("_test.py", ".example", ".sample", ".template", ".dist"))
    )


class HardcodedSecret(Rule):
    """A credential is written in plain text in a file of the repository.

    What it does
    Scans small text files for the shapes of real credentials: Hugging Face, OpenAI,
    Anthropic, GitHub, Slack, Stripe, AWS and Google keys, private keys, and passwords in
    URLs. Placeholders (`hf_xxx`, `YOUR_TOKEN_HERE`, `${TOKEN}`), low-entropy samples and
    local defaults such as `postgres://postgres:postgres@localhost` are skipped. The value is
    never printed: findings show `[REDACTED:<kind>]` and the file and line.

    Why is this bad?
    Space repositories are usually public, and even private ones are copied by duplicates.
    A pushed key is readable by anyone and stays in the git history after it is deleted.
    Leaked Hugging Face tokens are revoked, which then breaks the Space.

    Example
        client = InferenceClient(token="hf_...")   # a real token written in app.py

    Fix
    Revoke the key now, add it as a Space secret (Settings > Variables and secrets) and read
    it with `os.environ["HF_TOKEN"]`. Remove it from history or start a fresh repository.
    """

    code = "SM200"
    name = "hardcoded-secret"
    category = Category.SECRET
    # A leaked key is serious but does not stop the build or the app: a healthy, running
    # Space can hold one. ERROR is kept for what the Hub rejects or what cannot be reached.
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        sel = select_text_files(ctx)
        note_skipped(ctx, "secret scan", sel)
        emitted = 0
        for path in sel.paths:
            text = ctx.repo.text(path)
            if not text:
                continue
            per_file = 0
            for kind, start, end in find_secrets(text):
                if looks_fake(kind, text[start:end], text, end):
                    continue
                yield self._finding(path, text, kind, start, end)
                per_file += 1
                emitted += 1
                if per_file >= PER_FILE:
                    break
            if emitted >= TOTAL:
                ctx.note_unavailable(
                    "secret scan", f"stopped after {TOTAL} findings; later files were not reported"
                )
                return

    def _finding(self, path: str, text: str, kind: str, start: int, end: int) -> Finding:
        line = text.count("\n", 0, start) + 1
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        before = text[max(line_start, start - 60) : start].lstrip()
        # The evidence keeps its shape (`HF_TOKEN = "[REDACTED:hf-token]"`, closing quote included).
        after = text[end : min(line_end, end + 40)].rstrip()
        shown = redact(f"{before}[REDACTED:{kind}]{after}")
        sample = _is_test_or_sample(path)
        # Google browser keys (Firebase configs) are public by design and restricted by referrer.
        public_ok = kind == "google-api-key"
        what = KIND_NAMES.get(kind, kind)
        note = ""
        if sample:
            note = " (in a test or sample file: if it is real, it is still published)"
        elif public_ok:
            note = " (browser keys such as Firebase's are public by design: check it is restricted)"
        return self.finding(
            f"{path}:{line} holds {what} in plain text{note}",
            path=path,
            line=line,
            evidence=(f"{path}:{line}: {shown}",),
            fix=(
                "Revoke it, store it as a Space secret, read it from os.environ, and purge it from "
                "git history."
            ),
        )
