"""The list of command modules that make up ``ssbkg``.

Add a module here when it lands; each module exposes ``COMMANDS``, a list
of click commands or groups.
"""

from __future__ import annotations

import importlib

__all__ = ["all_commands", "MODULES"]

MODULES = [
    "synthetic_cmd",
    "diffusion_cmd",
    "kg_cmd",
    "metrics_cmd",
    "query_cmd",
]


def all_commands():
    commands = []
    for name in MODULES:
        module = importlib.import_module(f"{__package__}.{name}")
        commands.extend(module.COMMANDS)
    return commands
