"""Read and write tables of the DuckDB warehouse in single transactions.

Functions take an open DuckDB connection, so the caller decides where it comes from (a Dagster
resource, a test's temporary file). A table is always replaced or appended to in one transaction:
a failure leaves the previous state. Table names are ``layer.table`` and are quoted here.
"""

from collections.abc import Collection, Mapping

import duckdb
import pyarrow as pa

# Rows writers set aside because their table's model rejects a value (see ``checks.rejection``).
REJECTED_ROWS = "audit.rejected_rows"


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


def table_columns(connection: duckdb.DuckDBPyConnection, name: str) -> list[str]:
    """Return the column names of ``layer.table`` in order (empty when it does not exist)."""
    layer, _, table = name.partition(".")
    found = connection.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ? "
        "ORDER BY ordinal_position",
        [layer, table],
    ).fetchall()
    return [row[0] for row in found]


def _rebuild_by_document(
    connection: duckdb.DuckDBPyConnection, name: str, table: pa.Table, keep_doc_ids: Collection[str]
) -> None:
    """Keep the rows of ``keep_doc_ids``, delete every other document's rows, insert ``table``."""
    schema, quoted = _quoted(name)
    connection.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    connection.register("incoming_rows", table)
    if table_columns(connection, name) != table.schema.names:
        connection.execute(f"CREATE OR REPLACE TABLE {quoted} AS SELECT * FROM incoming_rows")
    else:
        kept = pa.table({"doc_id": pa.array(sorted(keep_doc_ids), pa.string())})
        connection.register("kept_documents", kept)
        connection.execute(f"DELETE FROM {quoted} WHERE doc_id NOT IN (SELECT doc_id FROM kept_documents)")
        connection.execute(f"INSERT INTO {quoted} SELECT * FROM incoming_rows")
        connection.unregister("kept_documents")
    connection.unregister("incoming_rows")


def _record_rejections(
    connection: duckdb.DuckDBPyConnection,
    rejected: pa.Table,
    *,
    replaced: Collection[str],
    by_document: Collection[str],
    keep_doc_ids: Collection[str],
) -> None:
    """Replace the earlier rejections of the tables written with ``rejected`` (rows of ``REJECTED_ROWS``).

    A replaced table loses all its earlier rejections; a table rebuilt by document keeps those of the
    documents it keeps; an appended table keeps all of them.
    """
    _, quoted = _quoted(REJECTED_ROWS)
    connection.execute(f'CREATE SCHEMA IF NOT EXISTS "{REJECTED_ROWS.partition(".")[0]}"')
    connection.register("incoming_rejections", rejected)
    if table_columns(connection, REJECTED_ROWS) != rejected.schema.names:
        connection.execute(f"CREATE OR REPLACE TABLE {quoted} AS SELECT * FROM incoming_rejections LIMIT 0")
    names = pa.table({"name": pa.array(sorted(replaced), pa.string())})
    rebuilt = pa.table({"name": pa.array(sorted(by_document), pa.string())})
    kept = pa.table({"doc_id": pa.array(sorted(keep_doc_ids), pa.string())})
    connection.register("replaced_tables", names)
    connection.register("rebuilt_tables", rebuilt)
    connection.register("kept_documents", kept)
    connection.execute(
        f"DELETE FROM {quoted} WHERE table_name IN (SELECT name FROM replaced_tables) "
        "OR (table_name IN (SELECT name FROM rebuilt_tables) "
        "AND (doc_id IS NULL OR doc_id NOT IN (SELECT doc_id FROM kept_documents)))"
    )
    connection.execute(
        f"INSERT INTO {quoted} SELECT * FROM incoming_rejections "
        f"WHERE rejection_id NOT IN (SELECT rejection_id FROM {quoted})"
    )
    for view in ("incoming_rejections", "replaced_tables", "rebuilt_tables", "kept_documents"):
        connection.unregister(view)


def write_tables(
    connection: duckdb.DuckDBPyConnection,
    *,
    replace: Mapping[str, pa.Table],
    append_new: Mapping[str, tuple[pa.Table, str]] | None = None,
    by_document: Mapping[str, pa.Table] | None = None,
    keep_doc_ids: Collection[str] = (),
    derived: Mapping[str, str] | None = None,
    rejected: pa.Table | None = None,
) -> None:
    """In one transaction, replace the ``replace`` tables and append new-key rows to ``append_new``.

    ``append_new`` maps a table name to (rows, key column): rows whose key is already present are skipped,
    so appending is idempotent. ``by_document`` tables (with a ``doc_id`` column) keep their rows of
    ``keep_doc_ids``, lose every other document's rows and gain the given rows; a table whose columns
    changed is replaced whole. ``derived`` tables are then replaced by their SELECT queries, which may
    read what this transaction wrote. ``rejected`` rows (``RejectedRowRecord``) replace the earlier
    rejections of the tables written, in ``REJECTED_ROWS`` (created when missing).
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
        for name, table in (by_document or {}).items():
            _rebuild_by_document(connection, name, table, keep_doc_ids)
        if rejected is not None:
            _record_rejections(
                connection,
                rejected,
                replaced=replace.keys(),
                by_document=(by_document or {}).keys(),
                keep_doc_ids=keep_doc_ids,
            )
        for name, query in (derived or {}).items():
            schema, quoted = _quoted(name)
            connection.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
            connection.execute(f"CREATE OR REPLACE TABLE {quoted} AS {query}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
