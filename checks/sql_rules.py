"""Asset checks written as SQL: a query selects the failing rows, the result reports them.

Each rule is a query over the warehouse whose rows are the failures; the check passes when it returns
none. The metadata is the same for every rule: rows checked, failures, and a bounded Markdown sample.
"""

from collections.abc import Sequence

import dagster as dg

from pipelines.resources import WarehouseResource
from triangulate.markdown import markdown_table

MAX_SAMPLE_ROWS = 20


def run_sql_rule(
    warehouse: WarehouseResource,
    *,
    table: str,
    failing_rows_sql: str,
    columns: Sequence[str],
    severity: dg.AssetCheckSeverity,
) -> dg.AssetCheckResult:
    """Run ``failing_rows_sql`` and report its rows as the failures of a check on ``table``."""
    with warehouse.connect() as connection:
        failures = connection.execute(failing_rows_sql).to_arrow_table().to_pylist()
        (total,) = connection.execute(f"SELECT count(*) FROM {table}").fetchone() or (0,)
    return dg.AssetCheckResult(
        passed=not failures,
        severity=severity,
        metadata={
            "num_rows": dg.MetadataValue.int(int(total)),
            "num_failures": dg.MetadataValue.int(len(failures)),
            "failures": dg.MetadataValue.md(markdown_table(failures[:MAX_SAMPLE_ROWS], list(columns))),
        },
    )


def build_span_integrity_check(*, table: str, text_column: str = "text") -> dg.AssetChecksDefinition:
    """Return ``<table>__span_integrity``: documents.text[char_start:char_end] equals the row's text."""
    layer, _, name = table.partition(".")

    @dg.asset_check(
        asset=dg.AssetKey([layer, name]),
        name=f"{name}__span_integrity",
        description=f"Every {name} row's span, cut from its document's text, equals the row's {text_column}.",
        additional_deps=[dg.AssetKey(["raw", "documents"])],
        blocking=True,
    )
    def _span_integrity(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        return run_sql_rule(
            warehouse,
            table=f'"{layer}"."{name}"',
            failing_rows_sql=(
                f'SELECT t.doc_id, t.char_start, t.char_end, t."{text_column}" AS text FROM "{layer}"."{name}" t '
                "LEFT JOIN raw.documents d USING (doc_id) WHERE d.doc_id IS NULL OR "
                f'substring(d.text, t.char_start + 1, t.char_end - t.char_start) <> t."{text_column}"'
            ),
            columns=["doc_id", "char_start", "char_end", "text"],
            severity=dg.AssetCheckSeverity.ERROR,
        )

    return _span_integrity
