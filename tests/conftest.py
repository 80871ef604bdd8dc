"""Test set-up: offscreen Qt before any QApplication, settings and autosave under tmp_path."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

import pytest  # noqa: E402
from helpers import sample_report  # noqa: E402


@pytest.fixture
def qinghe():
    """The clean 2021-edition sample."""
    return sample_report("qinghe-sthjj-2025.gxr")


@pytest.fixture
def fujian():
    """Seed 000 (2019 edition) as published."""
    return sample_report("fujian-gxt-2020.gxr")


@pytest.fixture
def xianyou():
    """Seed 003 (2019 edition) as published."""
    return sample_report("xianyou-gxj-2020.gxr")


# The audit cache goes to the user's cache folder: for the tests (and the commands they run in
# subprocesses) a folder of their own, never the machine's ~/.cache.
os.environ.setdefault("GXDESK_CACHE_DIR", tempfile.mkdtemp(prefix="gxdesk-test-cache-"))
