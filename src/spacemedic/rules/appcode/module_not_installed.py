from __future__ import annotations

import sys
from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext
from spacemedic.space.dependency_trees import tree
from spacemedic.space.deps import requirement_files, startup_files
from spacemedic.space.docker_installs import IMAGE_MODULES, image_installs
from spacemedic.space.pymodules import LocalImport, imports_of, local_dirs, resolve

# Import name -> distribution, where they differ (the usual cases).
DISTRIBUTIONS: dict[str, tuple[str, ...]] = {
    "cv2": ("opencv-python", "opencv-python-headless", "opencv-contrib-python", "opencv-contrib-python-headless"),
    "sklearn": ("scikit-learn",), "PIL": ("pillow",), "yaml": ("pyyaml",), "bs4": ("beautifulsoup4",),
    "skimage": ("scikit-image",), "docx": ("python-docx",), "fitz": ("pymupdf",), "dotenv": ("python-dotenv",),
    "whisper": ("openai-whisper",), "llama_cpp": ("llama-cpp-python",), "google": ("google-generativeai", "google-genai"),
    "speech_recognition": ("speechrecognition",), "umap": ("umap-learn",), "pptx": ("python-pptx",),
    "Crypto": ("pycryptodome",), "jwt": ("pyjwt",), "git": ("gitpython",), "faiss": ("faiss-cpu", "faiss-gpu"),
    "telegram": ("python-telegram-bot",), "magic": ("python-magic",), "attr": ("attrs",),
}
# What the Gradio / Streamlit SDK image has before requirements.txt: the SDK and its dependency
# tree, plus huggingface_hub, requests, datasets and spaces (hf-platform notes, spaces-dependencies).
SDK_PREINSTALLED = frozenset("""
gradio gradio_client streamlit huggingface_hub hf_xet requests datasets spaces numpy pandas PIL yaml httpx
fastapi starlette uvicorn pydantic pydantic_core annotated_types jinja2 markupsafe matplotlib orjson aiofiles
anyio sniffio h11 httpcore websockets ffmpy pydub multipart python_multipart tomlkit semantic_version safehttpx
groovy typer click rich shellingham pygments markdown_it mdurl tqdm filelock fsspec packaging typing_extensions
certifi idna urllib3 charset_normalizer dateutil pytz tzdata six pyarrow dill multiprocess xxhash aiohttp
aiosignal frozenlist multidict yarl propcache attr attrs psutil brotli altair pydeck tornado protobuf google
blinker cachetools toml tenacity watchdog gitdb git narwhals jsonschema referencing rpds importlib_metadata
zipp cycler kiwisolver fontTools fonttools contourpy pyparsing regex ruff audioop pkg_resources setuptools wheel
pip distutils websocket exceptiongroup mcp sse_starlette
""".split())
# Modules no SDK image carries and nothing common pulls in quietly: importing one that no
# requirement names is a certain ModuleNotFoundError.
HEAVY = frozenset("""
torch torchvision torchaudio transformers tensorflow keras diffusers cv2 sklearn openai anthropic langchain
langchain_community langchain_openai sentence_transformers moviepy librosa whisper accelerate timm ultralytics
spacy nltk bs4 selenium groq llama_cpp peft bitsandbytes xformers onnxruntime einops soundfile scipy seaborn
plotly cohere chromadb faiss docx fitz pypdf PyPDF2 tiktoken
""".split())


def _norm(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


class ModuleNotInstalled(Rule):
    """The app imports a third-party module that nothing in the Space installs.

    What it does
    For Gradio and Streamlit Spaces, reads the top-level imports of the files that run at
    start-up and looks each module up in requirements.txt (by distribution name, with the usual
    import-name differences such as `cv2` for opencv-python), in what the SDK image already has
    (the SDK, its dependencies, huggingface_hub, requests, datasets, spaces) and in the
    repository's own modules.

    For Docker Spaces built FROM the official python image, it reads what the Dockerfile
    installs (requirements files and `pip install` words, every stage) and stops when any install
    cannot be listed (a local path, a URL, conda, a lock file, a script, another base image).

    Why is this bad?
    The import fails with ModuleNotFoundError and the Space ends in "Runtime error". Packages
    often come in as dependencies of others, so in general this is a warning; it is an error
    for well-known packages (torch, transformers, opencv, openai, ...) when no requirements file
    exists at all, and in a Docker Space when every installed distribution's dependency tree is
    known (space/dependency_trees.py) and none brings the module in.

    Example
        # no requirements.txt
        import torch

    Fix
    Add the distribution to requirements.txt (`torch`, `opencv-python-headless`, ...).
    """

    code = "SM658"
    name = "module-not-installed"
    category = Category.APP_CODE
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if ctx.sdk == "docker":
            yield from self._docker(ctx)
            return
        if ctx.sdk not in ("gradio", "streamlit"):
            return
        reqs = requirement_files(ctx)
        named = {_norm(e.name) for r in reqs for e in r.entries if e.name}
        unparsed = any(e.name is None and e.kind.value not in ("option", "include", "constraint")
                       for r in reqs for e in r.entries)
        if unparsed or ctx.repo.has("pre-requirements.txt") or ctx.repo.has("setup.py") or ctx.repo.has("pyproject.toml"):
            return  # installs whose contents we cannot list
        stdlib: frozenset[str] = getattr(sys, "stdlib_module_names", frozenset())
        reported: set[str] = set()
        for path, imp in _startup_imports(ctx):
            top = imp.module.split(".")[0]
            if top in reported or top in stdlib or top in SDK_PREINSTALLED:
                continue
            candidates = {_norm(top), *(_norm(d) for d in DISTRIBUTIONS.get(top, ()))}
            if candidates & named or any(n.startswith(_norm(top) + "-") for n in named):
                continue
            reported.add(top)
            certain = not reqs and top in HEAVY
            yield self.finding(
                f"{path} line {imp.line} imports `{top}`, but no requirement installs it"
                + (" and there is no requirements.txt: the app fails with ModuleNotFoundError" if certain
                   else " (unless another package pulls it in)"),
                path=path, line=imp.line, severity=Severity.ERROR if certain else None,
                evidence=(f"{path} line {imp.line}: import {imp.module}",
                          "requirements: " + (", ".join(r.path for r in reqs) or "none")),
                fix=f"Add `{(DISTRIBUTIONS.get(top) or (top,))[0]}` to requirements.txt.",
            )

    def _docker(self, ctx: SpaceContext) -> Iterator[Finding]:
        installs = image_installs(ctx)
        if not installs.listable:
            return
        trees = [tree(n) for n in installs.names]
        # Every installed distribution's tree known (and no extras): the image's modules are known.
        # A Dockerfile that installs nothing at all is not read as "the image has nothing": such
        # files are often one part of a build (an image of one's own, a sketch), so only the
        # heavy modules are reported then, as warnings.
        known = bool(trees) and not installs.with_extras and all(t is not None for t in trees)
        closure = frozenset().union(*(t for t in trees if t is not None))
        stdlib: frozenset[str] = getattr(sys, "stdlib_module_names", frozenset())
        reported: set[str] = set()
        for path, imp in _startup_imports(ctx):
            top = imp.module.split(".")[0]
            if top in reported or top in stdlib or top in IMAGE_MODULES or top in closure:
                continue
            candidates = {_norm(top), *(_norm(d) for d in DISTRIBUTIONS.get(top, ()))}
            if candidates & installs.names or any(n.startswith(_norm(top) + "-") for n in installs.names):
                continue
            if not known and top not in HEAVY:
                continue  # an unlisted dependency of something installed could provide it
            reported.add(top)
            shown = ", ".join(sorted(installs.names)) or "no Python package"
            yield self.finding(
                f"{path} line {imp.line} imports `{top}`, but the image (FROM python) installs "
                + (f"only {shown}" if installs.names else shown)
                + (", none of which brings it in: the app fails with ModuleNotFoundError" if known
                   else " (unless one of them pulls it in)"),
                path=path, line=imp.line, severity=Severity.ERROR if known else None,
                evidence=(f"{path} line {imp.line}: import {imp.module}", f"installed by the Dockerfile: {shown}"),
                fix=f"Add `{(DISTRIBUTIONS.get(top) or (top,))[0]}` to the requirements the Dockerfile installs.",
            )


def _startup_imports(ctx: SpaceContext) -> Iterator[tuple[str, LocalImport]]:
    """Top-level imports of the start-up files that are not the repository's own modules."""
    for path in startup_files(ctx):
        text = ctx.repo.text(path) or ""
        if "sys.path" in text or "pip" in text and "install" in text:
            continue
        folder = path.rsplit("/", 1)[0] if "/" in path else ""
        for imp in imports_of(text, folder.replace("/", ".")):
            top = imp.module.split(".")[0]
            if not imp.at_top or not top or top == "__future__":
                continue
            if any(resolve(ctx, b, top) for b in {folder, ""}):
                continue
            if _local_anywhere(ctx, top):
                continue  # the repository's own module by a wrong path: local-import-unresolved says so
            yield path, imp


def _local_anywhere(ctx: SpaceContext, top: str) -> bool:
    return any(d == top or d.endswith("/" + top) for d in local_dirs(ctx)) or any(
        f.path == f"{top}.py" or f.path.endswith(f"/{top}.py") for f in ctx.repo.files)
