"""Operating failures, reproduced: killed runs, concurrent runs, a held warehouse, leftovers of dead runs.

Run ``python -m benchmarks.reliability_bench [N]`` (default 300 articles). It writes N generated
articles (``benchmarks.ingest_bench.generate``: paragraphs of the sample articles, perturbed, plus 5%
duplicates) into ``benchmarks/.work/reliability/inbox`` and runs ``python -m pipelines.run`` as
``make run`` does, each scenario with its own data folder and Dagster instance:

1. a clean run (after one untimed run that warms the file cache): its wall time T and the published
   tables (the reference);
2. ``kill -9`` once 30%, 60% and 90% of the clean run's steps have succeeded (read from the run's event
   log in the Dagster instance), then the next run: exit status, time,
   whether it said the killed run had died, temporary files of the dead run before and after, and
   whether its tables equal the clean run's (every column but those recording when or in which run);
3. two runs started together on one folder: exit status, wall and CPU seconds of each (the second
   waits for the first: its CPU time shows whether it waited asleep);
4. ``warehouse.duckdb`` held open by another process: exit status, seconds to fail and the message;
5. temporary files named after a dead pid planted in every folder publishing writes: how many remain.

Results go to stdout and ``benchmarks/results/reliability.md``.
"""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from benchmarks.ingest_bench import generate
from benchmarks.reporting import publish
from triangulate.run_lock import read_holder

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / ".work" / "reliability"
SEED = 20251205
ARTICLE_BYTES = 3000
KILL_POINTS = (0.3, 0.6, 0.9)
VOLATILE_COLUMNS = {"ingested_at", "detected_at", "scanned_at", "run_id", "rejected_at", "extracted_at", "failed_at"}


@dataclass(frozen=True)
class Finished:
    """A finished ``pipelines.run`` process: exit status, wall and CPU seconds, its output."""

    status: int
    wall: float
    cpu: float
    stdout: str
    stderr: str


def _environment(scenario: str, inbox: Path) -> dict[str, str]:
    home = WORK / scenario / "dagster_home"
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "pipelines" / "instance" / "dagster.yaml", home / "dagster.yaml")
    return {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "TRIANGULATE_INBOX": str(inbox),
        "TRIANGULATE_DATA_DIR": str(WORK / scenario / "data"),
    }


def _start(environment: dict[str, str]) -> tuple[subprocess.Popen[bytes], float, Path, Path]:
    folder = Path(environment["TRIANGULATE_DATA_DIR"]).parent
    out, err = folder / f"stdout-{time.time_ns()}.txt", folder / f"stderr-{time.time_ns()}.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "pipelines.run"], cwd=ROOT, env=environment, stdout=stdout, stderr=stderr
        )
    return process, time.perf_counter(), out, err


def _finish(started: tuple[subprocess.Popen[bytes], float, Path, Path]) -> Finished:
    process, began, out, err = started
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return Finished(
        status=process.returncode,
        wall=time.perf_counter() - began,
        cpu=usage.ru_utime + usage.ru_stime,
        stdout=out.read_text(encoding="utf-8", errors="replace"),
        stderr=err.read_text(encoding="utf-8", errors="replace"),
    )


def _tables(data_dir: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every published table's rows in file order, without the columns that record when or in which run."""
    tables = {}
    with duckdb.connect() as connection:
        for parquet in sorted((data_dir / "parquet").glob("*.parquet")):
            described = connection.execute(f"DESCRIBE SELECT * FROM read_parquet('{parquet}')").fetchall()
            kept = ", ".join(f'"{name}"' for name, *_ in described if name not in VOLATILE_COLUMNS)
            tables[parquet.stem] = connection.execute(f"SELECT {kept} FROM read_parquet('{parquet}')").fetchall()
    return tables


def _steps_succeeded(environment: dict[str, str], run_id: str) -> int:
    """Steps of a run that have succeeded so far, from its event log in the Dagster instance."""
    event_log = Path(environment["DAGSTER_HOME"]) / "history" / "runs" / f"{run_id}.db"
    if not event_log.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{event_log}?mode=ro", uri=True) as connection:
            counted = connection.execute(
                "SELECT count(*) FROM event_logs WHERE dagster_event_type = 'STEP_SUCCESS'"
            ).fetchone()
    except sqlite3.OperationalError:  # created, its tables not yet
        return 0
    return int(counted[0]) if counted else 0


def _running(process: subprocess.Popen[bytes]) -> bool:
    """Whether the process has not ended, without reaping it."""
    return os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None


def _temporary_files(data_dir: Path) -> list[Path]:
    return sorted(path for path in data_dir.rglob(".*.tmp-*") if path.is_file()) if data_dir.exists() else []


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def killed_runs(inbox: Path, clean_steps: int, reference: dict[str, list[tuple[object, ...]]]) -> list[str]:
    """Kill a run once each fraction of the clean run's steps has succeeded, rerun, compare with the clean run."""
    rows = []
    for fraction in KILL_POINTS:
        scenario = f"killed_{round(fraction * 100)}"
        environment = _environment(scenario, inbox)
        data_dir = Path(environment["TRIANGULATE_DATA_DIR"])
        started = _start(environment)
        process, began = started[0], started[1]
        while _running(process) and (holder := read_holder(data_dir)) is None:
            time.sleep(0.1)
        steps = 0
        while _running(process) and holder is not None and holder.run_id is not None:
            steps = _steps_succeeded(environment, holder.run_id)
            if steps >= fraction * clean_steps:
                break
            time.sleep(0.1)
        killed_after = time.perf_counter() - began
        alive = _running(process)
        if alive:
            os.kill(process.pid, signal.SIGKILL)
        _finish(started)
        left = _temporary_files(data_dir)
        rerun = _finish(_start(environment))
        matches = rerun.status == 0 and _tables(data_dir) == reference
        rows.append(
            f"| {round(fraction * 100)}% ({steps} of {clean_steps} steps, {killed_after:.0f} s)"
            f"{'' if alive else ' (had ended)'} | {rerun.status} | {rerun.wall:.1f} "
            f"| {'yes' if 'had died' in rerun.stderr else 'no'} "
            f"| {len(left)} → {len(_temporary_files(data_dir))} | {'yes' if matches else 'NO'} |"
        )
    return rows


def concurrent_runs(inbox: Path) -> list[str]:
    """Start two runs on one folder at once; report each one's status, wall and CPU seconds."""
    environment = _environment("concurrent", inbox)
    first = _start(environment)
    time.sleep(0.5)
    second = _start(environment)
    results = [_finish(first), _finish(second)]
    return [
        f"| {name} | {result.status} | {result.wall:.1f} | {result.cpu:.1f} "
        f"| {'yes' if 'is in use by pid' in result.stderr else 'no'} |"
        for name, result in zip(("first", "second"), results, strict=True)
    ]


def held_warehouse(inbox: Path) -> str:
    """Hold warehouse.duckdb open in another process and time how long a run takes to fail."""
    environment = _environment("held_warehouse", inbox)
    warehouse = Path(environment["TRIANGULATE_DATA_DIR"]) / "warehouse.duckdb"
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    script = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('open', flush=True); time.sleep(600)"
    holder = subprocess.Popen([sys.executable, "-c", script, str(warehouse)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        result = _finish(_start(environment))
    finally:
        holder.kill()
        holder.wait()
    message = _last_line(result.stderr).replace(str(WORK), "<work>")
    return f"| {result.status} | {result.wall:.1f} | {len(result.stderr.splitlines())} | `{message}` |"


def planted_leftovers(inbox: Path) -> str:
    """Plant temporary files of a dead pid after a run, run again, count what remains."""
    environment = _environment("leftovers", inbox)
    data_dir = Path(environment["TRIANGULATE_DATA_DIR"])
    first = _finish(_start(environment))
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    pid = int(dead.stdout)
    folders = [data_dir, data_dir / "parquet", *sorted((data_dir / "parquet" / "versions").iterdir())]
    for folder in folders:
        (folder / f".leftover.parquet.tmp-{pid}").write_bytes(b"partial")
    (data_dir / f".analytics.duckdb.tmp-{pid}.wal").write_bytes(b"partial")
    planted = len(_temporary_files(data_dir))
    second = _finish(_start(environment))
    return f"| {first.status}, {second.status} | {planted} | {len(_temporary_files(data_dir))} |"


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    shutil.rmtree(WORK, ignore_errors=True)
    inbox = WORK / "inbox"
    generate(inbox, files=size, target_bytes=ARTICLE_BYTES, seed=SEED)
    files = sum(1 for path in inbox.rglob("*") if path.is_file())
    _finish(_start(_environment("warm_up", inbox)))  # the first run after writing the inbox reads it from disk
    clean_environment = _environment("clean", inbox)
    clean = _finish(_start(clean_environment))
    if clean.status != 0:
        raise SystemExit(f"the clean run failed:\n{clean.stderr[-3000:]}")
    reference = _tables(Path(clean_environment["TRIANGULATE_DATA_DIR"]))
    (clean_log,) = (Path(clean_environment["DAGSTER_HOME"]) / "history" / "runs").glob("*-*.db")
    clean_steps = _steps_succeeded(clean_environment, clean_log.stem)
    report = [
        f"# Reliability: {files} generated articles, `python -m pipelines.run` per scenario",
        "",
        f"Clean run: {clean.wall:.1f} s wall, {clean.cpu:.1f} s CPU, {clean_steps} steps, "
        f"{len(reference)} tables published.",
        "",
        "## kill -9 during a run, then the next run",
        "",
        "| killed at | next run's status | its seconds | said the killed run had died "
        "| temporary files after the kill → after the next run | tables equal the clean run's |",
        "| --- | ---: | ---: | --- | --- | --- |",
        *killed_runs(inbox, clean_steps, reference),
        "",
        "## Two runs started together on one data folder",
        "",
        "| run | status | wall seconds | CPU seconds | said what it waited for |",
        "| --- | ---: | ---: | ---: | --- |",
        *concurrent_runs(inbox),
        "",
        "## warehouse.duckdb held open by another process",
        "",
        "| status | seconds to fail | lines on stderr | last line |",
        "| ---: | ---: | ---: | --- |",
        held_warehouse(inbox),
        "",
        "## Temporary files of a dead process, planted in every folder publishing writes",
        "",
        "| statuses | planted | left after the next run |",
        "| --- | ---: | ---: |",
        planted_leftovers(inbox),
    ]
    publish("reliability", "\n".join(report))


if __name__ == "__main__":
    main()
