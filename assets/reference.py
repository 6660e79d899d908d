"""Reference layer: the curated data analysts maintain, loaded as assets so edits show in lineage."""

import dagster as dg

from assets.metadata import table_metadata
from checks.models import EntityCatalogModel
from pipelines.resources import WarehouseResource
from triangulate.arrow_tables import to_arrow
from triangulate.entities import read_catalog_entries
from triangulate.ids import sha256_hex
from triangulate.records import CatalogEntryRecord
from triangulate.reference import DEFAULT_REFERENCE_DIR

ENTITY_CATALOG = dg.AssetKey(["reference", "entity_catalog"])


@dg.asset(
    key=ENTITY_CATALOG,
    group_name="reference",
    kinds={"yaml", "duckdb"},
    pool="duckdb_write",
    code_version=sha256_hex((DEFAULT_REFERENCE_DIR / "entities.yaml").read_bytes())[:16],
)
def entity_catalog(warehouse: WarehouseResource) -> dg.MaterializeResult:  # type: ignore[type-arg]
    """The entity catalog from reference/entities.yaml: canonical names, types, aliases and identifiers."""
    table = to_arrow(read_catalog_entries(), CatalogEntryRecord)
    warehouse.write(replace={"reference.entity_catalog": table})
    return dg.MaterializeResult(
        metadata=table_metadata(table=table, model=EntityCatalogModel, preview_columns=["entity_id", "name", "type"])
    )
