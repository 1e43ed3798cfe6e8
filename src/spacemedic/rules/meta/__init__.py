"""Rules about spacemedic's own inline suppressions (emitted by the engine, not by check())."""
