"""Dagster resources: the inbox to read, the warehouse to write, the folder to publish into.

Resources are thin: they hold configuration and hand out connections or paths; the work is done by
functions in ``triangulate``.
"""

from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd
import pyarrow as pa
from dagster_duckdb import DuckDBResource
from pydantic import PrivateAttr

from checks.models import MODELS_BY_TABLE
from checks.rejection import split_rejected
from pipelines.settings import load_lock_timeout
from triangulate import warehouse
from triangulate.arrow_tables import to_arrow
from triangulate.inbox import InboxListing, list_inbox
from triangulate.publishing import DEFAULT_KEEP_VERSIONS
from triangulate.records import RejectedRowRecord
from triangulate.run_lock import ensure_warehouse_free, hold_data_folder

OUTSIDE_A_RUN = "outside_a_run"


class InboxResource(dg.ConfigurableResource):  # type: ignore[type-arg]
    """The folder of articles to ingest."""

    path: str
    max_file_bytes: int

    def listing(self) -> InboxListing:
        """List the inbox now."""
        return list_inbox(Path(self.path))


class WarehouseResource(DuckDBResource):
    """The pipeline's DuckDB warehouse; every writer runs in the ``duckdb_write`` pool.

    Every table written is first checked against its Pandera model: rows with a rejected value are set
    aside in ``audit.rejected_rows`` with the run's id, and the rest is written (``checks.rejection``).
    """

    _run_id: str = PrivateAttr(default=OUTSIDE_A_RUN)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        """Remember the run, so rejected rows say which run set them aside."""
        super().setup_for_execution(context)
        run = context.run
        self._run_id = run.run_id if run is not None else OUTSIDE_A_RUN

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["WarehouseResource"]:
        """Hold the data folder while this resource is in use: a whole in-process run, or one step's process.

        Fail at once, naming the holder, when another program has the warehouse file open.
        """
        database, log, run = Path(self.database), context.log, context.run
        with hold_data_folder(
            database.parent,
            run_id=run.run_id if run else None,
            timeout=load_lock_timeout(),
            on_wait=log.warning if log else None,
        ):
            ensure_warehouse_free(database)
            with super().yield_for_execution(context) as resource:
                yield resource

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
        """Set rejected rows aside, then replace, append, rebuild and derive tables in one transaction.

        See ``checks.rejection`` for what is rejected and ``triangulate.warehouse.write_tables`` for the writes.
        """
        now, rejected_ids = datetime.now(UTC), dict[str, frozenset[str]]()
        rejections: list[RejectedRowRecord] = []

        def accepted(name: str, rows: pa.Table) -> pa.Table:
            model = MODELS_BY_TABLE.get(name)
            if model is None:
                return rows
            kept, rejected = split_rejected(
                table=name, rows=rows, model=model, rejected_ids=rejected_ids, run_id=self._run_id, rejected_at=now
            )
            rejected_ids[name] = frozenset(r.row_id for r in rejected if r.row_id is not None)
            rejections.extend(rejected)
            return kept

        replace = {name: accepted(name, rows) for name, rows in replace.items()}
        append_new = {name: (accepted(name, rows), key) for name, (rows, key) in (append_new or {}).items()}
        by_document = {name: accepted(name, rows) for name, rows in (by_document or {}).items()}
        with self.connect() as connection:
            warehouse.write_tables(
                connection,
                replace=replace,
                append_new=append_new,
                by_document=by_document,
                keep_doc_ids=keep_doc_ids,
                derived=derived,
                rejected=to_arrow(rejections, RejectedRowRecord),
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
