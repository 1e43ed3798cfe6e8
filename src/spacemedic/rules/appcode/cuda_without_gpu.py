from __future__ import annotations

import re
from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.appcode._calls import imports_module, startup_calls
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import requirement_files, runs_app_code
from spacemedic.space.pyscan import Call

_GPU = re.compile(r"^(t4|a10g|a100|l4|l40s|h100|h200|zero|nvidia|a10|v100|t4-|gpu)", re.I)
_CUDA = re.compile(r"^cuda(:\d+)?$")
_CHECKS = ("cuda.is_available", "torch.cuda.device_count", "is_available()")


def _uses_cuda(call: Call) -> str | None:
    if call.short == "cuda" and not call.args:
        return f"{call.name}()"
    if call.short == "to" and call.args and call.args[0] and _CUDA.match(call.args[0]):
        return f".to({call.args[0]!r})"
    if call.name in ("torch.device",) and call.args and call.args[0] and _CUDA.match(call.args[0]):
        return f"torch.device({call.args[0]!r})"
    for key in ("device", "device_map"):
        value = call.kwarg(key)
        if value and _CUDA.match(value):
            return f"{call.short}({key}={value!r})"
    return None


class CudaWithoutGpu(Rule):
    """The app moves work to CUDA at start-up without checking a GPU is there.

    What it does
    Finds `.cuda()`, `.to("cuda")`, `torch.device("cuda")` and `device="cuda"` /
    `device_map="cuda"` in code that runs at start-up, in files with no
    `torch.cuda.is_available()` check, in a Space that declares no GPU
    (`suggested_hardware`) and is not a ZeroGPU Space (`import spaces`).

    Why is this bad?
    On cpu-basic (the default hardware, and what a duplicated Space gets) PyTorch raises
    "Found no NVIDIA driver" / "Torch not compiled with CUDA enabled" and the Space ends in
    Runtime error. Hardware set in the Space settings is not visible in the repository, so this
    is a warning; it is an error when the call is unconditional at the top level and the Space
    says it runs on CPU (`suggested_hardware: cpu-*`, or a CPU-only torch wheel).

    Example
        model = AutoModel.from_pretrained(MODEL_ID).cuda()

    Fix
    `device = "cuda" if torch.cuda.is_available() else "cpu"` and `.to(device)`, or declare
    the GPU with `suggested_hardware` in the README front matter.
    """

    code = "SM656"
    name = "cuda-without-gpu"
    category = Category.APP_CODE
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if not runs_app_code(ctx):
            return
        hardware = ctx.front_matter.get("suggested_hardware")
        if isinstance(hardware, str) and _GPU.match(hardware.strip()):
            return
        cpu_declared = isinstance(hardware, str) and hardware.strip().lower().startswith("cpu")
        cpu_wheel = self._cpu_torch(ctx)
        checked_files: dict[str, bool] = {}
        for path, py, call in startup_calls(ctx):
            if not call.startup:
                continue
            what = _uses_cuda(call)
            if what is None:
                continue
            if path not in checked_files:
                text = ctx.repo.text(path) or ""
                checked_files[path] = imports_module(py, "spaces") or any(c in text for c in _CHECKS)
            if checked_files[path]:
                continue
            certain = not call.conditional and (cpu_declared or cpu_wheel)
            hw = f"suggested_hardware: {hardware}" if cpu_declared else (cpu_wheel or "no GPU declared in the README")
            yield self.finding(
                f"{what} runs at start-up with no CUDA check, and {hw}: on CPU hardware (cpu-basic, or a "
                f"duplicate of this Space) the app crashes before it listens",
                path=path, line=call.line, severity=Severity.ERROR if certain else None,
                evidence=(f"{path} line {call.line}: {what}", f"hardware: {hw}"),
                fix='Use `device = "cuda" if torch.cuda.is_available() else "cpu"`, or declare the GPU with '
                    "suggested_hardware in the README.",
            )
            return  # one finding per Space says it

    @staticmethod
    def _cpu_torch(ctx: SpaceContext) -> str | None:
        for reqs in requirement_files(ctx):
            for e in reqs.entries:
                if "download.pytorch.org/whl/cpu" in e.text or re.search(r"torch[^\s]*\+cpu", e.text):
                    return f"{reqs.path} line {e.line} installs CPU-only torch"
        return None
