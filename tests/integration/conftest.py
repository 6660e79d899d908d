"""Fixtures shared by the integration tests."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.processes import ROOT

SAMPLES = ROOT / "samples" / "articles"


@pytest.fixture
def sample_inbox(tmp_path: Path) -> Iterator[Path]:
    """A private copy of the bundled sample articles."""
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES, inbox)
    yield inbox
