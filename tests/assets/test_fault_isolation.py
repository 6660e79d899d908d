"""One bad document or one bad row never stops a run: failures and rejections are recorded and published."""

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import dagster as dg
import pytest

import triangulate.extraction as extraction
import triangulate.text_layer as text_layer
from pipelines.settings import Settings
from tests.assets.job_runs import query_published as _query
from tests.assets.job_runs import run_job as _run
from triangulate.records import QuantityRecord

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "articles"
MARKER = "Zyxwvut"


def _check(result: dg.ExecuteInProcessResult, name: str) -> dg.AssetCheckEvaluation:
    (evaluation,) = [e for e in result.get_asset_check_evaluations() if e.check_name == name]
    return evaluation


def _errors(result: dg.ExecuteInProcessResult) -> list[str]:
    return [
        e.check_name
        for e in result.get_asset_check_evaluations()
        if not e.passed and e.severity == dg.AssetCheckSeverity.ERROR
    ]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES, inbox)
    (inbox / "poisoned.txt").write_text(
        f"A short report\n{MARKER} Holdings said on Monday that revenue rose 12% to $3 billion.\n", encoding="utf-8"
    )
    return Settings(inbox=inbox, data_dir=tmp_path / "data", max_file_bytes=1_000_000, executor="in_process")


def test_a_document_that_fails_extraction_is_marked_failed_and_tried_again_next_run(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = extraction.extract_quantities  # type: ignore[attr-defined]

    def failing(*, text: str, vocabulary: Any) -> Any:
        if MARKER in text:
            raise RuntimeError("the quantity reader broke on this sentence")
        return real(text=text, vocabulary=vocabulary)

    monkeypatch.setattr(extraction, "extract_quantities", failing)
    result = _run(settings)
    assert result.success
    assert _errors(result) == []
    assert _query(settings, "SELECT stage, error_class, error_message FROM document_failures") == [
        ("extract", "RuntimeError", "the quantity reader broke on this sentence")
    ]
    assert _query(settings, "SELECT status, count(*) FROM extraction_ledger GROUP BY 1 ORDER BY 1") == [
        ("extracted", 5),
        ("failed", 1),
    ]
    failures = _check(result, "document_failures__none")
    assert not failures.passed
    assert failures.severity == dg.AssetCheckSeverity.WARN
    assert _query(settings, "SELECT count(*) > 0 FROM claims") == [(True,)]

    monkeypatch.undo()
    again = _run(settings)
    assert again.success
    assert _query(settings, "SELECT count(*) FROM document_failures") == [(0,)]
    assert _query(settings, "SELECT DISTINCT status FROM extraction_ledger") == [("extracted",)]
    assert _check(again, "document_failures__none").passed


def test_a_document_that_fails_segmenting_is_left_out_and_the_others_go_on(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = text_layer.split_passages  # type: ignore[attr-defined]

    def failing(*, text: str, **kwargs: Any) -> Any:
        if MARKER in text:
            raise ValueError("no paragraph boundary could be found")
        return real(text=text, **kwargs)

    monkeypatch.setattr(text_layer, "split_passages", failing)
    result = _run(settings)
    assert result.success
    assert _errors(result) == []
    ((doc_id, stage, error_class),) = _query(settings, "SELECT doc_id, stage, error_class FROM document_failures")
    assert (stage, error_class) == ("segment", "ValueError")
    assert _query(settings, f"SELECT count(*) FROM passages WHERE doc_id = '{doc_id}'") == [(0,)]
    assert _query(settings, "SELECT count(DISTINCT doc_id) FROM passages") == [(5,)]


def test_a_row_with_a_value_its_table_rejects_is_set_aside_and_everything_else_is_published(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = extraction.Extractor._quantity_record

    def sideways(self: extraction.Extractor, doc_id: str, sentence: Any, quantity: Any) -> QuantityRecord:
        record = real(self, doc_id, sentence, quantity)
        return dataclasses.replace(record, direction="sideways") if MARKER in sentence.text else record

    monkeypatch.setattr(extraction.Extractor, "_quantity_record", sideways)
    result = _run(settings)
    assert result.success
    assert _errors(result) == []
    rejected = _query(settings, "SELECT table_name, check_name, failure, run_id FROM rejected_rows ORDER BY 1, 2")
    tables = {row[0] for row in rejected}
    assert "extracted.quantities" in tables
    assert all(row[3] == result.run_id for row in rejected)
    assert ("extracted.quantities", "isin(['up', 'down'])", "direction = sideways", result.run_id) in rejected
    assert _query(settings, "SELECT count(*) FROM quantities WHERE direction = 'sideways'") == [(0,)]
    assert _query(
        settings,
        "SELECT count(*) FROM claims c LEFT JOIN quantities q USING (quantity_id) "
        "WHERE c.quantity_id IS NOT NULL AND q.quantity_id IS NULL",
    ) == [(0,)]
    check = _check(result, "rejected_rows__none")
    assert not check.passed
    assert check.severity == dg.AssetCheckSeverity.WARN
