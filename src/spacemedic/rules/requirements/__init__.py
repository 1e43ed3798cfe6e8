"""Rules: requirements (requirements.txt as pip installs it, and what the code expects of it)."""

from __future__ import annotations

from spacemedic.rules.base import Rule
from spacemedic.rules.requirements import (
    local_file_url,
    local_version_without_index,
    needs_newer_python,
    needs_repo_file,
    node_engine_too_old,
    not_installable,
    pyproject_invalid,
    removed_api,
    shared_module,
    unparsable,
    vcs_or_editable,
)

RULES: tuple[type[Rule], ...] = (
    unparsable.RequirementUnparsable,
    shared_module.ModuleFromTwoDistributions,
    vcs_or_editable.RequirementVcsOrEditable,
    removed_api.RemovedApiInDependency,
    local_file_url.RequirementLocalFileUrl,
    local_version_without_index.LocalVersionWithoutIndex,
    needs_repo_file.RequirementNeedsRepoFile,
    not_installable.RequirementNotInstallable,
    pyproject_invalid.PyprojectInvalidToml,
    node_engine_too_old.NodeEngineTooOld,
    needs_newer_python.RequirementNeedsNewerPython,
)
