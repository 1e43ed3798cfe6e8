"""Rules: dockerfile."""

from __future__ import annotations

from spacemedic.rules.base import Rule
from spacemedic.rules.dockerfile import (
    copy_source_missing,
    env_inline_comment,
    env_spaced_equals,
    exec_form_env_assignment,
    exec_form_invalid,
    no_start_command,
    start_script_crlf,
    unknown_instruction,
)

RULES: tuple[type[Rule], ...] = (
    env_inline_comment.EnvInlineComment,
    exec_form_invalid.ExecFormInvalidJson,
    env_spaced_equals.EnvSpacedEquals,
    unknown_instruction.UnknownInstruction,
    no_start_command.NoStartCommand,
    copy_source_missing.CopySourceMissing,
    exec_form_env_assignment.ExecFormEnvAssignment,
    start_script_crlf.StartScriptCrlf,
)
