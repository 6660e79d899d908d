"""Publish warehouse tables for analysts: Parquet files and a views-only DuckDB database.

Both are written to a temporary name in the destination folder and moved into place with
``os.replace``, so a reader sees either the previous complete file or the new complete file, never a
half-written one. The analytics database holds only views over the Parquet files (absolute paths), so
analysts never open the warehouse and never hold a lock the pipeline needs.
"""

import os
from collections.abc import Mapping
from pathlib import Path

import duckdb

from triangulate.warehouse import prepare


def _temporary_name(destination: Path) -> Path:
    return destination.with_name(f".{destination.name}.tmp-{os.getpid()}")


def export_parquet(connection: duckdb.DuckDBPyConnection, *, table: str, destination: Path) -> int:
    """Write warehouse table ``layer.table`` to ``destination`` atomically; return the row count."""
    layer, _, name = table.partition(".")
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_name(destination)
    literal = str(temporary).replace("'", "''")
    prepare(connection).execute(
        f'COPY (SELECT * FROM "{layer}"."{name}") TO \'{literal}\' (FORMAT parquet, COMPRESSION zstd)'
    )
    temporary.replace(destination)
    counted = connection.execute(f'SELECT count(*) FROM "{layer}"."{name}"').fetchone()
    return int(counted[0]) if counted else 0


def build_analytics_database(*, views: Mapping[str, Path], destination: Path) -> None:
    """Create a DuckDB file at ``destination`` with one view per Parquet file, swapped in atomically."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_name(destination)
    temporary.unlink(missing_ok=True)
    connection = duckdb.connect(str(temporary))
    try:
        for view, parquet in sorted(views.items()):
            if not view.isidentifier():
                raise ValueError(f"view name must be a plain identifier, got {view!r}")
            literal = str(parquet.resolve()).replace("'", "''")
            connection.execute(f"CREATE VIEW \"{view}\" AS SELECT * FROM read_parquet('{literal}')")
        connection.execute("CHECKPOINT")
    finally:
        connection.close()
    temporary.replace(destination)
