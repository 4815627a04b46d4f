"""The tracker kinds scrutui ships, one module each; importing this registers them all.

A new kind is a module here (its record kinds, its tracker kind, `register`) plus a paper
module in `scrutui.papers`; see CONTRIBUTING.md.
"""

from scrutui.domain.specs import committee, engagement, peer_challenge

__all__ = ["committee", "engagement", "peer_challenge"]
