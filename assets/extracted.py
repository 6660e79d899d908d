"""Extracted layer: figures, times, entities, attributions, quotes and claims; only changed documents re-extracted."""

from collections.abc import Iterator
from datetime import UTC, datetime

import dagster as dg
import duckdb
import pyarrow as pa

from assets.metadata import table_metadata
from assets.reference import ENTITY_CATALOG
from checks.models import MODELS_BY_TABLE
from pipelines.resources import WarehouseResource
from triangulate.arrow_tables import to_arrow
from triangulate.extraction import DocumentInput, ExtractionRows, Extractor, PassageInput, SentenceInput
from triangulate.records import (
    AttributionRecord,
    ClaimRecord,
    EntityMentionRecord,
    ExtractionLedgerRecord,
    QuantityRecord,
    QuoteRecord,
    SentenceWithoutClaimsRecord,
    TimeExpressionRecord,
)
from triangulate.warehouse import table_columns

# Table -> (row type, description, preview columns). Every table but entities is stored per document.
_TABLES: dict[str, tuple[type, str, list[str]]] = {
    "extracted.quantities": (
        QuantityRecord,
        "Percentages, money, multipliers, counts and vague magnitudes, normalised, with exact spans.",
        ["doc_id", "surface", "kind", "value", "unit", "direction"],
    ),
    "extracted.time_expressions": (
        TimeExpressionRecord,
        "Dates, times, durations and sets as TIMEX3 values, resolved against the publication date.",
        ["doc_id", "surface", "type", "value", "resolution"],
    ),
    "extracted.entity_mentions": (
        EntityMentionRecord,
        "Spans naming organisations, state bodies, people, places, products, media and programmes.",
        ["doc_id", "surface", "entity_id", "type", "rule"],
    ),
    "extracted.attributions": (
        AttributionRecord,
        "Who each sentence credits: outlets, officials, companies, people, unnamed sources, reference markers.",
        ["doc_id", "surface", "source_name", "source_kind", "url"],
    ),
    "extracted.quotes": (
        QuoteRecord,
        "Direct quotations with their speakers.",
        ["doc_id", "speaker_name", "text"],
    ),
    "extracted.claims": (
        ClaimRecord,
        "Checkable statements: subject, measure, figure, period, attribution, hedging and negation.",
        ["doc_id", "measure", "subject_entity_id", "period", "hedged", "text"],
    ),
    "extracted.sentences_without_claims": (
        SentenceWithoutClaimsRecord,
        "Sentences that made no claim, and why (off-topic, boilerplate, non-English, nothing checkable).",
        ["doc_id", "reason"],
    ),
    "extracted.extraction_ledger": (
        ExtractionLedgerRecord,
        "Per document: read or skipped (and why), what was found, and the input fingerprint.",
        ["doc_id", "status", "n_quantities", "n_mentions", "n_claims"],
    ),
}
_ENTITIES = "extracted.entities"
_ENTITIES_SQL = """
WITH per_entity AS (
    SELECT entity_id, mode(name) AS name, mode(type) AS type, bool_or(in_catalog) AS in_catalog,
           max(confidence) AS confidence, count(*) AS n_mentions, count(DISTINCT doc_id) AS n_documents
    FROM extracted.entity_mentions GROUP BY entity_id
)
SELECT e.entity_id, coalesce(c.name, e.name) AS name, coalesce(c.type, e.type) AS type, e.in_catalog,
       e.confidence, e.n_mentions, e.n_documents, c.ticker, c.country, c.parent
FROM per_entity e LEFT JOIN reference.entity_catalog c USING (entity_id)
ORDER BY e.entity_id
"""


def _key(table: str) -> dg.AssetKey:
    return dg.AssetKey(table.split("."))


def _documents(connection: duckdb.DuckDBPyConnection) -> list[DocumentInput]:
    """Current documents with their passages, sentences and reference-list URLs."""
    passages: dict[str, list[PassageInput]] = {}
    for doc_id, *fields in connection.execute(
        "SELECT doc_id, passage_id, char_start, text, kind, is_off_topic, language FROM text.passages "
        "ORDER BY doc_id, char_start"
    ).fetchall():
        passages.setdefault(doc_id, []).append(PassageInput(*fields))
    sentences: dict[str, list[SentenceInput]] = {}
    for doc_id, *fields in connection.execute(
        "SELECT doc_id, sentence_id, passage_id, char_start, text FROM text.sentences ORDER BY doc_id, char_start"
    ).fetchall():
        sentences.setdefault(doc_id, []).append(SentenceInput(*fields))
    urls: dict[str, dict[str, str]] = {}
    for doc_id, marker, url in connection.execute(
        "SELECT doc_id, marker, url FROM text.source_links WHERE marker IS NOT NULL"
    ).fetchall():
        urls.setdefault(doc_id, {})[marker] = url
    documents = connection.execute(
        "SELECT d.doc_id, CAST(d.published_at AS DATE), f.language FROM raw.documents d "
        "LEFT JOIN text.document_flags f USING (doc_id) WHERE d.is_current ORDER BY d.doc_id"
    ).fetchall()
    return [
        DocumentInput(
            doc_id, published, language, passages.get(doc_id, []), sentences.get(doc_id, []), urls.get(doc_id, {})
        )
        for doc_id, published, language in documents
    ]


def _done(connection: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """Fingerprints of documents extracted before, unless a table's layout changed since."""
    if any(
        table_columns(connection, table) != to_arrow([], row).schema.names for table, (row, _, _) in _TABLES.items()
    ):
        return frozenset()
    found = connection.execute(
        "SELECT input_fingerprint FROM extracted.extraction_ledger WHERE status <> 'failed'"
    ).fetchall()
    return frozenset(row[0] for row in found)


def _tables(rows: ExtractionRows) -> dict[str, pa.Table]:
    return {table: to_arrow(getattr(rows, table.split(".")[1]), row) for table, (row, _, _) in _TABLES.items()}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            _key(table),
            deps=[
                dg.AssetKey(["text", "sentences"]),
                dg.AssetKey(["text", "passages"]),
                dg.AssetKey(["text", "source_links"]),
                ENTITY_CATALOG,
            ],
            description=description,
            kinds={"python", "duckdb"},
        )
        for table, (_, description, _) in _TABLES.items()
    ]
    + [
        dg.AssetSpec(
            _key(_ENTITIES),
            deps=[_key("extracted.entity_mentions"), ENTITY_CATALOG],
            description="Every entity the current documents name; those not in the catalog are candidates for it.",
            kinds={"duckdb"},
        )
    ],
    group_name="extracted",
    pool="duckdb_write",
)
def extracted_facts(warehouse: WarehouseResource) -> Iterator[dg.MaterializeResult]:  # type: ignore[type-arg]
    """Run the extractors over documents whose inputs changed since the last run; keep the rest."""
    extractor = Extractor()
    with warehouse.connect() as connection:
        documents = _documents(connection)
        done = _done(connection)
    built, unchanged = extractor.extract(documents, done=done, now=datetime.now(UTC))
    warehouse.write(
        replace={},
        by_document=_tables(built),
        keep_doc_ids=unchanged,
        derived={_ENTITIES: _ENTITIES_SQL},
    )
    run_metadata = {
        "documents_extracted": dg.MetadataValue.int(len(built.extraction_ledger)),
        "documents_unchanged": dg.MetadataValue.int(len(unchanged)),
    }
    with warehouse.connect() as connection:
        for table, (_, _, preview) in _TABLES.items():
            stored = connection.execute(f"SELECT * FROM {table}").to_arrow_table()
            metadata = table_metadata(table=stored, model=MODELS_BY_TABLE[table], preview_columns=preview)
            yield dg.MaterializeResult(asset_key=_key(table), metadata={**metadata, **run_metadata})
        entities = connection.execute(f"SELECT * FROM {_ENTITIES}").to_arrow_table()
        candidates = connection.execute(f"SELECT count(*) FROM {_ENTITIES} WHERE NOT in_catalog").fetchone()
    yield dg.MaterializeResult(
        asset_key=_key(_ENTITIES),
        metadata={
            **table_metadata(
                table=entities,
                model=MODELS_BY_TABLE[_ENTITIES],
                preview_columns=["entity_id", "name", "type", "n_mentions"],
            ),
            "catalog_candidates": dg.MetadataValue.int(int(candidates[0]) if candidates else 0),
        },
    )
