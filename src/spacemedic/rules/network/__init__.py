"""Rules: network (port, bind, streamlit-config, and EXPOSE)."""

from __future__ import annotations

from spacemedic.rules.base import Rule
from spacemedic.rules.network.app_port_ignored import AppPortIgnored
from spacemedic.rules.network.app_port_mismatch import AppPortMismatch
from spacemedic.rules.network.expose_disagrees_with_port import ExposeDisagreesWithPort
from spacemedic.rules.network.listen_address_unresolved import ListenAddressUnresolved
from spacemedic.rules.network.polling_bot_without_listener import PollingBotWithoutListener
from spacemedic.rules.network.server_binds_loopback import ServerBindsLoopback
from spacemedic.rules.network.streamlit_config_overrides_port import StreamlitConfigOverridesPort
from spacemedic.rules.network.streamlit_in_docker_without_app_port import StreamlitInDockerWithoutAppPort

RULES: tuple[type[Rule], ...] = (
    AppPortMismatch,
    ServerBindsLoopback,
    StreamlitInDockerWithoutAppPort,
    StreamlitConfigOverridesPort,
    ListenAddressUnresolved,
    AppPortIgnored,
    ExposeDisagreesWithPort,
    PollingBotWithoutListener,
)
