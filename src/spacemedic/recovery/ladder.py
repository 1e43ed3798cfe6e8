"""The recovery ladder per cause, as data: which Hub actions may help, in what order, and which
must never be taken. Read with the taxonomy (../shared/knowledge/taxonomy.md): a rung is here only
where public cases show it can unstick that kind of failure; every rung is taken at most once.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from spacemedic.models import Bucket as B


class Action(str, enum.Enum):
    """What `spacemedic fix` can do to a Space. Nothing else is ever sent."""

    RESTART = "restart"
    FACTORY_REBUILD = "factory-rebuild"
    NOOP_COMMIT = "no-op-commit"
    WAKE = "wake"

    @property
    def mutates(self) -> bool:
        """A wake is a GET of the Space's own URL, as any visitor's; the rest change the Space."""
        return self is not Action.WAKE


WHAT = {
    Action.RESTART: "restart the Space (POST /restart): a new container from the current image",
    Action.FACTORY_REBUILD: "factory rebuild (POST /restart?factory=true): rebuild the image from scratch",
    Action.NOOP_COMMIT: "push one commit that changes one line of one file, to see whether a commit dispatches a build",
    Action.WAKE: "open the Space's direct URL once, as a visitor would, to wake it",
}
COST = {
    Action.RESTART: "the Space is unavailable while it restarts",
    Action.FACTORY_REBUILD: "drops the build cache: the next build installs everything again and takes longer",
    Action.NOOP_COMMIT: "adds a commit to the Space's history (it is never force-pushed or removed)",
    Action.WAKE: "none",
}


class After(str, enum.Enum):
    """What comes when the ladder is used up (or when it has no rung)."""

    REPORT = "report"  # write to support with the record of what was tried
    FIX_LIST = "fix-list"  # the fix is in the repository: the findings and log lines that say what
    WATCH = "watch"  # nothing to do but wait: watch the Space and the status page
    NOTHING = "nothing"  # nothing is wrong


@dataclass(frozen=True)
class Ladder:
    steps: tuple[Action, ...]
    why: str
    never: tuple[str, ...]
    after: After
    needs: str | None = None  # an explicit owner statement that unlocks the steps (a CLI flag)


_APP_NEVER = ("Blind restarts before the code is fixed: the same image fails the same way.",
              "Empty commits: they rebuild the same broken code.")
_APP = Ladder(
    steps=(Action.RESTART,),
    why="The cause is in the Space's own code or settings: a restart helps only once the fix is pushed.",
    never=_APP_NEVER,
    after=After.FIX_LIST,
    needs="fix_pushed",
)

LADDERS: dict[B, Ladder] = {
    B.BUILDER_OR_SCHEDULER_STUCK: Ladder(
        steps=(Action.RESTART, Action.FACTORY_REBUILD, Action.NOOP_COMMIT),
        why="The build job is not being dispatched: a restart, then a factory rebuild, then one fresh "
            "commit are what can get a new job scheduled; after that only Hugging Face can look.",
        never=("More than one no-op commit: each one blurs the timeline support reads.",
               "Duplicate Spaces: they add noise when the cause is account- or builder-side."),
        after=After.REPORT,
    ),
    B.LIFECYCLE_STUCK_STATE: Ladder(
        steps=(Action.RESTART, Action.FACTORY_REBUILD),
        why="The Space record is wedged between states: a restart or factory rebuild can move it; "
            "code changes cannot.",
        never=("Commits or code changes: the app is not what is stuck.",),
        after=After.REPORT,
    ),
    B.PLATFORM_INCIDENT: Ladder(
        steps=(),
        why="The platform itself is failing: acting on the Space adds noise and cannot help.",
        never=("Restarts, rebuilds or commits during an incident.",),
        after=After.WATCH,
    ),
    B.MODERATION_LOCK: Ladder(
        steps=(),
        why="An abuse or policy mechanism holds the Space: restarts fail until Hugging Face reviews it.",
        never=("Restarts, rebuilds, commits or deleting files to get past the flag.", "Duplicating the Space."),
        after=After.REPORT,
    ),
    B.REPO_STORAGE_LIMIT: Ladder(
        steps=(),
        why="The repository is over its storage limit: only moving large files out of it helps.",
        never=("Restarts: the repository is still too large to clone.",),
        after=After.FIX_LIST,
    ),
    B.HARDWARE_CAPACITY: Ladder(
        steps=(),
        why="No hardware of the requested kind is free: it needs time or another tier (your choice; "
            "spacemedic never changes hardware).",
        never=("Changing dependencies or code.",),
        after=After.FIX_LIST,
    ),
    B.NORMAL_SLEEP_OR_PAUSE: Ladder(
        steps=(Action.WAKE, Action.RESTART),
        why="Nothing is broken: the Space sleeps or its owner paused it.",
        never=("A support ticket.",),
        after=After.NOTHING,
        needs="wake",
    ),
    B.OTHER: Ladder(
        steps=(),
        why="The cause is not one spacemedic knows how to act on.",
        never=(),
        after=After.REPORT,
    ),
}
for _bucket in (B.CONFIG_ERROR_YAML, B.DEPENDENCY_INSTALL_FAILURE, B.APT_PACKAGE_FAILURE, B.DOCKERFILE_BUILD_FAILURE,
                B.APP_CRASH_AT_STARTUP, B.PORT_OR_BIND_MISMATCH, B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, B.OUT_OF_MEMORY,
                B.PERMISSION_OR_FILESYSTEM, B.MISSING_SECRET_OR_ENV):
    LADDERS[_bucket] = _APP
