"""Audit layer: the rows writers set aside and the documents a stage could not process, after every layer ran."""

from collections.abc import Iterator

import dagster as dg

from assets.metadata import table_metadata
from checks.models import MODELS_BY_TABLE, DocumentFailuresModel, RejectedRowsModel
from pipelines.resources import WarehouseResource
from triangulate.warehouse import REJECTED_ROWS

REJECTED = dg.AssetKey(REJECTED_ROWS.split("."))
DOCUMENT_FAILURES = dg.AssetKey(["audit", "document_failures"])
# A quarantine detail of a file that raised while it was read reads "<stage>: <ErrorClass>: <message>".
_DOCUMENT_FAILURES_SQL = r"""
SELECT source_path AS doc_id,
       coalesce(nullif(regexp_extract(detail, '^(read|decode|describe): ', 1), ''), 'read') AS stage,
       coalesce(nullif(regexp_extract(detail, '^\w+: ([A-Za-z_][\w.]*): ', 1), ''), 'Exception') AS error_class,
       coalesce(nullif(regexp_extract(detail, '(?s)^\w+: [\w.]+: (.*)$', 1), ''), detail) AS error_message,
       detected_at AS failed_at
FROM raw.quarantine WHERE reason = 'ingest_failed'
UNION ALL
SELECT doc_id, stage, error_class, error_message, failed_at FROM text.document_failures
UNION ALL
SELECT doc_id, 'extract', error_class, error_message, extracted_at FROM extracted.extraction_ledger
WHERE status = 'failed'
ORDER BY stage, doc_id
"""


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            REJECTED,
            deps=[dg.AssetKey(table.split(".")) for table in MODELS_BY_TABLE if not table.startswith("audit.")],
            description="Rows set aside because a value broke their table's rules; the rest of each table is kept.",
            kinds={"duckdb"},
        ),
        dg.AssetSpec(
            DOCUMENT_FAILURES,
            deps=[
                dg.AssetKey(["raw", "quarantine"]),
                dg.AssetKey(["text", "document_failures"]),
                dg.AssetKey(["extracted", "extraction_ledger"]),
            ],
            description="Documents a stage could not read, split or extract, with the error; tried again next run.",
            kinds={"duckdb"},
        ),
    ],
    group_name="audit",
    pool="duckdb_write",
)
def audit_tables(warehouse: WarehouseResource) -> Iterator[dg.MaterializeResult]:  # type: ignore[type-arg]
    """Gather the failures of every stage and report the rows set aside while writing."""
    warehouse.write(replace={}, derived={"audit.document_failures": _DOCUMENT_FAILURES_SQL})
    with warehouse.connect() as connection:
        rejected = connection.execute(f"SELECT * FROM {REJECTED_ROWS} ORDER BY table_name, row_id").to_arrow_table()
        failures = connection.execute("SELECT * FROM audit.document_failures").to_arrow_table()
    yield dg.MaterializeResult(
        asset_key=REJECTED,
        metadata=table_metadata(
            table=rejected, model=RejectedRowsModel, preview_columns=["table_name", "row_id", "check_name", "failure"]
        ),
    )
    yield dg.MaterializeResult(
        asset_key=DOCUMENT_FAILURES,
        metadata=table_metadata(
            table=failures, model=DocumentFailuresModel, preview_columns=["doc_id", "stage", "error_class"]
        ),
    )
