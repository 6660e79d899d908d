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


def _literal(path: Path) -> str:
    """Return a path as a quoted SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def _temporary_name(destination: Path) -> Path:
    return destination.with_name(f".{destination.name}.tmp-{os.getpid()}")


def export_parquet(connection: duckdb.DuckDBPyConnection, *, query: str, destination: Path) -> int:
    """Write the rows of a warehouse ``query`` to ``destination`` atomically; return the row count."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_name(destination)
    prepare(connection).execute(f"COPY ({query}) TO {_literal(temporary)} (FORMAT parquet, COMPRESSION zstd)")
    temporary.replace(destination)
    counted = connection.execute(f"SELECT count(*) FROM read_parquet({_literal(destination)})").fetchone()
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
            connection.execute(f'CREATE VIEW "{view}" AS SELECT * FROM read_parquet({_literal(parquet.resolve())})')
        connection.execute("CHECKPOINT")
    finally:
        connection.close()
    temporary.replace(destination)
