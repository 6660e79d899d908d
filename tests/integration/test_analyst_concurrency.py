"""Analysts query analytics.duckdb from another process while the pipeline rematerializes."""

import json
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from pipelines.definitions import build_defs
from pipelines.settings import Settings

pytestmark = pytest.mark.integration
MIN_READS = 10

READER = f"""
import json, sys, time
from pathlib import Path
import duckdb

analytics, stop_flag, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
reads, errors = [], []
while True:
    stopping = stop_flag.exists()
    try:
        with duckdb.connect(str(analytics), read_only=True) as connection:
            total, texts, ids = connection.execute(
                "SELECT count(*), count(text), count(DISTINCT doc_id) FROM documents WHERE is_current"
            ).fetchone()
            ledger = connection.execute("SELECT count(*) FROM inbox_files").fetchone()[0]
        reads.append([total, texts, ids, ledger])
    except Exception as error:
        errors.append(f"{{type(error).__name__}}: {{error}}")
    if stopping and len(reads) >= {MIN_READS}:
        break
    time.sleep(0.01)
out.write_text(json.dumps({{"reads": reads, "errors": errors}}))
"""


def _materialize(settings: Settings) -> bool:
    job = build_defs(settings).resolve_job_def("triangulate_job")
    return job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False).success


def test_reader_sees_whole_runs_and_never_fails(tmp_path: Path, sample_inbox: Path) -> None:
    settings = Settings(inbox=sample_inbox, data_dir=tmp_path / "data", max_file_bytes=1 << 20, executor="in_process")
    assert _materialize(settings)
    stop_flag, out = tmp_path / "stop", tmp_path / "reads.json"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(settings.analytics_path), str(stop_flag), str(out)],
    )
    try:
        outcomes = []
        for number in range(3):
            extra = sample_inbox / f"added_{number}.txt"
            extra.write_text(f"Added story {number}\nShares of chipmakers moved {number + 1}% on the news.\n")
            outcomes.append(_materialize(settings))
        stop_flag.touch()
        assert reader.wait(timeout=120) == 0
    finally:
        if reader.poll() is None:
            reader.kill()
    assert outcomes == [True, True, True]
    result = json.loads(out.read_text())
    assert len(result["reads"]) >= MIN_READS
    assert result["errors"] == []
    # Views read immutable version files and the database switches them all at once, so every read sees
    # one whole run: 5, 6, 7 or 8 complete documents, and the inbox ledger of that same run.
    complete = set(range(5, 9))
    for total, texts, ids, ledger in result["reads"]:
        assert total == texts == ids == ledger and total in complete
    assert result["reads"][-1] == [8, 8, 8, 8]  # read after the last run: the final state, complete
