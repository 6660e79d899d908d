"""Turn a table's Pandera model into one blocking Dagster asset check named ``<table>__schema``.

The check reads the table from the warehouse with SQL, validates it lazily (every failure collected,
not just the first) and reports ``num_failures``, counts by failing check and a bounded Markdown sample
of failure cases. A failure is ERROR severity, so downstream assets in the same run do not use bad
data. An unexpected exception (missing table, unreadable file) becomes a failed check with the error
in its metadata instead of crashing the run.
"""

import math
from typing import Any

import dagster as dg
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from checks.rejection import row_failures
from pipelines.resources import WarehouseResource
from triangulate.markdown import markdown_table

MAX_SAMPLE_ROWS = 20


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Return rows as dicts with missing values (NaN, NaT) as None."""
    return [
        {str(key): (None if isinstance(value, float) and math.isnan(value) else value) for key, value in row.items()}
        for row in frame.astype(object).to_dict("records")
    ]


def failure_metadata(errors: SchemaErrors) -> dict[str, Any]:
    """Return check metadata for Pandera's lazy validation errors."""
    cases = row_failures(errors.failure_cases)
    counts = cases.groupby(["column", "check"], dropna=False).size().reset_index(name="failures")
    return {
        "num_failures": dg.MetadataValue.int(len(cases)),
        "num_failing_rows": dg.MetadataValue.int(int(cases["index"].nunique())),
        "failures_by_check": dg.MetadataValue.md(
            markdown_table(_records(counts), ["column", "check", "failures"], max_rows=50)
        ),
        "failure_sample": dg.MetadataValue.md(
            markdown_table(
                _records(cases.head(MAX_SAMPLE_ROWS)),
                ["column", "check", "failure_case", "index"],
                max_rows=MAX_SAMPLE_ROWS,
            )
        ),
    }


def validate_frame(model: type[pa.DataFrameModel], frame: pd.DataFrame) -> dg.AssetCheckResult:
    """Validate ``frame`` against ``model`` lazily and return the check result."""
    try:
        model.validate(frame, lazy=True)
    except SchemaErrors as errors:
        return dg.AssetCheckResult(
            passed=False, severity=dg.AssetCheckSeverity.ERROR, metadata=failure_metadata(errors)
        )
    return dg.AssetCheckResult(passed=True, metadata={"num_rows": dg.MetadataValue.int(len(frame)), "num_failures": 0})


def build_schema_check(*, table: str, model: type[pa.DataFrameModel]) -> dg.AssetChecksDefinition:
    """Return the blocking ``<table>__schema`` check for warehouse table ``layer.table``."""
    layer, _, name = table.partition(".")

    @dg.asset_check(
        asset=dg.AssetKey([layer, name]),
        name=f"{name}__schema",
        description=f"Every row of {table} matches the {model.__name__} schema (types, values, rules).",
        blocking=True,
    )
    def _schema_check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        try:
            frame = warehouse.read_frame(table)
        except Exception as error:
            return dg.AssetCheckResult(
                passed=False,
                severity=dg.AssetCheckSeverity.ERROR,
                metadata={"error": dg.MetadataValue.text(f"{type(error).__name__}: {error}")},
            )
        return validate_frame(model, frame)

    return _schema_check
