"""The command palette: every key of the current screen, named "group: verb" (as Posting's).

The palette's entries depend on the screen in front: its enabled bindings, each run on the
widget or screen that declared it, so the palette and the key do exactly the same thing.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from textual.app import App, SystemCommand
from textual.dom import DOMNode
from textual.screen import Screen


def key_commands(app: App[Any], screen: Screen[Any]) -> Iterator[SystemCommand]:
    """A palette entry for each described, enabled key of `screen` (once per action)."""
    group = getattr(screen, "GROUP", "scrutui")
    seen = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.action in seen or not active.enabled:
            continue
        seen.add(binding.action)
        key = binding.key_display or app.get_key_display(binding)
        yield SystemCommand(
            f"{group}: {binding.description.lower()}",
            f"{binding.tooltip or binding.description} ({key})",
            partial(_run_on, app, active.node, binding.action),
        )


def _run_on(app: App[Any], node: DOMNode, action: str) -> None:
    """Run a binding's action on the node that declared it, once the palette has closed."""
    app.call_later(app.run_action, action, node)
