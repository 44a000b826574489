"""PyTorch reference adapter of the theorem-spec trainer protocol (docs/trainer-protocol.md)."""

PROTOCOL_VERSION = 1
MODES = ("free", "aligned")
