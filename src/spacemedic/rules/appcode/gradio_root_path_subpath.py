from __future__ import annotations

from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.appcode._calls import imports_module, startup_calls
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext

_PROXY_FILES = ("nginx", "caddy", ".conf", "traefik", "haproxy")


class GradioRootPathSubpath(Rule):
    """Gradio is told it is served under a sub-path, but the Space serves it at `/`.

    What it does
    Finds `launch(root_path="/something")` (or `gr.mount_gradio_app(..., root_path=...)`) with
    a literal sub-path, in a Space with no reverse-proxy configuration that mentions that path.

    Why is this bad?
    The Hub forwards requests to the app at `/`. With a `root_path`, Gradio writes that prefix
    into the URLs of its assets and API calls, which then point at paths nothing serves: the
    page loads blank or spins forever although the server is up.

    Example
        demo.launch(root_path="/gradio")

    Fix
    Remove `root_path`, or serve the app behind a proxy (nginx, Caddy) that routes that prefix.
    """

    code = "SM653"
    name = "gradio-root-path-subpath"
    category = Category.APP_CODE
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if ctx.sdk not in ("gradio", "docker"):
            return
        for path, py, call in startup_calls(ctx):
            if call.short not in ("launch", "mount_gradio_app") or not imports_module(py, "gradio"):
                continue
            value = call.kwarg("root_path")
            if not value or value.strip() in ("", "/") or "://" in value:
                continue
            prefix = value.strip().rstrip("/")
            if self._proxied(ctx, prefix):
                continue
            yield self.finding(
                f"Gradio is launched with root_path={value!r}, but the Space serves the app at `/` and nothing "
                f"here routes {prefix}: the page's assets and API calls will point at paths that do not exist",
                path=path, line=call.line,
                evidence=(f"{path} line {call.line}: {call.name}(root_path={value!r})",),
                fix="Remove root_path (the Hub already serves the app at the Space URL), or add a proxy that routes that prefix.",
            )

    @staticmethod
    def _proxied(ctx: SpaceContext, prefix: str) -> bool:
        for f in ctx.repo.files:
            low = f.path.lower()
            if f.size > 200_000 or not any(k in low for k in _PROXY_FILES):
                continue
            text = ctx.repo.text(f.path) or ""
            if prefix in text:
                return True
        df = ctx.dockerfile
        return df is not None and ("nginx" in df.text or "caddy" in df.text.lower()) and prefix in df.text
