"""The classifier: Signals -> a Diagnosis ranking every bucket, with the reasons.

score(bucket) = log prior(stage) + the weights of the signatures that matched
                + the weights of the decision combinations that hold;
likelihood = softmax(score / T), T fitted on real cases (calibrate.py). Each contribution is kept as evidence (for or against) and as a
step of the decision path, so the ranking can be read and argued with.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from spacemedic.models import Bucket, Confidence, Diagnosis, DirectUrl, Hypothesis, LogState, Severity, Signals, Unavailable
from spacemedic.triage.calibrate import Calibration, Scored, calibrated
from spacemedic.triage.combos import COMBOS, Ctx
from spacemedic.triage.facts import Facts, derive
from spacemedic.triage.fitted import FITTED
from spacemedic.triage.families import FAMILIES
from spacemedic.triage.playbook import PLAYBOOK
from spacemedic.triage.priors import STAGE_STATES, common_in, prior
from spacemedic.triage.readable import readable_signals
from spacemedic.triage.signatures import ABUSE, SIGNATURES, Signature
from spacemedic.units import minutes_words

_HEAD, _TAIL = 4_000, 28_000
_STRONG = 2.0
_DIRECT = 0.5  # net evidence (log-odds) from which a cause counts as backed by its own evidence
# Fields in which the platform speaks; the same words in the app's own output or in a quoted
# config are not the platform naming the cause.
# The texts that are logs or messages (not the repo's configuration), and what a row's words
# weigh when they turn up in one of them that the row does not read.
_LOG_FIELDS = ("error_message", "build_log", "run_log", "restart_error_text")
_ELSEWHERE = 0.75
_PLATFORM_VOICE = frozenset({"error_message", "restart_error_text", ABUSE, "build_log"})


@dataclass(frozen=True)
class Sheet:
    """Every bucket's raw score with the reasons behind it, before calibration."""

    scores: dict[Bucket, float]
    stated: frozenset[Bucket]
    # Buckets with evidence of their own: a signature, a decision combination that adds up to
    # more than nothing, or a stage the platform names. The rest stand on the stage base rate.
    direct: frozenset[Bucket]
    pro: dict[Bucket, list[str]]
    con: dict[Bucket, list[str]]
    steps: dict[Bucket, list[str]]
    facts: Facts


def score(signals: Signals) -> Sheet:
    """Score every bucket for `signals` (log prior + signatures + combinations); never raises."""
    signals = readable_signals(signals)
    facts = derive(signals)
    texts = _texts(signals)
    scores = prior(facts.stage, facts.sdk, signals.observations.hardware, facts.failed_stage)
    evidence: dict[Bucket, float] = defaultdict(float)
    steps: dict[Bucket, list[str]] = defaultdict(list)
    pro: dict[Bucket, list[str]] = defaultdict(list)
    con: dict[Bucket, list[str]] = defaultdict(list)
    stated: set[Bucket] = set()
    stage_note = f"stage {facts.stage}" if facts.stage else "stage unknown"
    if facts.failed_stage:
        stage_note += " (the proxy's error page says a failed one)"
    for b in Bucket:
        steps[b].append(f"{stage_note}: start from how often this cause explains such a Space")
    for b in common_in(facts.stage):
        pro[b].append(f"{stage_note}: a common cause in this stage")
    if facts.stage in STAGE_STATES:
        named = STAGE_STATES[facts.stage]
        stated.add(named)
        evidence[named] += 1.0
        pro[named].insert(0, f"the platform reports stage {facts.stage}")

    matches = _match(texts)
    specific = {sig.bucket for sig, _, _ in matches if not sig.generic and sig.weight >= _STRONG}
    strong: set[Bucket] = set()
    tags: set[str] = set()
    for sig, fld, quote in matches:
        if sig.generic and specific - {sig.bucket}:
            con[sig.bucket].append(f'{fld}: "{quote}" is better explained by a more specific signature')
            continue
        scores[sig.bucket] += sig.weight
        evidence[sig.bucket] += sig.weight
        pro[sig.bucket].append(f'{fld}: "{quote}" ({sig.why})')
        steps[sig.bucket].append(f"{fld} matches {sig.bucket.value} signature (+{sig.weight:g})")
        if sig.stated and fld in _PLATFORM_VOICE:
            stated.add(sig.bucket)
        if sig.weight >= _STRONG:
            strong.add(sig.bucket)
        if sig.tag:
            tags.add(sig.tag)

    ctx = Ctx(
        facts=facts,
        obs=signals.observations,
        matched=frozenset(strong),
        tags=frozenset(tags),
        has_error_text=bool((signals.error_message or "").strip() or (signals.observations.restart_error_text or "").strip()),
        lint=frozenset((f.category, f.severity) for f in signals.lint),
    )
    for combo in COMBOS:
        try:
            holds = combo.when(ctx)
        except Exception:  # a predicate bug must not sink the diagnosis
            holds = False
        if not holds:
            continue
        for bucket, weight in combo.effects:
            scores[bucket] += weight
            evidence[bucket] += weight
            (pro if weight > 0 else con)[bucket].append(combo.why)
            steps[bucket].append(f"{combo.name} ({weight:+g})")
    direct = frozenset(b for b, w in evidence.items() if w >= _DIRECT)
    return Sheet(scores, frozenset(stated), direct, pro, con, steps, facts)


def diagnose(signals: Signals, *, target: str | None = None, calibration: Calibration = FITTED) -> Diagnosis:
    """Rank every bucket for `signals` with calibrated likelihoods; never raises on odd input."""
    sheet = score(signals)
    ranked = _rank(sheet.scores, sheet.stated, calibration, sheet.direct)
    hypotheses = tuple(
        _hypothesis(b, p, b in sheet.stated, b in sheet.direct, sheet.pro[b], sheet.con[b], sheet.steps[b])
        for b, p in ranked
    )
    return Diagnosis(
        target=target if target is not None else signals.id,
        hypotheses=hypotheses,
        stage=sheet.facts.stage,
        minutes_in_stage=sheet.facts.minutes,
        unavailable=_one_reason_per_source(signals.unavailable, _not_observed(signals, sheet.facts)),
        facts=_facts(sheet.facts, signals),
    )


def _match(texts: dict[str, str]) -> list[tuple[Signature, str, str]]:
    """Every signature that matches, once each, with the field and the quoted line.

    A row that reads only some of the logs (a build step's error, the platform's banner) still
    counts when its words turn up in another log field, weaker and never as the platform's own
    statement: reports file what they quote under whichever heading the writer chose, and an
    app never prints `E: Unable to locate package` or `Launch timed out` by itself.
    """
    out = []
    for sig in SIGNATURES + FAMILIES:
        found = _search(sig, sig.fields, texts)
        if found is None and (others := tuple(f for f in _LOG_FIELDS if f not in sig.fields)) != _LOG_FIELDS:
            found = _search(sig, others, texts)
            if found is not None:
                sig = replace(sig, weight=round(sig.weight * _ELSEWHERE, 2), stated=False,
                              why=f"{sig.why} (quoted among the {found[0].replace('_', ' ')} lines)")
        if found is not None:
            out.append((sig, *found))
    return out


def _search(sig: Signature, fields: tuple[str, ...], texts: dict[str, str]) -> tuple[str, str] | None:
    for fld in fields:
        m = sig.regex.search(texts.get(fld, ""))
        if m is not None:
            return fld, _quote(texts[fld], m.start(), m.end())
    return None


def _texts(signals: Signals) -> dict[str, str]:
    raw = {
        "error_message": signals.error_message,
        "build_log": signals.build_log,
        "run_log": signals.run_log,
        "config": signals.config,
        "restart_error_text": signals.observations.restart_error_text,
        ABUSE: _abuse_text(signals),
    }
    out: dict[str, str] = {}
    for key, value in raw.items():
        if not isinstance(value, str) or not value:
            continue
        out[key] = value if len(value) <= _HEAD + _TAIL else value[:_HEAD] + "\n" + value[-_TAIL:]
    return out


def _abuse_text(signals: Signals) -> str | None:
    abuse = signals.abuse
    if not abuse:
        return None
    parts = [f"{k}: {v}" for k, v in abuse.items() if isinstance(v, (str, int, float)) and str(v).strip()]
    # An abuse object is itself the platform's statement that the Space was flagged.
    return "flagged as abusive\n" + "\n".join(parts)


def _quote(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    return " ".join(line.split())[:160]


def _rank(
    scores: dict[Bucket, float], stated: frozenset[Bucket] | set[Bucket] = frozenset(),
    calibration: Calibration = FITTED, direct: frozenset[Bucket] | None = None,
) -> list[tuple[Bucket, float]]:
    """Calibrated likelihoods, most likely first (calibrate.calibrated decides what is listed)."""
    probs = calibrated(Scored(scores, frozenset(stated), direct=direct), calibration)
    order = list(Bucket)
    return sorted(probs.items(), key=lambda bp: (-bp[1], order.index(bp[0])))


def _hypothesis(
    bucket: Bucket, likelihood: float, is_stated: bool, direct: bool, pro: list[str], con: list[str], path: list[str]
) -> Hypothesis:
    play = PLAYBOOK[bucket]
    return Hypothesis(
        bucket=bucket,
        likelihood=likelihood,
        confidence=Confidence.STATED if is_stated else Confidence.INFERRED,
        summary=play.stated if is_stated else play.inferred,
        evidence_for=tuple(dict.fromkeys(pro)),
        evidence_against=tuple(dict.fromkeys(con)),
        path=tuple(path),
        next_steps=play.next_steps,
        avoid=play.avoid,
        direct_evidence=direct or is_stated,
    )


_LOG_WORDS = {
    LogState.EMPTY: "is empty (no line at all)",
    LogState.QUEUED_ONLY: "has only the \"Build Queued\" line",
    LogState.HAS_OUTPUT: "has output",
}


def _facts(facts: Facts, signals: Signals) -> tuple[str, ...]:
    out: list[str] = []
    if facts.stage:
        page = signals.observations.hub_page_state
        out.append(f"stage: {facts.stage}" + (f" (page says: {page.strip()[:60]})" if page and page.strip() else ""))
    if facts.minutes is not None:
        out.append(f"in this stage for {minutes_words(facts.minutes)} (startup timeout {minutes_words(facts.timeout_minutes)})")
    if facts.build_logs:
        out.append(f"the build log {_LOG_WORDS[facts.build_logs]}")
    if facts.run_logs:
        out.append(f"the container log {_LOG_WORDS[facts.run_logs]}")
    for listen in facts.listening[:3]:
        where = f"{listen.host}:{listen.port}" if listen.host else f"port {listen.port}"
        ports = ", ".join(str(p) for p in sorted(facts.expected_ports))
        out.append(f"server listening on {where} (the proxy probes {ports})")
    obs = signals.observations
    for label, value in (
        ("restart", obs.restart), ("factory rebuild", obs.factory_rebuild), ("direct URL", obs.direct_url),
    ):
        if value is not None:
            out.append(f"{label}: {value.value.replace('_', ' ')}")
    if obs.new_commit_triggers_build is not None:
        out.append("a new commit starts a build" if obs.new_commit_triggers_build else "a new commit starts no build")
    for f in signals.lint:
        if f.severity is not Severity.INFO:
            out.append(f"lint {f.code} ({f.category.value}): {f.message}")
    if facts.stage == "RUNNING" and obs.direct_url is DirectUrl.LOADS and not (signals.error_message or "").strip() \
            and not (obs.restart_error_text or "").strip():
        out.append("nothing seen says the Space is down: it runs and its URL serves; what fails, fails while the app is used")
    return tuple(out)


# The collectors and the observations name some sources differently.
_SAME_SOURCE = {"app url": "direct url"}


def _source_key(source: str) -> str:
    key = source.strip().lower()
    return _SAME_SOURCE.get(key, key)


def _one_reason_per_source(
    collected: tuple[Unavailable, ...], not_observed: tuple[Unavailable, ...]
) -> tuple[Unavailable, ...]:
    """Each source once, with the collector's reason when it gave one ("401 ..." beats "not available")."""
    out: dict[str, Unavailable] = {}
    for note in collected + not_observed:
        out.setdefault(_source_key(note.source), note)
    return tuple(out.values())


def _not_observed(signals: Signals, facts: Facts) -> tuple[Unavailable, ...]:
    obs = signals.observations
    missing = []
    if facts.stage is None:
        missing.append(Unavailable("runtime", "the runtime stage is not known"))
    if signals.build_log is None and obs.build_logs is None:
        missing.append(Unavailable("build logs", "not available"))
    if signals.run_log is None and obs.run_logs is None:
        missing.append(Unavailable("run logs", "not available"))
    if obs.status_page_incident is None:
        missing.append(Unavailable("status page", "not checked"))
    if obs.direct_url is None:
        missing.append(Unavailable("direct URL", "the *.hf.space URL was not probed"))
    if obs.other_spaces_affected is None:
        missing.append(Unavailable("other Spaces", "the owner's other Spaces were not checked"))
    return tuple(missing)
