"""Who a report goes to and how it names the problem, per bucket and confidence. Data only.

Wording follows the evidence: a STATED cause is named ("the runtime reports ..."); an INFERRED
one only resembles a known pattern. Never "I was banned" or "your builder is broken" from a guess.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from spacemedic.models import Bucket, Confidence

SUPPORT_EMAIL = "website@huggingface.co"
CONTENT_POLICY = "https://huggingface.co/content-policy"
FORUM = "https://discuss.huggingface.co/c/spaces/24"
STATUS_PAGE = "https://status.huggingface.co"


class Route(str, enum.Enum):
    SUPPORT = "support-email"  # Hugging Face support looks at the backend state
    CONTENT_POLICY = "content-policy"  # a stated moderation decision: the contest route
    INCIDENT = "forum-and-status"  # platform-wide: follow the status page, report on the forum
    SELF_FIX = "self-fix"  # the fix is in the repo: no ticket, a checklist
    NOTHING = "nothing-to-report"  # sleeping or paused by its owner
    NEEDS_EVIDENCE = "needs-evidence"  # too little evidence to name any cause: collect first


@dataclass(frozen=True)
class Phrase:
    stated: str  # the platform's own message names this cause
    inferred: str  # only the pattern of evidence points here


PHRASES: dict[Bucket, Phrase] = {
    Bucket.PLATFORM_INCIDENT: Phrase("this matches an open platform incident", "this resembles a platform-side incident (several Spaces or users are affected)"),
    Bucket.BUILDER_OR_SCHEDULER_STUCK: Phrase("the build job fails on the platform side", "it looks as if the build is never dispatched (no build output), so the repository is probably not at fault"),
    Bucket.LIFECYCLE_STUCK_STATE: Phrase("the Space record reports a stuck state", "it looks as if the Space is stuck between lifecycle states"),
    Bucket.MODERATION_LOCK: Phrase("the runtime reports an automated abuse flag", "this resembles public false-positive moderation-lock cases; it is not confirmed"),
    Bucket.REPO_STORAGE_LIMIT: Phrase("the repository is over its storage limit", "this may be a repository storage or clone problem"),
    Bucket.HARDWARE_CAPACITY: Phrase("the scheduler reports no free hardware", "this may be a hardware capacity problem"),
    Bucket.CONFIG_ERROR_YAML: Phrase("the Space configuration cannot be read", "the Space configuration looks incomplete"),
    Bucket.DEPENDENCY_INSTALL_FAILURE: Phrase("Python packages fail to install or import", "this is likely a Python dependency problem"),
    Bucket.APT_PACKAGE_FAILURE: Phrase("a Debian package fails to install", "this is likely a Debian package problem"),
    Bucket.DOCKERFILE_BUILD_FAILURE: Phrase("a Dockerfile step fails", "this is likely a Dockerfile step failing"),
    Bucket.APP_CRASH_AT_STARTUP: Phrase("the app exits with an error at start-up", "this is likely the app crashing at start-up"),
    Bucket.PORT_OR_BIND_MISMATCH: Phrase("the app does not listen where the proxy looks", "this is likely a port or bind-address mismatch"),
    Bucket.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD: Phrase("start-up exceeds the allowed time", "this is likely a start-up slower than the timeout"),
    Bucket.OUT_OF_MEMORY: Phrase("the container exceeds its memory", "this is likely running out of memory"),
    Bucket.PERMISSION_OR_FILESYSTEM: Phrase("the app writes where it may not", "this is likely a permission or disk problem"),
    Bucket.MISSING_SECRET_OR_ENV: Phrase("a required secret or variable is missing", "this is likely a missing secret or variable"),
    Bucket.NORMAL_SLEEP_OR_PAUSE: Phrase("the Space is asleep or paused by its owner", "the Space seems asleep or paused"),
    Bucket.OTHER: Phrase("the platform message is not one spacemedic can classify", "no known pattern fits"),
}

TITLES: dict[Bucket, str] = {
    Bucket.PLATFORM_INCIDENT: "platform incident",
    Bucket.BUILDER_OR_SCHEDULER_STUCK: "builder or scheduler stuck",
    Bucket.LIFECYCLE_STUCK_STATE: "lifecycle stuck state",
    Bucket.MODERATION_LOCK: "moderation lock",
    Bucket.REPO_STORAGE_LIMIT: "repository storage limit",
    Bucket.HARDWARE_CAPACITY: "hardware capacity",
    Bucket.OTHER: "unclassified problem",
}


def route_for(bucket: Bucket, confidence: Confidence) -> Route:
    if bucket is Bucket.NORMAL_SLEEP_OR_PAUSE:
        return Route.NOTHING
    if bucket is Bucket.PLATFORM_INCIDENT:
        return Route.INCIDENT
    if bucket is Bucket.MODERATION_LOCK and confidence is Confidence.STATED:
        return Route.CONTENT_POLICY
    if bucket.hf_side or bucket is Bucket.OTHER:
        return Route.SUPPORT
    return Route.SELF_FIX


ADDRESSEE: dict[Route, str] = {
    Route.SUPPORT: SUPPORT_EMAIL,
    Route.CONTENT_POLICY: f"{SUPPORT_EMAIL} (a moderation decision can also be contested as described in {CONTENT_POLICY})",
    Route.INCIDENT: f"nobody yet: follow {STATUS_PAGE}; if it stays green, post on {FORUM}",
    Route.SELF_FIX: "nobody: support cannot fix a repository; the checklist below is the way out",
    Route.NOTHING: "nobody: nothing is broken",
    Route.NEEDS_EVIDENCE: "nobody yet: collect the evidence below first",
}

WHY: dict[Route, str] = {
    Route.SUPPORT: "Only Hugging Face can see the builder queue, the lifecycle record and backend errors; more commits only blur the timeline.",
    Route.CONTENT_POLICY: "The platform's own runtime message names an abuse flag. Ask for a review with evidence of what the Space does; do not delete files at random or create duplicates.",
    Route.INCIDENT: "When many Spaces fail at once, changing the repository does not help. Record the times, wait, and report on the forum with the evidence below.",
    Route.SELF_FIX: "The evidence points at the repository or its settings, which only the owner can change.",
    Route.NOTHING: "A sleeping Space wakes when someone visits it; a Space paused by its owner starts again with Restart in Settings.",
    Route.NEEDS_EVIDENCE: "No cause is supported by what was read; a request that names one would mislead whoever reads it.",
}

# Fields support needs; (key in ReportFacts, label, what to fill in when unknown).
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("space_url", "Space URL", "https://huggingface.co/spaces/OWNER/SPACE"),
    ("account", "Account / namespace", "your Hugging Face username or organisation"),
    ("sdk", "SDK", "the `sdk:` value of README.md"),
    ("hardware_requested", "Hardware (requested)", "the hardware tier in Settings"),
    ("hardware_current", "Hardware (running)", "what the runtime reports, or 'none'"),
    ("stage", "Runtime stage", "the stage from https://huggingface.co/api/spaces/OWNER/SPACE/runtime"),
    ("error_message", "Runtime errorMessage", "the `errorMessage` from the runtime API, or 'none'"),
    ("app_port", "README app_port", "app_port from README YAML (Docker Spaces; 7860 if absent)"),
    ("expose", "Dockerfile EXPOSE", "the EXPOSE line of the Dockerfile, if any"),
    ("start_command", "Start command", "CMD / ENTRYPOINT, or the app file"),
    ("listening", "Where the app says it listens", "the log line that shows the server address"),
    ("direct_url", "Direct *.hf.space URL", "what https://SUBDOMAIN.hf.space answers (status code, page)"),
    ("status_page", "Status page", "what https://status.huggingface.co shows"),
    ("latest_commit", "Latest commit", "the newest commit sha"),
    ("running_commit", "Commit running", "the sha the runtime serves, or 'not running'"),
    ("last_working_commit", "Last known working commit", "the last commit sha that worked, and when"),
    ("other_spaces", "Other Spaces", "whether your other Spaces are affected"),
)
