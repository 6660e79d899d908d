"""Each package is imported from this repository (the editable install), not from elsewhere on the path."""

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["triangulate", "assets", "checks", "pipelines"]


@pytest.mark.parametrize("package", PACKAGES)
def test_package_comes_from_this_repository(package: str) -> None:
    module = importlib.import_module(package)
    assert module.__file__ is not None
    assert Path(module.__file__).resolve().parent == ROOT / package


@pytest.mark.parametrize("package", PACKAGES)
def test_package_imports_from_any_directory(package: str, tmp_path: Path) -> None:
    """The installed project resolves to this checkout even when run from elsewhere (as Dagster's runs are)."""
    code = f"import {package}, pathlib; print(pathlib.Path({package}.__file__).resolve().parent)"
    found = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert Path(found.stdout.strip()) == ROOT / package
