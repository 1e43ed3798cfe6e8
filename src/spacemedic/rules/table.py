"""The rule table: each rule's code, name, category and the module that defines it, as data.

Listing codes, checking selectors and configs, and choosing which rules a lint runs read this
table; a rule's module is imported only when the rule runs or its documentation is shown, so a
`lint --select SM3` or an `explain SM200` does not pay for every rule.

The table is generated from the areas' explicit `RULES` tuples, in `AREAS` order. A test fails
when it differs from them, and another when a `Rule` subclass under `spacemedic.rules` is missing
from it. A new rule goes into its area's `RULES` tuple; then this regenerates the table:

    SPACEMEDIC_UPDATE_GOLDEN=1 python -m pytest tests/test_cli_basics.py -k rule_table
"""

from __future__ import annotations

AREAS = ("front_matter", "repo", "secrets", "policy", "network", "dockerfile", "permissions", "apt",
         "requirements", "startup", "appcode", "meta")
"""The area packages under `spacemedic.rules`, in the order their rules run and are listed."""

TABLE: tuple[tuple[str, str, str, str, str], ...] = (
    # (code, name, category, module under spacemedic.rules, class): generated, not edited by hand
    ('SM001', 'missing-front-matter', 'front-matter', 'front_matter.missing_block', 'MissingFrontMatter'),
    ('SM002', 'sdk-missing-or-unknown', 'front-matter', 'front_matter.sdk_missing_or_unknown', 'SdkMissingOrUnknown'),
    ('SM003', 'streamlit-sdk-deprecated', 'front-matter', 'front_matter.streamlit_sdk_deprecated', 'StreamlitSdkDeprecated'),
    ('SM004', 'app-file-missing', 'front-matter', 'front_matter.app_file_missing', 'AppFileMissing'),
    ('SM005', 'docker-sdk-without-dockerfile', 'front-matter', 'front_matter.docker_without_dockerfile', 'DockerSdkWithoutDockerfile'),
    ('SM006', 'python-version-as-number', 'front-matter', 'front_matter.python_version_as_number', 'PythonVersionAsNumber'),
    ('SM007', 'key-ignored-for-sdk', 'front-matter', 'front_matter.key_ignored_for_sdk', 'KeyIgnoredForSdk'),
    ('SM008', 'invalid-startup-duration-timeout', 'front-matter', 'front_matter.invalid_startup_timeout', 'InvalidStartupDurationTimeout'),
    ('SM009', 'invalid-preload-from-hub', 'front-matter', 'front_matter.invalid_preload_from_hub', 'InvalidPreloadFromHub'),
    ('SM010', 'unknown-suggested-hardware', 'front-matter', 'front_matter.unknown_suggested_hardware', 'UnknownSuggestedHardware'),
    ('SM011', 'invalid-space-color', 'front-matter', 'front_matter.invalid_space_color', 'InvalidSpaceColor'),
    ('SM012', 'invalid-app-port', 'front-matter', 'front_matter.invalid_app_port', 'InvalidAppPort'),
    ('SM013', 'invalid-custom-headers', 'front-matter', 'front_matter.invalid_custom_headers', 'InvalidCustomHeaders'),
    ('SM014', 'unknown-oauth-scope', 'front-matter', 'front_matter.unknown_oauth_scope', 'UnknownOauthScope'),
    ('SM015', 'config-in-unread-file', 'front-matter', 'front_matter.config_in_unread_file', 'ConfigInUnreadFile'),
    ('SM016', 'short-description-too-long', 'front-matter', 'front_matter.short_description_too_long', 'ShortDescriptionTooLong'),
    ('SM017', 'sdk-version-as-number', 'front-matter', 'front_matter.sdk_version_as_number', 'SdkVersionAsNumber'),
    ('SM050', 'sdk-version-conflicts-with-requirements', 'front-matter', 'front_matter.sdk_version_conflict', 'SdkVersionConflictsWithRequirements'),
    ('SM100', 'large-file-not-in-lfs', 'repo-size', 'repo.large_file_not_in_lfs', 'LargeFileNotInLfs'),
    ('SM101', 'repo-over-size-limit', 'repo-size', 'repo.repo_over_size_limit', 'RepoOverSizeLimit'),
    ('SM102', 'committed-environment', 'repo-size', 'repo.committed_environment', 'CommittedEnvironment'),
    ('SM103', 'large-media-served', 'repo-size', 'repo.large_media_served', 'LargeMediaServed'),
    ('SM150', 'dockerfile-ignored', 'ignored-file', 'repo.dockerfile_ignored', 'DockerfileIgnored'),
    ('SM151', 'dependency-file-ignored', 'ignored-file', 'repo.dependency_file_ignored', 'DependencyFileIgnored'),
    ('SM152', 'streamlit-config-ignored', 'ignored-file', 'repo.streamlit_config_ignored', 'StreamlitConfigIgnored'),
    ('SM153', 'dockerfile-is-a-directory', 'ignored-file', 'repo.dockerfile_is_a_directory', 'DockerfileIsADirectory'),
    ('SM140', 'symlink-outside-repository', 'repo-size', 'repo.symlink_outside_repository', 'SymlinkOutsideRepository'),
    ('SM200', 'hardcoded-secret', 'secret', 'secrets.hardcoded_secret', 'HardcodedSecret'),
    ('SM201', 'secret-assigned-literal', 'secret', 'secrets.secret_assigned_literal', 'SecretAssignedLiteral'),
    ('SM250', 'abuse-scanner-sensitive', 'policy', 'policy.abuse_scanner_sensitive', 'AbuseScannerSensitive'),
    ('SM300', 'app-port-mismatch', 'port', 'network.app_port_mismatch', 'AppPortMismatch'),
    ('SM301', 'server-binds-loopback', 'bind', 'network.server_binds_loopback', 'ServerBindsLoopback'),
    ('SM302', 'streamlit-in-docker-without-app-port', 'port', 'network.streamlit_in_docker_without_app_port', 'StreamlitInDockerWithoutAppPort'),
    ('SM303', 'streamlit-config-overrides-port', 'streamlit-config', 'network.streamlit_config_overrides_port', 'StreamlitConfigOverridesPort'),
    ('SM304', 'listen-address-unresolved', 'port', 'network.listen_address_unresolved', 'ListenAddressUnresolved'),
    ('SM305', 'app-port-ignored', 'port', 'network.app_port_ignored', 'AppPortIgnored'),
    ('SM450', 'expose-disagrees-with-port', 'dockerfile', 'network.expose_disagrees_with_port', 'ExposeDisagreesWithPort'),
    ('SM306', 'polling-bot-without-listener', 'port', 'network.polling_bot_without_listener', 'PollingBotWithoutListener'),
    ('SM400', 'dockerfile-env-inline-comment', 'dockerfile', 'dockerfile.env_inline_comment', 'EnvInlineComment'),
    ('SM401', 'dockerfile-exec-form-invalid-json', 'dockerfile', 'dockerfile.exec_form_invalid', 'ExecFormInvalidJson'),
    ('SM402', 'dockerfile-env-spaced-equals', 'dockerfile', 'dockerfile.env_spaced_equals', 'EnvSpacedEquals'),
    ('SM403', 'dockerfile-unknown-instruction', 'dockerfile', 'dockerfile.unknown_instruction', 'UnknownInstruction'),
    ('SM404', 'dockerfile-no-start-command', 'dockerfile', 'dockerfile.no_start_command', 'NoStartCommand'),
    ('SM405', 'dockerfile-copy-source-missing', 'dockerfile', 'dockerfile.copy_source_missing', 'CopySourceMissing'),
    ('SM406', 'exec-form-env-assignment', 'dockerfile', 'dockerfile.exec_form_env_assignment', 'ExecFormEnvAssignment'),
    ('SM407', 'start-script-crlf', 'dockerfile', 'dockerfile.start_script_crlf', 'StartScriptCrlf'),
    ('SM460', 'build-write-after-user-switch', 'permissions', 'permissions.build_write_after_user', 'BuildWriteAfterUserSwitch'),
    ('SM461', 'runtime-write-to-root-owned-dir', 'permissions', 'permissions.runtime_write_root_dir', 'RuntimeWriteToRootOwnedDir'),
    ('SM462', 'cache-dir-not-writable', 'permissions', 'permissions.cache_dir_not_writable', 'CacheDirNotWritable'),
    ('SM463', 'git-config-global-without-home', 'permissions', 'permissions.git_config_without_home', 'GitConfigGlobalWithoutHome'),
    ('SM464', 'nginx-root-only-paths', 'permissions', 'permissions.nginx_root_paths', 'NginxRootOnlyPaths'),
    ('SM465', 'useradd-uid-already-taken', 'permissions', 'permissions.useradd_uid_taken', 'UseraddUidTaken'),
    ('SM500', 'apt-package-obsolete', 'apt', 'apt.package_obsolete', 'AptPackageObsolete'),
    ('SM501', 'packages-txt-invalid-line', 'apt', 'apt.packages_txt_invalid', 'PackagesTxtInvalidLine'),
    ('SM502', 'apt-install-without-yes', 'apt', 'apt.install_without_yes', 'AptInstallWithoutYes'),
    ('SM503', 'apt-install-without-update', 'apt', 'apt.install_without_update', 'AptInstallWithoutUpdate'),
    ('SM504', 'apt-install-as-non-root', 'apt', 'apt.install_as_non_root', 'AptInstallAsNonRoot'),
    ('SM550', 'requirement-unparsable', 'requirements', 'requirements.unparsable', 'RequirementUnparsable'),
    ('SM551', 'module-from-two-distributions', 'requirements', 'requirements.shared_module', 'ModuleFromTwoDistributions'),
    ('SM552', 'requirement-vcs-or-editable', 'requirements', 'requirements.vcs_or_editable', 'RequirementVcsOrEditable'),
    ('SM553', 'removed-api-in-dependency', 'requirements', 'requirements.removed_api', 'RemovedApiInDependency'),
    ('SM554', 'requirement-local-file-url', 'requirements', 'requirements.local_file_url', 'RequirementLocalFileUrl'),
    ('SM555', 'local-version-without-index', 'requirements', 'requirements.local_version_without_index', 'LocalVersionWithoutIndex'),
    ('SM556', 'requirement-needs-repo-file', 'requirements', 'requirements.needs_repo_file', 'RequirementNeedsRepoFile'),
    ('SM557', 'requirement-not-installable', 'requirements', 'requirements.not_installable', 'RequirementNotInstallable'),
    ('SM558', 'pyproject-invalid-toml', 'requirements', 'requirements.pyproject_invalid', 'PyprojectInvalidToml'),
    ('SM559', 'node-engine-too-old', 'requirements', 'requirements.node_engine_too_old', 'NodeEngineTooOld'),
    ('SM560', 'requirement-needs-newer-python', 'requirements', 'requirements.needs_newer_python', 'RequirementNeedsNewerPython'),
    ('SM600', 'startup-model-download', 'startup-download', 'startup.startup_download', 'StartupModelDownload'),
    ('SM601', 'startup-package-install', 'startup-download', 'startup.startup_install', 'StartupPackageInstall'),
    ('SM650', 'main-block-never-runs', 'app-code', 'appcode.main_block_never_runs', 'MainBlockNeverRuns'),
    ('SM651', 'server-started-on-import', 'app-code', 'appcode.server_started_on_import', 'ServerStartedOnImport'),
    ('SM652', 'local-import-unresolved', 'app-code', 'appcode.local_import_unresolved', 'LocalImportUnresolved'),
    ('SM653', 'gradio-root-path-subpath', 'app-code', 'appcode.gradio_root_path_subpath', 'GradioRootPathSubpath'),
    ('SM654', 'gradio-share-on-spaces', 'app-code', 'appcode.gradio_share_on_spaces', 'GradioShareOnSpaces'),
    ('SM655', 'uvicorn-reimports-own-module', 'app-code', 'appcode.uvicorn_reimports_own_module', 'UvicornReimportsOwnModule'),
    ('SM656', 'cuda-without-gpu', 'app-code', 'appcode.cuda_without_gpu', 'CudaWithoutGpu'),
    ('SM657', 'sdk-image-path-hardcoded', 'app-code', 'appcode.sdk_image_path_hardcoded', 'SdkImagePathHardcoded'),
    ('SM658', 'module-not-installed', 'app-code', 'appcode.module_not_installed', 'ModuleNotInstalled'),
    ('SM900', 'unused-suppression', 'suppression', 'meta.unused_suppression', 'UnusedSuppression'),
    ('SM901', 'suppression-without-reason', 'suppression', 'meta.suppression_without_reason', 'SuppressionWithoutReason'),
)


def derive() -> tuple[tuple[str, str, str, str, str], ...]:
    """The table as the areas' `RULES` tuples define it (imports every rule module)."""
    import importlib

    rows = []
    for area in AREAS:
        for rule in importlib.import_module(f"spacemedic.rules.{area}").RULES:
            module = rule.__module__.removeprefix("spacemedic.rules.")
            rows.append((rule.code, rule.name, rule.category.value, module, rule.__qualname__))
    return tuple(rows)
