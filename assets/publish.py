"""Publish layer: one Parquet file per table and a views-only analytics.duckdb for analysts."""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from pipelines.resources import PublishResource, WarehouseResource
from triangulate.publishing import build_analytics_database, export_parquet


@dataclass(frozen=True)
class PublishedTable:
    """An analyst-facing table: the warehouse query that makes it and the assets that query reads."""

    query: str
    reads: tuple[str, ...]


def _whole(table: str) -> PublishedTable:
    layer, _, name = table.partition(".")
    return PublishedTable(f'SELECT * FROM "{layer}"."{name}"', (table,))


# Analyst-facing name -> how it is made. Later layers add their tables here.
PUBLISHED_TABLES: Mapping[str, PublishedTable] = {
    "documents": PublishedTable(
        "SELECT d.* REPLACE ("
        "coalesce(d.language, f.language) AS language, "
        "CASE WHEN d.language IS NOT NULL THEN d.language_source "
        "WHEN f.language IS NOT NULL THEN 'inferred' ELSE 'unknown' END AS language_source), "
        "f.is_mixed_language, coalesce(f.is_ai_generated, false) AS is_ai_generated, f.ai_label_evidence "
        "FROM raw.documents d LEFT JOIN text.document_flags f USING (doc_id) ORDER BY d.doc_id",
        ("raw.documents", "text.document_flags"),
    ),
    "document_flags": _whole("text.document_flags"),
    "quarantine": _whole("raw.quarantine"),
    "inbox_files": _whole("raw.inbox_files"),
    "passages": _whole("text.passages"),
    "sentences": _whole("text.sentences"),
    "source_links": _whole("text.source_links"),
    "text_quality_issues": _whole("text.quality_issues"),
    "quantities": _whole("extracted.quantities"),
    "time_expressions": _whole("extracted.time_expressions"),
    "extraction_ledger": _whole("extracted.extraction_ledger"),
    "entity_catalog": _whole("reference.entity_catalog"),
    "entity_mentions": _whole("extracted.entity_mentions"),
    "entities": _whole("extracted.entities"),
    "attributions": _whole("extracted.attributions"),
    "quotes": _whole("extracted.quotes"),
    "claims": _whole("extracted.claims"),
    "sentences_without_claims": _whole("extracted.sentences_without_claims"),
    "document_groups": _whole("reconciled.document_groups"),
    "facts": _whole("reconciled.facts"),
    "implied_values": _whole("reconciled.implied_values"),
    "quality_issues": _whole("reconciled.quality_issues"),
}
ANALYTICS = dg.AssetKey(["publish", "analytics_duckdb"])


def parquet_key(view: str) -> dg.AssetKey:
    """Return the asset key of a published table's Parquet file."""
    return dg.AssetKey(["publish", f"{view}_parquet"])


def build_parquet_asset(*, view: str, table: PublishedTable) -> dg.AssetsDefinition:
    """Return the asset that writes a published table to ``parquet/<view>.parquet`` atomically."""

    @dg.asset(
        key=parquet_key(view),
        deps=[dg.AssetKey(read.split(".")) for read in table.reads],
        group_name="publish",
        kinds={"parquet", "duckdb"},
        pool="duckdb_write",
        description=f"{' + '.join(table.reads)} as parquet/{view}.parquet for analysts, replaced atomically.",
    )
    def _parquet(warehouse: WarehouseResource, publish: PublishResource) -> dg.MaterializeResult:  # type: ignore[type-arg]
        destination = publish.parquet_path(view)
        with warehouse.connect() as connection:
            rows = export_parquet(connection, query=table.query, destination=destination)
        return dg.MaterializeResult(
            metadata={"dagster/row_count": dg.MetadataValue.int(rows), "path": dg.MetadataValue.path(str(destination))}
        )

    return _parquet


PARQUET_ASSETS = [build_parquet_asset(view=view, table=table) for view, table in PUBLISHED_TABLES.items()]


@dg.asset(
    key=ANALYTICS,
    deps=[parquet_key(view) for view in PUBLISHED_TABLES],
    group_name="publish",
    kinds={"duckdb"},
    description="analytics.duckdb: one view per published Parquet file, swapped in atomically.",
)
def analytics_duckdb(publish: PublishResource) -> dg.MaterializeResult:  # type: ignore[type-arg]
    """Rebuild the analysts' views-only database over the published Parquet files."""
    views = {view: publish.parquet_path(view) for view in PUBLISHED_TABLES}
    rewritten = build_analytics_database(views=views, destination=Path(publish.analytics_path))
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(publish.analytics_path),
            "rewritten": dg.MetadataValue.bool(rewritten),
            "views": dg.MetadataValue.md("\n".join(f"- `{view}` → {path}" for view, path in sorted(views.items()))),
        }
    )
