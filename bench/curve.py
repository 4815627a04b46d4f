"""The curve: every figure at each workspace size measured, with the growth between sizes.

    python -m bench.run --records 1000     # each writes bench/out/records-N.json
    python -m bench.run --records 10000
    python -m bench.run --records 100000
    python -m bench.curve [--readme]       # the table, from whichever sizes were run

Prints a Markdown table (each figure's median at each size, and how many times it grew from
one size to the next, beside how many times the records grew) and, with `--readme`, puts it
in README.md and bench/README.md between their "curve" markers. Growth no larger than the
records' growth is linear or better; a figure that should not grow with the workspace at all
(a save, a keystroke, a record's history) should grow about 1x.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from pathlib import Path
from typing import Any

from bench.run import OUT, REPO, _fmt

START = "<!-- curve:start -->"
END = "<!-- curve:end -->"


def runs(folder: Path = OUT) -> list[dict[str, Any]]:
    found = [json.loads(p.read_text()) for p in folder.glob("records-*.json")]
    return sorted(found, key=lambda r: r["workspace"]["records"])


def key(name: str) -> str:
    """A figure's name without its numbers ("a tracker of 1,000 records" at every size)."""
    return re.sub(r"\d[\d,]*", "N", name)


def table(results: list[dict[str, Any]]) -> str:
    sizes = [r["workspace"]["records"] for r in results]
    names: dict[str, str] = {}  # key: the name at the largest size
    for result in results:
        names |= {key(f["name"]): f["name"] for f in result["figures"]}
    heads = ["figure", *(f"{n:,} records" for n in sizes)]
    heads += [f"growth {a:,} → {b:,} (records x{b / a:g})" for a, b in itertools.pairwise(sizes)]
    lines = ["| " + " | ".join(heads) + " |", "|" + "|".join("---" for _ in heads) + "|"]
    for wanted, name in names.items():
        found = [next((f for f in r["figures"] if key(f["name"]) == wanted), None) for r in results]
        cells = [name]
        for figure in found:
            if figure is None:
                cells.append("")
                continue
            ratio = f" ({figure['ratio']:.2f}x)" if figure.get("ratio") else ""
            cells.append(_fmt(figure["median"], figure["unit"]) + ratio)
        for before, after in itertools.pairwise(found):
            if before is None or after is None or not before["median"]:
                cells.append("")
            else:
                cells.append(f"x{after['median'] / before['median']:.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    about = [
        f"{r['workspace']['records']:,} records, {r['workspace']['commits']:,} commits: "
        f"{r['repeat']} runs on {r['machine']['cpus']} CPUs, load {r.get('load', '?')}, "
        f"{r['seconds']:.0f} s"
        for r in results
    ]
    return "\n".join(lines) + "\n\n" + "; ".join(about) + "."


def put(path: Path, markdown: str) -> None:
    text = path.read_text(encoding="utf-8")
    start, end = text.index(START), text.index(END)
    path.write_text(text[: start + len(START)] + "\n" + markdown + "\n" + text[end:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readme", action="store_true", help="update the READMEs' curve")
    args = parser.parse_args(argv)
    results = runs()
    if not results:
        raise SystemExit("no bench/out/records-N.json yet: run `python -m bench.run --records N`")
    markdown = table(results)
    print(markdown)
    if args.readme:
        put(REPO / "README.md", markdown)
        put(REPO / "bench" / "README.md", markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
