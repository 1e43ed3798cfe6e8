"""Rules: appcode."""

from __future__ import annotations

from spacemedic.rules.appcode.cuda_without_gpu import CudaWithoutGpu
from spacemedic.rules.appcode.gradio_root_path_subpath import GradioRootPathSubpath
from spacemedic.rules.appcode.gradio_share_on_spaces import GradioShareOnSpaces
from spacemedic.rules.appcode.local_import_unresolved import LocalImportUnresolved
from spacemedic.rules.appcode.main_block_never_runs import MainBlockNeverRuns
from spacemedic.rules.appcode.module_not_installed import ModuleNotInstalled
from spacemedic.rules.appcode.sdk_image_path_hardcoded import SdkImagePathHardcoded
from spacemedic.rules.appcode.server_started_on_import import ServerStartedOnImport
from spacemedic.rules.appcode.uvicorn_reimports_own_module import UvicornReimportsOwnModule
from spacemedic.rules.base import Rule

RULES: tuple[type[Rule], ...] = (
    MainBlockNeverRuns,
    ServerStartedOnImport,
    LocalImportUnresolved,
    GradioRootPathSubpath,
    GradioShareOnSpaces,
    UvicornReimportsOwnModule,
    CudaWithoutGpu,
    SdkImagePathHardcoded,
    ModuleNotInstalled,
)
