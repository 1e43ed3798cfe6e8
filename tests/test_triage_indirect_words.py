"""Signal families for the platform's indirect words (issue 17, error analysis of the real cases).

Each test feeds a realistic line of its kind, written for this test (not taken from a case file),
and checks where the family puts it. The property tests feed arbitrary text to the log-shape
readers the families rely on.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacemedic.models import Bucket, DirectUrl, LogState, Observations, Outcome, Signals
from spacemedic.triage import diagnose
from spacemedic.triage.facts import derive


def _ranked(signals: Signals, n: int = 3) -> list[Bucket]:
    return [h.bucket for h in diagnose(signals).hypotheses[:n]]


def _first(signals: Signals) -> Bucket:
    return _ranked(signals, 1)[0]


def _crash(text: str, *, stage: str = "RUNTIME_ERROR") -> Signals:
    return Signals(runtime_stage=stage, run_log=text)


# ---- exit codes and signals -------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "/home/user/app/start.sh: line 9:    41 Killed                  python -u server.py",
    "  17 Killed  uvicorn main:app --host 0.0.0.0 --port 7860",
    "RuntimeError: [enforce fail at alloc_cpu.cpp:83] data. DefaultCPUAllocator: not enough memory: you tried to allocate 9437184000 bytes.",
    "the container exceeded its memory limit and was stopped",
])
def test_a_process_killed_or_refused_memory_is_out_of_memory(line: str) -> None:
    assert _first(_crash(line)) is Bucket.OUT_OF_MEMORY


def test_an_abort_in_native_code_is_the_app() -> None:
    s = _crash("terminate called after throwing an instance of 'std::runtime_error'\nAborted (core dumped)")
    assert _first(s) is Bucket.APP_CRASH_AT_STARTUP
    assert _first(Signals(runtime_stage="RUNTIME_ERROR", error_message="Exit code: 134. Reason: ")) is Bucket.APP_CRASH_AT_STARTUP


def test_an_unknown_exit_code_is_the_platform_losing_the_container() -> None:
    s = Signals(runtime_stage="RUNTIME_ERROR", error_message="Exit code: ?. Reason: ")
    assert _first(s) is Bucket.PLATFORM_INCIDENT


def test_exit_one_with_an_empty_reason_is_not_read_as_a_traceback() -> None:
    empty = Signals(runtime_stage="RUNTIME_ERROR", error_message="Space failed. Exit code: 1. Reason: ")
    told = Signals(runtime_stage="RUNTIME_ERROR", error_message="Exit code: 1. Reason: ValueError: bad shape (3, 4)")
    # Nothing to read: the platform's own failure is as likely as the app's, and a start-up cut short stays in sight.
    ranked = _ranked(empty)
    assert {Bucket.PLATFORM_INCIDENT, Bucket.APP_CRASH_AT_STARTUP, Bucket.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD} == set(ranked)
    assert _first(told) is Bucket.APP_CRASH_AT_STARTUP


# ---- platform banners ---------------------------------------------------------------------------

@pytest.mark.parametrize("message", ["Job failed: context deadline exceeded", "Build timed out after 120 minutes"])
def test_a_builder_deadline_is_the_builder(message: str) -> None:
    assert _first(Signals(runtime_stage="BUILD_ERROR", error_message=message)) is Bucket.BUILDER_OR_SCHEDULER_STUCK


def test_a_disabled_repository_is_a_moderation_lock() -> None:
    s = Signals(error_message="huggingface_hub.errors.DisabledRepoError: 403 Client Error. Access to this resource is disabled.")
    assert _first(s) is Bucket.MODERATION_LOCK


# ---- library error classes ----------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "GatedRepoError: 403 Client Error. Your request to access model acme/vision-7b is awaiting a review from the repo authors.",
    "Access to model acme/vision-7b is restricted and you are not in the authorized list. Visit https://huggingface.co/acme/vision-7b to ask for access.",
    "403 Forbidden: Please enable access to public gated repositories in your fine-grained token settings to view this repository.",
    "OSError: Repo model acme/vision-7b is gated. You must be authenticated to access it.",
])
def test_the_hubs_gated_repository_answers_ask_for_a_token(line: str) -> None:
    assert _first(_crash(line)) is Bucket.MISSING_SECRET_OR_ENV


def test_an_unresolvable_model_id_leans_to_the_token_but_a_wrong_id_stays_in_sight() -> None:
    line = ("OSError: acme/private-tts is not a local folder and is not a valid model identifier listed on "
            "'https://huggingface.co/models'\nIf this is a private repository, make sure to pass a token having "
            "permission to this repo")
    ranked = _ranked(_crash(line))
    assert Bucket.MISSING_SECRET_OR_ENV in ranked and Bucket.APP_CRASH_AT_STARTUP in ranked


def test_an_api_key_the_service_refuses_is_a_secret() -> None:
    s = _crash("google.api_core.exceptions.InvalidArgument: 400 API key not valid. Please pass a valid API key.")
    assert _first(s) is Bucket.MISSING_SECRET_OR_ENV


def test_a_library_method_refusing_a_keyword_is_a_version_that_does_not_fit() -> None:
    s = _crash("TypeError: Chatbot.render() got an unexpected keyword argument 'bubble_full_width'")
    assert _first(s) is Bucket.DEPENDENCY_INSTALL_FAILURE


@pytest.mark.parametrize("line", [
    "RuntimeError: The detected CUDA version (12.4) mismatches the version that was used to compile PyTorch (11.8).",
    "ImportError: /usr/local/lib/python3.10/site-packages/xformers/_C.so: undefined symbol: _ZN3c104cuda9SetDeviceEi",
    "RuntimeError: module compiled against API version 0x10 but this version of numpy is 0xe",
])
def test_compiled_parts_built_for_other_versions_are_a_dependency_problem(line: str) -> None:
    assert _first(_crash(line)) is Bucket.DEPENDENCY_INSTALL_FAILURE


@pytest.mark.parametrize("line", [
    "Traceback (most recent call last):\n  File \"/home/user/app/app.py\", line 3, in <module>\n"
    "    from peft import LoraConfig\nImportError: peft requires `transformers>=4.45.0` to run this feature",
    "RuntimeError: This feature requires a newer version of torch; found 2.0.1",
    "ValueError: Please upgrade accelerate to 0.26.0 or later to load this checkpoint",
])
def test_a_library_naming_the_release_it_needs_is_a_dependency_problem(line: str) -> None:
    assert _first(_crash(line)) is Bucket.DEPENDENCY_INSTALL_FAILURE


@pytest.mark.parametrize("line", [
    "Requirement already satisfied: torch>=2.0 in /usr/local/lib/python3.10/site-packages",
    "INFO: this endpoint requires authentication",
])
def test_ordinary_lines_about_requirements_are_not_a_version_statement(line: str) -> None:
    assert Bucket.DEPENDENCY_INSTALL_FAILURE not in {
        h.bucket for h in diagnose(Signals(runtime_stage="RUNNING", run_log=line)).hypotheses if h.direct_evidence}


def test_a_cache_at_the_filesystem_root_is_the_filesystem() -> None:
    s = _crash("FileNotFoundError: [Errno 2] No such file or directory: '/.cache/torch/hub'")
    assert _first(s) is Bucket.PERMISSION_OR_FILESYSTEM


def test_a_name_resolution_failure_explains_pips_missing_versions() -> None:
    log = ("WARNING: Retrying (Retry(total=2)) after connection broken by 'NewConnectionError(': Failed to establish a "
           "new connection: [Errno -3] Temporary failure in name resolution')': /simple/fastapi/\n"
           "ERROR: Could not find a version that satisfies the requirement fastapi (from versions: none)")
    s = Signals(runtime_stage="BUILD_ERROR", build_log=log)
    assert _first(s) is Bucket.PLATFORM_INCIDENT
    assert _first(_crash("urllib3.exceptions.NameResolutionError: Failed to resolve 'huggingface.co'")) is Bucket.PLATFORM_INCIDENT


def test_an_https_read_timeout_in_the_reason_is_the_platform_not_a_bug() -> None:
    s = Signals(runtime_stage="RUNTIME_ERROR",
                error_message="Exit code: 1. Reason: gingface.co', port=443): Read timed out. (read timeout=10)\")")
    assert _first(s) is Bucket.PLATFORM_INCIDENT


# ---- config values and how the platform reads them ------------------------------------------------

@pytest.mark.parametrize("message", [
    "Error parsing the README.md YAML: mapping values are not allowed in this context at line 3 column 8",
    "yaml.scanner.ScannerError: while scanning a simple key",
    "Configuration error: Streamlit version does not exist",
])
def test_front_matter_the_platform_cannot_read_is_the_configuration(message: str) -> None:
    assert _first(Signals(error_message=message)) is Bucket.CONFIG_ERROR_YAML


def test_a_docker_space_without_a_dockerfile_points_nowhere() -> None:
    log = "ERROR: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory"
    assert _first(Signals(runtime_stage="BUILD_ERROR", build_log=log)) is Bucket.CONFIG_ERROR_YAML


@pytest.mark.parametrize("log", [
    "ERROR: failed to solve: python:3.1-slim: failed to resolve source metadata for docker.io/library/python:3.1-slim: not found",
    "python-build: definition not found: 3.1",
])
def test_python_3_10_read_as_3_1_is_the_install_not_the_dockerfile(log: str) -> None:
    assert _first(Signals(runtime_stage="BUILD_ERROR", build_log=log, config="python_version: 3.10")) \
        is Bucket.DEPENDENCY_INSTALL_FAILURE


# ---- log shapes ---------------------------------------------------------------------------------

@pytest.mark.parametrize("banner", [
    "===== Build Queued at 2026-03-02 08:15:00 / Commit SHA: 9f8e7d6 =====",
    "2026-03-02T08:15:00Z ===== Build Queued at 2026-03-02 08:15:00 / Commit SHA: 9f8e7d6 =====",
    "[2026-03-02 08:15:00] build queued",
])
def test_the_queued_banner_alone_beside_a_generic_error_is_the_builder(banner: str) -> None:
    s = Signals(runtime_stage="BUILD_ERROR", error_message="Build failed with exit code: 1", build_log=banner + "\n")
    assert derive(s).build_logs is LogState.QUEUED_ONLY
    assert _first(s) is Bucket.BUILDER_OR_SCHEDULER_STUCK


def test_a_build_log_that_only_says_logs_are_missing_is_empty() -> None:
    s = Signals(runtime_stage="BUILD_ERROR", build_log="Build logs:\nFailed to retrieve error logs: SSE is not enabled\n")
    assert derive(s).build_logs is LogState.EMPTY


def test_an_app_that_says_it_started_but_is_not_served_is_the_port_first() -> None:
    log = "INFO:     Started server process [7]\nINFO:     Waiting for application startup.\nINFO:     Application startup complete."
    starting = Signals(runtime_stage="APP_STARTING", run_log=log, observations=Observations(sdk="docker"))
    served_error = Signals(runtime_stage="RUNNING", run_log=log, observations=Observations(direct_url=DirectUrl.ERROR))
    assert derive(starting).app_started
    assert _first(starting) is Bucket.PORT_OR_BIND_MISMATCH
    assert Bucket.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD not in _ranked(starting, 2)
    assert _first(served_error) is Bucket.PORT_OR_BIND_MISMATCH


def test_a_start_that_never_wrote_a_line_is_not_read_as_a_port() -> None:
    s = Signals(observations=Observations(hub_page_state="Preparing Space", run_logs=LogState.EMPTY,
                                          restart=Outcome.FAILED, stage_duration_minutes=240))
    ranked = _ranked(s)
    assert ranked[0] is Bucket.LIFECYCLE_STUCK_STATE
    assert Bucket.MODERATION_LOCK in ranked and Bucket.PORT_OR_BIND_MISMATCH not in ranked


def test_a_runtime_error_after_the_whole_start_budget_is_a_start_up_that_never_finished() -> None:
    s = Signals(runtime_stage="RUNTIME_ERROR", observations=Observations(hub_page_state="Starting", stage_duration_minutes=31))
    ranked = _ranked(s)
    assert ranked[0] is Bucket.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD and Bucket.PORT_OR_BIND_MISMATCH in ranked


def test_past_the_budget_still_migrating_is_a_slow_start() -> None:
    log = "Running database migrations...\nApplying migration 0042_add_index (this may take a while)"
    s = Signals(run_log=log, observations=Observations(stage_duration_minutes=75))
    assert _first(s) is Bucket.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD


# ---- what a restart or a rebuild did --------------------------------------------------------------

def test_a_failed_space_that_a_restart_alone_brings_back_failed_outside_its_code() -> None:
    s = Signals(runtime_stage="RUNTIME_ERROR", observations=Observations(restart=Outcome.SUCCEEDED))
    ranked = _ranked(s)
    assert ranked[0] is Bucket.PLATFORM_INCIDENT and Bucket.OUT_OF_MEMORY in ranked


def test_a_build_error_that_a_rebuild_of_the_same_commit_clears_is_the_builder() -> None:
    s = Signals(runtime_stage="BUILD_ERROR", observations=Observations(factory_rebuild=Outcome.SUCCEEDED, sdk="gradio"))
    assert _first(s) is Bucket.BUILDER_OR_SCHEDULER_STUCK


def test_a_factory_rebuild_that_leaves_a_paused_space_paused_says_nothing() -> None:
    rebuilt = Signals(runtime_stage="PAUSED", observations=Observations(factory_rebuild=Outcome.NO_EFFECT))
    refused = Signals(runtime_stage="PAUSED", observations=Observations(restart=Outcome.FAILED))
    assert _first(rebuilt) is Bucket.NORMAL_SLEEP_OR_PAUSE
    assert _first(refused) is Bucket.LIFECYCLE_STUCK_STATE


def test_several_spaces_in_error_with_nothing_else_is_not_one_repo() -> None:
    s = Signals(runtime_stage="RUNTIME_ERROR", observations=Observations(other_spaces_affected=True))
    ranked = _ranked(s)
    assert Bucket.PLATFORM_INCIDENT in ranked and Bucket.HARDWARE_CAPACITY in ranked
    assert Bucket.DEPENDENCY_INSTALL_FAILURE not in ranked


def test_several_spaces_failing_in_their_own_code_point_to_a_shared_release() -> None:
    log = "Traceback (most recent call last):\n  File \"/home/user/app/app.py\", line 3, in <module>\nAttributeError: 'Tool' object has no attribute 'run'"
    s = Signals(runtime_stage="RUNTIME_ERROR", run_log=log, observations=Observations(other_spaces_affected=True))
    assert Bucket.DEPENDENCY_INSTALL_FAILURE in _ranked(s, 2)
    assert Bucket.MODERATION_LOCK not in _ranked(s)


# ---- the readers under the families never fail ------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.text(max_size=400))
def test_log_shape_readers_take_any_text(build: str, run: str) -> None:
    facts = derive(Signals(build_log=build, run_log=run))
    assert facts.build_logs in (LogState.EMPTY, LogState.QUEUED_ONLY, LogState.HAS_OUTPUT)
    assert facts.run_logs in (LogState.EMPTY, LogState.HAS_OUTPUT)
    assert isinstance(facts.app_started, bool) and isinstance(facts.started_after_error, bool)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["", "2026-01-02T03:04:05Z ", "[2026-01-02 03:04:05] ", "2026-01-02 03:04:05,123 r1x2 "]),
                min_size=1, max_size=5))
def test_queued_banners_with_any_timestamp_are_queued_only(stamps: list[str]) -> None:
    log = "\n".join(f"{s}===== Build Queued at 2026-01-02 03:04:05 / Commit SHA: 0a1b2c3 =====" for s in stamps)
    assert derive(Signals(build_log=log)).build_logs is LogState.QUEUED_ONLY


def test_the_schedulers_own_words_for_no_free_gpu_are_capacity() -> None:
    s = Signals(runtime_stage="RUNTIME_ERROR",
                error_message="Scheduling failure: 0/9 nodes are available: 9 Insufficient nvidia.com/gpu.")
    assert _first(s) is Bucket.HARDWARE_CAPACITY


def test_outbound_connections_timing_out_lean_to_the_platform() -> None:
    log = "WARN worker: request to https://api.example.org/v1 failed: error trying to connect: operation timed out"
    s = Signals(runtime_stage="RUNNING", run_log=log, observations=Observations(sdk="docker"))
    assert _first(s) is Bucket.PLATFORM_INCIDENT


def test_many_users_docker_spaces_stuck_building_lean_to_a_block_on_the_tool() -> None:
    s = Signals(runtime_stage="BUILDING", observations=Observations(other_users_affected=True, sdk="docker"))
    assert _ranked(s, 2) == [Bucket.MODERATION_LOCK, Bucket.BUILDER_OR_SCHEDULER_STUCK]
    assert diagnose(s).hypotheses[0].confidence.value == "inferred"
    # Commits that start no build for hours are the builder's mark, whoever else is affected.
    stuck = Signals(runtime_stage="BUILDING", observations=Observations(
        other_users_affected=True, sdk="docker", new_commit_triggers_build=False, stage_duration_minutes=900))
    assert _first(stuck) is Bucket.BUILDER_OR_SCHEDULER_STUCK


def test_an_error_the_server_came_up_after_did_not_stop_the_app() -> None:
    survived = ("2026-02-01 09:00:01 | ERROR | store.py:41 | could not save state: [Errno 13] Permission denied: '/data/state.json'\n"
                " * Serving Flask app 'server'\n * Debug mode: off")
    s = Signals(runtime_stage="APP_STARTING", run_log=survived, observations=Observations(sdk="docker"))
    assert derive(s).started_after_error
    assert _first(s) is Bucket.PORT_OR_BIND_MISMATCH
    # The other way round the error came last, and it is what the Space died of.
    fatal = (" * Serving Flask app 'server'\nTraceback (most recent call last):\n"
             "PermissionError: [Errno 13] Permission denied: '/data/state.json'")
    died = Signals(runtime_stage="RUNTIME_ERROR", run_log=fatal, observations=Observations(sdk="docker"))
    assert not derive(died).started_after_error
    assert _first(died) is Bucket.PERMISSION_OR_FILESYSTEM


def test_the_hubs_metadata_validation_is_the_configuration() -> None:
    s = Signals(error_message='ValueError: Invalid metadata in README.md.\n- "colorTo" must be one of [red, yellow, green, blue]')
    assert _first(s) is Bucket.CONFIG_ERROR_YAML


def test_an_unpinned_upgrade_in_the_image_leans_to_version_drift() -> None:
    s = Signals(runtime_stage="RUNTIME_ERROR", config="RUN pip install --no-cache-dir --upgrade torch transformers peft",
                observations=Observations(sdk="gradio"))
    pinned = Signals(runtime_stage="RUNTIME_ERROR", config="RUN pip install --upgrade -r requirements.txt",
                     observations=Observations(sdk="gradio"))
    assert _first(s) is Bucket.DEPENDENCY_INSTALL_FAILURE
    assert diagnose(s).hypotheses[0].likelihood > diagnose(pinned).hypotheses[0].likelihood


@pytest.mark.parametrize(("line", "bucket"), [
    ("The node was low on resource: memory. Container app was using 17Gi, which exceeds its request of 0.",
     Bucket.OUT_OF_MEMORY),
    ("The node was low on resource: ephemeral-storage. Container app was using 61Gi.", Bucket.PERMISSION_OR_FILESYSTEM),
    ("app.service: Main process exited, code=killed, status=9/KILL", Bucket.OUT_OF_MEMORY),
])
def test_eviction_and_kill_notices_name_the_resource(line: str, bucket: Bucket) -> None:
    assert _first(Signals(runtime_stage="RUNTIME_ERROR", error_message=line)) is bucket


_CROSS = (
    "Traceback (most recent call last):\n"
    '  File "/home/user/app/app.py", line 30, in <module>\n'
    "    store = FAISS.from_texts(chunks, embedder)\n"
    '  File "/usr/local/lib/python3.10/site-packages/langchain_community/vectorstores/faiss.py", line 1041, in from_texts\n'
    "    return cls.__from(texts, embeddings, **kwargs)\n"
    '  File "/usr/local/lib/python3.10/site-packages/pydantic/main.py", line 212, in __init__\n'
    "    validated_self = self.__pydantic_validator__.validate_python(data)\n"
    "TypeError: BaseModel.__init__() takes 1 positional argument but 2 were given\n"
)
_OWN_CALL = (
    "Traceback (most recent call last):\n"
    '  File "/home/user/app/app.py", line 9, in <module>\n'
    '    clf = pipeline("text-clasification", model=MODEL_ID)\n'
    '  File "/usr/local/lib/python3.10/site-packages/transformers/pipelines/__init__.py", line 870, in pipeline\n'
    "    normalized_task, targeted_task, task_options = check_task(task)\n"
    "ValueError: Unknown task text-clasification\n"
)


def test_a_failure_passed_from_one_installed_package_to_another_is_a_dependency_problem() -> None:
    assert _first(_crash(_CROSS)) is Bucket.DEPENDENCY_INSTALL_FAILURE
    # A traceback cut off after the two library frames reads the same.
    assert _first(_crash(_CROSS.rsplit("TypeError", 1)[0])) is Bucket.DEPENDENCY_INSTALL_FAILURE


def test_a_library_refusing_the_apps_own_call_stays_the_app() -> None:
    assert _first(_crash(_OWN_CALL)) is Bucket.APP_CRASH_AT_STARTUP


@pytest.mark.parametrize("line,bucket", [
    ("AttributeError: module 'numpy' has no attribute 'int'.\n`np.int` was a deprecated alias for the builtin `int`.",
     Bucket.DEPENDENCY_INSTALL_FAILURE),
    ("RuntimeError: CUDA error: no kernel image is available for execution on the device", Bucket.DEPENDENCY_INSTALL_FAILURE),
    ("AssertionError: Torch not compiled with CUDA enabled", Bucket.DEPENDENCY_INSTALL_FAILURE),
    ("OSError: We couldn't connect to 'https://huggingface.co' to load this file, couldn't find it in the cached files.",
     Bucket.PLATFORM_INCIDENT),
    ("streamlit.errors.StreamlitSecretNotFoundError: No secrets found. Valid paths for a secrets.toml file are: "
     "/root/.streamlit/secrets.toml", Bucket.MISSING_SECRET_OR_ENV),
    ("pydantic_core._pydantic_core.ValidationError: 1 validation error for AppSettings\nSUPABASE_URL\n"
     "  Field required [type=missing, input_value={}, input_type=dict]", Bucket.MISSING_SECRET_OR_ENV),
    ("exec /home/user/app/run.sh: no such file or directory", Bucket.DOCKERFILE_BUILD_FAILURE),
    ("gradio.exceptions.Error: 'You have exceeded your GPU quota (90s requested vs. 12s left). Try again in 0:41:10'",
     Bucket.OTHER),
])
def test_library_and_runtime_messages_of_their_kind(line: str, bucket: Bucket) -> None:
    assert _first(_crash(line)) is bucket


def test_a_failed_build_step_is_an_error_line_not_a_silent_builder() -> None:
    log = ("#12 [6/8] RUN npm run build\n#12 4.210 sh: vite: not permitted\n"
           "ERROR: failed to solve: process \"/bin/sh -c npm run build\" did not complete successfully: exit code: 1\n")
    assert _first(Signals(runtime_stage="BUILD_ERROR", build_log=log)) is not Bucket.BUILDER_OR_SCHEDULER_STUCK


@pytest.mark.parametrize("log,bucket", [
    ("  building 'sentencepiece._C' extension\n  csrc/module.c:4:10: fatal error: Python.h: No such file or directory\n"
     "  error: command '/usr/bin/gcc' failed with exit code 1", Bucket.DEPENDENCY_INSTALL_FAILURE),
    ("ERROR: Could not build wheels for pycocotools, which is required to install pyproject.toml-based projects",
     Bucket.DEPENDENCY_INSTALL_FAILURE),
    ("OSError: CUDA_HOME environment variable is not set. Please set it to your CUDA install root.",
     Bucket.DEPENDENCY_INSTALL_FAILURE),
    ("ERROR: Invalid requirement: 'gradio=4.44.1' (from line 2 of requirements.txt)\nHint: = is not a valid operator. Did you mean == ?",
     Bucket.DEPENDENCY_INSTALL_FAILURE),
    ("E: The repository 'http://security.debian.org/debian-security stretch/updates Release' does not have a Release file.",
     Bucket.APT_PACKAGE_FAILURE),
])
def test_build_failures_in_their_tools_words(log: str, bucket: Bucket) -> None:
    ranked = _ranked(Signals(runtime_stage="BUILD_ERROR", build_log=log))
    assert ranked[0] is bucket
    # An error line in the build log is the failure written down: not a builder that died silently.
    assert Bucket.BUILDER_OR_SCHEDULER_STUCK not in ranked[:1]


@pytest.mark.parametrize("line,bucket", [
    ("FileNotFoundError: [Errno 2] No such file or directory: 'ffprobe'", Bucket.APT_PACKAGE_FAILURE),
    ("RuntimeWarning: Couldn't find ffmpeg or avconv - defaulting to ffmpeg, but may not work", Bucket.APT_PACKAGE_FAILURE),
    ("pytesseract.pytesseract.TesseractNotFoundError: tesseract is not installed or it's not in your PATH.",
     Bucket.APT_PACKAGE_FAILURE),
    ("ValueError: The checkpoint you are trying to load has model type `gemma3` but Transformers does not recognize "
     "this architecture.", Bucket.DEPENDENCY_INSTALL_FAILURE),
    ("google.auth.exceptions.DefaultCredentialsError: Your default credentials were not found.",
     Bucket.MISSING_SECRET_OR_ENV),
])
def test_runtime_messages_that_name_what_is_missing(line: str, bucket: Bucket) -> None:
    assert _first(_crash(line)) is bucket


@pytest.mark.parametrize("text", [
    "Traceback (most recent call last):\n  File \"/app/main.py\", line 4, in <module>\n    from utils import load_index\n"
    "ModuleNotFoundError: No module named 'utils'",
    "Traceback (most recent call last):\n  File \"/home/user/app/app.py\", line 8, in <module>\n"
    "    from pipeline.steps import run\n  File \"/home/user/app/pipeline/steps.py\", line 3, in <module>\n"
    "    from pipeline.shared.io import read\nModuleNotFoundError: No module named 'pipeline.shared'",
    "ERROR  startup failed: cannot import name 'Settings' from 'core.settings' (unknown location)",
])
def test_a_module_or_name_missing_from_the_apps_own_tree_is_the_app(text: str) -> None:
    assert _first(_crash(text)) is Bucket.APP_CRASH_AT_STARTUP


def test_a_third_party_module_missing_stays_a_dependency() -> None:
    text = ("Traceback (most recent call last):\n  File \"/home/user/app/app.py\", line 2, in <module>\n"
            "    import librosa\nModuleNotFoundError: No module named 'librosa'")
    assert _first(_crash(text)) is Bucket.DEPENDENCY_INSTALL_FAILURE


def test_cuda_runtime_libraries_of_another_version_are_the_wheels_not_a_system_package() -> None:
    s = _crash("OSError: libcublasLt.so.12: cannot open shared object file: No such file or directory")
    assert _first(s) is Bucket.DEPENDENCY_INSTALL_FAILURE
    assert _first(_crash("ImportError: libGL.so.1: cannot open shared object file: No such file or directory")) \
        is Bucket.APT_PACKAGE_FAILURE


def test_a_platform_start_up_step_that_fails_is_the_platform() -> None:
    s = Signals(runtime_stage="RUNTIME_ERROR", error_message="Initialization step 'fetch-repo' failed with exit code: 1. Reason:",
                observations=Observations(run_logs=LogState.EMPTY))
    assert _first(s) is Bucket.PLATFORM_INCIDENT


def test_a_build_waiting_in_the_queue_while_the_old_revision_serves_is_the_builder() -> None:
    banner = "===== Build Queued at 2026-05-05 12:00:00 / Commit SHA: 0a1b2c3 ====="
    s = Signals(build_log=banner, observations=Observations(stage_duration_minutes=70, direct_url=DirectUrl.LOADS))
    assert _first(s) is Bucket.BUILDER_OR_SCHEDULER_STUCK


@pytest.mark.parametrize("line,bucket", [
    ("TypeError: unsupported operand type(s) for |: 'type' and 'NoneType'", Bucket.DEPENDENCY_INSTALL_FAILURE),
    ("    def load(paths: list[str]) -> dict[str, int]:\nTypeError: 'type' object is not subscriptable",
     Bucket.DEPENDENCY_INSTALL_FAILURE),
    ("TypeError: __init__() got an unexpected keyword argument 'source'", Bucket.DEPENDENCY_INSTALL_FAILURE),
    ("ValueError: Unable to find specified gradio component: 'MultimodalTextbox'", Bucket.DEPENDENCY_INSTALL_FAILURE),
    ("_pickle.UnpicklingError: invalid load key, 'v'.", Bucket.REPO_STORAGE_LIMIT),
    ("huggingface_hub.errors.HfHubHTTPError: 402 Client Error: Payment Required for url: https://router.huggingface.co/v1",
     Bucket.OTHER),
    ("No secrets files found. Valid paths for a secrets.toml file are: /home/user/.streamlit/secrets.toml",
     Bucket.MISSING_SECRET_OR_ENV),
])
def test_more_messages_of_their_kind(line: str, bucket: Bucket) -> None:
    assert _first(_crash(line)) is bucket


def test_a_platform_initialization_step_outweighs_its_exit_code() -> None:
    s = Signals(runtime_stage="RUNTIME_ERROR", error_message="Initialization step 'mount-volume' failed with exit code: 0. Reason:")
    assert _first(s) is Bucket.PLATFORM_INCIDENT


# ---- session 6: shapes that name the SDK, the proxy's error page, scanners, ZeroGPU ----------

@pytest.mark.parametrize("config", [
    "undetected-chromedriver==3.5.5\nflask",
    "RUN pip install playwright-stealth && playwright install chromium",
    "from camoufox.sync_api import Camoufox",
])
def test_browser_automation_built_to_evade_detection_puts_a_lock_among_the_first_causes(config: str) -> None:
    assert Bucket.MODERATION_LOCK in _ranked(Signals(config=config))


def test_plain_browser_automation_is_not_evidence_of_a_lock() -> None:
    plain = Signals(config="playwright==1.47.0\nselenium==4.25.0")
    assert Bucket.MODERATION_LOCK not in _ranked(plain)


def test_a_zerogpu_worker_error_with_only_its_class_keeps_the_torch_build_and_the_service_in_view() -> None:
    s = Signals(runtime_stage="RUNNING", run_log="ZeroGPU worker error\nIndexError")
    top = _ranked(s)
    assert Bucket.DEPENDENCY_INSTALL_FAILURE in top and Bucket.PLATFORM_INCIDENT in top


@pytest.mark.parametrize("config,run_log", [
    ('FROM python:3.12-slim\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0"]', ""),
    ("", 'Traceback (most recent call last):\n  File "<frozen runpy>", line 198, in _run_module_as_main\n'
         '  File "/usr/local/lib/python3.12/site-packages/uvicorn/__main__.py", line 4, in <module>\n    uvicorn.main()'),
    ("", '  File "/usr/local/bin/gunicorn", line 8, in <module>\n    sys.exit(run())'),
])
def test_a_quoted_dockerfile_or_a_server_started_as_the_command_means_a_docker_space(config: str, run_log: str) -> None:
    assert derive(Signals(config=config, run_log=run_log)).sdk == "docker"


def test_a_gradio_app_that_runs_uvicorn_itself_is_not_taken_for_docker() -> None:
    log = '  File "/home/user/app/app.py", line 40, in <module>\n    uvicorn.run(app)\n  File "/usr/local/lib/python3.10/site-packages/uvicorn/main.py", line 577, in run'
    assert derive(Signals(run_log=log)).sdk is None
    assert derive(Signals(config="sdk: gradio\nFROM the docs: run it", run_log="")).sdk == "gradio"


def test_the_proxys_error_page_lets_the_sdk_weigh_as_in_a_failed_stage() -> None:
    page = "Your space is in error, check its status on hf.co"
    docker = Signals(error_message=page, observations=Observations(sdk="docker"))
    assert derive(docker).failed_stage
    assert _first(docker) is Bucket.PERMISSION_OR_FILESYSTEM
    # Without the page nothing says the Space failed: the SDK alone moves nothing.
    assert _ranked(Signals(observations=Observations(sdk="docker"))) == _ranked(Signals())
    # A stage the platform names takes over from the page.
    assert not derive(Signals(runtime_stage="RUNNING", error_message=page)).failed_stage
