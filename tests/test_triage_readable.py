"""The same evidence in another wrapping gets the same diagnosis (issue 17: generalise from the
signals, not from how one report happened to format them)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacemedic.models import Bucket, Confidence, Signals
from spacemedic.triage import diagnose
from spacemedic.triage.readable import readable, readable_signals
from spacemedic.triage.robustness import LOG_FIELDS, WRAPPINGS, refilable, refiled, top, with_text, wrapped

_LOG = (
    "===== Application Startup at 2026-02-03 09:14:55 =====\n"
    "Traceback (most recent call last):\n"
    '  File "/home/user/app/app.py", line 4, in <module>\n'
    "    from moviepy.editor import VideoFileClip\n"
    "ModuleNotFoundError: No module named 'moviepy.editor'\n"
)

def _top(s: Signals) -> Bucket:
    return diagnose(s).hypotheses[0].bucket


@pytest.mark.parametrize("name", list(WRAPPINGS))
def test_a_wrapped_log_reads_like_the_plain_one(name: str) -> None:
    plain = Signals(runtime_stage="RUNTIME_ERROR", run_log=_LOG)
    wrapped = Signals(runtime_stage="RUNTIME_ERROR", run_log=WRAPPINGS[name](_LOG))
    assert _top(plain) is Bucket.DEPENDENCY_INSTALL_FAILURE
    assert _top(wrapped) is _top(plain)
    # The quote shown as evidence is the plain line, not its wrapping.
    quotes = " ".join(diagnose(wrapped).hypotheses[0].evidence_for)
    assert "No module named 'moviepy.editor'" in quotes
    assert "\x1b" not in quotes and "&#x27;" not in quotes


def test_each_wrapping_is_undone_line_by_line() -> None:
    assert readable("\x1b[32mINFO\x1b[0m: ok\r\n") == "INFO: ok\n"
    assert readable("a &lt; b &amp;&amp; c") == "a < b && c"
    assert readable("> line one\n> line two") == "line one\nline two"
    assert readable("2026-01-01T00:00:00Z one\n2026-01-01T00:00:01Z two") == "one\ntwo"
    assert readable("first\\nsecond") == "first\nsecond"


@pytest.mark.parametrize("text", [
    "=> [2/5] RUN pip install -r requirements.txt",   # BuildKit's arrow is not a quote
    "> app@1.0.0 start\nnode server.js listening on 7860\nready",  # one npm line in three
    "2026-01-01T00:00:00Z only the first line is stamped\nthe rest is not\nnor this",
    "C:\\new\\folder\nsecond line\nthird line",       # as many real line breaks as literal ones
])
def test_text_that_only_looks_wrapped_is_left_alone(text: str) -> None:
    assert readable(text) == text


def test_signals_without_any_wrapping_are_returned_as_they_are() -> None:
    s = Signals(runtime_stage="RUNNING", run_log="plain\nlog", error_message="Exit code: 1. Reason: boom")
    assert readable_signals(s) is s


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\r\t>\\&;#x1[m\x1b0123456789-:TZ.\"<")) | st.characters(), max_size=600))
def test_readable_never_grows_and_never_raises(text: str) -> None:
    out = readable(text)
    assert len(out) <= len(text)


def _corpus() -> list[Mapping[str, Any]]:
    root = Path(__file__).parent / "data"
    cases: list[dict[str, Any]] = []
    for path in sorted((root / "corpus").glob("*.jsonl")) + sorted(root.glob("holdout_*.jsonl")):
        cases += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return with_text(cases)


@pytest.mark.parametrize("name", list(WRAPPINGS))
def test_the_corpus_reads_the_same_in_every_wrapping(name: str) -> None:
    """Over every real case with text evidence, a wrapping moves at most 1 % of the top causes
    (flattening loses real line structure, so it may cost a little)."""
    cases = _corpus()
    moved = [c["id"] for c in cases if top(wrapped(c, WRAPPINGS[name])) is not top(c)]
    assert len(cases) > 200
    assert len(moved) <= len(cases) // 100, moved


def test_a_build_or_platform_line_filed_under_another_heading_still_counts() -> None:
    apt = "E: Package 'libgl1-mesa-glx' has no installation candidate"
    as_run = diagnose(Signals(runtime_stage="BUILD_ERROR", run_log=apt))
    top = as_run.hypotheses[0]
    assert top.bucket is Bucket.APT_PACKAGE_FAILURE
    assert any("quoted among the run log lines" in e for e in top.evidence_for)
    banner = "Launch timed out, workload was not healthy after 30 min"
    in_log = diagnose(Signals(runtime_stage="RUNTIME_ERROR", run_log=banner + "\nLoading checkpoint shards: 40%"))
    in_place = diagnose(Signals(runtime_stage="RUNTIME_ERROR", error_message=banner, run_log="Loading checkpoint shards: 40%"))
    assert in_log.hypotheses[0].bucket is in_place.hypotheses[0].bucket is Bucket.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD
    # Quoted in a log, the platform's words lean the same way but are not its own statement.
    scan = "Blocked by abuse-handler by rule: proc_scan: cmdline match"
    stated = diagnose(Signals(runtime_stage="PAUSED", error_message=scan)).hypotheses[0]
    quoted = diagnose(Signals(runtime_stage="PAUSED", run_log=scan)).hypotheses[0]
    assert stated.bucket is quoted.bucket is Bucket.MODERATION_LOCK
    assert stated.confidence is Confidence.STATED and quoted.confidence is Confidence.INFERRED


@pytest.mark.parametrize("src,dst", [(a, b) for a in LOG_FIELDS for b in LOG_FIELDS if a != b])
def test_the_corpus_reads_the_same_whichever_heading_a_text_is_filed_under(src: str, dst: str) -> None:
    """Real reports file what they quote under the heading the writer chose: moving one field's
    text into another moves at most 1 case in 10 among those with that text (log-shape facts
    such as "only the queued banner" rightly depend on which log it is)."""
    having = refilable(_corpus(), src)
    changed = [c["id"] for c in having if top(refiled(c, src, dst)) is not top(c)]
    assert len(having) >= 20
    assert len(changed) <= max(3, len(having) // 10), changed
