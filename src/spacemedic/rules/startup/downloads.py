"""Calls that download models at the moment they run (data: callee -> where the repo id is)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacemedic.space.pyscan import Call

SMALL_FILE_SUFFIXES = (".json", ".txt", ".yaml", ".yml", ".md", ".py", ".model", ".csv")
SMALL_CLASSES = ("Tokenizer", "Config", "FeatureExtractor", "ImageProcessor", "GenerationConfig")


@dataclass(frozen=True)
class Download:
    call: Call
    repo_id: str | None  # the literal repo id, when there is one
    kind: str  # hub | github
    small: bool
    source: str | None = None  # where the repo id came from, when not the call itself


def download_of(call: Call, local_dirs: set[str]) -> Download | None:
    """The Hub download a call performs, or None if it is not one."""
    name, short = call.name, call.short
    if short == "from_pretrained":
        repo = call.args[0] if call.args else call.kwarg("pretrained_model_name_or_path")
        if repo is not None and _is_local(repo, local_dirs):
            return None
        owner = name.rsplit(".", 2)[-2] if name.count(".") >= 1 else ""
        return Download(call, repo, "hub", any(owner.endswith(s) for s in SMALL_CLASSES))
    if name in ("transformers.pipeline", "transformers.pipelines.pipeline"):
        repo = call.kwarg("model") or (call.args[1] if len(call.args) > 1 else None)
        if repo is not None and _is_local(repo, local_dirs):
            return None
        return Download(call, repo, "hub", False)
    if name in ("huggingface_hub.hf_hub_download", "huggingface_hub.file_download.hf_hub_download"):
        repo = call.kwarg("repo_id") or (call.args[0] if call.args else None)
        filename = call.kwarg("filename") or (call.args[1] if len(call.args) > 1 else None)
        small = bool(filename and filename.lower().endswith(SMALL_FILE_SUFFIXES))
        return Download(call, repo, "hub", small)
    if name in ("huggingface_hub.snapshot_download", "huggingface_hub._snapshot_download.snapshot_download"):
        repo = call.kwarg("repo_id") or (call.args[0] if call.args else None)
        return Download(call, repo, "hub", False)
    if name in ("sentence_transformers.SentenceTransformer", "sentence_transformers.CrossEncoder"):
        repo = call.args[0] if call.args else call.kwarg("model_name_or_path")
        if repo is not None and _is_local(repo, local_dirs):
            return None
        if repo and "/" not in repo:
            repo = f"sentence-transformers/{repo}"
        return Download(call, repo, "hub", False)
    if name in _SHELL_CALLS:
        return _shell_download(call)
    if name == "torch.hub.load":
        if call.kwarg("source") == "local":
            return None
        return Download(call, call.args[0] if call.args else call.kwarg("repo_or_dir"), "github", False)
    return None


_SHELL_CALLS = ("os.system", "subprocess.run", "subprocess.call", "subprocess.check_call",
                "subprocess.check_output", "subprocess.Popen", "os.popen")
_SHELL_DOWNLOAD = re.compile(
    r"(?:huggingface-cli|\bhf)\s+download\s+(?:--[\w-]+(?:[ =]\S+)?\s+)*([\w.-]+/[\w.-]+)"
    r"|git\s+clone\s+(?:--[\w-]+\s+)*https://huggingface\.co/(?!spaces/|datasets/)([\w.-]+/[\w.-]+)"
    r"|(?:wget|curl)\s+[^\n]*?https://huggingface\.co/(?!spaces/|datasets/)([\w.-]+/[\w.-]+)/resolve/"
)


def _shell_download(call: Call) -> Download | None:
    """A model fetched by a command the app runs (os.system / subprocess) at start-up."""
    command = " ".join(a for a in call.args if a)
    m = _SHELL_DOWNLOAD.search(command)
    if m is None:
        return None
    repo = next(g for g in m.groups() if g)
    return Download(call, repo.removesuffix(".git"), "hub", False)


def _is_local(path: str, local_dirs: set[str]) -> bool:
    p = path.strip()
    if p.startswith((".", "/", "~")) or "\\\\" in p or p.rstrip("/") in local_dirs:
        return True
    return p.count("/") > 1  # owner/name is the Hub form; deeper paths are local folders
