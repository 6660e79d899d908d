"""The whole job, end to end, on real news corpora: TimeBank, ECB+ and all of TempEval-3 silver.

Run ``python -m benchmarks.real_corpora_bench [CORPUS ...]`` (default: every corpus present under
``../shared/eval``). Each corpus is imported with ``triangulate.import_corpus`` into a temporary inbox
and run with ``python -m pipelines.run`` in a subprocess, as ``make run`` does, with its own data
folder and Dagster instance (``pipelines/instance/dagster.yaml``). Measured per corpus: exit status,
wall time of the run (the import is not counted), documents per second, the run's peak resident set
size, the rows of every published table, quarantined files, and, when the run publishes them, rows
set aside in ``rejected_rows`` and documents in ``document_failures``. Results go to stdout and to
``benchmarks/results/real_corpora.md``. The corpora are read in place; nothing is copied into the project.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from benchmarks.reporting import publish
from triangulate.import_corpus import main as import_corpus
from triangulate.markdown import markdown_table

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
# name -> (corpus folder, import format, every K-th file)
CORPORA = {
    "timebank": ("timebank", "timeml", 1),
    "ecbplus": ("ecbplus", "ecbplus", 1),
    "te3-silver": ("te3-silver", "timeml", 1),
}
OPTIONAL_TABLES = ("rejected_rows", "document_failures")


@dataclass(frozen=True)
class JobRun:
    """How one ``python -m pipelines.run`` went: exit status, output, wall time and peak memory."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float
    data_dir: Path


def run_job(*, inbox: Path, work: Path) -> JobRun:
    """Run the whole job on ``inbox`` as ``make run`` does, with data and DAGSTER_HOME under ``work``."""
    home = work / "dagster_home"
    home.mkdir(parents=True)
    shutil.copy(ROOT / "pipelines" / "instance" / "dagster.yaml", home / "dagster.yaml")
    data_dir = work / "data"
    environment = {
        **os.environ,
        "TRIANGULATE_INBOX": str(inbox),
        "TRIANGULATE_DATA_DIR": str(data_dir),
        "DAGSTER_HOME": str(home),
    }
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "pipelines.run"], cwd=ROOT, env=environment, stdout=out, stderr=err, text=True
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return JobRun(process.returncode, out.read(), err.read(), seconds, usage.ru_maxrss / 1024, data_dir)


def published_counts(analytics: Path) -> dict[str, int]:
    """Rows of every view in the analytics database."""
    with duckdb.connect(str(analytics), read_only=True) as connection:
        views = [
            name for (name,) in connection.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
        ]
        return {view: int(connection.sql(f'SELECT count(*) FROM "{view}"').fetchall()[0][0]) for view in sorted(views)}


def _breakdown(analytics: Path, *, view: str, columns: str) -> str:
    """``value (n)`` pairs of a small table grouped by ``columns``, or an empty string."""
    with duckdb.connect(str(analytics), read_only=True) as connection:
        rows = connection.sql(f'SELECT {columns}, count(*) FROM "{view}" GROUP BY ALL ORDER BY 3 DESC, 1').fetchall()
    return "; ".join(f"{a} {b} ({n})" for a, b, n in rows[:8])


def _error_of(stderr: str) -> str:
    """The last exception line of a failed run's error output (``Error:``), else its last line."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if re.match(r"^[\w.]+(?:Error|Exception)\b", line)]
    return (errors or lines or ["no error output"])[-1]


def measure(name: str) -> tuple[dict[str, str], dict[str, int], str]:
    """Import and run one corpus; return its summary row, its table counts and notes on failures."""
    folder, corpus_format, every = CORPORA[name]
    with tempfile.TemporaryDirectory(prefix=f"triangulate-{name}-") as scratch:
        work = Path(scratch)
        inbox = work / "inbox"
        import_corpus([corpus_format, str(EVAL / folder), str(inbox), "--every", str(every)])
        n_files = sum(1 for path in inbox.rglob("*.txt"))
        run = run_job(inbox=inbox, work=work)
        analytics = run.data_dir / "analytics.duckdb"
        counts = published_counts(analytics) if analytics.exists() else {}
        notes = [line for line in run.stdout.splitlines() if line.startswith("Failed checks")]
        if run.returncode != 0:
            notes.append(_error_of(run.stderr))
        if counts.get("rejected_rows"):
            notes.append("rejected: " + _breakdown(analytics, view="rejected_rows", columns="table_name, check_name"))
        if counts.get("document_failures"):
            notes.append("failed: " + _breakdown(analytics, view="document_failures", columns="stage, error_class"))
    documents = counts.get("documents", 0)
    row = {
        "corpus": name,
        "files": f"{n_files:,}",
        "exit": str(run.returncode),
        "wall s": f"{run.seconds:.1f}",
        "documents/s": f"{documents / run.seconds:.1f}",
        "peak RSS MB": f"{run.peak_rss_mb:.0f}",
        "documents": f"{documents:,}",
        "quarantined": f"{counts.get('quarantine', 0):,}",
        **{table: f"{counts[table]:,}" if table in counts else "no table" for table in OPTIONAL_TABLES},
    }
    return row, counts, "\n".join(f"- {name}: {note}" for note in notes)


def main(names: list[str]) -> None:
    """Measure the named corpora (every one present when none is named) and write the results file."""
    present = [name for name in names or list(CORPORA) if (EVAL / CORPORA[name][0]).is_dir()]
    if not present:
        sys.exit(f"no corpus found under {EVAL}")
    rows, counts, notes = [], {}, []
    for name in present:
        row, table_counts, note = measure(name)
        print(row, flush=True)
        rows.append(row)
        counts[name] = table_counts
        notes.extend([note] if note else [])
    tables = sorted({table for table_counts in counts.values() for table in table_counts})
    per_table = [{"table": table, **{name: f"{counts[name].get(table, 0):,}" for name in present}} for table in tables]
    report = "\n".join(
        [
            f"The whole job (`python -m pipelines.run`) on {', '.join(present)}; the import is not timed.",
            "",
            markdown_table(rows, list(rows[0]), max_rows=len(rows), max_chars=40),
            "",
            "Rows per published table:",
            "",
            markdown_table(per_table, ["table", *present], max_rows=len(per_table), max_chars=40),
            "",
            *(["Failed checks, rejected rows and failed documents:", "", *notes, ""] if notes else []),
        ]
    )
    publish("real_corpora", report)
    print(report)


if __name__ == "__main__":
    main(sys.argv[1:])
