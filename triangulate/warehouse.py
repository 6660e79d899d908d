"""Read and write tables of the DuckDB warehouse in single transactions.

Functions take an open DuckDB connection, so the caller decides where it comes from (a Dagster
resource, a test's temporary file). A table is always replaced or appended to in one transaction:
a failure leaves the previous state. Table names are ``layer.table`` and are quoted here.
"""

from collections.abc import Mapping

import duckdb
import pyarrow as pa


def _quoted(name: str) -> tuple[str, str]:
    layer, _, table = name.partition(".")
    if not layer or not table or not layer.isidentifier() or not table.isidentifier():
        raise ValueError(f"table name must be 'layer.table' with plain identifiers, got {name!r}")
    return f'"{layer}"', f'"{layer}"."{table}"'


def prepare(connection: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Set the session to UTC so timestamps read back as UTC whatever the machine's zone is."""
    connection.execute("SET TimeZone = 'UTC'")
    return connection


def table_exists(connection: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Return whether ``layer.table`` exists."""
    layer, _, table = name.partition(".")
    found = connection.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
        [layer, table],
    ).fetchone()
    return bool(found and found[0])


def read_table(connection: duckdb.DuckDBPyConnection, name: str) -> pa.Table | None:
    """Return the whole table as Arrow, or ``None`` when it does not exist yet."""
    if not table_exists(connection, name):
        return None
    _, quoted = _quoted(name)
    return prepare(connection).execute(f"SELECT * FROM {quoted}").to_arrow_table()


def write_tables(
    connection: duckdb.DuckDBPyConnection,
    *,
    replace: Mapping[str, pa.Table],
    append_new: Mapping[str, tuple[pa.Table, str]] | None = None,
) -> None:
    """In one transaction, replace the ``replace`` tables and append new-key rows to ``append_new``.

    ``append_new`` maps a table name to (rows, key column): rows whose key is already present are skipped,
    so appending is idempotent.
    """
    prepare(connection)
    connection.execute("BEGIN TRANSACTION")
    try:
        for name, table in replace.items():
            schema, quoted = _quoted(name)
            connection.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
            connection.register("incoming_rows", table)
            connection.execute(f"CREATE OR REPLACE TABLE {quoted} AS SELECT * FROM incoming_rows")
            connection.unregister("incoming_rows")
        for name, (table, key) in (append_new or {}).items():
            schema, quoted = _quoted(name)
            connection.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
            connection.register("incoming_rows", table)
            connection.execute(f"CREATE TABLE IF NOT EXISTS {quoted} AS SELECT * FROM incoming_rows LIMIT 0")
            connection.execute(
                f'INSERT INTO {quoted} SELECT * FROM incoming_rows WHERE "{key}" NOT IN (SELECT "{key}" FROM {quoted})'
            )
            connection.unregister("incoming_rows")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
