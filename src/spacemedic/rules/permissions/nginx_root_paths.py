from __future__ import annotations

import re
from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.permissions._state import ImageState, replay, words
from spacemedic.space.context import SpaceContext
from spacemedic.space.dockerfile import Dockerfile
from spacemedic.space.servers import base_image_command, image_name

UID_NOTE = "Spaces run the container as uid 1000 (hub docs, spaces-sdks-docker: 'The container runs with user ID 1000')"
# Where nginx writes at start-up when its configuration does not say otherwise. The official
# image is built with --http-*-temp-path=/var/cache/nginx/*_temp and `pid /var/run/nginx.pid`
# (docker-library nginx Dockerfile and nginx.conf); Debian/Ubuntu and Alpine packages use
# /var/lib/nginx/* and a pid file under /run (their nginx.conf; `nginx -V`). nginx creates the
# temp folders and writes the pid file before it listens ("Running nginx as a non-root user",
# nginx image docs: change the pid and temp paths to writable ones).
_OFFICIAL_TEMP, _DISTRO_TEMP, _PID_DIR = "/var/cache/nginx", "/var/lib/nginx", "/run"
_UNPRIVILEGED = ("nginxinc/nginx-unprivileged", "nginx/nginx-unprivileged", "bitnami/nginx")
_TEMP_DIRECTIVES = ("client_body_temp_path", "proxy_temp_path", "fastcgi_temp_path", "uwsgi_temp_path",
                    "scgi_temp_path")
_NGINX_WORD = re.compile(r"(?:^|[\s;&|\"'(=])(?:/usr/sbin/|/usr/local/sbin/|/usr/bin/)?nginx(?=$|[\s;&|\"')])", re.M)


class NginxRootOnlyPaths(Rule):
    """nginx starts with its stock pid and temp paths while the Space runs as uid 1000.

    What it does
    When a Docker Space starts nginx (its CMD, a start script or supervisord program it names,
    or the nginx image's own command), reads which nginx.conf is in force: a file of the
    repository copied over /etc/nginx/nginx.conf or passed with `-c`, else the image's stock
    one. It reports when the pid file or the temp folders nginx creates at start-up are left
    where only root can write (/var/cache/nginx or /var/lib/nginx, /run) and the Dockerfile
    does not hand them to the user (chown/chmod).

    Why is this bad?
    The stock configuration assumes nginx starts as root. As uid 1000 it stops at once with
    `mkdir() "/var/cache/nginx/client_temp" failed (13: Permission denied)` or
    `open() "/run/nginx.pid" failed`, so nothing listens and the Space never starts.

    Example
        FROM nginx:alpine
        RUN sed -i 's/listen       80;/listen 7860;/' /etc/nginx/conf.d/default.conf
        CMD ["nginx", "-g", "daemon off;"]

    Fix
    Start FROM nginxinc/nginx-unprivileged, or in your nginx.conf set `pid /tmp/nginx.pid;`
    and every `*_temp_path` under /tmp, or `chown -R 1000` the folders in the Dockerfile.
    """

    code = "SM464"
    name = "nginx-root-only-paths"
    category = Category.PERMISSIONS
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        df = ctx.dockerfile
        if df is None or df.error or not ctx.is_docker or df.final is None:
            return
        base = image_name(df.base_image)
        if base in _UNPRIVILEGED or not _starts_nginx(ctx, df):
            return
        command = " ".join(i.value for kw in ("CMD", "ENTRYPOINT") if (i := df.effective(kw)) is not None)
        if "-g" in command and ("pid " in command or "_temp_path" in command):
            return  # set on the command line: not read here
        if any(("/etc/nginx/nginx.conf" in i.value and re.search(r"\bpid\b|_temp_path", i.value))
               for s in df.stages for i in s.instructions if i.keyword == "RUN"):
            return  # the image's nginx.conf is rewritten by a RUN step: not read here
        conf_path, conf = _main_config(ctx, df, command)
        state = replay(df)
        temp_default = _OFFICIAL_TEMP if base == "nginx" else _DISTRO_TEMP
        blocked = _blocked_paths(state, conf, temp_default)
        if not blocked:
            return
        where = f"{conf_path}" if conf_path else f"the stock nginx.conf of {df.base_image}"
        yield self.finding(
            f"nginx starts as uid 1000 with {where}, which makes it write {', '.join(blocked)}: only root can "
            "write there, so nginx stops with \"Permission denied\" before it listens",
            path=conf_path or df.path,
            line=None if conf_path else df.final.start_line,
            evidence=(UID_NOTE, f"nginx configuration in force: {where}",
                      "no chown/chmod in the Dockerfile opens " + ", ".join(blocked) + " to uid 1000"),
            fix="Use FROM nginxinc/nginx-unprivileged, or set `pid /tmp/nginx.pid;` and each *_temp_path "
                "(client_body, proxy, fastcgi, uwsgi, scgi) under /tmp in nginx.conf, or "
                "`RUN chown -R 1000 /var/cache/nginx /var/lib/nginx /run` in the Dockerfile.",
        )


def _starts_nginx(ctx: SpaceContext, df: Dockerfile) -> bool:
    cmd = [i.value for kw in ("CMD", "ENTRYPOINT") if (i := df.effective(kw)) is not None]
    if not cmd:
        known = base_image_command(df.base_image)
        return bool(known and known[0][0] == "nginx")
    texts = list(cmd)
    named = {w.rsplit("/", 1)[-1] for c in cmd for w in words(c.replace("[", " ").replace("]", " ").replace(",", " "))}
    for f in ctx.repo.files:
        base = f.path.rsplit("/", 1)[-1]
        if base in named or ("supervisor" in " ".join(cmd) and f.path.endswith(".conf") and "[program:" in (ctx.repo.text(f.path, limit=100_000) or "")):
            texts.append(ctx.repo.text(f.path, limit=100_000) or "")
    return any(_NGINX_WORD.search(_strip_comments(t)) for t in texts)


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(("#", ";")))


def _main_config(ctx: SpaceContext, df: Dockerfile, command: str) -> tuple[str | None, str | None]:
    """The repository file used as the main nginx.conf, and its text; (None, None) for the stock one."""
    m = re.search(r"nginx\b[^;&|\n]*?\s-c\s+(\S+)", command) or next(
        (m2 for f in ctx.repo.files if f.path.endswith(".sh")
         if (m2 := re.search(r"nginx\b[^;&|\n]*?\s-c\s+(\S+)", ctx.repo.text(f.path, limit=100_000) or ""))), None)
    candidates: list[str] = []
    if m:
        candidates.append(m.group(1).strip("'\"").rsplit("/", 1)[-1])
    for s in df.stages:
        for i in s.instructions:
            if i.keyword in ("COPY", "ADD"):
                ws = [w for w in words(i.value) if not w.startswith("--")]
                if len(ws) >= 2 and ws[-1].rstrip("/") in ("/etc/nginx/nginx.conf", "/etc/nginx"):
                    candidates.extend(w.rsplit("/", 1)[-1] for w in ws[:-1])
    for name in candidates:
        path = next((f.path for f in ctx.repo.files if f.path.rsplit("/", 1)[-1] == name), None)
        if path is not None:
            return path, ctx.repo.text(path, limit=200_000) or ""
    return None, None


def _blocked_paths(state: ImageState, conf: str | None, temp_default: str) -> list[str]:
    text = _strip_comments(conf or "")
    pid = re.search(r"^\s*pid\s+([^;\s]+)\s*;", text, re.M)
    default_pid = "/var/run/nginx.pid" if temp_default == _OFFICIAL_TEMP else f"{_PID_DIR}/nginx.pid"
    pid_path = pid.group(1) if pid else default_pid
    # An existing pid file handed to the user is enough (`touch /run/nginx.pid && chown 1000 ...`).
    pid_ok = state.can_write(pid_path) or state.can_write(pid_path.rsplit("/", 1)[0] or "/")
    blocked = [] if pid_ok else [pid_path]
    temps = {d: re.search(rf"^\s*{d}\s+([^;\s]+)", text, re.M) for d in _TEMP_DIRECTIVES}
    for found in temps.values():
        path = found.group(1) if found else temp_default
        if not state.can_write(path) and path not in blocked:
            blocked.append(path)
    return blocked
