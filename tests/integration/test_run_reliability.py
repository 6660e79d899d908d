"""``python -m pipelines.run`` as operators use it: killed runs, concurrent runs, a held warehouse, failed publishes."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipelines import run
from tests.integration.processes import ROOT
from triangulate.publishing import ExportedTable, export_parquet
from triangulate.run_lock import read_holder

pytestmark = pytest.mark.integration
RUN_SECONDS = 600


def _environment(tmp_path: Path, inbox: Path, **extra: str) -> dict[str, str]:
    home = tmp_path / "dagster_home"
    if not home.exists():
        home.mkdir()
        shutil.copy(ROOT / "pipelines" / "instance" / "dagster.yaml", home / "dagster.yaml")
    return {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "TRIANGULATE_INBOX": str(inbox),
        "TRIANGULATE_DATA_DIR": str(tmp_path / "data"),
        **extra,
    }


def _start(environment: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.run"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_holder(data_dir: Path, process: subprocess.Popen[str]) -> str:
    """Wait until ``process`` holds the data folder; return its run id."""
    deadline = time.monotonic() + RUN_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        holder = read_holder(data_dir)
        if holder is not None and holder.pid == process.pid and holder.run_id:
            return holder.run_id
        time.sleep(0.2)
    raise AssertionError("the run never took its data folder")


def _current_documents(data_dir: Path) -> int:
    with duckdb.connect(str(data_dir / "analytics.duckdb"), read_only=True) as connection:
        counted = connection.execute("SELECT count(*) FROM documents WHERE is_current").fetchone()
    return int(counted[0]) if counted else -1


def test_a_run_killed_mid_run_does_not_block_the_next_one(tmp_path: Path, sample_inbox: Path) -> None:
    environment = _environment(tmp_path, sample_inbox)
    killed = _start(environment)
    run_id = _wait_for_holder(tmp_path / "data", killed)
    event_log = tmp_path / "dagster_home" / "history" / "runs" / f"{run_id}.db"
    deadline = time.monotonic() + RUN_SECONDS
    while not event_log.exists() and time.monotonic() < deadline and killed.poll() is None:
        time.sleep(0.2)
    time.sleep(3)  # inside the run's steps
    assert killed.poll() is None, "the run ended before it could be killed"
    killed.send_signal(signal.SIGKILL)
    killed.communicate()
    following = _start(environment)
    try:
        stdout, stderr = following.communicate(timeout=RUN_SECONDS)
    finally:
        following.kill()
    assert following.returncode == 0, stderr[-3000:]
    assert f"Run {run_id} had died; it is now marked failed" in stderr
    assert _current_documents(tmp_path / "data") == len(list(sample_inbox.iterdir()))
    assert "published" in stdout


def test_a_second_run_waits_for_the_first_and_names_it(tmp_path: Path, sample_inbox: Path) -> None:
    first = _start(_environment(tmp_path, sample_inbox))
    run_id = _wait_for_holder(tmp_path / "data", first)
    second = _start(_environment(tmp_path, sample_inbox, TRIANGULATE_LOCK_TIMEOUT="2"))
    waited = second.communicate(timeout=RUN_SECONDS)[1]
    finished = first.communicate(timeout=RUN_SECONDS)[1]
    assert first.returncode == 0, finished[-3000:]
    assert second.returncode == run.EXIT_BUSY
    assert f"is in use by pid {first.pid} (run {run_id})" in waited  # said once while waiting ...
    assert waited.strip().splitlines()[-1].startswith("Gave up after 2 s: data folder")  # ... and when giving up
    assert "Traceback" not in waited


def test_a_warehouse_held_by_another_program_fails_the_run_at_once(tmp_path: Path, sample_inbox: Path) -> None:
    warehouse = tmp_path / "data" / "warehouse.duckdb"
    warehouse.parent.mkdir()
    script = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('open', flush=True); time.sleep(300)"
    other = subprocess.Popen([sys.executable, "-c", script, str(warehouse)], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "open"
        blocked = _start(_environment(tmp_path, sample_inbox))
        stdout, stderr = blocked.communicate(timeout=RUN_SECONDS)
    finally:
        other.kill()
        other.wait()
    assert blocked.returncode == run.EXIT_BUSY
    lines = [line for line in stderr.splitlines() if "warehouse" in line.lower()]
    assert lines == [f"Warehouse {warehouse} is locked by PID {other.pid} ({lines[0].split('(', 1)[1]}"]
    assert "Traceback" not in stderr and stdout == ""


def _published_files(data_dir: Path) -> dict[str, int]:
    return {path.name: path.stat().st_ino for path in sorted((data_dir / "parquet").glob("*.parquet"))}


def test_a_failed_publish_leaves_every_file_as_the_last_one_left_it_and_the_summary_says_so(
    tmp_path: Path, sample_inbox: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, value in _environment(tmp_path, sample_inbox).items():
        monkeypatch.setenv(name, value)
    data_dir = tmp_path / "data"
    assert run.main() == 0
    published = _published_files(data_dir)
    analytics = (data_dir / "analytics.duckdb").stat().st_ino
    capsys.readouterr()
    (sample_inbox / "added.txt").write_text("Added story\nShares of chipmakers rose 4% on the news.\n")

    def fail_on_documents(connection: duckdb.DuckDBPyConnection, *, query: str, destination: Path) -> ExportedTable:
        if destination.name == "documents.parquet":
            raise OSError("disk full")
        return export_parquet(connection, query=query, destination=destination)

    monkeypatch.setattr("assets.publish.export_parquet", fail_on_documents)
    assert run.main() == run.EXIT_FAILED
    output = capsys.readouterr()
    assert "FAILED before publishing; nothing from it was published" in output.err
    assert "failed step publish__documents_parquet: OSError: disk full" in output.err
    assert "What analysts still see: the previous publish (published " in output.out
    assert "documents ingested: 5 current" in output.out
    assert _published_files(data_dir) == published  # inbox_files.parquet too, though its new version was written
    assert (data_dir / "analytics.duckdb").stat().st_ino == analytics
    monkeypatch.undo()
    for name, value in _environment(tmp_path, sample_inbox).items():
        monkeypatch.setenv(name, value)
    assert run.main() == 0
    versions = data_dir / "parquet" / "versions" / "inbox_files"
    assert len(list(versions.iterdir())) == 2  # the failed run's version was discarded, not kept as a third
    assert _current_documents(data_dir) == 6


VOLATILE_COLUMNS = {"ingested_at", "detected_at", "scanned_at", "run_id", "rejected_at", "extracted_at", "failed_at"}


def _table_contents(parquet: Path) -> list[tuple[object, ...]]:
    """The rows of a Parquet file in file order, without the columns that record when or in which run."""
    with duckdb.connect() as connection:
        described = connection.execute(f"DESCRIBE SELECT * FROM read_parquet('{parquet}')").fetchall()
        kept = ", ".join(f'"{name}"' for name, *_ in described if name not in VOLATILE_COLUMNS)
        return connection.execute(f"SELECT {kept} FROM read_parquet('{parquet}')").fetchall()


def test_two_runs_on_the_same_inbox_publish_the_same_tables(
    tmp_path: Path, sample_inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in _environment(tmp_path, sample_inbox).items():
        monkeypatch.setenv(name, value)
    contents = []
    for data_dir in (tmp_path / "first", tmp_path / "second"):
        monkeypatch.setenv("TRIANGULATE_DATA_DIR", str(data_dir))
        assert run.main() == 0
        contents.append({path.name: _table_contents(path) for path in sorted((data_dir / "parquet").glob("*.parquet"))})
    first, second = contents
    assert sorted(first) == sorted(second)
    for table in first:
        assert first[table] == second[table], table
