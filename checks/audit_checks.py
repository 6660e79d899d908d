"""Warnings about what a run set aside: rows rejected while writing and documents a stage could not process.

Both are WARN checks: the run goes on and publishes everything else; the rows and the errors are in the
published ``rejected_rows`` and ``document_failures`` tables.
"""

import dagster as dg

from checks.sql_rules import run_sql_rule
from pipelines.resources import WarehouseResource


@dg.asset_check(
    asset=dg.AssetKey(["audit", "rejected_rows"]),
    name="rejected_rows__none",
    description="No row was set aside for breaking its table's rules (see rejected_rows for those that were).",
)
def rejected_rows_none(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Warn with the count and a sample of rejected rows by table and rule."""
    return run_sql_rule(
        warehouse,
        table="audit.rejected_rows",
        failing_rows_sql=(
            "SELECT table_name, check_name, count(*) AS n_rows, min(failure) AS example "
            "FROM audit.rejected_rows GROUP BY ALL ORDER BY n_rows DESC, table_name, check_name"
        ),
        columns=["table_name", "check_name", "n_rows", "example"],
        severity=dg.AssetCheckSeverity.WARN,
    )


@dg.asset_check(
    asset=dg.AssetKey(["audit", "document_failures"]),
    name="document_failures__none",
    description="Every document was read, split and extracted without an error (see document_failures).",
)
def document_failures_none(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Warn with every document a stage could not process, its stage and its error."""
    return run_sql_rule(
        warehouse,
        table="audit.document_failures",
        failing_rows_sql="SELECT doc_id, stage, error_class, error_message FROM audit.document_failures",
        columns=["doc_id", "stage", "error_class", "error_message"],
        severity=dg.AssetCheckSeverity.WARN,
    )
