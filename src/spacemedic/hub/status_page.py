"""Reading status.huggingface.co (Better Stack's `index.json`, a JSON:API document) (pure).

What counts, per Better Stack's documented shape (docs/uptime/api/status-page-reports-api-response-params):
- the page's own `aggregate_state` (`operational | degraded | downtime | maintenance`);
- every resource (`status_page_resource`) that is not operational, whatever its name: a Spaces
  outage is not always filed under a component called "Spaces" (Hub API, Git hosting, CDN ...);
  only resources of other products (Inference Endpoints, Inference API) are left out;
- open reports: an incident (`report_type` manual/automatic) is open while its `aggregate_state`
  is not operational; `ends_at` is only set for maintenance, so an empty `ends_at` says nothing
  about an incident. A maintenance is open between its `starts_at` and `ends_at`.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Mapping

NOT_OPERATIONAL = frozenset({"degraded", "downtime", "maintenance"})
# Resources of products a Space does not run on: their outages say nothing about Spaces.
_UNRELATED = ("inference endpoints", "inference api", "hf endpoints", "inference providers")
MAX_RESOURCES = 60


def _attrs(item: Any) -> Mapping[str, Any]:
    attrs = item.get("attributes") if isinstance(item, Mapping) else None
    return attrs if isinstance(attrs, Mapping) else {}


def _when(text: Any) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def related(name: str) -> bool:
    """Whether a status page resource could bear on a Space."""
    low = name.lower()
    return not any(word in low for word in _UNRELATED)


def report_is_open(attrs: Mapping[str, Any], now: datetime) -> bool:
    """An incident is open until resolved; a maintenance while now is within its window."""
    kind = str(attrs.get("report_type") or "manual").lower()
    state = str(attrs.get("aggregate_state") or "").lower()
    if kind == "maintenance":
        start, end = _when(attrs.get("starts_at")), _when(attrs.get("ends_at"))
        return (start is None or start <= now) and (end is None or now < end)
    if state in ("operational", "resolved"):
        return False
    affected = attrs.get("affected_resources")
    if isinstance(affected, list) and affected and all(
        isinstance(a, Mapping) and str(a.get("status", "")).lower() == "resolved" for a in affected
    ):
        return False
    start = _when(attrs.get("starts_at"))
    return start is None or start <= now


def parse_status_page(doc: Any, now: datetime | None = None) -> dict[str, Any]:
    """The bundle's `status_page` value: page state, every resource's status, open reports."""
    now = now or datetime.now(timezone.utc)
    data = doc.get("data") if isinstance(doc, Mapping) else None
    page = _attrs(data)
    included = doc.get("included") if isinstance(doc, Mapping) else None
    items = included if isinstance(included, list) else []
    components: dict[str, str] = {}
    reports: list[str] = []
    for item in items:
        if not isinstance(item, Mapping):
            continue
        attrs = _attrs(item)
        if item.get("type") == "status_page_resource":
            name = str(attrs.get("public_name") or attrs.get("resource_name") or item.get("id") or "?")
            if len(components) < MAX_RESOURCES:
                components[name] = str(attrs.get("status") or "unknown")
        elif item.get("type") == "status_report" and report_is_open(attrs, now):
            kind = str(attrs.get("report_type") or "manual").lower()
            title = str(attrs.get("title") or "untitled report")
            reports.append(f"maintenance: {title}" if kind == "maintenance" else title)
    state = page.get("aggregate_state")
    return {"aggregate_state": str(state) if state is not None else None, "components": components,
            "open_reports": reports}


def shows_incident(status_page: Mapping[str, Any]) -> bool:
    """Whether a parsed status page says something is wrong on the platform's side."""
    raw = status_page.get("components")
    components = raw if isinstance(raw, Mapping) else {}
    down = {str(n) for n, s in components.items() if str(s).lower() in NOT_OPERATIONAL}
    if any(related(n) for n in down) or status_page.get("open_reports"):
        return True
    # The page's own state counts unless every resource that is down belongs to another product.
    page_state = str(status_page.get("aggregate_state") or "").lower()
    return page_state in ("degraded", "downtime") and not (down and not any(related(n) for n in down))
