from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Tests never read or write the user's corpus cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="diplo-tui-test-cache-")
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="diplo-tui-test-state-")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="diplo-tui-test-config-")

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(__file__).resolve().parent / "corpora"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT
