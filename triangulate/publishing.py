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


def _existing_views(destination: Path) -> dict[str, str] | None:
    """Return {view: Parquet path} of an existing analytics database, or None when it is absent or unreadable."""
    if not destination.exists():
        return None
    try:
        with duckdb.connect(str(destination), read_only=True) as connection:
            rows = connection.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall()
    except duckdb.Error:
        return None
    return {str(view): str(comment) for view, comment in rows}


def build_analytics_database(*, views: Mapping[str, Path], destination: Path) -> bool:
    """Make ``destination`` a DuckDB file with one view per Parquet file; return whether it was rewritten.

    The views read Parquet files by fixed paths, which are replaced atomically on every run, so the
    database itself only changes when the set of views does. It is then rebuilt in a temporary file and
    swapped in; otherwise it is left untouched, so readers never open a file that is being replaced
    under them (DuckDB may open a database file more than once while attaching it).
    """
    wanted = {view: str(parquet.resolve()) for view, parquet in views.items()}
    if _existing_views(destination) == wanted:
        return False
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_name(destination)
    temporary.unlink(missing_ok=True)
    connection = duckdb.connect(str(temporary))
    try:
        for view, parquet in sorted(views.items()):
            if not view.isidentifier():
                raise ValueError(f"view name must be a plain identifier, got {view!r}")
            path = parquet.resolve()
            connection.execute(f'CREATE VIEW "{view}" AS SELECT * FROM read_parquet({_literal(path)})')
            connection.execute(f'COMMENT ON VIEW "{view}" IS {_literal(path)}')
        connection.execute("CHECKPOINT")
    finally:
        connection.close()
    temporary.replace(destination)
    return True
