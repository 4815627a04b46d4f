"""`python -m scrutui.store.preparse FOLDER...`: parse tracker folders into their record caches.

`load_workspace` starts this in a second process to share the cold open of a big workspace
with another core; the first process then reads the caches it wrote. It lives apart from
`cache.py` so that the cache knows nothing of how a tracker is loaded.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scrutui.store.workspace import load_tracker


def main(folders: list[str]) -> int:
    """Parse each tracker folder; `load_tracker` writes its record cache."""
    for folder in folders:
        load_tracker(Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
