"""`spacemedic report`: a ready-to-send support request (or, for app-side causes, a checklist).

Pure: Diagnosis + ReportFacts -> str, as markdown, plain text or JSON. Unknown fields become
`<fill in: ...>` blanks, never guesses. Wording follows the confidence of the top hypothesis.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from spacemedic.models import Bucket, Confidence, Diagnosis, Hypothesis
from spacemedic.render.report_facts import ReportFacts
from spacemedic.render.report_templates import ADDRESSEE, FIELDS, PHRASES, TITLES, WHY, Route, route_for

SCHEMA = "spacemedic.report/1"


def blank(what: str) -> str:
    return f"<fill in: {what}>"


@dataclass(frozen=True)
class Request:
    route: Route
    to: str
    subject: str
    body: str  # markdown
    missing: tuple[str, ...]  # labels of fields left blank


def _top(d: Diagnosis) -> Hypothesis:
    if d.top is not None:
        return d.top
    return Hypothesis(Bucket.OTHER, 0.0, Confidence.INFERRED, "no hypothesis")


def _first(message: str, limit: int = 80) -> str:
    line = message.strip().splitlines()[0]
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + " …"


def _symptom(f: ReportFacts, sentence: bool = False) -> str:
    stage = (f.stage or "").upper()
    if f.error_message:
        if sentence:
            return f"in stage {stage or 'unknown'} with the message \"{_first(f.error_message)}\""
        return f"{stage or 'error'}: \"{_first(f.error_message)}\""
    return {"BUILDING": "stuck on Building", "PAUSED": "stuck in PAUSED", "APP_STARTING": "stuck on Starting",
            "RUNTIME_ERROR": "runtime error", "BUILD_ERROR": "build error", "SLEEPING": "sleeping",
            "RUNNING": "page not serving although RUNNING"}.get(stage, f"stage {stage}" if stage else "not working")


def _subject(d: Diagnosis, f: ReportFacts, top: Hypothesis) -> str:
    space = f.space or "OWNER/SPACE"
    title = TITLES.get(top.bucket, top.bucket.value.replace("_", " "))
    tag = "" if top.confidence is Confidence.STATED else "suspected "
    return f"Space {space}: {_symptom(f)} ({tag}{title})"


def _value(f: ReportFacts, key: str) -> str | None:
    value = getattr(f, key, None)
    return str(value) if value not in (None, "") else None


def _code(text: str) -> list[str]:
    fence = "~~~~" if "```" in text else "```"
    return [fence, text, fence]


def needs_evidence(d: Diagnosis) -> bool:
    """True when the report must not name a cause: no evidence, or a top cause with none of its own."""
    from spacemedic.triage.sufficiency import supported

    if d.evidence is None:
        return False
    return not d.evidence.enough or d.top is None or not supported(d.top)


def _evidence_request(d: Diagnosis, f: ReportFacts) -> Request:
    from spacemedic.render.evidence import evidence_lines

    space = f.space or "OWNER/SPACE"
    stage = f" (stage {f.stage})" if f.stage else ""
    steps = list(d.evidence.collect_next if d.evidence else ())
    if not steps and d.evidence is not None:
        steps = [s for s in _collect_next_for(d)]  # enough to rank, but nothing supports the top cause
    out = [f"No cause can be named yet: nothing that was read points at one{stage}. "
           "A support request or a fix drafted now would only guess, so collect this first and run "
           "`spacemedic report` again:", ""]
    out += [f"- [ ] {s}" for s in steps] or ["- [ ] The runtime stage, the build and run logs, and what a restart did."]
    out += ["", "## What was read", ""] + [f"- {line.strip()}" for line in evidence_lines(d.evidence)
                                          if not line.strip().startswith("only the stage")]
    out += _notes(Route.NEEDS_EVIDENCE, _top(d), f)
    return Request(Route.NEEDS_EVIDENCE, ADDRESSEE[Route.NEEDS_EVIDENCE],
                   f"Space {space}: not enough evidence to name a cause", "\n".join(out).rstrip() + "\n", ())


def _collect_next_for(d: Diagnosis) -> list[str]:
    """What to collect when a ranking exists but its top cause has no evidence of its own."""
    if d.evidence is None:
        return []
    state = {s.source: s.state for s in d.evidence.sources}
    names = {"runtime": "the runtime errorMessage", "build logs": "the build log", "run logs": "the run log",
             "status page": "the status page", "app url": "what the direct *.hf.space URL answers",
             "other spaces": "whether the owner's other Spaces fail too"}
    said = {"timed_out": "it timed out", "refused": "it was refused: use the owner's token",
            "not_found": "it was not found", "failed": "it failed", "not_collected": "it was not collected"}
    out = [f"Read {what} ({said[state[src].value]})." for src, what in names.items()
           if src in state and not state[src].seen]
    out.append("What a restart, a factory rebuild or a new commit did (--tried restart=failed, ...).")
    return out


def compose(d: Diagnosis, f: ReportFacts) -> Request:
    if needs_evidence(d):
        return _evidence_request(d, f)
    top = _top(d)
    route = route_for(top.bucket, top.confidence)
    phrase = PHRASES[top.bucket]
    cause = phrase.stated if top.confidence is Confidence.STATED else phrase.inferred
    out: list[str] = []
    missing: list[str] = []
    if route in (Route.SELF_FIX, Route.NOTHING):
        out += _checklist(route, top, f, cause)
    else:
        out += ["Hello everyone," if route is Route.INCIDENT else "Hello Hugging Face team,", "",
                f"My Space {f.space_url or blank('Space URL')} is {_symptom(f, sentence=True)}. From the evidence below, {cause}. "
                "I have not pasted any token or secret; values that looked like one are replaced by a REDACTED marker.", ""]
        out += ["## Details", ""]
        for key, label, hint in _fields_for(f.sdk):
            value = _value(f, key)
            if value is None and key == "error_message" and f.runtime_read:
                value = "none (the runtime has no errorMessage)"
            if value is None:
                missing.append(label)
            if value is None:
                out.append(f"- **{label}:** {blank(hint)}")
            else:
                out.append(f"- **{label}:** " + (value if "\n" not in value else "see below"))
        if top.bucket is Bucket.MODERATION_LOCK:
            out += ["", "## What the Space does", "",
                    f.purpose or blank("what the Space does, who uses it, and why it is not a proxy, tunnel, relay, scraper or VPN")]
            if f.purpose is None:
                missing.append("What the Space does")
        out += _evidence(f, missing)
        out += ["", "## Already tried", ""]
        out += [f"- {t}" for t in f.tried] or [f"- {blank('restart / factory rebuild / a new commit, and what each did, with times (UTC)')}"]
        if not f.tried:
            missing.append("Already tried")
        out += ["", "Thank you."]
    out += _notes(route, top, f)
    return Request(route, ADDRESSEE[route], _subject(d, f, top), "\n".join(out).rstrip() + "\n", tuple(missing))


# Fields that only mean something for one SDK: a Gradio Space has no app_port or EXPOSE.
_DOCKER_ONLY = frozenset({"app_port", "expose"})


def _fields_for(sdk: str | None) -> tuple[tuple[str, str, str], ...]:
    if sdk and sdk.lower() != "docker":
        return tuple(f for f in FIELDS if f[0] not in _DOCKER_ONLY)
    return FIELDS


def _evidence(f: ReportFacts, missing: list[str]) -> list[str]:
    out = ["", "## Request ids and times (UTC)", ""]
    out += [f"- request id: {r}" for r in f.request_ids] or [f"- request id: {blank('the Root=1-... id shown by the failed restart, or x-request-id')}"]
    if not f.request_ids:
        missing.append("Request id")
    out += [f"- {when}: {what}" for when, what in f.timeline]
    out.append(f"- failed restart times: {blank('exact times of failed restarts, with timezone')}" if not any("restart" in t for t in f.tried)
               else "- failed restarts: see Already tried")
    if f.abuse:
        out += ["", "## Runtime moderation fields", ""] + [f"- `abuse.{k}`: {v}" for k, v in f.abuse]
    if f.error_message and "\n" in f.error_message:
        out += ["", "## Runtime errorMessage", ""] + _code(f.error_message)
    for label, status, text in (("Build log", f.build_log_status, f.build_log_excerpt), ("Container log", f.run_log_status, f.run_log_excerpt)):
        out += ["", f"## {label}", "", f"Status: {status or blank(label.lower() + ' status: empty, only Build Queued, or has output')}"]
        if status is None:
            missing.append(f"{label} status")
        if text:
            out += ["", "Last lines:", ""] + _code(text)
    if f.readme_yaml:
        out += ["", "## README YAML", ""] + _code(f.readme_yaml)
    return out


def _checklist(route: Route, top: Hypothesis, f: ReportFacts, cause: str) -> list[str]:
    if route is Route.NOTHING:
        return ["Nothing to report: " + cause + ".", "",
                "- Sleeping: open the Space page or its *.hf.space URL; the visit wakes it.",
                "- Paused by you: Settings -> Restart this Space.",
                "- To sleep less: Settings -> Sleep time (paid hardware).", ""]
    out = [f"No support ticket: {cause}. Support cannot change your Dockerfile or code; these steps can.", "", "## Checklist", ""]
    out += [f"- [ ] {s}" for s in top.next_steps] or ["- [ ] Read the last lines of the logs below and fix the first error."]
    if top.avoid:
        out += ["", "## Avoid", ""] + [f"- {a}" for a in top.avoid]
    if top.evidence_for:
        out += ["", "## Evidence", ""] + [f"- {e}" for e in top.evidence_for]
    for label, text in (("Build log", f.build_log_excerpt), ("Container log", f.run_log_excerpt)):
        if text:
            out += ["", f"## {label} (last lines)", ""] + _code(text)
    return out


def _notes(route: Route, top: Hypothesis, f: ReportFacts) -> list[str]:
    out = ["", "---", "", f"Why this route: {WHY[route]}"]
    if top.confidence is Confidence.INFERRED and route not in (Route.SELF_FIX, Route.NOTHING, Route.NEEDS_EVIDENCE):
        out.append("The cause above is inferred from a pattern, not stated by the platform; keep the wording as it is.")
    notes = list(dict.fromkeys(f.unavailable))
    if notes:
        out += ["", "Not checked:"] + [f"- {n}" for n in notes]
    if route not in (Route.SELF_FIX, Route.NOTHING, Route.NEEDS_EVIDENCE):
        out += ["", "Before sending: fill in every <fill in: ...> and never paste tokens, passwords or full environment dumps."]
    return out


def _evidence_head(d: Diagnosis) -> str | None:
    from spacemedic.render.evidence import evidence_lines

    lines = evidence_lines(d.evidence)
    if not lines:
        return None
    return lines[0] + "".join(f"; {line.strip()}" for line in lines[1:] if not line.strip().startswith("only the stage"))


def render_markdown(d: Diagnosis, f: ReportFacts) -> str:
    r = compose(d, f)
    ev = _evidence_head(d)
    head = f"**To:** {r.to}  \n**Route:** {r.route.value}" + (f"  \n**{ev.split(':', 1)[0]}:**{ev.split(':', 1)[1]}" if ev else "")
    return f"# {r.subject}\n\n{head}\n\n{r.body}"


_MD = re.compile(r"\*\*|`|^#+ ", re.M)


def render_text(d: Diagnosis, f: ReportFacts) -> str:
    r = compose(d, f)
    body = _MD.sub("", r.body.replace("  \n", "\n"))
    ev = _evidence_head(d)
    return f"To: {r.to}\nSubject: {r.subject}\n" + (f"{ev}\n" if ev else "") + f"\n{body}"


def render_json(d: Diagnosis, f: ReportFacts) -> str:
    r = compose(d, f)
    top = _top(d)
    data: dict[str, Any] = {
        "schema": SCHEMA, "route": r.route.value, "to": r.to, "subject": r.subject,
        "bucket": None if r.route is Route.NEEDS_EVIDENCE else top.bucket.value,
        "confidence": None if r.route is Route.NEEDS_EVIDENCE else top.confidence.value, "missing": list(r.missing),
        "body_markdown": r.body, "facts": f.to_dict(), "diagnosis": d.to_dict(),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


RENDERERS = {"markdown": render_markdown, "text": render_text, "json": render_json}
