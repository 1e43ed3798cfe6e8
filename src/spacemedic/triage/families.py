"""Signature families: the kinds of evidence that point to a bucket, grouped by what they are.

signatures.py lists the platform's and the libraries' own messages bucket by bucket. This table
adds the families that the platform's words reach only indirectly, one block per kind of
evidence, each row commented with what the family stands for:

- exit codes and signals: how the process ended (137 = SIGKILL, 134 = SIGABRT, 139 = SIGSEGV,
  143 = SIGTERM, 127 = command not found, 0 = ended normally, 128 = the runtime could not start
  it, "?" = the platform lost the container, 1 with an empty reason = no traceback to show);
- platform banners: the few fixed lines the Hub, its builder and its scheduler print;
- library error classes: the exception names a library raises for one kind of problem;
- HTTP status words: 401/403 next to a token, gated or access word;
- config values and how the platform parses them (YAML reads `4.10` as the float 4.1).

Log shapes (a banner alone next to a generic error, a tunnel in a paused Space) need the whole
case, so they live in combos.py. No row names one report's wording: each pattern is the
message of a library or of the platform, or a value's shape.
"""

from __future__ import annotations

from dataclasses import replace

from spacemedic.models import Bucket as B
from spacemedic.triage.signatures import BUILD, BUILDTIME, CONFIG, ERROR, LOGS, PLATFORM, RESTART, RUN, RUNTIME, Signature

S = Signature


def _kind(kind: str, rows: tuple[Signature, ...]) -> tuple[Signature, ...]:
    return tuple(replace(r, kind=kind) for r in rows)


# Top-level names that are the app's own packages far more often than anything on PyPI.
_APP_TREE = r"(?:app|src|backend|frontend|api|core|utils|server|routers?|services|modules|components|handlers|config|settings)"
_FLOAT_VERSION = r"^[ \t]*(?:sdk_version|python_version)[ \t]*:[ \t]*\d+\.\d*0[ \t]*(?:#.*)?$"
EXIT_CODES_AND_SIGNALS = _kind("exit code or signal", (
    # SIGKILL (9, exit 137) is what the kernel's OOM killer sends.
    S(B.OUT_OF_MEMORY, 3.0, r"\bSIGKILL\b|killed by signal 9|signal:? 9\b|\bsignal 9 \(killed\)|\bKilled: 9\b|status=9/KILL", LOGS, False,
      "the process was killed with SIGKILL, which the memory limit sends"),
    # The same kill in other words: a shell's or Docker's exit status 137, Python's -9 for a child
    # killed by signal 9, Go's "signal: killed" (BuildKit, when a build step is killed).
    S(B.OUT_OF_MEMORY, 3.0, r"(?:exit(?:ed)? (?:status|with code)|non-zero (?:exit )?(?:code|status))[:\s]*137\b"
      r"|non-zero exit status -9\b|\bsignal: killed\b", LOGS, False,
      "a process was killed by signal 9 (exit 137 / -9), which is what the memory limit does"),
    # A shell's job report of a child it lost to SIGKILL ("line 3:  7 Killed  python app.py"):
    # the same kill, printed by the start script instead of the process.
    S(B.OUT_OF_MEMORY, 3.0, r"^[^\n]{0,200}\bline \d+:\s+\d+\s+Killed\b|^[ \t]*\d+\s+Killed\s+\S", LOGS, False,
      "the start script reports its child process Killed (SIGKILL), which the memory limit sends"),
    # SIGABRT (6, exit 134): the process aborted itself, usually a C++ library's uncaught exception.
    S(B.APP_CRASH_AT_STARTUP, 2.5, r"exit code:?\s*134\b|\bSIGABRT\b|Aborted \(core dumped\)|terminate called after throwing",
      LOGS, False, "the process aborted in native code (SIGABRT, exit 134)"),
    # "Exit code: ?": the runtime does not know how the container ended, so it did not end by itself
    # (the node or the container runtime lost it): the infrastructure, not the app.
    S(B.PLATFORM_INCIDENT, 3.0, r"exit code:?\s*\?", (ERROR, RESTART), False,
      "the platform does not know how the container ended (exit code \"?\"): it lost the container"),
    # Exit 1 with an empty reason: the reason is the tail of the container's output, and a Python
    # app that crashes prints a traceback there. What an empty one means depends on the run log
    # (combos.py, "empty-reason"): nothing there either is more often a platform hiccup or a
    # start-up cut short than a bug.
    S(B.APP_CRASH_AT_STARTUP, 0.5, r"exit code:?\s*1\.\s*reason:[\s:]*\Z", (ERROR, RESTART), False,
      "the process ended with an error status (the platform shows no reason)", tag="empty-reason"),
    # The memory limit in other words: the runtime's "exceeded its memory limit", PyTorch's CPU
    # allocator refusing an allocation.
    S(B.OUT_OF_MEMORY, 4.5, r"exceeded (?:its |the |their )?memory limit|DefaultCPUAllocator: (?:not enough memory|can't allocate)"
      r"|not enough memory: you tried to allocate", LOGS, False, "the process could not get the memory it asked for"),
    # The cluster's eviction notice: the node ran short of memory, or of ephemeral disk.
    S(B.OUT_OF_MEMORY, 4.0, r"low on resource: memory", LOGS, False, "the workload was evicted for memory"),
    S(B.PERMISSION_OR_FILESYSTEM, 4.0, r"low on resource: ephemeral-storage", LOGS, False,
      "the workload was evicted for filling its ephemeral disk"),
    # SIGSEGV (11, exit 139): native code of the app or a wheel crashed.
    S(B.APP_CRASH_AT_STARTUP, 2.5, r"exit code:?\s*139\b|\bSIGSEGV\b|signal 11\b", LOGS, False,
      "the process crashed in native code (segmentation fault, exit 139)"),
    # SIGTERM (15, exit 143) at run time: the platform stopped a workload that never became healthy.
    S(B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, 1.0, r"exit code:?\s*143\b|\bSIGTERM\b", RUNTIME, False,
      "the platform stopped the container (SIGTERM, exit 143), as it does when start-up takes too long"),
    S(B.PORT_OR_BIND_MISMATCH, 0.6, r"exit code:?\s*143\b|\bSIGTERM\b", RUNTIME, False,
      "a container the proxy never reaches is also stopped with SIGTERM"),
    # Exit 0: the main process ended normally, so no server was left running (no launch()).
    S(B.APP_CRASH_AT_STARTUP, 3.0, r"exit code:?\s*0\b(?![.,]\d)|application does not seem to be initiali[sz]ed",
      (ERROR, RESTART, RUN), False,
      "the app's main process ended without error, so no server kept running (e.g. the app is never launched)"),
    # The platform's "not initialized": nothing answered where the proxy looks. In a Docker Space
    # that place is app_port, which the owner's server must listen on (combos.py reads the SDK).
    S(B.PORT_OR_BIND_MISMATCH, 0.5, r"application does not seem to be initiali[sz]ed", (ERROR, RESTART), False,
      "the proxy found no server answering where it looks", tag="not-initialized"),
    # Exit 128 with an exec error: the runtime could not start the image's command, which the
    # image (Dockerfile) decides, not the infrastructure.
    S(B.DOCKERFILE_BUILD_FAILURE, 5.0, r"unable to start container process:\s*(?:error during container init:\s*)?exec\b"
      r"|exec: \"[^\"\n]{1,200}\": (?:executable file not found|no such file|permission denied)"
      r"|^[ \t]*exec /[^\s:]{1,200}: (?:no such file or directory|permission denied)", LOGS, False,
      "the container's start command cannot be executed (missing in the image, wrong path or not executable)",
      tag="start-command"),
))
PLATFORM_BANNERS = _kind("platform banner", (
    # The builder's own failure, not a step of the Dockerfile.
    S(B.BUILDER_OR_SCHEDULER_STUCK, 4.0, r"unexpected build error|build (?:job )?(?:was )?(?:cancelled|aborted) by the system",
      BUILDTIME, False, "the build service itself failed"),
    # The build job ran out of the time the builder gives it (a deadline, not an error of a step).
    S(B.BUILDER_OR_SCHEDULER_STUCK, 3.0, r"context deadline exceeded|(?:build|job) (?:has )?timed out|timed out while building",
      BUILDTIME, False, "the build job was stopped by the builder's deadline"),
    # The cluster scheduler's own words under "Scheduling failure": no node has the GPU asked for.
    S(B.HARDWARE_CAPACITY, 4.0, r"\d+/\d+ nodes are available|Insufficient (?:nvidia\.com/gpu|cpu|memory)\b", PLATFORM, False,
      "the scheduler found no node with the requested hardware free"),
    # huggingface_hub's DisabledRepoError: the Hub itself disabled the repository.
    S(B.MODERATION_LOCK, 6.0, r"Access to this resource is disabled|DisabledRepoError|(?:repository|space) (?:has been|is) disabled",
      LOGS, False, "the Hub has disabled the repository"),
))
LIBRARY_ERRORS = _kind("library error class", (
    # gradio's networking: every port of the allowed range is taken (another server holds it).
    S(B.PORT_OR_BIND_MISMATCH, 4.0, r"all ports from \d+ to \d+ are in use|port \d+ is (?:already )?in use"
      r"|bind\(\) to \S{1,100} failed|\bcould not bind\b", RUNTIME, False,
      "the server cannot take its port: another process already holds it"),
    # huggingface_hub: the repository is gated or private and the request carried no usable token.
    S(B.MISSING_SECRET_OR_ENV, 4.0, r"GatedRepoError|LocalTokenNotFoundError|private or gated|gated or private"
      r"|provide (?:your |a )?(?:hugging ?face |hf )?(?:access |api |user )?token|token is required|authentication token",
      LOGS, False, "the app reads a gated or private repository without a token that may read it"),
    # The Hub's gated-repository answers (401/403 GatedRepo): no request, a request still pending,
    # or a fine-grained token that was not allowed to read gated repositories.
    S(B.MISSING_SECRET_OR_ENV, 4.0, r"awaiting a review from the repo authors|not in the authorized list|to ask for access"
      r"|\bis gated\b|gated (?:model|repository)|access to public gated repositories", LOGS, False,
      "the Hub refuses a gated repository to the token the Space uses (none, or one without access)"),
    # transformers: a model id it cannot resolve, with the hint that a private repo needs a token.
    # A wrong id reads the same, so this only leans.
    S(B.MISSING_SECRET_OR_ENV, 1.5, r"private repository, make sure to (?:pass a token|have access)|pass a token having permission",
      RUNTIME, False, "the model could not be read; for a private or gated repository this means a missing token"),
    # Third-party API clients: the key the Space was given is refused.
    S(B.MISSING_SECRET_OR_ENV, 3.0, r"API key not valid|invalid[_ ]api[_ ]key|api[_ ]key (?:is )?invalid|authentication_error",
      RUNTIME, False, "an API refuses the key the Space passes (missing, wrong or expired secret)"),
    # Build images: python_version 3.10 written unquoted is read as 3.1, a Python that has no image
    # and no pyenv build on a current distribution.
    S(B.DEPENDENCY_INSTALL_FAILURE, 4.0, r"python:3\.1(?![\d.])[^\n]{0,200}not found|not found[^\n]{0,40}python:3\.1(?![\d.])"
      r"|BUILD FAILED \([^)\n]{0,80}using python-build|definition not found: 3\.1(?![\d.])", BUILDTIME, False,
      "the build asks for Python 3.1 (python_version 3.10 read as a number) or fails to compile its Python"),
    # Python: a library class's method refuses a keyword the app passes, i.e. the installed release
    # of that library is older or newer than the one the code was written for.
    S(B.DEPENDENCY_INSTALL_FAILURE, 2.5, r"\b(?-i:[A-Z])\w{1,60}\.\w{1,60}\(\) got an unexpected keyword argument", LOGS, False,
      "a library method does not take an argument the app passes: the installed release differs from the one expected"),
    # A library says at run time which release of a package it needs ("X requires `pkg>1.2`",
    # "requires a newer version of pkg", "please upgrade pkg"): the installed set does not fit,
    # whichever line raised the exception.
    S(B.DEPENDENCY_INSTALL_FAILURE, 2.5, r"\brequires?\s+`?(?-i:[A-Za-z])[\w.\-]{1,60}`?\s*(?:>=|>|==|~=)\s*`?\d[\w.]*"
      r"|\brequires? (?:a |at least )?(?:newer|later|more recent|higher|older) (?:version|release) of\b"
      r"|\bplease (?:upgrade|update) (?:your |the )?`?(?-i:[a-z])[\w.\-]{1,60}`?(?: (?:package|library))? (?:to|>=)",
      LOGS, False, "a library states which release of a package it needs: the installed one does not fit"),
    # Compiled parts built for another version than the one installed next to them (CUDA vs the
    # torch build, an extension vs torch, a wheel vs numpy's C API): versions that do not fit.
    S(B.DEPENDENCY_INSTALL_FAILURE, 3.0, r"mismatches the version that was used to compile|compiled against (?:API|ABI) version"
      r"|was compiled (?:against|with|for) [^\n]{1,80}\bbut\b|\.so[^\n]{0,120}undefined symbol"
      r"|Torch not compiled with CUDA enabled|no kernel image is available for execution on the device", LOGS, False,
      "a compiled package was built for another version of its neighbours (CUDA, torch, numpy) than the one installed"),
    # No HOME (or HOME=/) in the container: a library puts its cache at the root of the filesystem,
    # which the runtime user may not create.
    S(B.PERMISSION_OR_FILESYSTEM, 3.5, r"(?:No such file or directory|Permission denied|Read-only file system)"
      r"[^\n]{0,20}: '/\.(?:cache|config|local|huggingface|triton|nv|npm)\b|cannot create directory '/\.", LOGS, False,
      "a library writes its cache under /.cache at the filesystem root: HOME is unset or / (not writable by uid 1000)"),
    # Name resolution failing inside the container or the builder: the network of the platform,
    # not the repo (pip then also reports "from versions: none" for every package).
    S(B.PLATFORM_INCIDENT, 3.0, r"Temporary failure in name resolution|NameResolutionError|Name or service not known"
      r"|getaddrinfo (?:ENOTFOUND|EAI_AGAIN)|Could not resolve host", LOGS, False,
      "a host name could not be resolved from inside the Space: the platform's network", tag="network"),
    # Outbound connections from the container time out (TCP connect, not an HTTP answer): the
    # Space's network path, more often than every remote host at once.
    S(B.PLATFORM_INCIDENT, 1.5, r"error trying to connect: (?:operation )?timed out|connect ETIMEDOUT|\[Errno 110\] Connection timed out",
      RUNTIME, False, "connections from inside the Space time out before any answer"),
    # requests/urllib3 inside the app: an HTTPS call timed out; in a Space at start-up that is the
    # Hub far more often than not (the host is often cut off the platform's truncated reason).
    S(B.PLATFORM_INCIDENT, 2.5, r"port=443\): (?:Read timed out|Max retries exceeded)", RUNTIME, False,
      "an HTTPS request of the app timed out (at start-up usually the Hub)"),
    # huggingface_hub: the first request of a download failed (the HEAD call), as it does for
    # gated, private or unreachable files.
    S(B.MISSING_SECRET_OR_ENV, 2.0, r"_raise_on_head_call_error|head_call_error", LOGS, False,
      "a Hub download failed at its first request, as a gated or private file does without a token"),
    # The failing line reads a secret straight from the environment.
    S(B.MISSING_SECRET_OR_ENV, 2.0, r"os\.(?:environ\[|getenv\(|environ\.get\()\s*['\"](?-i:[A-Z0-9_]{0,40}(?:TOKEN|KEY|SECRET))['\"]",
      (ERROR, RUN, RESTART), False, "the code that failed reads a token or key from the environment"),
    # spaces (ZeroGPU): the app broke the stateless-GPU contract (CUDA touched outside @spaces.GPU).
    S(B.APP_CRASH_AT_STARTUP, 3.0, r"CUDA must not be initiali[sz]ed in the main process|stateless GPU environment"
      r"|No @spaces\.GPU function detected", LOGS, False,
      "the app uses CUDA outside the ZeroGPU-decorated function (an app-code fix)"),
    # Python: the missing module is part of the app's own source tree (a file not uploaded, a wrong
    # package path or working directory), not a package to install.
    S(B.APP_CRASH_AT_STARTUP, 4.0, r"No module named '" + _APP_TREE + r"(?:\.[\w.]+)?'", LOGS, False,
      "the module that cannot be found belongs to the app's own source tree (not uploaded, or a wrong import path)"),
    # The same, told by the traceback itself: the missing module's top package is a folder of the
    # app whose files the frames above run from (`/home/user/app/<pkg>/...` then
    # "No module named '<pkg>.sub'"): part of the app's own tree is missing from the Space.
    S(B.APP_CRASH_AT_STARTUP, 4.0, r"(?:/home/user/app|/app|/code|/usr/src/app|/workspace)/(\w+)/[^\n]{0,300}\n"
      r"(?:[^\n]*\n){0,60}?[^\n]*No module named '\1\.", LOGS, False,
      "the module that cannot be found is a package of the app's own tree that its other files import"),
    # A name the app imports from one of its own modules is not there (a file out of date or not
    # uploaded); the traceback or the app's own error handler says so.
    S(B.APP_CRASH_AT_STARTUP, 3.5, r"cannot import name '?\w+'? from '" + _APP_TREE + r"(?:\.[\w.]+)?'", LOGS, False,
      "a name the app imports from one of its own modules is not defined there"),
    # spaces (ZeroGPU): the GPU function failed inside the worker and the page shows only the
    # wrapper and the exception's class. With the code unchanged, what moves under it is the
    # backend: a torch / CUDA build the ZeroGPU workers no longer run, or the service itself.
    S(B.DEPENDENCY_INSTALL_FAILURE, 1.2, r"ZeroGPU worker error", LOGS, False,
      "the GPU function failed inside the ZeroGPU worker (a torch / CUDA build the workers no longer run, or the code)"),
    S(B.PLATFORM_INCIDENT, 0.8, r"ZeroGPU worker error", LOGS, False,
      "the GPU function failed inside the ZeroGPU worker, which the shared service runs"),
    # spaces (ZeroGPU): the shared GPU pool had nothing to hand out at that moment.
    S(B.HARDWARE_CAPACITY, 3.5, r"no GPU (?:was|is|were) (?:currently )?available|GPU task aborted.{0,40}no GPU", LOGS, False,
      "the shared ZeroGPU pool had no GPU free for this request"),
    # huggingface_hub / requests: the Hub answers 404 for a file or repository the app asks for
    # (renamed, removed, a wrong id; a private repo read without a token can also look like this).
    S(B.APP_CRASH_AT_STARTUP, 2.5, r"404 Client Error[^\n]{0,80}huggingface\.co/|EntryNotFoundError", RUNTIME, False,
      "the app asks the Hub for a file or repository that does not exist under that name"),
    S(B.MISSING_SECRET_OR_ENV, 1.0, r"404 Client Error[^\n]{0,80}huggingface\.co/", RUNTIME, False,
      "a private repository read without a token can also answer 404"),
    # A third-party package calls an API another installed package no longer has (two versions that
    # do not fit together), raised while the package itself is being imported.
    S(B.DEPENDENCY_INSTALL_FAILURE, 3.0, r"(?:site|dist)-packages/[^\n]{0,200}, in <module>\n[^\n]{0,300}\n(?:[ \t^~]*\n)?"
      r"[ \t]*AttributeError: (?:type object|module) '[\w.]{1,100}' has no attribute", LOGS, False,
      "an installed package calls an API that another installed package does not have (versions that do not fit)"),
    # The innermost two frames of a traceback are in two different installed packages (one calls
    # the other, which fails): the two releases do not fit together, whatever the app asked. A
    # library raising on the app's own bad call has the app's frame right above it instead.
    S(B.DEPENDENCY_INSTALL_FAILURE, 2.0, r"(?:site|dist)-packages/(\w+)/[^\n]*\n(?:(?![ \t]*File \")[^\n]*\n){0,6}?"
      r"[ \t]*File \"[^\"\n]*(?:site|dist)-packages/(?!\1/)\w+/[^\n]*(?:\n(?![ \t]*File \")[^\n]*){0,6}?"
      r"(?:\n[ \t]*(?:AttributeError|TypeError|ImportError|KeyError|ValueError|IndexError|AssertionError|NotImplementedError)\b|\s*\Z)",
      RUNTIME, False, "the failing call goes from one installed package into another: their releases do not fit together"),
    # requests / huggingface_hub: the Hub did not answer in time, or said it is offline from here.
    S(B.PLATFORM_INCIDENT, 2.5, r"HTTPSConnectionPool\(host='(?:huggingface\.co|hf\.co|cdn-lfs[\w.-]{0,60})'[^\n]{0,120}"
      r"(?:Read timed out|Max retries exceeded|Connection (?:refused|reset))"
      r"|make sure your Internet connection is on|check your internet connection", LOGS, False,
      "the Hub did not answer the app in time (or could not be reached from the container)"),
    # git inside a RUN step: the build context has no .git directory.
    S(B.DOCKERFILE_BUILD_FAILURE, 3.0, r"fatal: not a git repository", BUILDTIME, False,
      "a build step runs git, but the build context has no .git directory"),
    # Docker: the image's USER does not exist in it.
    S(B.DOCKERFILE_BUILD_FAILURE, 4.0, r"unable to find user [^\n]{1,60}: no matching entries in passwd"
      r"|\buser\b[\s\S]{0,80}?\bnot\s+(?:present|found|exist\w*)\s+in\b[\s\S]{0,30}?/etc/passwd", LOGS, False,
      "the image's USER names a user the image does not have"),
    # pip: a requirement names a local path that is not in the build context.
    S(B.DEPENDENCY_INSTALL_FAILURE, 2.0, r"Invalid requirement: '\.{0,2}/|It looks like a path\. File '[^'\n]{1,200}' does not exist",
      BUILDTIME, False, "a requirement points to a local path the build does not have", tag="local-requirement"),
    # The CUDA runtime libraries a GPU wheel links against are missing or of another major
    # version: the wheels installed do not fit each other (or the CUDA the image provides), which
    # no system package of the Space fixes.
    S(B.DEPENDENCY_INSTALL_FAILURE, 4.0, r"lib(?:cudart|cublas\w{0,10}|cudnn\w{0,12}|nvrtc|cusparse\w{0,6}|cufft|curand|cusolver"
      r"|nccl|nvToolsExt|nvJitLink)\.so[.\d]*:\s*cannot open shared object file", LOGS, False,
      "a GPU package needs CUDA runtime libraries of another version than the ones installed"),
    # The platform's own start-up steps before the container (mounting a volume, fetching the
    # repository) failed: nothing of the app ran yet.
    # Its exit code is the step's, not the app's (an "exit code: 0" there is no app ending well).
    S(B.PLATFORM_INCIDENT, 5.0, r"Initiali[sz]ation step '[\w.-]{1,60}' failed", PLATFORM, False,
      "a start-up step of the platform (not the app) failed before the container ran"),
    # Typing syntax of a newer Python than the one the Space runs (`X | None` needs 3.10,
    # `list[int]` 3.9): python_version (or the base image) is older than the code.
    S(B.DEPENDENCY_INSTALL_FAILURE, 3.0, r"unsupported operand type\(s\) for \|: '(?:type|typing\.\w+|types\.\w+)' and"
      r"|'type' object is not subscriptable", LOGS, False,
      "the code uses typing syntax of a newer Python than the Space runs"),
    # Python < 3.10 names no class in this message; gradio 4 removed keywords (`style`,
    # `source`, ...) that older app code passes: a lean towards a release that does not fit.
    S(B.DEPENDENCY_INSTALL_FAILURE, 1.5, r"(?<![\w.])__init__\(\) got an unexpected keyword argument", LOGS, False,
      "a constructor does not take an argument the app passes: often a library release other than the one expected"),
    S(B.DEPENDENCY_INSTALL_FAILURE, 3.0, r"Unable to find specified gradio component|module 'gradio' has no attribute '(?:inputs|outputs)'",
      LOGS, False, "the app names a Gradio component the installed Gradio does not have"),
    # A Git LFS pointer (a small text file starting "version https://git-lfs...") read as the
    # weights: the large file itself never reached the repository (an upload without LFS, or a
    # quota that refused it).
    S(B.REPO_STORAGE_LIMIT, 4.0, r"invalid load key, 'v'|version https://git-lfs\.github\.com/spec|HeaderTooLarge", LOGS, False,
      "a weights file is a Git LFS pointer, not the file: the large file never reached the repository"),
    # numpy 1.24 removed the aliases of Python's own types (np.float, np.int, np.bool, np.object,
    # ...): code written for older numpy fails on the release an unpinned install brings.
    S(B.DEPENDENCY_INSTALL_FAILURE, 3.0, r"module 'numpy' has no attribute '(?:float|int|bool|object|str|long|complex|unicode)'",
      LOGS, False, "numpy removed this alias in 1.24: the installed numpy is newer than the code"),
    # transformers / huggingface_hub when the Hub cannot be reached and nothing is cached.
    S(B.PLATFORM_INCIDENT, 2.5, r"couldn't connect to '?https?://(?:huggingface\.co|hf\.co)'? to load", LOGS, False,
      "the app could not reach the Hub to download its files (and nothing was cached)"),
    # Streamlit's st.secrets read with no secret configured.
    S(B.MISSING_SECRET_OR_ENV, 3.5, r"StreamlitSecretNotFoundError|No secrets(?: files)? found\."
      r"|Valid paths for a secrets\.toml file", LOGS, False,
      "the app reads st.secrets but the Space has no secrets configured"),
    # pydantic-settings: a required setting (read from the environment) is missing.
    S(B.MISSING_SECRET_OR_ENV, 2.5, r"validation errors? for \w{0,40}(?-i:Settings|Config|Env)\b[\s\S]{0,300}?Field required", LOGS, False,
      "a required setting the app reads from the environment is not set"),
    # pip / setuptools compiling a package from source: no wheel fits, and the image lacks what
    # the build needs (a compiler, Python headers, Rust, the CUDA toolkit for an extension).
    S(B.DEPENDENCY_INSTALL_FAILURE, 3.0, r"Could not build wheels for|Python\.h: No such file or directory"
      r"|error: command '[^'\n]{0,80}(?:gcc|g\+\+|cc|nvcc|clang)' failed|can't find Rust compiler"
      r"|CUDA_HOME environment variable is not set", BUILDTIME + (RUN,), False,
      "a package had to be compiled from source and its build failed"),
    # pip refuses requirements.txt itself (a line it cannot parse, a package named twice); a
    # local path it cannot find is the "local-requirement" row's.
    S(B.DEPENDENCY_INSTALL_FAILURE, 3.0, r"ERROR: Invalid requirement: '(?!\.{0,2}/)|Double requirement given", BUILDTIME, False,
      "pip cannot read a line of the requirements"),
    # transformers older than the model: it does not know the model's architecture yet.
    S(B.DEPENDENCY_INSTALL_FAILURE, 3.0, r"Transformers does not recognize this architecture"
      r"|configuration_auto\.py[^\n]*\n(?:[^\n]*\n){0,6}?[ \t]*KeyError: '\w+'"
      r"|Cannot find a working triton installation", LOGS, False,
      "the installed library is older than the model or feature the app asks for"),
    # A program the app runs (ffmpeg, espeak, tesseract, ...) is not in the image: a system package
    # (packages.txt, or apt-get in a Dockerfile), not a Python one.
    S(B.APT_PACKAGE_FAILURE, 3.0, r"No such file or directory: '(?:ffmpeg|ffprobe|espeak(?:-ng)?|tesseract|sox|pdftoppm|pdfinfo"
      r"|soffice|libreoffice|wkhtmltopdf|chromium(?:-browser)?|google-chrome|lame|git-lfs)'"
      r"|\b(?:ffmpeg|ffprobe|espeak(?:-ng)?|tesseract|poppler|sox)\b[^\n]{0,40}\bnot (?:installed|found)\b"
      r"|Couldn't find ffmpeg or avconv|tesseract is not installed", RUNTIME, False,
      "a program the app runs is not installed in the image (a system package)"),
    # Google's client libraries with no credentials configured (a service-account secret).
    S(B.MISSING_SECRET_OR_ENV, 3.0, r"DefaultCredentialsError|default credentials were not found", LOGS, False,
      "the app's cloud client found no credentials (a secret not set)"),
    # The app asks for its environment file or variables to be configured.
    S(B.MISSING_SECRET_OR_ENV, 3.0, r"configure (?:your |the )?\.env\b|\.env (?:file )?(?:is )?(?:missing|not found)"
      r"|missing (?:required )?(?:environment|env) (?:variables?|vars?)", (ERROR, RUN, RESTART), False,
      "the app says its environment file or variables are not configured"),
))
HTTP_STATUS_WORDS = _kind("HTTP status word", (
    # 5xx from the Hub itself (not from the app's own server): the platform is failing.
    S(B.PLATFORM_INCIDENT, 3.0, r"\b50[0234] Server Error[^\n]{0,80}https?://(?:huggingface\.co|hf\.co)/", LOGS, False,
      "the Hub answered with a server error (5xx)"),
    # 401/403 next to a token/gated/access word at run time: an authorisation, not an outage.
    S(B.MISSING_SECRET_OR_ENV, 2.5, r"\b(?:401|403)\b[^\n]{0,80}(?:unauthori[sz]ed|token|gated|access|credential)"
      r"|(?:unauthori[sz]ed|forbidden)[^\n]{0,80}\b(?:401|403)\b", RUNTIME, False,
      "a request was refused for its credentials (401/403)"),
))
CONFIG_VALUES = _kind("config value", (
    # YAML parsers' own error messages, in the platform's words about the README: the front
    # matter is not valid YAML (a colon in a title, a tab, an unclosed quote).
    S(B.CONFIG_ERROR_YAML, 3.0, r"mapping values are not allowed here|could not find expected ':'"
      r"|found character that cannot start any token|while (?:scanning|parsing) a (?:simple key|block mapping|quoted scalar)",
      PLATFORM + (BUILD,), False, "the README front matter is not valid YAML"),
    # Other YAML parsers' and the Hub's own words for a README it cannot read as configuration.
    S(B.CONFIG_ERROR_YAML, 3.0, r"not allowed in this context|did not find expected (?:key|<document start>)|expected <block end>"
      r"|yaml\.(?:scanner|parser|constructor)\.\w+Error|(?:error parsing|invalid|could not parse) (?:the )?(?:README(?:\.md)? )?"
      r"(?:yaml|front[- ]?matter|metadata)|yaml metadata error|configuration error|invalid (?:space )?config(?:uration)?\b"
      r"|(?:gradio|streamlit|sdk) version does not exist|\"\w{1,40}\" must be one of \[", PLATFORM + (BUILD,), False,
      "the platform cannot read the README front matter as a Space configuration"),
    # sdk: docker with no Dockerfile where the builder looks: the configuration points nowhere.
    S(B.CONFIG_ERROR_YAML, 5.0, r"failed to read dockerfile: open [^\n]{0,100}: no such file|Dockerfile path: lstat [^\n]{0,200}no such file",
      BUILDTIME, False, "the Space is configured for Docker but has no Dockerfile at the repository root"),
    # YAML reads an unquoted 4.10 / 3.10 as a float (4.1 / 3.1): the build then installs a version
    # that does not exist or does not fit the packages, so the build fails in its install step.
    S(B.DEPENDENCY_INSTALL_FAILURE, 2.5, _FLOAT_VERSION, (CONFIG,), False,
      "an unquoted version ending in 0 is read by YAML as a shorter float (3.10 becomes 3.1)"),
    S(B.CONFIG_ERROR_YAML, 1.0, _FLOAT_VERSION, (CONFIG,), False,
      "the README front matter holds a version YAML reads as a different number"),
    S(B.CONFIG_ERROR_YAML, 3.0, r"(?:sdk_version|python_version|sdk)[^\n]{0,40}(?:not (?:a )?valid|is not supported|unsupported|invalid)",
      (ERROR, BUILD, RESTART), False, "the platform rejects a configuration value"),
    # A Dockerfile step that installs whatever is newest at build time (--upgrade, no pins): the
    # set that gets installed changes under the Space from one build to the next.
    S(B.DEPENDENCY_INSTALL_FAILURE, 1.0, r"pip3? install\b[^\n]{0,60}(?:\s-U\b|\s--upgrade\b)(?![^\n]*(?:==|~=|-r\s|--requirement))",
      (CONFIG,), False, "the image installs the newest releases at each build (unpinned --upgrade)"),
    # The Hub runs Docker Spaces with a start command from the image; an `app_port` outside the
    # one served is a port the proxy never reaches.
    S(B.PORT_OR_BIND_MISMATCH, 1.0, r"^[ \t]*app_port[ \t]*:[ \t]*[\"']?(?!7860\b)\d{2,5}", (CONFIG,), False,
      "the Space asks the proxy for a non-default port (it must match where the server listens)"),
    # Tunnels and remote desktops, in the image or the start command, are what abuse scanners flag.
    S(B.MODERATION_LOCK, 0.5, r"\b(?:cloudflared|ngrok|ttyd|x11vnc|novnc|frpc|v2ray|xray|gost|sing-box)\b", (CONFIG, RUN),
      False, "the Space runs tunnel or remote-desktop software", tag="tunnel"),
    # Browser automation made to pass as a human (anti-detection forks and stealth plug-ins):
    # scanners read it as bot evasion, and a lock then follows without a build or run error.
    S(B.MODERATION_LOCK, 1.0, r"\bpatchright\b|\bundetected[-_]chromedriver\b|\b(?:playwright|selenium)[-_]stealth\b"
      r"|\bpuppeteer-extra-plugin-stealth\b|\bcamoufox\b|\bnodriver\b", (CONFIG, RUN), False,
      "the Space drives a browser built to evade bot detection", tag="evasion"),
))

KINDS = (EXIT_CODES_AND_SIGNALS, PLATFORM_BANNERS, LIBRARY_ERRORS, HTTP_STATUS_WORDS, CONFIG_VALUES)
FAMILIES: tuple[Signature, ...] = tuple(row for kind in KINDS for row in kind)
