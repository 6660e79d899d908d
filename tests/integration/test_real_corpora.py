"""The whole job on real news corpora, run the way ``make run`` runs it, accounts for every file.

Each corpus found under ``../shared/eval`` (TimeBank, ECB+, a slice of TempEval-3 silver) is imported
into a temporary inbox with ``triangulate.import_corpus`` and run with ``python -m pipelines.run`` in a
subprocess, with its own data folder and Dagster instance (``benchmarks.real_corpora_bench.run_job``,
which the benchmark of the whole corpora uses too). The run must succeed, every file of the
inbox must be in the published ``inbox_files`` ledger as a document, a quarantine row or the manifest,
and every published table must exist as Parquet and as a view of the analytics database. The corpora
are read in place and never copied into the project; a corpus that is absent is skipped.
"""

from pathlib import Path

import duckdb
import pytest

from assets.publish import PUBLISHED_TABLES
from benchmarks.real_corpora_bench import EVAL, run_job
from triangulate.import_corpus import main as import_corpus

# (corpus folder, reader, import every K-th file): TE3 silver is sliced to keep the test in a CI budget.
CORPORA = {
    "timebank": ("timebank", "timeml", 1),
    "ecbplus": ("ecbplus", "ecbplus", 1),
    "te3-silver-every-8th": ("te3-silver", "timeml", 8),
}

pytestmark = pytest.mark.integration


def _inbox_files(inbox: Path) -> set[str]:
    """Inbox-relative paths of every file the pipeline reads (hidden files and folders are ignored)."""
    return {
        path.relative_to(inbox).as_posix()
        for path in inbox.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(inbox).parts)
    }


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_the_whole_job_accounts_for_every_file_and_publishes_every_table(corpus: str, tmp_path: Path) -> None:
    folder, corpus_format, every = CORPORA[corpus]
    source = EVAL / folder
    if not source.is_dir():
        pytest.skip(f"{source} is absent")
    inbox = tmp_path / "inbox"
    assert import_corpus([corpus_format, str(source), str(inbox), "--every", str(every)]) == 0

    finished = run_job(inbox=inbox, work=tmp_path)
    assert finished.returncode == 0, f"{corpus}: {finished.stdout[-3000:]}\n{finished.stderr[-3000:]}"

    data = finished.data_dir
    with duckdb.connect(str(data / "analytics.duckdb"), read_only=True) as analytics:
        views = {
            name for (name,) in analytics.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
        }
        assert set(PUBLISHED_TABLES) <= views
        ledger = dict(analytics.sql("SELECT source_path, outcome FROM inbox_files").fetchall())
        documents = {
            path
            for (paths,) in analytics.sql("SELECT source_paths FROM documents WHERE is_current").fetchall()
            for path in paths
        }
        quarantined = {path for (path,) in analytics.sql("SELECT source_path FROM quarantine").fetchall()}
    assert all((data / "parquet" / f"{table}.parquet").is_file() for table in PUBLISHED_TABLES)

    files = _inbox_files(inbox)
    assert set(ledger) == files
    assert set(ledger.values()) <= {"document", "quarantine", "manifest"}
    assert {path for path, outcome in ledger.items() if outcome == "manifest"} == {"manifest.csv"}
    assert documents | quarantined | {"manifest.csv"} >= files
    assert {path for path, outcome in ledger.items() if outcome == "document"} <= documents
    assert {path for path, outcome in ledger.items() if outcome == "quarantine"} <= quarantined
