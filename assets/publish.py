"""Publish layer: one Parquet file per table and a views-only analytics.duckdb for analysts."""

from collections.abc import Mapping
from pathlib import Path

import dagster as dg

from pipelines.resources import PublishResource, WarehouseResource
from triangulate.publishing import build_analytics_database, export_parquet

# Analyst-facing name -> warehouse table. Later layers add their tables here.
PUBLISHED_TABLES: Mapping[str, str] = {
    "documents": "raw.documents",
    "quarantine": "raw.quarantine",
    "inbox_files": "raw.inbox_files",
    "passages": "text.passages",
    "sentences": "text.sentences",
}
ANALYTICS = dg.AssetKey(["publish", "analytics_duckdb"])


def parquet_key(view: str) -> dg.AssetKey:
    """Return the asset key of a published table's Parquet file."""
    return dg.AssetKey(["publish", f"{view}_parquet"])


def build_parquet_asset(*, view: str, table: str) -> dg.AssetsDefinition:
    """Return the asset that writes warehouse ``table`` to ``parquet/<view>.parquet`` atomically."""
    layer, _, name = table.partition(".")

    @dg.asset(
        key=parquet_key(view),
        deps=[dg.AssetKey([layer, name])],
        group_name="publish",
        kinds={"parquet", "duckdb"},
        pool="duckdb_write",
        description=f"{table} as parquet/{view}.parquet for analysts, replaced atomically.",
    )
    def _parquet(warehouse: WarehouseResource, publish: PublishResource) -> dg.MaterializeResult:  # type: ignore[type-arg]
        destination = publish.parquet_path(view)
        with warehouse.connect() as connection:
            rows = export_parquet(connection, table=table, destination=destination)
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
    build_analytics_database(views=views, destination=Path(publish.analytics_path))
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(publish.analytics_path),
            "views": dg.MetadataValue.md("\n".join(f"- `{view}` → {path}" for view, path in sorted(views.items()))),
        }
    )
