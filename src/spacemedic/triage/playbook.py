"""What to do, and what not to do, per bucket (the taxonomy's next step / avoid), as data.

Summaries come in two voices: `stated` when the platform names the cause, `inferred` as a
resemblance. HF-side buckets end with the support route; app-side ones are fixed in the repo.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacemedic.models import Bucket as B

SUPPORT = (
    "If it persists, email website@huggingface.co with the evidence: Space URL, request id, "
    "timestamps with timezone, runtime output, build/run log status, SDK, hardware, last working commit "
    "(never paste tokens or secrets)."
)
NO_SECRETS = "Posting tokens, secrets or full environment dumps in a public report."


@dataclass(frozen=True)
class Play:
    title: str
    stated: str
    inferred: str
    next_steps: tuple[str, ...]
    avoid: tuple[str, ...]


PLAYBOOK: dict[B, Play] = {
    B.PLATFORM_INCIDENT: Play(
        "platform incident",
        "The platform reports an incident affecting Spaces.",
        "Resembles a platform-side incident or transient infrastructure problem rather than a fault in this Space.",
        ("Check https://status.huggingface.co/ (Spaces and Spaces Proxy components) and the forum.",
         "Wait, and record the times (with timezone) you saw the failure.",
         "If nothing is reported and it lasts, follow up on the status page / forum, then " + SUPPORT),
        ("Rewriting code or pushing fixes during an incident.",),
    ),
    B.BUILDER_OR_SCHEDULER_STUCK: Play(
        "build never dispatched / builder failure",
        "The platform reports that the build job failed on its side.",
        "Resembles a build job that is never dispatched (or a builder failure) on the platform side.",
        ("Try one factory rebuild (Settings).", "Push one small no-op commit and watch whether a build starts.",
         "Optionally duplicate the Space under a new name to see whether a fresh one builds.", SUPPORT),
        ("Many empty commits: they blur the timeline.", "Many duplicate Spaces."),
    ),
    B.LIFECYCLE_STUCK_STATE: Play(
        "Space record stuck between states",
        "The platform reports the Space is stuck between lifecycle states.",
        "Resembles a Space record wedged between states (lifecycle), above the app layer.",
        ("Probe the direct https://<subdomain>.hf.space URL and read the runtime API (stage, errorMessage).",
         "Note the request id shown by a failed restart.", SUPPORT),
        ("Code churn while the stage does not move.",
         "Assuming a port bug when the logs show the app listening on the right port."),
    ),
    B.MODERATION_LOCK: Play(
        "moderation / abuse lock",
        "The platform says the Space was flagged by its abuse/moderation mechanism.",
        "Resembles public cases where an automated abuse or policy mechanism paused the Space; "
        "only Hugging Face can tell from the inside.",
        ("Read the runtime API errorMessage and abuse fields to see what the platform recorded.",
         "Email website@huggingface.co with the Space URL, request id, runtime output, timestamps, and what the "
         "Space does (why it is not a proxy/tunnel/relay service).",
         "If Hugging Face confirms a moderation decision, use the contest route in the Content Policy."),
        ("Deleting random files.", "Creating duplicate Spaces.", "Calling it a confirmed ban before HF says so.",
         NO_SECRETS),
    ),
    B.REPO_STORAGE_LIMIT: Play(
        "repository over the storage limit",
        "The platform says the repository storage limit is reached.",
        "Resembles a repository that is too large (or too heavy in history) to be cloned.",
        ("Move weights and data to a model or dataset repo, or a storage bucket.",
         "Rewrite the history (or recreate the repo) so old large files go away.",
         "If the repo is small and cloning still fails, " + SUPPORT),
        ("Restarting repeatedly: the size does not change.",),
    ),
    B.HARDWARE_CAPACITY: Play(
        "no hardware capacity",
        "The scheduler says no hardware of the requested kind is available.",
        "Resembles a scheduling failure for lack of hardware capacity.",
        ("Retry later.", "Choose another hardware tier.", "If it lasts for days on common hardware, " + SUPPORT),
        ("Changing dependencies or code: the Space never got a machine.",),
    ),
    B.CONFIG_ERROR_YAML: Play(
        "configuration error",
        "The platform says the Space configuration is missing or invalid.",
        "Resembles a Space configuration (README front matter / app file) that the platform cannot use.",
        ("Fix the README YAML front matter (sdk, app_file, app_port, sdk_version, python_version).",
         "Add the app file (app.py by default) or set app_file; for Docker, put the Dockerfile at the root.",
         "Run `spacemedic lint` on the repo."),
        (),
    ),
    B.DEPENDENCY_INSTALL_FAILURE: Play(
        "Python dependency failure",
        "The platform reports a Python dependency failure.",
        "Resembles a Python dependency problem: packages that fail to install or no longer work together.",
        ("Pin the versions that worked in requirements.txt (and sdk_version / python_version).",
         "Reproduce locally in a clean virtualenv with the same Python.", "Run `spacemedic lint` on the repo."),
        (),
    ),
    B.APT_PACKAGE_FAILURE: Play(
        "Debian package failure",
        "The platform reports a Debian package installation failure.",
        "Resembles a Debian (apt) package that cannot be installed or is missing from the image.",
        ("Use current package names (e.g. libgl1 instead of libgl1-mesa-glx).",
         "Keep packages.txt to one plain package name per line.", "Build the image locally to check."),
        (),
    ),
    B.DOCKERFILE_BUILD_FAILURE: Play(
        "Dockerfile build failure",
        "The platform reports a Dockerfile build failure.",
        "Resembles a Dockerfile step that fails (missing COPY source, missing command, bad syntax or base image).",
        ("Build the Dockerfile locally (`docker build .`) and fix the failing step.",
         "Check that every COPY source is committed and not ignored.", "Run `spacemedic lint` on the repo."),
        (),
    ),
    B.APP_CRASH_AT_STARTUP: Play(
        "app crashes at start-up",
        "The platform reports the app exited with an error at start.",
        "Resembles the app crashing at start-up with an error in its own code or data.",
        ("Read the last traceback in the run log and fix it.", "Run the app locally with the same versions."),
        (),
    ),
    B.PORT_OR_BIND_MISMATCH: Play(
        "port or bind-address mismatch",
        "The platform reports the app is not reachable on its port.",
        "Resembles an app that runs but not where the proxy looks (another port, or 127.0.0.1).",
        ("Make README app_port, Dockerfile EXPOSE and the server's --port agree (7860 by default).",
         "Bind the server to 0.0.0.0, not 127.0.0.1/localhost.", "Run `spacemedic lint` on the repo."),
        (),
    ),
    B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD: Play(
        "start-up slower than allowed",
        "The platform reports the app did not become healthy in time.",
        "Resembles a start-up that takes longer than startup_duration_timeout (downloads, indexing, migrations).",
        ("Move downloads to build time (preload_from_hub or a build step).",
         "Start the server first and do slow work in the background.",
         "Raise startup_duration_timeout in the README if start-up is legitimately slow."),
        (),
    ),
    B.OUT_OF_MEMORY: Play(
        "out of memory",
        "The platform says the container exceeded its memory limit.",
        "Resembles the container running out of memory.",
        ("Use a smaller or quantized model, load lazily, free what you do not need.",
         "Choose hardware with more memory."),
        (),
    ),
    B.PERMISSION_OR_FILESYSTEM: Play(
        "permission or disk problem",
        "The platform reports the container's disk or file access failed.",
        "Resembles the app writing where the runtime user (uid 1000) may not, or filling the disk.",
        ("Write under $HOME or /tmp and set HF_HOME to a writable path.",
         "Follow the uid-1000 Dockerfile pattern (USER user, COPY --chown=user).",
         "Keep big data in a storage bucket, not the ephemeral disk."),
        (),
    ),
    B.MISSING_SECRET_OR_ENV: Play(
        "missing secret or variable",
        "The platform reports a missing secret or variable.",
        "Resembles a required secret or variable that is missing, stale or lacks access (e.g. a gated model).",
        ("Add the secret/variable in Settings -> Variables and secrets, then restart.",
         "For gated models, accept the terms with the token's account and use a token with read access."),
        ("Pasting the token into the repo or a public report.",),
    ),
    B.NORMAL_SLEEP_OR_PAUSE: Play(
        "sleeping or paused (normal)",
        "The Space is sleeping or was paused; nothing is broken.",
        "Resembles an ordinary sleep or owner pause; nothing looks broken.",
        ("Visit or restart the Space.", "Set a custom sleep time on paid hardware if it should stay up."),
        ("Filing a support ticket for an ordinary sleep or pause.",),
    ),
    B.OTHER: Play(
        "something else",
        "The platform names a cause outside the usual buckets (e.g. an account quota).",
        "Does not resemble any of the usual causes closely.",
        ("Collect the evidence (runtime output, logs, timestamps) and ask on the forum or support.",),
        (NO_SECRETS,),
    ),
}
