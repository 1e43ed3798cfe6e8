"""The classifier: Signals (pure values) -> a ranked Diagnosis. No I/O in this package.

`diagnose` = rank the causes (classify) -> fit the next steps to what is known (advice) -> say
how much evidence there was, and rank nothing when there was none (sufficiency).
"""

from __future__ import annotations

from spacemedic.models import Diagnosis, Signals


def diagnose(signals: Signals, *, target: str | None = None) -> Diagnosis:
    """Rank every cause for `signals`, with next steps that know the facts and the evidence level."""
    from spacemedic.triage.advice import advise
    from spacemedic.triage.classify import diagnose as rank
    from spacemedic.triage.sufficiency import judge

    return judge(advise(rank(signals, target=target), signals), signals)


__all__ = ["diagnose"]
