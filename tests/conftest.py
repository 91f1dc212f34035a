from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(__file__).resolve().parent / "corpora"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT
