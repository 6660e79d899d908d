"""Materialization metadata shared by every asset: row count, column schema, preview, input hash."""

from collections.abc import Sequence
from typing import Any

import dagster as dg
import pandera.pandas as pa
import pyarrow as pa_arrow

from triangulate.markdown import markdown_table

PREVIEW_ROWS = 5


def column_schema(model: type[pa.DataFrameModel], arrow_schema: pa_arrow.Schema) -> dg.TableSchema:
    """Return the Dagster column schema of a table: Arrow types with the Pandera model's descriptions."""
    columns = model.to_schema().columns
    return dg.TableSchema(
        columns=[
            dg.TableColumn(
                name=field.name,
                type=str(field.type),
                description=columns[field.name].description if field.name in columns else None,
            )
            for field in arrow_schema
        ]
    )


def table_metadata(
    *,
    table: pa_arrow.Table,
    model: type[pa.DataFrameModel],
    preview_columns: Sequence[str],
    input_hash: str | None = None,
) -> dict[str, Any]:
    """Return the standard metadata of a materialized table (preview text is escaped)."""
    metadata: dict[str, Any] = {
        "dagster/row_count": dg.MetadataValue.int(table.num_rows),
        "dagster/column_schema": column_schema(model, table.schema),
        "preview": dg.MetadataValue.md(
            markdown_table(table.select(list(preview_columns)).slice(0, PREVIEW_ROWS).to_pylist(), preview_columns)
        ),
    }
    if input_hash is not None:
        metadata["input_hash"] = dg.MetadataValue.text(input_hash)
    return metadata
