"""A data folder written before documents recorded their format and encoding confidence still runs."""

import shutil
from pathlib import Path

import duckdb

from pipelines.settings import Settings
from tests.assets.job_runs import run_job as _run

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
LATER_COLUMNS = ("content_format", "encoding_confidence", "encoding_uncertain", "encoding_evidence")


def test_document_rows_without_the_later_columns_are_upgraded_and_kept(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES, inbox)
    settings = Settings(inbox=inbox, data_dir=tmp_path / "data", max_file_bytes=1_000_000, executor="in_process")
    assert _run(settings).success
    with duckdb.connect(str(settings.warehouse_path)) as connection:
        for column in LATER_COLUMNS:
            connection.execute(f"ALTER TABLE raw.documents DROP COLUMN {column}")
    first = sorted(inbox.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")

    assert _run(settings).success
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as connection:
        rows = connection.execute(
            "SELECT is_current, content_format, encoding_confidence, encoding_uncertain FROM raw.documents"
        ).fetchall()
    assert len(rows) == 6
    assert {row[1:] for row in rows} == {("text", 1.0, False)}
