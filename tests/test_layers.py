"""The layers: the domain and the store never load the user interface."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT


def test_the_domain_and_store_import_without_loading_textual() -> None:
    code = (
        "import sys, importlib, pkgutil\n"
        "import scrutui.domain, scrutui.store\n"
        "for pkg in (scrutui.domain, scrutui.store):\n"
        "    for m in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(f'{pkg.__name__}.{m.name}')\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO_ROOT
    ).stdout.strip()
    assert out == ""


def test_the_layer_contract_holds_for_every_module() -> None:
    """import-linter's contracts in pyproject.toml: nothing imports a layer above it, papers and
    importers stay apart, and only the ui imports textual."""
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], capture_output=True, text=True, cwd=REPO_ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout
