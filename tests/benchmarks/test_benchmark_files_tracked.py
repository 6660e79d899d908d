"""Every file a benchmark reads from the repository's ``benchmarks/data`` is committed, so a clone can run it."""

import ast
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = ROOT / "benchmarks"
DATA = "benchmarks/data"
DATA_PARTS: list[str | None] = ["benchmarks", "data"]


def _parts(node: ast.expr) -> list[str | None]:
    """The operands of a ``a / "b" / "c"`` path expression: string constants, ``None`` for anything else."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        return [*_parts(node.left), *_parts(node.right)]
    return [node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None]


def data_files_read(source: str) -> set[str]:
    """File names a benchmark's source reads from ``benchmarks/data``.

    A benchmark names its data as ``ROOT / "benchmarks" / "data" / "<name>"``, or as
    ``... / "data" / name`` inside ``for name in ("<a>", "<b>")``; both are found.
    """
    tree = ast.parse(source)
    loops = {
        node.target.id: [e.value for e in node.iter.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        for node in ast.walk(tree)
        if isinstance(node, ast.For)
        and isinstance(node.target, ast.Name)
        and isinstance(node.iter, ast.Tuple | ast.List)
    }
    names: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.BinOp) or not isinstance(node.op, ast.Div) or _parts(node.left)[-2:] != DATA_PARTS:
            continue
        if isinstance(node.right, ast.Constant) and isinstance(node.right.value, str):
            names.add(node.right.value)
        elif isinstance(node.right, ast.Name):
            names.update(loops.get(node.right.id, []))
    return names


def tracked(folder: str) -> set[str]:
    """Paths under ``folder`` that git tracks (relative to the repository root)."""
    listed = subprocess.run(
        ["git", "ls-files", "--", folder], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return set(listed.splitlines())


def test_the_scan_finds_data_paths_in_the_ways_benchmarks_write_them() -> None:
    single = 'LABELLED = ROOT / "benchmarks" / "data" / "facts_labelled.jsonl"\nOTHER = ROOT / "reference" / "x.yaml"'
    looped = 'for name in ("a.jsonl", "b.csv"):\n    (ROOT / "benchmarks" / "data" / name).read_text()'
    assert data_files_read(single) == {"facts_labelled.jsonl"}
    assert data_files_read(looped) == {"a.jsonl", "b.csv"}
    assert data_files_read('DATA = work / "data"\nINBOX = "manifest.csv"') == set()


def test_every_data_file_a_benchmark_reads_is_tracked_by_git() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    wanted = {
        f"{DATA}/{name}": path.name
        for path in sorted(BENCHMARKS.glob("*.py"))
        for name in data_files_read(path.read_text(encoding="utf-8"))
    }
    assert {"benchmarks/data/quantities_labelled.jsonl", "benchmarks/data/facts_labelled.jsonl"} <= set(wanted)
    untracked = sorted(f"{path} (read by {reader})" for path, reader in wanted.items() if path not in tracked(DATA))
    assert not untracked, "not committed: " + ", ".join(untracked)
