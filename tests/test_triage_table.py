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
