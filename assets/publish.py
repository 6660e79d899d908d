"""Publish layer: Parquet files per table (current and versioned) and a views-only analytics.duckdb."""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from pipelines.resources import PublishResource, WarehouseResource
from pipelines.settings import load_lock_timeout
from triangulate.publishing import export_parquet, leftover_folders, publish_analytics_database, sweep_leftovers
from triangulate.run_lock import hold_data_folder


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
    "stories": _whole("reconciled.stories"),
    "rejected_rows": _whole("audit.rejected_rows"),
    "document_failures": _whole("audit.document_failures"),
    "conflicts": PublishedTable(
        "SELECT f.fact_id, f.story_id, f.subject_entity_id, e.name AS subject, f.measure, f.products, f.period, "
        "f.conflict_kind, f.explanation, c.claim_id, c.doc_id, g.source_group, d.outlet, d.published_at, "
        "q.surface AS figure, q.value, q.value_low, q.value_high, q.unit, t.surface AS time_text, "
        "c.period AS claim_period, c.scope AS claim_scope, c.text AS sentence "
        "FROM (SELECT *, unnest(claim_ids) AS claim_id FROM reconciled.facts WHERE status = 'conflict') f "
        "JOIN extracted.claims c ON c.claim_id = f.claim_id "
        "JOIN raw.documents d ON d.doc_id = c.doc_id "
        "LEFT JOIN extracted.entities e ON e.entity_id = f.subject_entity_id "
        "LEFT JOIN reconciled.document_groups g ON g.doc_id = c.doc_id "
        "LEFT JOIN extracted.quantities q ON q.quantity_id = c.quantity_id "
        "LEFT JOIN extracted.time_expressions t ON t.time_id = c.time_id "
        "ORDER BY f.fact_id, c.doc_id, c.char_start",
        (
            "reconciled.facts",
            "extracted.claims",
            "raw.documents",
            "extracted.entities",
            "reconciled.document_groups",
            "extracted.quantities",
            "extracted.time_expressions",
        ),
    ),
    "document_quality": PublishedTable(
        "SELECT d.doc_id, d.source_path, d.outlet, d.published_at, fl.language, fl.boilerplate_share, "
        "fl.off_topic_share, fl.is_ai_generated, fl.is_mixed_sources, coalesce(i.n_issues, 0) AS n_issues, "
        "coalesce(i.issues_by_check, '{}') AS issues_by_check, coalesce(l.n_claims, 0) AS n_claims, "
        "l.status AS extraction_status, g.source_group, g.copy_of "
        "FROM raw.documents d "
        "LEFT JOIN text.document_flags fl ON fl.doc_id = d.doc_id "
        "LEFT JOIN (SELECT doc_id, sum(n)::BIGINT AS n_issues, "
        "'{' || string_agg(to_json(check_name) || ':' || n, ',' ORDER BY check_name) || '}' "
        "AS issues_by_check FROM (SELECT doc_id, check_name, count(*) AS n FROM reconciled.quality_issues "
        "WHERE doc_id IS NOT NULL GROUP BY ALL) GROUP BY doc_id) i ON i.doc_id = d.doc_id "
        "LEFT JOIN extracted.extraction_ledger l ON l.doc_id = d.doc_id "
        "LEFT JOIN reconciled.document_groups g ON g.doc_id = d.doc_id "
        "WHERE d.is_current ORDER BY d.source_path",
        (
            "raw.documents",
            "text.document_flags",
            "reconciled.quality_issues",
            "extracted.extraction_ledger",
            "reconciled.document_groups",
        ),
    ),
    "provenance": PublishedTable(
        "SELECT f.fact_id, f.story_id, f.status, f.measure, f.subject_entity_id, c.claim_id, c.sentence_id, "
        "c.char_start, c.char_end, c.text AS sentence, c.scope AS claim_scope, c.doc_id, d.source_path, "
        "d.content_sha256, d.url AS document_url, d.outlet, d.published_at, g.source_group, a.source_kind, "
        "a.source_name, a.url AS cited_url "
        "FROM (SELECT fact_id, story_id, status, measure, subject_entity_id, unnest(claim_ids) AS claim_id "
        "FROM reconciled.facts) f "
        "JOIN extracted.claims c ON c.claim_id = f.claim_id "
        "JOIN raw.documents d ON d.doc_id = c.doc_id "
        "LEFT JOIN reconciled.document_groups g ON g.doc_id = c.doc_id "
        "LEFT JOIN extracted.attributions a ON a.attribution_id = c.attribution_id "
        "ORDER BY f.fact_id, c.doc_id, c.char_start",
        (
            "reconciled.facts",
            "extracted.claims",
            "raw.documents",
            "reconciled.document_groups",
            "extracted.attributions",
        ),
    ),
}
ANALYTICS = dg.AssetKey(["publish", "analytics_duckdb"])


def parquet_key(view: str) -> dg.AssetKey:
    """Return the asset key of a published table's Parquet file."""
    return dg.AssetKey(["publish", f"{view}_parquet"])


def build_parquet_asset(*, view: str, table: PublishedTable) -> dg.AssetsDefinition:
    """Return the asset that writes a published table as a new version file (published by ``analytics_duckdb``)."""

    @dg.asset(
        key=parquet_key(view),
        deps=[dg.AssetKey(read.split(".")) for read in table.reads],
        group_name="publish",
        kinds={"parquet", "duckdb"},
        pool="duckdb_write",
        description=(
            f"{' + '.join(table.reads)} as parquet/versions/{view}/<stamp>.parquet (a new file per run); "
            f"parquet/{view}.parquet becomes it when analytics_duckdb publishes the whole run."
        ),
    )
    def _parquet(warehouse: WarehouseResource, publish: PublishResource) -> dg.MaterializeResult:  # type: ignore[type-arg]
        destination = publish.parquet_path(view)
        with warehouse.connect() as connection:
            exported = export_parquet(connection, query=table.query, destination=destination)
        return dg.MaterializeResult(
            metadata={
                "dagster/row_count": dg.MetadataValue.int(exported.rows),
                "path": dg.MetadataValue.path(str(destination)),
                "version": dg.MetadataValue.path(str(exported.version)),
            }
        )

    return _parquet


PARQUET_ASSETS = [build_parquet_asset(view=view, table=table) for view, table in PUBLISHED_TABLES.items()]


@dg.asset(
    key=ANALYTICS,
    deps=[parquet_key(view) for view in PUBLISHED_TABLES],
    group_name="publish",
    kinds={"duckdb"},
    description=(
        "analytics.duckdb: one view per table over its newest Parquet version, swapped in atomically; then "
        "every parquet/<table>.parquet becomes that version, versions of publishes that never completed are "
        "deleted, and so are published versions beyond the retention."
    ),
)
def analytics_duckdb(context: dg.AssetExecutionContext, publish: PublishResource) -> dg.MaterializeResult:  # type: ignore[type-arg]
    """Publish the newest Parquet versions as one snapshot, then delete leftovers and old versions.

    The data folder is held while publishing (a no-op when the run already holds it), so two runs
    never publish at once even when each step runs in its own process.
    """
    analytics = Path(publish.analytics_path)
    with hold_data_folder(
        analytics.parent, run_id=context.run.run_id, timeout=load_lock_timeout(), on_wait=context.log.warning
    ):
        swept = sweep_leftovers(leftover_folders(parquet_dir=Path(publish.parquet_dir), analytics_path=analytics))
        publication = publish_analytics_database(
            tables={view: publish.parquet_path(view) for view in PUBLISHED_TABLES},
            destination=analytics,
            keep_versions=publish.keep_versions,
        )
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(publish.analytics_path),
            "rewritten": dg.MetadataValue.bool(publication.rewritten),
            "views": dg.MetadataValue.md(
                "\n".join(f"- `{view}` → `{path}`" for view, path in sorted(publication.views.items()))
            ),
            "versions_pruned": dg.MetadataValue.int(len(publication.pruned)),
            "unpublished_versions_discarded": dg.MetadataValue.int(len(publication.discarded)),
            "leftovers_swept": dg.MetadataValue.int(len(swept)),
        }
    )
