"""Ingestion throughput and peak memory, side by side with DuckDB's read_blob and a plain-Python floor.

Run ``python -m benchmarks.ingest_bench`` (``make bench``). It generates two corpora under
``benchmarks/.work/`` from the paragraphs of the bundled sample articles (seeded, so every run builds
the same files): 10,000 small files of a few hundred bytes and 1,000 articles of about 3 KB. Each
variant runs in its own child process (so peak RSS is its own), three times after one untimed warm-up
read; the table reports the median wall time. Results go to stdout and
``benchmarks/results/ingest.md``.
"""

import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from benchmarks.reporting import publish

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / ".work"
SEED = 20251124
REPETITIONS = 3
VARIANTS = ("triangulate", "duckdb_read_blob", "python_floor")


def _paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted((ROOT / "samples" / "articles").iterdir()):
        paragraphs += [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if len(p.split()) > 12]
    return paragraphs


def _perturb(text: str, rng: random.Random) -> str:
    words = text.split()
    for _ in range(3):
        index = rng.randrange(len(words))
        words[index] = rng.choice([f"{rng.randint(1, 99)}.{rng.randint(0, 9)}%", "Zürich", "—", words[index].upper()])
    return " ".join(words)


def generate(folder: Path, *, files: int, target_bytes: int, seed: int) -> None:
    """Write ``files`` articles of about ``target_bytes`` each into ``folder`` (replaced if present)."""
    rng = random.Random(seed)
    paragraphs = _paragraphs()
    shutil.rmtree(folder, ignore_errors=True)
    for number in range(files):
        parts: list[str] = [f"Story {number}: {rng.choice(paragraphs)[:60]}"]
        while sum(len(p) for p in parts) < target_bytes:
            parts.append(_perturb(rng.choice(paragraphs), rng))
        text = "\n\n".join(parts)[: max(target_bytes, 120)]
        path = folder / f"{number % 50:02d}" / f"article_{number:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    for number in range(0, files, max(files // 20, 1)):
        source = folder / f"{number % 50:02d}" / f"article_{number:05d}.txt"
        shutil.copy(source, folder / f"duplicate_{number:05d}.txt")


def run_variant(variant: str, folder: Path) -> dict[str, float]:
    """Ingest ``folder`` once with one variant in this process; return files, bytes and seconds."""
    started = time.perf_counter()
    if variant == "triangulate":
        from datetime import UTC, datetime

        from triangulate.inbox import list_inbox
        from triangulate.ingest import ingest_inbox

        result = ingest_inbox(list_inbox(folder), scanned_at=datetime.now(UTC), max_file_bytes=20 << 20)
        files = len(result.inbox_files)
        size = sum(row.byte_size or 0 for row in result.inbox_files)
    elif variant == "duckdb_read_blob":
        pattern = str(folder / "**")
        row = duckdb.sql(
            "SELECT count(*), sum(size), count(DISTINCT sha256(content)), sum(length(decode(content))) "
            f"FROM read_blob('{pattern}')"
        ).fetchone()
        assert row is not None
        files, size = int(row[0]), int(row[1])
    else:
        import hashlib

        files = size = 0
        hashes = set()
        for directory, _, names in os.walk(folder):
            for name in names:
                data = (Path(directory) / name).read_bytes()
                hashes.add(hashlib.sha256(data).hexdigest())
                data.decode("utf-8")
                files, size = files + 1, size + len(data)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"files": files, "bytes": size, "seconds": seconds, "peak_rss_mib": peak_kib / 1024}


def _measure(variant: str, folder: Path) -> dict[str, float]:
    runs: list[dict[str, float]] = []
    for _ in range(REPETITIONS):
        output = subprocess.run(
            [sys.executable, "-m", "benchmarks.ingest_bench", "--child", variant, str(folder)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        runs.append(json.loads(output))
    return {
        "files": runs[0]["files"],
        "bytes": runs[0]["bytes"],
        "seconds": statistics.median(run["seconds"] for run in runs),
        "peak_rss_mib": max(run["peak_rss_mib"] for run in runs),
    }


def main() -> None:
    """Generate the corpora, measure every variant, print and save the table."""
    corpora = {"10,000 small files": (10_000, 300), "1,000 articles of 3 KB": (1_000, 3_000)}
    lines = [
        "| corpus | variant | files | MB | median s | files/s | MB/s | peak RSS MiB | Triangulate time ÷ this |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, (files, target) in corpora.items():
        folder = WORK / label.split()[0].replace(",", "")
        generate(folder, files=files, target_bytes=target, seed=SEED + files)
        run_variant("python_floor", folder)  # warm the page cache, untimed
        measured = {variant: _measure(variant, folder) for variant in VARIANTS}
        base = measured["triangulate"]["seconds"]
        for variant, run in measured.items():
            megabytes = run["bytes"] / 1e6
            lines.append(
                f"| {label} | {variant} | {int(run['files'])} | {megabytes:.1f} | {run['seconds']:.2f} "
                f"| {run['files'] / run['seconds']:,.0f} | {megabytes / run['seconds']:.1f} "
                f"| {run['peak_rss_mib']:.0f} | {base / run['seconds']:.1f} |"
            )
    machine = (
        f"Measured with `.venv/bin/python -m benchmarks.ingest_bench` on {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, DuckDB {duckdb.__version__}; median of {REPETITIONS} runs, "
        "each in its own process (peak RSS includes the interpreter and imports)."
    )
    table = "\n".join([*lines, "", machine])
    publish("ingest", table)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(run_variant(sys.argv[2], Path(sys.argv[3]))))
    else:
        main()
