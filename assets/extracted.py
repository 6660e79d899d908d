"""Extracted layer: quantities and time expressions with exact spans, re-extracting only changed documents."""

from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import groupby

import dagster as dg

from assets.metadata import table_metadata
from checks.models import ExtractionLedgerModel, QuantitiesModel, TimeExpressionsModel
from pipelines.resources import WarehouseResource
from triangulate.arrow_tables import to_arrow
from triangulate.extraction import DocumentInput, Extractor, SentenceInput
from triangulate.records import ExtractionLedgerRecord, QuantityRecord, TimeExpressionRecord
from triangulate.warehouse import table_columns

QUANTITIES = dg.AssetKey(["extracted", "quantities"])
TIME_EXPRESSIONS = dg.AssetKey(["extracted", "time_expressions"])
EXTRACTION_LEDGER = dg.AssetKey(["extracted", "extraction_ledger"])
_TABLES = {
    "extracted.quantities": QuantityRecord,
    "extracted.time_expressions": TimeExpressionRecord,
    "extracted.extraction_ledger": ExtractionLedgerRecord,
}
_DESCRIPTIONS = {
    QUANTITIES: "Percentages, money, multipliers, counts and vague magnitudes, normalised, with exact spans.",
    TIME_EXPRESSIONS: "Dates, times, durations and sets as TIMEX3 values, resolved against the publication date.",
    EXTRACTION_LEDGER: "Per document: read or skipped (and why), what was found, and the input fingerprint.",
}
_DOCUMENTS_SQL = """
SELECT d.doc_id, CAST(d.published_at AS DATE) AS published, f.language,
       s.sentence_id, s.char_start, s.text, p.kind, p.language
FROM raw.documents d
LEFT JOIN text.document_flags f USING (doc_id)
LEFT JOIN text.sentences s USING (doc_id)
LEFT JOIN text.passages p ON p.passage_id = s.passage_id
WHERE d.is_current
ORDER BY d.doc_id, s.char_start
"""


def _documents(rows: list[tuple[object, ...]]) -> list[DocumentInput]:
    documents = []
    for doc_id, group in groupby(rows, key=lambda row: row[0]):
        members = list(group)
        _, published, language, *_ = members[0]
        sentences = [
            SentenceInput(str(sid), int(str(start)), str(text), str(kind), None if lang is None else str(lang))
            for _, _, _, sid, start, text, kind, lang in members
            if sid is not None
        ]
        documents.append(DocumentInput(str(doc_id), published, None if language is None else str(language), sentences))  # type: ignore[arg-type]
    return documents


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            key,
            deps=[dg.AssetKey(["text", "sentences"]), dg.AssetKey(["text", "passages"])],
            description=description,
            kinds={"python", "duckdb"},
        )
        for key, description in _DESCRIPTIONS.items()
    ],
    group_name="extracted",
    pool="duckdb_write",
)
def extracted_quantities_and_times(warehouse: WarehouseResource) -> Iterator[dg.MaterializeResult]:  # type: ignore[type-arg]
    """Extract quantities and time expressions from documents whose inputs changed since the last run."""
    extractor = Extractor()
    with warehouse.connect() as connection:
        documents = _documents(connection.execute(_DOCUMENTS_SQL).fetchall())
        layouts_match = all(
            table_columns(connection, table) == to_arrow([], record).schema.names for table, record in _TABLES.items()
        )
        done = frozenset(
            row[0]
            for row in (
                connection.execute("SELECT input_fingerprint FROM extracted.extraction_ledger").fetchall()
                if layouts_match
                else []
            )
        )
    built, unchanged = extractor.extract(documents, done=done, now=datetime.now(UTC))
    tables = {
        "extracted.quantities": to_arrow(built.quantities, QuantityRecord),
        "extracted.time_expressions": to_arrow(built.time_expressions, TimeExpressionRecord),
        "extracted.extraction_ledger": to_arrow(built.ledger, ExtractionLedgerRecord),
    }
    warehouse.write(replace={}, by_document=tables, keep_doc_ids=unchanged)
    with warehouse.connect() as connection:
        stored = {table: connection.execute(f"SELECT * FROM {table}").to_arrow_table() for table in _TABLES}
    run_metadata = {
        "documents_extracted": dg.MetadataValue.int(len(built.ledger)),
        "documents_unchanged": dg.MetadataValue.int(len(unchanged)),
    }
    previews = {
        QUANTITIES: (QuantitiesModel, ["doc_id", "surface", "kind", "value", "unit", "direction"]),
        TIME_EXPRESSIONS: (TimeExpressionsModel, ["doc_id", "surface", "type", "value", "resolution"]),
        EXTRACTION_LEDGER: (ExtractionLedgerModel, ["doc_id", "status", "n_quantities", "n_time_expressions"]),
    }
    for key, (model, columns) in previews.items():
        table = stored[".".join(key.path)]
        yield dg.MaterializeResult(
            asset_key=key,
            metadata={**table_metadata(table=table, model=model, preview_columns=columns), **run_metadata},
        )
