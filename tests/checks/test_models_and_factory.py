"""Pandera models match the stored rows, and the schema-check factory reports failures as data."""

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import pandas as pd
import pandera.pandas as pa
import pytest

from checks.factory import build_schema_check, validate_frame
from checks.models import (
    MODELS_BY_TABLE,
    DocumentsModel,
    EntityCatalogModel,
    InboxFilesModel,
    QuantitiesModel,
    QuarantineModel,
)
from pipelines.resources import WarehouseResource
from triangulate.arrow_tables import to_arrow
from triangulate.inbox import list_inbox
from triangulate.ingest import IngestResult, ingest_inbox
from triangulate.records import (
    AttributionRecord,
    CatalogEntryRecord,
    ClaimRecord,
    DocumentBytesRecord,
    DocumentFailureRecord,
    DocumentFlagsRecord,
    DocumentGroupRecord,
    DocumentRecord,
    EntityMentionRecord,
    EntityRecord,
    ExtractionLedgerRecord,
    FactRecord,
    ImpliedValueRecord,
    InboxFileRecord,
    PassageRecord,
    QualityIssueRecord,
    QuantityRecord,
    QuarantineRecord,
    QuoteRecord,
    RejectedRowRecord,
    SentenceRecord,
    SentenceWithoutClaimsRecord,
    SourceLinkRecord,
    StoryRecord,
    TimeExpressionRecord,
)
from triangulate.warehouse import write_tables

ROW_TYPES = {
    "raw.documents": DocumentRecord,
    "raw.document_bytes": DocumentBytesRecord,
    "raw.quarantine": QuarantineRecord,
    "raw.inbox_files": InboxFileRecord,
    "text.passages": PassageRecord,
    "text.sentences": SentenceRecord,
    "text.document_flags": DocumentFlagsRecord,
    "text.source_links": SourceLinkRecord,
    "text.quality_issues": QualityIssueRecord,
    "extracted.quantities": QuantityRecord,
    "extracted.time_expressions": TimeExpressionRecord,
    "extracted.extraction_ledger": ExtractionLedgerRecord,
    "reference.entity_catalog": CatalogEntryRecord,
    "extracted.entity_mentions": EntityMentionRecord,
    "extracted.entities": EntityRecord,
    "extracted.attributions": AttributionRecord,
    "extracted.quotes": QuoteRecord,
    "extracted.claims": ClaimRecord,
    "extracted.sentences_without_claims": SentenceWithoutClaimsRecord,
    "reconciled.document_groups": DocumentGroupRecord,
    "reconciled.facts": FactRecord,
    "reconciled.implied_values": ImpliedValueRecord,
    "reconciled.quality_issues": QualityIssueRecord,
    "reconciled.stories": StoryRecord,
    "text.document_failures": DocumentFailureRecord,
    "audit.rejected_rows": RejectedRowRecord,
    "audit.document_failures": DocumentFailureRecord,
}


@pytest.mark.parametrize("table", sorted(MODELS_BY_TABLE))
def test_model_columns_are_the_stored_columns_and_described(table: str) -> None:
    model = MODELS_BY_TABLE[table]
    columns = model.to_schema().columns
    assert list(columns) == [field.name for field in dataclasses.fields(ROW_TYPES[table])]
    assert all(column.description for column in columns.values())
    assert model.Config.strict is True
    assert model.Config.coerce is True


@pytest.fixture
def ingested(tmp_path: Path) -> IngestResult:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Headline of a story\nBody sentence one.\n", encoding="utf-8")
    (inbox / "b.txt").write_bytes(b"")
    return ingest_inbox(list_inbox(inbox), scanned_at=datetime(2026, 1, 1, tzinfo=UTC), max_file_bytes=10_000)


def _frame(rows: list[object], row_type: type) -> pd.DataFrame:
    frame: pd.DataFrame = to_arrow(rows, row_type).to_pandas()
    return frame


def test_valid_rows_pass(ingested: IngestResult) -> None:
    assert validate_frame(DocumentsModel, _frame(list(ingested.documents), DocumentRecord)).passed
    assert validate_frame(QuarantineModel, _frame(list(ingested.quarantine), QuarantineRecord)).passed
    assert validate_frame(InboxFilesModel, _frame(list(ingested.inbox_files), InboxFileRecord)).passed


def test_invalid_rows_fail_with_structured_metadata(ingested: IngestResult) -> None:
    frame = _frame(list(ingested.documents), DocumentRecord)
    frame.loc[0, "doc_id"] = "doc_0000000000000000"
    frame.loc[0, "title_source"] = "guessed"
    frame.loc[0, "char_length"] = 1
    result = validate_frame(DocumentsModel, frame)
    assert not result.passed
    assert result.severity.value == "ERROR"
    assert result.metadata["num_failures"].value == 3
    by_check = str(result.metadata["failures_by_check"].value)
    assert "doc\\_id\\_derived\\_from\\_hash" in by_check
    assert "char\\_length\\_matches\\_text" in by_check
    assert "guessed" in str(result.metadata["failure_sample"].value)


def test_extra_column_fails_strict_schema(ingested: IngestResult) -> None:
    frame = _frame(list(ingested.quarantine), QuarantineRecord).assign(surprise=1)
    assert not validate_frame(QuarantineModel, frame).passed


def test_schema_check_reads_the_warehouse(tmp_path: Path, ingested: IngestResult) -> None:
    database = tmp_path / "warehouse.duckdb"
    warehouse = WarehouseResource(database=str(database))
    check = build_schema_check(table="raw.quarantine", model=QuarantineModel)
    missing = check(warehouse=warehouse)
    assert isinstance(missing, dg.AssetCheckResult)
    assert not missing.passed
    assert "does not exist" in str(missing.metadata["error"].value)
    with warehouse.connect() as connection:
        write_tables(connection, replace={"raw.quarantine": to_arrow(ingested.quarantine, QuarantineRecord)})
    present = check(warehouse=warehouse)
    assert isinstance(present, dg.AssetCheckResult) and present.passed
    assert check.check_specs_by_output_name  # a real asset check definition
    (spec,) = check.check_specs
    assert spec.name == "quarantine__schema"
    assert spec.blocking


def test_models_are_plain_pandera() -> None:
    assert all(issubclass(model, pa.DataFrameModel) for model in MODELS_BY_TABLE.values())


def _quantity_frame(**changes: object) -> pd.DataFrame:
    row: dict[str, object] = {
        "quantity_id": "qty_0123456789abcdef",
        "doc_id": "doc_0123456789abcdef",
        "sentence_id": "s_0123456789abcdef",
        "char_start": 10,
        "char_end": 14,
        "surface": "3.9%",
        "kind": "percent",
        "value": 3.9,
        "value_low": None,
        "value_high": None,
        "unit": "percent",
        "approximate": False,
        "direction": "down",
        "extractor": "triangulate.quantities",
        "extractor_version": "0.1.0+abc",
    }
    return pd.DataFrame([{**row, **changes}])


@pytest.mark.parametrize(
    ("changes", "failing_check"),
    [
        ({"value_low": 5.0}, "bounds_are_ordered"),
        ({"kind": "money", "unit": "ZZZ"}, "money_has_currency_code"),
        ({"value": 250.0, "kind": "percentage_points", "unit": "pp"}, "value_is_plausible_for_kind"),
        ({"value": None}, "has_a_value"),
    ],
)
def test_quantity_rules_catch_impossible_rows(changes: dict[str, object], failing_check: str) -> None:
    assert validate_frame(QuantitiesModel, _quantity_frame()).passed
    result = validate_frame(QuantitiesModel, _quantity_frame(**changes))
    assert not result.passed
    assert failing_check.replace("_", "\\_") in str(result.metadata["failures_by_check"].value)


def test_catalog_rules_catch_shared_aliases_and_unknown_parents() -> None:
    frame = pd.DataFrame(
        {
            "entity_id": ["acme", "acme_labs", "widget"],
            "name": ["Acme", "Acme Labs", "Widget"],
            "type": ["company", "company", "product"],
            "aliases": [["ACME Corp"], ["acme corp"], []],
            "ticker": [None, None, None],
            "country": [None, None, None],
            "parent": [None, None, "nobody"],
        }
    )
    result = validate_frame(EntityCatalogModel, frame)
    assert not result.passed
    failures = str(result.metadata["failures_by_check"].value)
    assert "no\\_alias\\_claimed\\_by\\_two\\_entities" in failures
    assert "parent\\_is\\_in\\_catalog" in failures
    assert result.metadata["num_failing_rows"].value == 3
