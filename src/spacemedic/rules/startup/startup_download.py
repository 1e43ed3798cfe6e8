from __future__ import annotations

from collections.abc import Iterator

import re

from spacemedic.fixes.front_matter import add_list_item
from spacemedic.models import Applicability, Category, Edit, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.startup.downloads import Download, download_of
from spacemedic.rules.startup.model_size import BYTES_PER_PARAM, DISK_BYTES, describe, parameter_count
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import py_file, runs_app_code, startup_files

TIMEOUT_NOTE = (
    "Start-up downloads count against startup_duration_timeout (default 30 minutes) and run again "
    "after every restart."
)


def preloaded(ctx: SpaceContext) -> set[str]:
    items = ctx.front_matter.get("preload_from_hub")
    if not isinstance(items, list):
        return set()
    return {str(i).split()[0] for i in items if str(i).strip()}


class StartupModelDownload(Rule):
    """A model is downloaded when the app starts, not when the Space is built.

    What it does
    Finds `from_pretrained`, `pipeline(...)`, `hf_hub_download`, `snapshot_download`,
    `SentenceTransformer(...)` and `torch.hub.load` calls that run at start-up (module level,
    `if __name__ == "__main__":`, or functions called from there) in the files the Space
    starts from, and that neither `preload_from_hub` nor a Dockerfile step already covers.
    Calls inside event handlers run per request and are not flagged.

    Why is this bad?
    The Space stays in "Starting" while gigabytes download, after every restart and wake-up. If
    it takes longer than `startup_duration_timeout` (30 minutes by default) the Hub stops it
    with "Launch timed out, workload was not healthy after 30 min".

    Example
        from transformers import pipeline
        asr = pipeline("automatic-speech-recognition", model="openai/whisper-small")

    Fix
    Download at build time: add the repo to README.md,

        preload_from_hub:
          - openai/whisper-small

    (in a Docker Space, a `RUN` step that downloads it), and raise `startup_duration_timeout`
    if start-up is legitimately long.

    Automatic fix (unsafe), in a gradio or streamlit Space for a literal `org/name` repo id:
    adds it to `preload_from_hub` (with the file name for `hf_hub_download`). Unsafe because
    the build then downloads every file of the repo (all weight formats, not only the ones the
    code loads), and a gated repo can fail the build.
    """

    code = "SM600"
    name = "startup-model-download"
    category = Category.STARTUP_DOWNLOAD
    severity = Severity.WARNING
    fix_applicability = Applicability.UNSAFE

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if not runs_app_code(ctx):
            return
        local_dirs = {f.path.split("/")[0] for f in ctx.repo.files if "/" in f.path}
        local_dirs |= {f.path.rsplit("/", 1)[0] for f in ctx.repo.files if "/" in f.path}
        covered = preloaded(ctx)
        build_text = _build_steps(ctx)
        env = _docker_env(ctx)
        seen: set[str] = set()
        for path in startup_files(ctx):
            py = py_file(ctx, path)
            env_of = dict(py.env_defaults) if py else {}
            for call in py.calls if py else ():
                if not call.startup:
                    continue
                dl = download_of(call, local_dirs)
                if dl is not None and dl.repo_id in env_of and env_of[dl.repo_id] in env:
                    # The default is overridden by the image's ENV: that value is what runs.
                    var = env_of[dl.repo_id]
                    dl = Download(dl.call, env[var], dl.kind, dl.small,
                                  f"repo id from ENV {var} in the Dockerfile, which overrides the default in the code")
                if dl is None or (dl.repo_id and (dl.repo_id in covered or dl.repo_id in build_text)):
                    continue
                key = dl.repo_id or f"{path}:{call.line}"
                if key in seen:
                    continue
                seen.add(key)
                yield self._finding(ctx, path, dl)

    def _finding(self, ctx: SpaceContext, path: str, dl: Download) -> Finding:
        what = f"{dl.call.short}() of '{dl.repo_id}'" if dl.repo_id else f"{dl.call.short}()"
        severity = Severity.INFO if dl.small or dl.repo_id is None else None
        size_note = ""
        count = parameter_count(dl.repo_id) if dl.repo_id and not dl.small and dl.kind == "hub" else None
        if count is not None:
            size_note = f" ({describe(count)})"
            hardware = str(ctx.front_matter.get("suggested_hardware") or "")
            big_disk = hardware.startswith(("a100", "h100", "h200", "l40s")) or "large" in hardware
            if count * BYTES_PER_PARAM > DISK_BYTES and not big_disk:
                severity = Severity.ERROR
                size_note += "; that does not fit the 50 GB disk of the default hardware"
            elif severity is Severity.INFO:
                severity = None
        if dl.kind == "github":
            fix = f"Download it in a Dockerfile RUN step, or cache it in the repo. {TIMEOUT_NOTE}"
        elif dl.repo_id and ctx.is_docker:
            fix = (
                'Download it at build time with a Dockerfile step: RUN python -c "from huggingface_hub import '
                f"snapshot_download; snapshot_download('{dl.repo_id}')\" (as the runtime user). {TIMEOUT_NOTE}"
            )
        elif dl.repo_id:
            fix = f"Add to README.md front matter:\npreload_from_hub:\n  - {dl.repo_id}\n{TIMEOUT_NOTE}"
        else:
            fix = f"The repo id is not a literal; list it under preload_from_hub in README.md. {TIMEOUT_NOTE}"
        return self.finding(
            f"{what} downloads at start-up, not at build time" + (" (a small file)" if dl.small else "") + size_note,
            path=path,
            line=dl.call.line,
            severity=severity,
            evidence=(
                f"{path}:{dl.call.line}: {dl.call.name}",
                "runs at start-up (module level or called from it)",
                *((dl.source,) if dl.source else ()),
            ),
            fix=fix,
            edits=(_preload(ctx, dl),),
        )


_REPO_ID = re.compile(r"[A-Za-z0-9][\w.-]*/[\w.-]+")
_FILE = re.compile(r"[\w./-]+")


def _preload(ctx: SpaceContext, dl: Download) -> Edit | None:
    if ctx.sdk not in ("gradio", "streamlit") or dl.kind != "hub" or dl.source or not dl.repo_id:
        return None
    if not _REPO_ID.fullmatch(dl.repo_id):
        return None  # a short name (`all-MiniLM-L6-v2`) resolves to an org the code does not say
    item = dl.repo_id
    if dl.call.short == "hf_hub_download":
        name = dl.call.args[1] if len(dl.call.args) > 1 else dl.call.kwarg("filename")
        if not name or not _FILE.fullmatch(name) or dl.call.kwarg("subfolder"):
            return None
        item = f"{item} {name}"
    return add_list_item(ctx.repo, "preload_from_hub", item)


def _docker_env(ctx: SpaceContext) -> dict[str, str]:
    df = ctx.dockerfile
    if df is None or df.error or not ctx.is_docker:
        return {}
    from spacemedic.space.resolve import docker_env

    return dict(docker_env(df).values)


def _build_steps(ctx: SpaceContext) -> str:
    df = ctx.dockerfile
    if df is None or df.error or not ctx.is_docker:
        return ""
    return "\n".join(i.value for i in df.instructions if i.keyword == "RUN")
