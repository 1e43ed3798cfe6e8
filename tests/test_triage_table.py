"""The signature and combination tables are well-formed data, and the patterns stay linear
on hostile input (every text a diagnosis reads is untrusted)."""

from __future__ import annotations

import pytest

from spacemedic.models import Bucket, Signals
from spacemedic.triage import diagnose
from spacemedic.triage.combos import COMBOS
from spacemedic.triage.families import FAMILIES
from spacemedic.triage.signatures import ANY
from spacemedic.triage.signatures import SIGNATURES as BY_BUCKET

SIGNATURES = BY_BUCKET + FAMILIES


def test_signature_rows_are_well_formed() -> None:
    for sig in SIGNATURES:
        assert sig.regex.pattern and sig.why and sig.fields, sig
        assert set(sig.fields) <= set(ANY), sig
        assert 0 < sig.weight <= 8, sig
        assert not sig.regex.search(""), f"{sig.pattern!r} matches the empty string"
    assert len({(s.bucket, s.pattern) for s in SIGNATURES}) == len(SIGNATURES)


def test_every_bucket_but_the_quiet_ones_has_signatures() -> None:
    covered = {s.bucket for s in SIGNATURES}
    assert set(Bucket) - covered == set(), set(Bucket) - covered


def test_combo_names_unique_and_explained() -> None:
    names = [c.name for c in COMBOS]
    assert len(names) == len(set(names))
    assert all(c.why and c.effects for c in COMBOS)


HOSTILE = [" " * 200_000, "\n" * 200_000, "a==1\n" * 40_000, ":1234 " * 30_000, "\t \n" * 60_000,
           "KeyError: '" * 20_000, "token" * 40_000, "lib" * 60_000, "https://" * 20_000, "cache miss:" * 10_000,
           "=" * 200_000, "Traceback (most recent call last)\n" * 5_000]


@pytest.mark.parametrize("text", HOSTILE, ids=[repr(t[:12]) for t in HOSTILE])
def test_hostile_texts_complete(text: str) -> None:
    d = diagnose(Signals(runtime_stage="RUNTIME_ERROR", error_message=text, build_log=text, run_log=text, config=text))
    assert d.hypotheses


def test_every_family_row_names_its_kind_of_evidence() -> None:
    from spacemedic.triage.families import KINDS

    kinds = {row.kind for block in KINDS for row in block}
    assert kinds == {"exit code or signal", "platform banner", "library error class", "HTTP status word", "config value"}
    assert all(len({row.kind for row in block}) == 1 for block in KINDS)
    assert all(row.kind for row in FAMILIES)


@pytest.mark.parametrize(("text", "field", "bucket"), [
    ("Exit code: 137. Reason: OOMKilled", "error_message", Bucket.OUT_OF_MEMORY),
    ("worker exited: killed by signal 9", "run_log", Bucket.OUT_OF_MEMORY),
    ("Exit code: 139. Reason: ", "error_message", Bucket.APP_CRASH_AT_STARTUP),
    ("Exit code: 0. Reason: application does not seem to be initialized", "error_message", Bucket.APP_CRASH_AT_STARTUP),
    ("OSError: All ports from 7860 to 7860 are in use.", "run_log", Bucket.PORT_OR_BIND_MISMATCH),
    ("OSError: [Errno 98] Address already in use", "run_log", Bucket.PORT_OR_BIND_MISMATCH),
    ("huggingface_hub.errors.GatedRepoError: 401 Client Error.", "run_log", Bucket.MISSING_SECRET_OR_ENV),
    ("If it is a private or gated model, please provide your Hugging Face access token", "run_log",
     Bucket.MISSING_SECRET_OR_ENV),
    ("ModuleNotFoundError: No module named 'app.core.tools'", "run_log", Bucket.APP_CRASH_AT_STARTUP),
    ("ModuleNotFoundError: No module named 'einops'", "run_log", Bucket.DEPENDENCY_INSTALL_FAILURE),
    ("Exit code: 0", "error_message", Bucket.APP_CRASH_AT_STARTUP),
    ("Exit code: 3. Reason: No @spaces.GPU function detected during startup", "error_message",
     Bucket.APP_CRASH_AT_STARTUP),
    ("gradio.exceptions.Error: 'No GPU is currently available for you after 60s'", "run_log", Bucket.HARDWARE_CAPACITY),
    ("requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='huggingface.co', port=443): Read timed out.",
     "run_log", Bucket.PLATFORM_INCIDENT),
    ("huggingface_hub.errors.HfHubHTTPError: 502 Server Error: Bad Gateway for url: https://huggingface.co/api/models/x",
     "run_log", Bucket.PLATFORM_INCIDENT),
    ('  File "/usr/local/lib/python3.10/site-packages/pkg/mod.py", line 3, in <module>\n    Other.call()\n'
     "AttributeError: type object 'Other' has no attribute 'call'", "run_log", Bucket.DEPENDENCY_INSTALL_FAILURE),
    ("docker: Error response from daemon: unable to find user app: no matching entries in passwd file",
     "error_message", Bucket.DOCKERFILE_BUILD_FAILURE),
])
def test_families_point_to_their_bucket(text: str, field: str, bucket: Bucket) -> None:
    d = diagnose(Signals(runtime_stage="RUNTIME_ERROR", **{field: text}))  # type: ignore[arg-type]
    assert d.top is not None and d.top.bucket is bucket, [h.bucket for h in d.hypotheses[:3]]


def test_a_version_yaml_reads_as_a_float_points_to_the_install() -> None:
    d = diagnose(Signals(runtime_stage="BUILD_ERROR", error_message="Job failed with exit code: 1",
                         config="sdk: gradio\nsdk_version: 4.10\npython_version: 3.10"))
    assert d.top is not None and d.top.bucket is Bucket.DEPENDENCY_INSTALL_FAILURE
    assert any("float" in e for e in d.top.evidence_for)
    quoted = diagnose(Signals(runtime_stage="BUILD_ERROR", error_message="Job failed with exit code: 1",
                              config='sdk: gradio\nsdk_version: "4.10"'))
    assert not any("float" in e for h in quoted.hypotheses for e in h.evidence_for)


def test_queued_banner_beside_a_generic_build_error_is_the_builder() -> None:
    d = diagnose(Signals(runtime_stage="BUILD_ERROR", error_message="Job failed with exit code: 1",
                         build_log="===== Build Queued at 2026-01-01 10:00:00 / Commit SHA: abc1234 ====="))
    assert d.top is not None and d.top.bucket is Bucket.BUILDER_OR_SCHEDULER_STUCK


def test_a_runtime_that_cannot_exec_the_start_command_is_the_image_not_an_incident() -> None:
    msg = ("Exit code: 128. Reason: failed to create containerd task: failed to create shim task: OCI runtime create "
           'failed: runc create failed: unable to start container process: exec: "gunicorn": executable file not found')
    d = diagnose(Signals(runtime_stage="RUNTIME_ERROR", error_message=msg))
    assert d.top is not None and d.top.bucket is Bucket.DOCKERFILE_BUILD_FAILURE
    plain = diagnose(Signals(runtime_stage="RUNTIME_ERROR",
                             error_message="Exit code: 128. Reason: failed to create containerd task: context deadline"))
    assert plain.top is not None and plain.top.bucket is Bucket.PLATFORM_INCIDENT
