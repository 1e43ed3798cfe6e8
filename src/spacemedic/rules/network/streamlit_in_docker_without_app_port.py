from __future__ import annotations

from collections.abc import Iterator

from spacemedic.fixes.edits import insert_front_matter_line
from spacemedic.models import Applicability, Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.network._chain import certainty, evidence, hub_side, listens, location
from spacemedic.space.context import SpaceContext


class StreamlitInDockerWithoutAppPort(Rule):
    """A Docker Space runs Streamlit on its default port 8501 but does not set `app_port`.

    What it does
    Fires when the server a Docker Space starts is `streamlit run` listening on 8501 (no
    `--server.port`, no `STREAMLIT_SERVER_PORT`, no `.streamlit/config.toml` port) while the
    README has no `app_port`, so the Hub routes to 7860.

    Why is this bad?
    Streamlit Spaces are now created from the Docker template, and the Hub routes Docker
    Spaces to 7860 unless told otherwise. Streamlit logs "You can now view your Streamlit app"
    and the Space still never becomes reachable.

    Example
    `CMD ["streamlit", "run", "app.py"]` with a README that says only `sdk: docker`.

    Fix
    Add `app_port: 8501` to the README front matter, or start Streamlit with
    `--server.port=7860 --server.address=0.0.0.0`.
    """

    code = "SM302"
    name = "streamlit-in-docker-without-app-port"
    category = Category.PORT
    severity = Severity.ERROR
    fix_applicability = Applicability.SAFE

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        c = ctx.contract
        if c.sdk.value != "docker" or c.routed_port_explicit or not c.listeners:
            return
        main = c.main
        if main is None or main.server != "streamlit" or main.port_int != 8501 or not main.port.resolved:
            return
        if any(l.port_int == c.routed_port.value for l in c.listeners):
            return
        path, line = location(c, main)
        yield self.finding(
            f"{hub_side(c)} but {listens(main)}: a Docker Space running Streamlit needs `app_port: 8501`",
            path=path,
            line=line,
            severity=certainty(c, c.routed_port, main.port),
            evidence=evidence(c, main),
            fix="Add `app_port: 8501` to the README front matter (or run streamlit with --server.port=7860).",
            edits=(insert_front_matter_line(ctx.repo, "app_port: 8501"),),
        )
