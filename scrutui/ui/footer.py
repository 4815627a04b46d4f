"""The footer: `?` first (so it shows at any width), then the screen's keys in their order.

Textual's footer lists the focused widget's keys, then the screen's, then the app's, so at
80 columns `?` (an app key) and the screen's last keys fall off the end. Here `?` leads, the
screen's keys follow in the order each screen declares them (the ones that matter first),
and keys a screen keeps out of the footer are still in `?` and the palette.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

FIRST = "toggle_keys"


class KeysFooter(Footer):
    """A footer that always shows `?`, first."""

    def __init__(self) -> None:
        super().__init__(show_command_palette=False, compact=True)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        shown = [a for a in self.screen.active_bindings.values() if a.binding.show]
        shown.sort(key=lambda a: a.binding.action != FIRST)  # stable: the rest keep order
        seen: set[str] = set()
        for active in shown:
            binding = active.binding
            if binding.action in seen:
                continue
            seen.add(binding.action)
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not active.enabled,
                tooltip=active.tooltip,
            ).data_bind(compact=Footer.compact)
        self.styles.grid_size_columns = len(seen)
