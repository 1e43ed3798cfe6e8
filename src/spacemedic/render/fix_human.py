"""`spacemedic fix` for a person: the causes in brief, the plan, and how it ended. Pure."""

from __future__ import annotations

from spacemedic.recovery.ladder import After
from spacemedic.recovery.models import FixOutcome, Plan
from spacemedic.models import Diagnosis

_AFTER = {
    After.REPORT: "If the Space is still stuck after these steps, only Hugging Face can look: the support request is drafted below.",
    After.FIX_LIST: "The fix is in the repository: see the findings and log lines above (spacemedic diagnose, spacemedic lint).",
    After.WATCH: "Wait and watch: spacemedic watch SPACE records when it recovers; the status page says when the incident ends.",
    After.NOTHING: "Nothing is broken.",
}


def render_plan(diagnosis: Diagnosis, plan: Plan) -> str:
    lines = [f"spacemedic fix {plan.space}", ""]
    for h in diagnosis.backed[:3]:
        lines.append(f"  {round(h.likelihood * 100):>3} %  {h.bucket.value.replace('_', ' ')} ({h.confidence.value})"
                     + ("" if h.direct_evidence else ", from the stage's base rate alone"))
    if not diagnosis.hypotheses:
        lines.append("  not enough evidence to name a cause")
    lines += ["", f"Plan: {plan.summary}"]
    for i, step in enumerate(plan.steps, 1):
        if step.skipped:
            lines.append(f"  {i}. {step.action.value}: not taken ({step.skipped})")
        else:
            lines.append(f"  {i}. {step.action.value}: {step.what}")
            lines.append(f"     cost: {step.cost}")
    if not plan.steps:
        lines.append("  no action on the Hub can help with this cause")
    if plan.never:
        lines.append("Never here:")
        lines += [f"  - {n}" for n in plan.never]
    if plan.refused:
        lines.append(f"Nothing will be changed: {plan.refused}.")
    lines.append(_AFTER[plan.after])
    return "\n".join(lines) + "\n"


def render_outcome(outcome: FixOutcome) -> str:
    lines = []
    for a in outcome.attempts:
        rid = f", request id {a.request_id}" if a.request_id else ""
        lines.append(f"  {a.action.value}: {a.result.value}{rid}" + (f" (now {a.stage_after})" if a.stage_after else ""))
    lines.append(f"{outcome.ending.value}: {outcome.message}")
    return "\n".join(lines) + "\n"
