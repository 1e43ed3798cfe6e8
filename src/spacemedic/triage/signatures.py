"""The signature table: platform messages and log lines -> bucket -> weight, as data.

One row per signature. `weight` is in log-odds units added to the bucket's score when the
pattern matches in one of the row's fields (each row counts once). `stated` marks strings in
which the platform itself names the cause ("Memory limit exceeded"); everything else is a
resemblance. Patterns are case-insensitive and tolerant of wording drift ("space"/"workload",
Gi/GB, curly quotes); `(?-i:...)` marks the few parts where case carries meaning.

Sources: ../shared/knowledge/hf-platform.md §1.6 and §3.3, the taxonomy signals, and the
usual pip / apt / docker / Python error lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacemedic.models import Bucket as B

# Which text of the Signals a row reads.
ERROR = "error_message"
BUILD = "build_log"
RUN = "run_log"
CONFIG = "config"
RESTART = "restart_error_text"
ABUSE = "abuse"

PLATFORM = (ERROR, RESTART, ABUSE)
LOGS = (ERROR, BUILD, RUN, RESTART)
RUNTIME = (ERROR, RUN, RESTART)
BUILDTIME = (ERROR, BUILD)
ANY = (ERROR, BUILD, RUN, CONFIG, RESTART, ABUSE)


@dataclass(frozen=True)
class Signature:
    bucket: B
    weight: float
    pattern: str
    fields: tuple[str, ...]
    stated: bool
    why: str
    # A generic row is a symptom every failure of its kind shows (a traceback, "exit code 1"):
    # it only counts when no specific row of another bucket explains the same failure.
    generic: bool = False
    # A tag names a family the decision combinations ask about ("launch-timeout", "slow-start").
    tag: str = ""
    # The kind of evidence (families.py): exit code or signal, platform banner, library error class,
    # HTTP status word, config value; "" for the platform and library messages listed by bucket here.
    kind: str = ""

    @property
    def regex(self) -> re.Pattern[str]:
        return _compile(self.pattern)


@lru_cache(maxsize=None)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE | re.MULTILINE)


S = Signature
SIGNATURES: tuple[Signature, ...] = (
    # --- hardware_capacity -------------------------------------------------------------
    S(B.HARDWARE_CAPACITY, 6.0, r"(?:scheduling failure:?\s*)?not enough hardware capacity", LOGS, True,
      "the scheduler says no hardware of the requested kind is free"),
    S(B.HARDWARE_CAPACITY, 5.0, r"scheduling failure:?\s*unable to schedule|\bunable to schedule\b", LOGS, True,
      "the scheduler could not place the Space on hardware"),
    S(B.HARDWARE_CAPACITY, 2.0, r"no (?:gpus?|hardware|capacity) (?:is |are )?(?:currently )?available", LOGS, False,
      "no hardware of the requested kind was available"),
    # --- moderation_lock ---------------------------------------------------------------
    S(B.MODERATION_LOCK, 7.0, r"flagged as abusive", ANY, True, "the platform flagged the Space as abusive"),
    S(B.MODERATION_LOCK, 6.0, r"(?:blocked|locked) by abuse[- ]handler|abuse[- ]handler|reposcanner|USER-LOCKED-OUT",
      (ERROR, RESTART, ABUSE, BUILD), True, "an automated abuse scanner blocked the Space"),
    S(B.MODERATION_LOCK, 3.0, r"cmdline match|suspicious_binary|trojan|\bproc_scan\b", (ERROR, ABUSE, RESTART), True,
      "a process/binary rule of the abuse scanner matched"),
    S(B.MODERATION_LOCK, 3.0, r"(?:account|space|repo(?:sitory)?) (?:has been |was |is )?(?:locked|suspended|disabled|banned)"
      r"|violat\w{0,40} (?:of )?(?:our|the) (?:content|terms)|content polic", PLATFORM, False,
      "the message speaks of a lock or a policy decision"),
    S(B.MODERATION_LOCK, 0.8, r"\b(?:cloudflared|ngrok|ttyd|x11vnc|novnc|vnc ?server|frp[cs]?|v2ray|xray|tunnel)\b",
      (RUN, CONFIG, BUILD), False, "tunnel/remote-desktop software is a common trigger of the abuse scanner"),
    # --- repo_storage_limit ------------------------------------------------------------
    S(B.REPO_STORAGE_LIMIT, 6.0, r"repository storage limit reached", ANY, True,
      "the repository is over the storage limit"),
    S(B.REPO_STORAGE_LIMIT, 3.5, r"error while cloning (?:space )?repository|failed to clone (?:space )?repo"
      r"|over its data quota|LFS (?:bandwidth|storage) (?:quota|limit)", LOGS, False,
      "the builder could not clone the repository (often its size or LFS history)"),
    S(B.REPO_STORAGE_LIMIT, 2.5, r"files? (?:larger|bigger) than \d+\s*[mg]i?b|exceeds? (?:the )?(?:maximum )?(?:file )?size limit"
      r"|pre-receive hook declined|lfs.{0,40}(?:rejected|quota|limit)", (ERROR, BUILD, CONFIG), False,
      "a push was rejected for size"),
    # --- platform_incident -------------------------------------------------------------
    S(B.PLATFORM_INCIDENT, 4.0, r"failed to create (?:containerd|shim) task|exit code:?\s*128\.\s*reason:\s*failed to create",
      LOGS, False, "the container runtime failed to start the workload (infrastructure side)"),
    S(B.PLATFORM_INCIDENT, 3.5, r"could not resolve host:?\s*(?:huggingface\.co|hf\.co|[\w.-]{0,100}hf\.space)"
      r"|temporary failure in name resolution|name or service not known|getaddrinfo (?:failed|ENOTFOUND)",
      (ERROR, BUILD, RUN), False, "DNS failed from inside the container"),
    S(B.PLATFORM_INCIDENT, 0.8, r"\b(?:POST|GET)\s+https?://\S{1,200}\s+(?:500|502|503|504)\b|\b502 bad gateway\b|\b504 gateway time-?out\b",
      (RUN, ERROR, RESTART), False, "the proxy answered with a server error"),
    S(B.PLATFORM_INCIDENT, 1.5, r"upstream connect error|disconnect/reset before headers|500 Server Error: Internal Server Error for url: https://huggingface\.co"
      r"|couldn't connect to '?https://huggingface\.co", (RUN, ERROR, BUILD, RESTART), False,
      "the Hub or its proxy failed to answer"),
    S(B.PLATFORM_INCIDENT, 3.0, r"error while initiali[sz]ing zero ?gpu|zero ?gpu (?:is )?(?:not available|unavailable)",
      LOGS, False, "the shared ZeroGPU service failed to hand out a GPU (infrastructure side, not the app's code)"),
    S(B.PLATFORM_INCIDENT, 1.0, r"ssl.{0,40}(?:handshake|eof occurred)|connection reset by peer.{0,60}huggingface",
      (RUN, BUILD, ERROR), False, "transient network errors talking to the Hub"),
    # --- builder_or_scheduler_stuck ----------------------------------------------------
    S(B.BUILDER_OR_SCHEDULER_STUCK, 4.0, r"unexpected job error", BUILDTIME, False, "the build job itself failed"),
    S(B.BUILDER_OR_SCHEDULER_STUCK, 4.0, r"failed to push\s+\S{0,200}spaces-registry|spaces-registry\S{0,200}.{0,120}401 unauthorized",
      BUILDTIME, False, "pushing the built image to the Spaces registry failed"),
    S(B.BUILDER_OR_SCHEDULER_STUCK, 2.5, r"job failed with exit code:?\s*143\b", BUILDTIME, False,
      "the build job was terminated (SIGTERM), e.g. a build timeout or cancellation"),
    # --- lifecycle_stuck_state ---------------------------------------------------------
    S(B.LIFECYCLE_STUCK_STATE, 0.8, r"something went wrong when restarting|\b503\b", (RESTART,), False,
      "restarting fails with a generic 503 (a symptom shared by several causes)"),
    S(B.MODERATION_LOCK, 0.3, r"something went wrong when restarting|\b503\b", (RESTART,), False,
      "restart failures also appear on locked Spaces"),
    # --- config_error_yaml -------------------------------------------------------------
    S(B.CONFIG_ERROR_YAML, 6.0, r"missing configuration in readme|configuration error", PLATFORM + (BUILD,), True,
      "the README front matter is missing or unreadable"),
    S(B.CONFIG_ERROR_YAML, 6.0, r"missing an app file|no app file|app file is required", PLATFORM + (BUILD,), True,
      "the Space has no app file (or no Dockerfile at the root for Docker)"),
    S(B.CONFIG_ERROR_YAML, 3.0, r"(?:yaml|front ?matter|metadata).{0,40}(?:invalid|error|could not be parsed|malformed)"
      r"|invalid (?:sdk|sdk_version|python_version|app_port)|sdk_version.{0,30}not (?:found|supported|available)",
      (ERROR, BUILD, RESTART), False, "the Space configuration is invalid"),
    # --- dependency_install_failure ----------------------------------------------------
    S(B.DEPENDENCY_INSTALL_FAILURE, 3.5, r"ModuleNotFoundError|No module named", LOGS, False,
      "a Python module is not installed (or was renamed in a newer release)"),
    S(B.DEPENDENCY_INSTALL_FAILURE, 3.0, r"ImportError:\s*cannot import name (?![^\n]{0,200}\((?:/home/user/app|/app|/code|/usr/src/app)/)",
      LOGS, False, "an installed package no longer provides a name the code imports (version drift)"),
    S(B.APP_CRASH_AT_STARTUP, 3.5, r"ImportError:\s*cannot import name [^\n]{0,200}\((?:/home/user/app|/app|/code|/usr/src/app)/",
      LOGS, False, "the app imports a name its own module does not define"),
    S(B.DEPENDENCY_INSTALL_FAILURE, 3.5, r"numpy\.dtype size changed|_ARRAY_API not found|compiled using NumPy 1\.x"
      r"|binary incompatibility", LOGS, False, "a compiled package was built against another NumPy (ABI mismatch)"),
    S(B.DEPENDENCY_INSTALL_FAILURE, 4.0, r"requires a different python|requires-python|python_requires"
      r"|not supported (?:on|by) (?:this )?python", LOGS, False, "a package does not support the Space's Python version"),
    S(B.DEPENDENCY_INSTALL_FAILURE, 4.5, r"ResolutionImpossible|No matching distribution found"
      r"|Could not find a version that satisfies|conflicting dependencies|dependency conflict", LOGS, False,
      "pip could not resolve the requirements"),
    S(B.DEPENDENCY_INSTALL_FAILURE, 3.0, r"Failed building wheel|subprocess-exited-with-error|metadata-generation-failed"
      r"|Failed to build installable wheels|legacy-install-failure", LOGS, False, "a package failed to build from source"),
    S(B.DEPENDENCY_INSTALL_FAILURE, 3.0, r"pip install[^\n]{0,300}did not complete successfully|pip install[^\n]{0,300}returned a non-zero code",
      BUILDTIME, False, "the pip install step of the build failed",
      generic=True),  # which step failed, not why: a kill (137) or a named cause in the same log wins
    S(B.DEPENDENCY_INSTALL_FAILURE, 1.0, r"Building wheels? for \S{1,200} \(|Running setup\.py install for"
      r"|Preparing metadata \(pyproject\.toml\)|Installing build dependencies|^[ \t]*Downloading \S{1,200}\.tar\.gz\b",
      (BUILD,), False, "a package is compiled from source during the build (slow, and a common failure point)",
      tag="source-build"),
    S(B.DEPENDENCY_INSTALL_FAILURE, 1.2, r"cache miss:[^\n]{0,300}(?:pip install|pipfreeze|requirements\.txt)", BUILDTIME, False,
      "the failing build is the generated pip install stage"),
    S(B.DEPENDENCY_INSTALL_FAILURE, 2.0, r"cached_download|has no attribute '?(?:cached_download|use_auth_token)", LOGS, False,
      "an API removed from a newer huggingface_hub is still used (unpinned dependency)"),
    S(B.DEPENDENCY_INSTALL_FAILURE, 2.5, r"File \"[^\"\n]{0,200}\", line \d+, in <module>\n[ \t]*(?:import|from) [\w.]+[^\n]{0,200}\n"
      r"(?:[ \t]*\^+[ \t]*\n)?[ \t]*File \"[^\"\n]{0,200}(?:site|dist)-packages/", LOGS, False,
      "the app dies inside a third-party package while merely importing it (installed versions do not fit together)"),
    S(B.DEPENDENCY_INSTALL_FAILURE, 0.8, r"(?:module|package) '?[\w.]+'? has no attribute", LOGS, False,
      "an installed package does not have what the code expects (possibly another version)"),
    S(B.DEPENDENCY_INSTALL_FAILURE, 1.0, r"^[ \t]*(?:git\+https?://\S{1,200}|[A-Za-z0-9][\w.\-\[\]]*[ \t]*(?:==|>=|~=|<=)[ \t]*\d[\w.]*)[ \t]*$"
      r"(?:\n[ \t]*(?:git\+https?://\S{1,200}|[A-Za-z0-9][\w.\-\[\]]*[ \t]*(?:==|>=|~=|<=)[ \t]*\d[\w.]*)[ \t]*$){2,}", (CONFIG,), False,
      "the report quotes a list of pinned requirements"),
    S(B.DEPENDENCY_INSTALL_FAILURE, 0.8, r"pip's dependency resolver does not currently take into account", LOGS, False,
      "pip warned that the installed set is inconsistent"),
    S(B.DEPENDENCY_INSTALL_FAILURE, 2.5, r"Failed to import [\w.]+ because of the following error|requires the \S{1,200} library but it was not found"
      r"|Could not install packages due to an? \w{0,40}Error|please (?:run )?`?pip install", LOGS, False,
      "a library the code needs is missing or the wrong version"),
    # --- apt_package_failure -----------------------------------------------------------
    S(B.APT_PACKAGE_FAILURE, 4.5, r"E: Unable to locate package|has no installation candidate|E: Package '", BUILDTIME, False,
      "apt cannot find a Debian package under that name"),
    S(B.APT_PACKAGE_FAILURE, 3.5, r"exit code:?\s*100\b", BUILDTIME, False, "apt-get failed (exit code 100)"),
    S(B.APT_PACKAGE_FAILURE, 3.0, r"apt(?:-get)? (?:update|install)[^\n]{0,300}(?:did not complete successfully|returned a non-zero code)"
      r"|dpkg: error|Unable to fetch some archives|E: Failed to fetch|Sub-process /usr/bin/dpkg returned", BUILDTIME, False,
      "an apt/dpkg step of the build failed"),
    S(B.APT_PACKAGE_FAILURE, 3.0, r"lib[\w+.-]{0,100}\.so(?:\.\d+)*:\s*cannot open shared object file", (ERROR, RUN, BUILD), False,
      "a system library is missing from the image (a Debian package to add)"),
    S(B.APT_PACKAGE_FAILURE, 1.2, r"packages\.txt|libgl1-mesa-glx", (ERROR, BUILD, CONFIG), False,
      "the Debian package list is involved"),
    S(B.APT_PACKAGE_FAILURE, 3.0, r"E: Version '[^']{1,100}' for '[^']{1,100}' was not found|NO_PUBKEY|is not signed|Release file for .{0,200} is not valid|does not have a Release file",
      BUILDTIME, False, "an apt source or pinned Debian version is not available"),
    # --- dockerfile_build_failure ------------------------------------------------------
    S(B.DOCKERFILE_BUILD_FAILURE, 4.0, r"COPY failed|failed to calculate checksum|failed to compute cache key", BUILDTIME, False,
      "a COPY/ADD source is missing from the build context"),
    S(B.DOCKERFILE_BUILD_FAILURE, 3.0, r"exit code:?\s*127\b|/bin/(?:ba)?sh:[^\n]{0,300}not found", BUILDTIME, False,
      "a RUN step calls a command that is not installed (exit 127)"),
    S(B.DOCKERFILE_BUILD_FAILURE, 4.0, r"unknown instruction|dockerfile parse error|failed to (?:read|parse) dockerfile(?!: open [^\n]{0,100}no such file)"
      r"|dockerfile:\d+", BUILDTIME, False, "the Dockerfile has invalid syntax"),
    S(B.DOCKERFILE_BUILD_FAILURE, 3.0, r"pull access denied|manifest (?:for \S{1,200} )?(?:unknown|not found)|failed to resolve source metadata"
      r"|invalid reference format", BUILDTIME, False, "the base image cannot be pulled"),
    S(B.DOCKERFILE_BUILD_FAILURE, 2.5, r"npm ERR!|npm error |ERR_PNPM|yarn install.{0,40}failed|error Command failed with exit code",
      BUILDTIME, False, "a Node.js install/build step of the Dockerfile failed"),
    S(B.DOCKERFILE_BUILD_FAILURE, 3.0, r"exec format error|executable file not found in \$PATH|\\r: not found|bash\\r|\$'\\r'",
      LOGS, False, "the image's start command cannot be executed (wrong path, architecture or CRLF line ends)"),
    S(B.DOCKERFILE_BUILD_FAILURE, 1.0, r"did not complete successfully:?\s*exit code:?\s*[1-9]\d*|returned a non-zero code",
      BUILDTIME, False, "a Dockerfile RUN step failed", True, tag="failed-step"),
    # --- out_of_memory -----------------------------------------------------------------
    S(B.OUT_OF_MEMORY, 6.0, r"memory limit exceeded", ANY, True, "the container exceeded its memory limit"),
    S(B.OUT_OF_MEMORY, 4.0, r"CUDA out of memory|OutOfMemoryError|OOMKilled|out of memory", LOGS, False,
      "the process ran out of (GPU or CPU) memory"),
    S(B.OUT_OF_MEMORY, 3.5, r"exit code:?\s*137\b", LOGS, False, "the process was killed (exit 137), usually for memory"),
    S(B.OUT_OF_MEMORY, 3.0, r"^[ \t]*Killed[ \t]*$|MemoryError|Cannot allocate memory|std::bad_alloc|JavaScript heap out of memory"
      r"|\bENOMEM\b", LOGS, False, "the process was killed or could not allocate memory"),
    # --- permission_or_filesystem ------------------------------------------------------
    S(B.PERMISSION_OR_FILESYSTEM, 5.0, r"workload evicted,? storage limit exceeded|(?:ephemeral )?storage limit exceeded \(\d+\s*[GM]",
      ANY, True, "the container filled its ephemeral disk and was evicted"),
    S(B.PERMISSION_OR_FILESYSTEM, 4.0, r"PermissionError|Errno 13|could not lock config file|Read-only file system|\bEACCES\b",
      LOGS, False, "the app writes where the runtime user (uid 1000) may not"),
    S(B.PERMISSION_OR_FILESYSTEM, 2.0, r"permission denied|operation not permitted|mkdir: cannot create directory", LOGS, False,
      "a file operation was denied"),
    S(B.PERMISSION_OR_FILESYSTEM, 3.0, r"(?:not|isn't) writable|writable directory|problem when trying to write", LOGS, False,
      "a cache or data directory is not writable"),
    S(B.PERMISSION_OR_FILESYSTEM, 3.0, r"unable to open database file|attempt to write a readonly database", LOGS, False,
      "a database file sits where the runtime user cannot write"),
    S(B.PERMISSION_OR_FILESYSTEM, 3.5, r"No space left on device|disk quota exceeded", LOGS, False, "the disk is full"),
    S(B.PERMISSION_OR_FILESYSTEM, 0.8, r"--chown|\buid 1000\b|non-root user|USER user", (CONFIG,), False,
      "the report is about file ownership in the image"),
    # --- missing_secret_or_env ---------------------------------------------------------
    S(B.MISSING_SECRET_OR_ENV, 4.5, r"KeyError:\s*['\"](?-i:[A-Z0-9_]{0,60}(?:TOKEN|KEY|SECRET|PASSWORD|PASS|AUTH|CREDENTIALS?)[A-Z0-9_]{0,60})['\"]",
      LOGS, False, "a secret read from the environment is not set"),
    S(B.MISSING_SECRET_OR_ENV, 2.5, r"KeyError:\s*['\"](?-i:[A-Z][A-Z0-9_]{2,})['\"]", LOGS, False,
      "an environment variable the app reads is not set"),
    S(B.MISSING_SECRET_OR_ENV, 4.0, r"gated repo|access to model \S{1,200} is restricted|is a gated (?:model|repo)", LOGS, False,
      "the app downloads a gated model without an authorised token"),
    S(B.MISSING_SECRET_OR_ENV, 3.0, r"401 Client Error|403 Client Error|Invalid (?:user )?token|Invalid credentials|token is (?:invalid|expired)"
      r"|You must be (?:logged in|authenticated)|incorrect api key|Unauthorized for url", RUNTIME, False,
      "an authenticated call failed: a token is missing, wrong or lacks access"),
    S(B.MISSING_SECRET_OR_ENV, 2.5, r"(?:api[_ ]?key|token|secret)\w{0,40}\b.{0,40}(?:not set|not found|missing|is required|must be set)"
      r"|environment variable.{0,40}(?:not set|missing|is required|must be set)", RUNTIME, False,
      "the app says a key, token or variable is not configured"),
    S(B.MISSING_SECRET_OR_ENV, 3.0, r"did not find \w{0,40}(?:api[_ ]?key|token|secret)|(?:set|add|provide|define) (?:an |the )?environment variable"
      r"|api_key client option must be set|no api[_ ]?key (?:was )?(?:provided|found|set)", RUNTIME, False,
      "a client library asks for a key or token in the environment"),
    S(B.MISSING_SECRET_OR_ENV, 1.2, r"Repository Not Found for url|RepositoryNotFoundError", RUNTIME, False,
      "a private or gated repository was requested without a token that can read it"),
    S(B.MISSING_SECRET_OR_ENV, 3.0, r"could not read Username for 'https://(?:huggingface\.co|hf\.co|github\.com)'"
      r"|Invalid username or password|AuthenticationError", RUNTIME, False,
      "a clone or API call needs credentials the Space does not have"),
    # --- port_or_bind_mismatch ---------------------------------------------------------
    S(B.PORT_OR_BIND_MISMATCH, 4.0, r"Cannot find empty port", RUNTIME, False, "Gradio could not bind the expected port"),
    S(B.PORT_OR_BIND_MISMATCH, 3.5, r"address already in use|Errno 98\b|EADDRINUSE", RUNTIME, False,
      "two servers compete for the same port"),
    S(B.PORT_OR_BIND_MISMATCH, 3.0, r"localhost is not accessible", RUNTIME, False,
      "Gradio cannot reach its own server on localhost (bind address / proxy settings)"),
    S(B.PORT_OR_BIND_MISMATCH, 1.0, r"\bssr\b|please install node 20", (CONFIG, RUN, ERROR), False,
      "Gradio's SSR mode puts a Node server on the public port and Python on an internal one"),
    S(B.PORT_OR_BIND_MISMATCH, 0.6, r"health ?check|readiness probe", (CONFIG, RUN, ERROR), False,
      "the report is about the health check reaching the app"),
    # --- startup_timeout_or_slow_download ---------------------------------------------
    S(B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, 2.0, r"launch timed out|(?:space|workload) was not healthy after", (ERROR, RESTART), False,
      "the app did not become healthy within startup_duration_timeout", tag="launch-timeout"),
    S(B.PORT_OR_BIND_MISMATCH, 1.6, r"launch timed out|(?:space|workload) was not healthy after", (ERROR, RESTART), False,
      "an app listening on the wrong port/host also never becomes healthy", tag="launch-timeout"),
    S(B.LIFECYCLE_STUCK_STATE, 0.5, r"launch timed out|(?:space|workload) was not healthy after", (ERROR, RESTART), False,
      "a healthy app the platform fails to see also times out", tag="launch-timeout"),
    S(B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, 0.6, r"^[ \t]*Downloading\b|Fetching \d+ files|\d{1,3}%\|[^|\n]{0,80}\|\s*[\d.]+[kMG]?i?B?/|"
      r"Loading checkpoint shards|snapshot_download|hf_hub_download|Migrating your old cache|one-time only operation"
      r"|^[^\n]{0,80}\b(?:running|applying) (?:database )?migrations?\b", (RUN,), False,
      "the app downloads, loads or migrates large data at start", tag="slow-start"),
    S(B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, 1.2, r"\bmigrat\w{0,40}|\bindex(?:ing|_?build|es)?\b|\bembed(?:ding)?s?\b|warm[- ]?up|\bcompil\w{0,40}"
      r"|download\w{0,40} (?:all )?(?:the )?models?|at startup|before (?:exec|start)\w{0,40}", (CONFIG,), False,
      "the start command does slow work before the server listens", tag="slow-start"),
    S(B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, 1.0, r"startup_duration_timeout|preload_from_hub", (CONFIG,), False,
      "the report is about the start-up time budget", tag="slow-start"),
    S(B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, 1.2, r"(?:ReadTimeout|timed? ?out|Connection (?:reset|aborted)).{0,80}(?:download|huggingface|hf\.co|\.safetensors|\.bin)"
      r"|(?:download|\.safetensors|\.bin).{0,80}(?:ReadTimeout|timed? ?out)", (RUN, ERROR), False,
      "a model download timed out during start-up", tag="slow-start"),
    # --- app_crash_at_startup ----------------------------------------------------------
    S(B.APP_CRASH_AT_STARTUP, 3.5, r"^[ \t]*(?:IndentationError|SyntaxError|TabError|NameError|UnboundLocalError)\b", LOGS, False,
      "the app's own code does not run (syntax or name error)"),
    S(B.APP_CRASH_AT_STARTUP, 1.2, r"Traceback \(most recent call last\)", RUNTIME, False, "the app raised an exception", True),
    S(B.APP_CRASH_AT_STARTUP, 1.2, r"^[ \t]*(?:TypeError|AttributeError|ValueError|IndexError|FileNotFoundError|RuntimeError"
      r"|AssertionError|ZeroDivisionError|OSError|KeyError|json\.decoder\.JSONDecodeError)\b", RUNTIME, False,
      "the app stopped on an exception in its own start-up path", True),
    # The same, raised by a library the app called (requests.exceptions.X, sqlite3.X, ...): the last
    # line of a traceback names the exception with its module.
    S(B.APP_CRASH_AT_STARTUP, 1.2, r"^[ \t]*(?:[a-z_]\w{0,40}\.){1,4}(?-i:[A-Z])\w{2,60}: \S", RUNTIME, False,
      "the app stopped on an exception raised by a library it called", True),
    S(B.APP_CRASH_AT_STARTUP, 1.5, r"failed to start\.?\s*exit code:?\s*[1-9]|exit code:?\s*1\.\s*reason:[\s:]*[^\s:]", (ERROR, RESTART), False,
      "the container exited with an error at start", True),
    S(B.APP_CRASH_AT_STARTUP, 2.0, r"Error: Cannot find module|^panic:|Segmentation fault|core dumped|exited with code [1-9]"
      r"|supervisord.{0,60}(?:error|exited|FATAL)", RUNTIME, False, "the server process exits right after start"),
    S(B.APP_CRASH_AT_STARTUP, 2.5, r"Error loading ASGI app|Could not import module \"|Failed to find attribute '\w+' in '",
      RUNTIME, False, "the server cannot load the app object named in the start command"),
    # --- normal_sleep_or_pause ---------------------------------------------------------
    S(B.NORMAL_SLEEP_OR_PAUSE, 5.0, r"paused by (?:its|the) owner|has been paused by", (ERROR, RESTART, RUN), True,
      "the page says the owner paused the Space"),
    S(B.NORMAL_SLEEP_OR_PAUSE, 3.0, r"space is asleep|sleeping due to inactivity|due to inactivity|waking it up", (ERROR, RESTART, RUN), False,
      "the Space sleeps after inactivity"),
    # --- other -------------------------------------------------------------------------
    S(B.OTHER, 5.0, r"quota limit|reached your .{0,20}quota|upgrade your account", PLATFORM, True,
      "an account quota blocks the Space"),
    # The ZeroGPU quota message is the spaces library's own statement, not a resemblance.
    S(B.OTHER, 4.0, r"exceeded your (?:gpu |zerogpu )?quota|GPU quota|402 Client Error: Payment Required"
      r"|exceeded your monthly included credits", RUNTIME, False,
      "a usage quota, not a fault of the Space"),
)
