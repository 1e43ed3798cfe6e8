from __future__ import annotations

from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext
from spacemedic.space.servers import LOOPBACK_NAMES
from spacemedic.space.streamlit_config import PATH, read_streamlit_config


class StreamlitConfigOverridesPort(Rule):
    """`.streamlit/config.toml` moves the port or address in a Streamlit SDK Space.

    What it does
    In a Space with `sdk: streamlit`, reads the `[server]` table of `.streamlit/config.toml`
    and fires when it sets a `port` other than 8501 or a loopback `address`.

    Why is this bad?
    In a Streamlit SDK Space the Hub starts Streamlit and expects it on the default port; the
    Hub documentation says the default port must not be overridden there. A config file
    written for local development can move the server where the Hub does not look.

    Example
        [server]
        port = 8080

    Fix
    Remove `port` and `address` from `[server]` (keep other settings such as `headless`).
    In a Docker Space these settings are fine as long as `app_port` matches.
    """

    code = "SM303"
    name = "streamlit-config-overrides-port"
    category = Category.STREAMLIT_CONFIG
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if ctx.sdk != "streamlit":
            return
        conf = read_streamlit_config(ctx.repo)
        if conf is None:
            return
        if conf.port is not None and str(conf.port) != "8501":
            yield self.finding(
                f"{PATH} sets [server] port = {conf.port}; in a streamlit SDK Space the Hub expects the "
                "default port 8501",
                path=PATH, line=conf.port_line,
                evidence=(f"{PATH} line {conf.port_line}: port = {conf.port}", "README sdk: streamlit"),
                fix="Delete the `port` line from [server] in .streamlit/config.toml.",
            )
        if conf.address is not None and conf.address.strip().lower() in LOOPBACK_NAMES:
            yield self.finding(
                f"{PATH} sets [server] address = {conf.address}, so Streamlit accepts connections from "
                "inside the container only",
                path=PATH, line=conf.address_line,
                evidence=(f"{PATH} line {conf.address_line}: address = {conf.address}",),
                fix="Delete the `address` line from [server] (or set it to 0.0.0.0).",
            )
