"""Generate the data dictionary (Markdown) from the Pandera models, so it cannot drift from them.

Run ``python -m checks.dictionary > docs/data_dictionary.md`` (``make docs``); a test fails when the
committed file differs from what this module generates.
"""

import inspect

import pandera.pandas as pa

from checks.models import MODELS_BY_TABLE
from triangulate.markdown import escape_cell


def _dtype_name(column: pa.Column) -> str:
    return str(column.dtype)


def model_section(table: str, model: type[pa.DataFrameModel]) -> str:
    """Return the Markdown section of one table: its description and a row per column."""
    schema = model.to_schema()
    lines = [
        f"## `{table}`",
        "",
        inspect.cleandoc(model.__doc__ or ""),
        "",
        "| column | type | nullable | unique | description |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, column in schema.columns.items():
        lines.append(
            f"| `{name}` | {escape_cell(_dtype_name(column))} | {'yes' if column.nullable else 'no'} "
            f"| {'yes' if column.unique else 'no'} | {escape_cell(column.description, max_chars=400)} |"
        )
    checks = [check.name for check in schema.checks]
    if checks:
        lines += ["", "Table rules: " + ", ".join(f"`{name}`" for name in checks) + "."]
    return "\n".join(lines)


def data_dictionary() -> str:
    """Return the whole data dictionary."""
    header = [
        "# Data dictionary",
        "",
        "Generated from the Pandera models in `checks/models.py` by `make docs`; do not edit by hand.",
        "Warehouse tables are named `layer.table`; analysts see the published ones as views of the same",
        "table name in `data/analytics.duckdb` and as `data/parquet/<table>.parquet`.",
    ]
    sections = [model_section(table, model) for table, model in MODELS_BY_TABLE.items()]
    return "\n\n".join(["\n".join(header), *sections]) + "\n"


if __name__ == "__main__":
    print(data_dictionary(), end="")
