"""Dagster resources: the inbox to read, the warehouse to write, the folder to publish into.

Resources are thin: they hold configuration and hand out connections or paths; the work is done by
functions in ``triangulate``.
"""

from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd
import pyarrow as pa
from dagster_duckdb import DuckDBResource

from triangulate import warehouse
from triangulate.inbox import InboxListing, list_inbox
from triangulate.publishing import DEFAULT_KEEP_VERSIONS


class InboxResource(dg.ConfigurableResource):  # type: ignore[type-arg]
    """The folder of articles to ingest."""

    path: str
    max_file_bytes: int

    def listing(self) -> InboxListing:
        """List the inbox now."""
        return list_inbox(Path(self.path))


class WarehouseResource(DuckDBResource):
    """The pipeline's DuckDB warehouse; every writer runs in the ``duckdb_write`` pool."""

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Yield a connection set to UTC (the parent folder is created when missing)."""
        Path(self.database).parent.mkdir(parents=True, exist_ok=True)
        with self.get_connection() as connection:
            yield warehouse.prepare(connection)

    def read_table(self, table: str) -> pa.Table | None:
        """Return ``layer.table`` as Arrow, or None when it does not exist yet."""
        with self.connect() as connection:
            return warehouse.read_table(connection, table)

    def read_frame(self, table: str) -> pd.DataFrame:
        """Return ``layer.table`` as pandas; raise LookupError when it does not exist."""
        arrow = self.read_table(table)
        if arrow is None:
            raise LookupError(f"table {table} does not exist in the warehouse")
        frame: pd.DataFrame = arrow.to_pandas()
        return frame

    def write(
        self,
        *,
        replace: Mapping[str, pa.Table],
        append_new: Mapping[str, tuple[pa.Table, str]] | None = None,
        by_document: Mapping[str, pa.Table] | None = None,
        keep_doc_ids: Collection[str] = (),
        derived: Mapping[str, str] | None = None,
    ) -> None:
        """Replace, append, rebuild and derive tables in one transaction (``triangulate.warehouse.write_tables``)."""
        with self.connect() as connection:
            warehouse.write_tables(
                connection,
                replace=replace,
                append_new=append_new,
                by_document=by_document,
                keep_doc_ids=keep_doc_ids,
                derived=derived,
            )


class PublishResource(dg.ConfigurableResource):  # type: ignore[type-arg]
    """Where analysts' files go and how many versions of each table stay.

    Files: ``parquet/<table>.parquet``, ``parquet/versions/<table>/<stamp>.parquet`` and
    ``analytics.duckdb`` (see ``triangulate.publishing``).
    """

    parquet_dir: str
    analytics_path: str
    keep_versions: int = DEFAULT_KEEP_VERSIONS

    def parquet_path(self, table: str) -> Path:
        """Return the Parquet path of a published table name."""
        return Path(self.parquet_dir) / f"{table}.parquet"
