"""Valid values of the Space configuration, from the Hub's config reference (hf-platform.md §5)."""

from __future__ import annotations

SDKS = ("gradio", "docker", "static", "streamlit")
COLORS = ("red", "yellow", "green", "blue", "indigo", "purple", "pink", "gray")
HARDWARE = (
    "cpu-basic",
    "cpu-upgrade",
    "t4-small",
    "t4-medium",
    "l4x1",
    "l4x4",
    "l40sx1",
    "l40sx4",
    "l40sx8",
    "a10g-small",
    "a10g-large",
    "a10g-largex2",
    "a10g-largex4",
    "a100-large",
    "a100x4",
    "a100x8",
    "zero-a10g",
    "rtx-pro-6000",
    "rtx-pro-6000x2",
    "rtx-pro-6000x4",
    "rtx-pro-6000x8",
)  # fmt: skip  (huggingface_hub 2.4.0 SpaceHardware + the config reference)
RETIRED_HARDWARE = ("v5e-1x1", "v5e-2x2", "v5e-2x4", "cpu-xl", "zerogpu")
OAUTH_SCOPES = (
    "openid", "profile", "email", "read-billing", "read-memberships", "read-repos", "gated-repos",
    "contribute-repos", "write-repos", "manage-repos", "read-collections", "write-collections",
    "inference-api", "read-endpoints", "write-endpoints", "jobs", "webhooks", "write-discussions",
)  # fmt: skip
CUSTOM_HEADERS = {
    "cross-origin-embedder-policy": ("unsafe-none", "require-corp", "credentialless"),
    "cross-origin-opener-policy": ("same-origin", "same-origin-allow-popups", "unsafe-none"),
    "cross-origin-resource-policy": ("same-site", "same-origin", "cross-origin"),
}
DEFAULT_APP_FILE = {"gradio": "app.py", "streamlit": "app.py", "static": "index.html"}
SHORT_DESCRIPTION_MAX = 60


def closest(value: str, choices: tuple[str, ...]) -> str | None:
    """The valid choice a typo most likely meant, if any."""
    import difflib

    found = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.6)
    return found[0] if found else None
