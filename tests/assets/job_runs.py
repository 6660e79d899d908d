"""Run the whole job in process on given settings and query what it published (shared by the asset tests)."""

from typing import Any

import dagster as dg
import duckdb

from pipelines.definitions import build_defs
from pipelines.settings import Settings


def run_job(settings: Settings) -> dg.ExecuteInProcessResult:
    """Execute ``triangulate_job`` in process on an ephemeral instance, without raising on failure."""
    job = build_defs(settings).resolve_job_def("triangulate_job")
    return job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)


def query_published(settings: Settings, sql: str) -> list[tuple[Any, ...]]:
    """Run ``sql`` read-only on the published analytics database."""
    with duckdb.connect(str(settings.analytics_path), read_only=True) as connection:
        return connection.execute(sql).fetchall()
