"""The officer's `[keymap]`: one id per command on every screen, checked at start, and each
remapped key kept in its place in the footer.

Textual's own keymap moves a remapped binding to the end of its screen's bindings, where an
80-column footer hides it, and ignores ids it does not know; so scrutui applies the keymap
itself, to every screen as it is pushed, from the screen's class bindings each time.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

#: Ids of earlier versions, still honoured: each screen had its own id for the same command.
ALIASES = {
    "tracker.status": "record.status",
    "tracker.update": "record.update",
    "tracker.complete": "record.complete",
    "tracker.edit": "record.edit",
    "tracker.archive": "record.archive",
    "tracker.history": "record.history",
    "tracker.back": "screen.back",
    "record.back": "screen.back",
    "leads.back": "screen.back",
    "history.back": "screen.back",
    "outside.back": "screen.back",
    "paper.back": "screen.back",
    "problems.back": "screen.back",
}


def _subclasses(cls: type) -> Iterator[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def scrutui_bindings() -> Iterator[tuple[type, Binding]]:
    """Every binding declared by a scrutui screen, dialog or the app (all modules loaded)."""
    import scrutui.ui
    import scrutui.ui.screens

    for package in (scrutui.ui, scrutui.ui.screens):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            importlib.import_module(info.name)
    seen: set[type] = set()
    for cls in _subclasses(DOMNode):
        if cls in seen or not cls.__module__.startswith("scrutui."):
            continue
        seen.add(cls)
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            yield cls, binding


def known_ids() -> set[str]:
    return {b.id for _, b in scrutui_bindings() if b.id}


def resolve(keymap: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """The keymap by current ids (old ids translated), and the ids no binding has."""
    if not keymap:
        return {}, []  # knowing the ids imports every screen (200 ms at start): not for none
    known = known_ids()
    resolved: dict[str, str] = {}
    unknown: list[str] = []
    for given, keys in keymap.items():
        name = ALIASES.get(given, given)
        if name not in known:
            unknown.append(given)
            continue
        resolved[name] = keys
    return resolved, unknown


def remap(node: DOMNode, keymap: Mapping[str, str]) -> None:
    """Give `node` its class bindings with the keymap's keys, each where it was declared."""
    merged = type(node)._merged_bindings
    if not keymap or merged is None:
        return
    bindings = BindingsMap()
    for key, declared in merged.key_to_bindings.items():
        for binding in declared:
            keys = keymap.get(binding.id) if binding.id else None
            if not keys:
                bindings.key_to_bindings.setdefault(key, []).append(binding)
                continue
            for new_key in (k.strip() for k in keys.split(",") if k.strip()):
                moved = replace(binding, key=new_key, key_display=None)
                bindings.key_to_bindings.setdefault(new_key, []).append(moved)
    node._bindings = bindings


def install(app: App[Any], keymap: Mapping[str, str], path: object) -> dict[str, str]:
    """Apply the officer's `[keymap]` to the app and return it by current ids; ids no key has
    are named in a notice (with where the settings live), never silently ignored."""
    remapped, unknown = resolve(keymap)
    remap(app, remapped)
    if unknown:
        app.notify(
            f"[keymap] in {path}: no key has the id "
            + ", ".join(repr(u) for u in unknown)
            + ". Press ? on any screen for its keys and their ids.",
            title="Settings",
            severity="warning",
            timeout=20,
            markup=False,
        )
    return remapped
