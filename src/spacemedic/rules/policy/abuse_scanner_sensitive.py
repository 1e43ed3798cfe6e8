from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.policy._components import COMPONENTS, SCANNED_NAMES, SCANNED_SUFFIXES, may_match
from spacemedic.rules.textfiles import note_skipped, select_text_files
from spacemedic.space.context import SpaceContext

_COMMENT = ("#", "//", "REM ", "rem ")
MAX_FINDINGS = 30


def _scanned(path: str) -> bool:
    name = path.rpartition("/")[2]
    dot = name.rfind(".")
    suffix = name[dot:].lower() if 0 < dot < len(name) - 1 else ""
    if suffix in (".md", ".ipynb", ".html", ".lock"):
        return False
    return (
        name in SCANNED_NAMES
        or name.startswith(
            ("Dockerfile", "requirements", "docker-compose", "compose", "supervisord", "entrypoint")
        )
        or suffix in SCANNED_SUFFIXES
    )


class AbuseScannerSensitive(Rule):
    """The Space installs or runs a component that automated abuse scanners flag.

    What it does
    Looks in the Dockerfile, shell scripts, Python/JS code, dependency files (requirements,
    packages.txt, package.json, pyproject.toml) and service configurations (compose,
    supervisord, `.conf`/`.ini`/`.service`), not in comments, README prose or data files, for tunnels (cloudflared, ngrok, localtunnel, frp), remote
    shells and desktops (ttyd, gotty, VNC, noVNC, code-server), proxies (V2Ray, Xray, trojan,
    Shadowsocks, ...), SearXNG and crypto miners. The table is data: rules/policy/_components.py.

    Why is this bad?
    The Hub's automated abuse handler pauses Spaces that run such components, often without
    a clear message: the runtime shows PAUSED and "Flagged as abusive", with a reason like
    "Blocked by abuse-handler by rule: Cloudflared". Restart and factory rebuild then fail,
    and removing the file does not lift the lock by itself. Legitimate uses get flagged too.

    Example
        RUN curl -fsSL "$CLOUDFLARED_URL" -o /usr/local/bin/cloudflared
        CMD cloudflared tunnel --url http://localhost:7860 & python app.py

    Fix
    Serve the app on `app_port` through the Space's own URL instead of a tunnel or proxy, and
    drop remote shells. If a legitimate Space was paused, email website@huggingface.co with
    the Space URL, the runtime output and what the component is for.
    """

    code = "SM250"
    name = "abuse-scanner-sensitive"
    category = Category.POLICY
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        sel = select_text_files(ctx, max_file=262_144, max_total=8_000_000, max_files=3_000, wanted=_scanned)
        paths = sel.paths
        note_skipped(ctx, "policy scan", sel, max_file=262_144)
        emitted = 0
        for path in paths:
            text = ctx.repo.text(path)
            if not text or not may_match(text):
                continue  # a substring pass rejects almost every file; lines are examined only on a hit
            seen: set[str] = set()
            for number, line in enumerate(text.splitlines(), start=1):
                stripped = line.lstrip()
                if not stripped or stripped.startswith(_COMMENT) or len(stripped) > 4000:
                    continue
                for comp in COMPONENTS:
                    if comp.name in seen:
                        continue
                    match = comp.pattern.search(stripped)
                    if match is None:
                        continue
                    seen.add(comp.name)
                    emitted += 1
                    yield self.finding(
                        f"{path}:{number} uses {comp.name}, which {comp.why}; the Hub's abuse scanner "
                        'may pause the Space ("Blocked by abuse-handler by rule: ...")',
                        path=path,
                        line=number,
                        evidence=(f"{path}:{number}: {stripped[:160]}", f"matched {match.group(0)!r}"),
                        fix=(
                            f"Remove {comp.name} and serve the app on app_port through the Space URL; if the "
                            "Space is legitimate and gets paused, email website@huggingface.co with its URL "
                            "and runtime output."
                        ),
                    )
                    if emitted >= MAX_FINDINGS:
                        return
