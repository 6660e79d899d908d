"""Run the whole graph once on the configured inbox and print a short summary for people.

Usage: ``python -m pipelines.run`` (what ``make run`` calls). The run is recorded in the Dagster
instance at DAGSTER_HOME, so it also shows in the UI. Before it starts, the run

- takes the data folder (``triangulate.run_lock``): it waits, without spinning and saying who holds
  it, while another run uses the folder, for at most TRIANGULATE_LOCK_TIMEOUT seconds;
- fails at once when another program has ``warehouse.duckdb`` open;
- deletes temporary files left by runs that died, and marks runs of this data folder whose process
  died as failed in the instance, freeing any concurrency slots they still claimed.

Exit status: 0 when the run and its blocking checks succeed, 1 when the run fails, 75 (EX_TEMPFAIL)
when the data folder or the warehouse stayed busy; 2 for a bad setting.
"""

import os
import socket
import sys
import uuid

import dagster as dg

from assets.publish import ANALYTICS
from pipelines.definitions import build_defs
from pipelines.settings import Settings, load_settings
from triangulate.publishing import leftover_folders, sweep_leftovers
from triangulate.run_lock import (
    DataFolderBusyError,
    WarehouseLockedError,
    ensure_warehouse_free,
    hold_data_folder,
    pid_alive,
)
from triangulate.run_summary import summarise

EXIT_SUCCESS = 0
EXIT_FAILED = 1
EXIT_BAD_SETTING = 2
EXIT_BUSY = 75
PID_TAG = "triangulate/pid"
HOST_TAG = "triangulate/host"
DATA_DIR_TAG = "triangulate/data_dir"
UNFINISHED = [dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED]


def _process_died(run: dg.DagsterRun) -> bool:
    """Whether a run started by this command on this machine has no live process any more."""
    pid = run.tags.get(PID_TAG)
    return run.tags.get(HOST_TAG) == socket.gethostname() and pid is not None and not pid_alive(int(pid))


def release_dead_runs(instance: dg.DagsterInstance, settings: Settings) -> list[str]:
    """Mark unfinished runs of this data folder whose process died as failed; free every dead run's slots.

    Call it while holding the data folder, so no run of this folder is alive in another process.
    Return the ids of the runs marked failed.
    """
    marked = []
    for run in instance.get_runs(
        dg.RunsFilter(statuses=UNFINISHED, tags={DATA_DIR_TAG: str(settings.data_dir)}), limit=100
    ):
        if _process_died(run):
            instance.report_run_failed(run, f"its process (pid {run.tags[PID_TAG]}) died before the run ended")
            marked.append(run.run_id)
    storage = instance.event_log_storage
    for run_id in storage.get_concurrency_run_ids():
        claimant = instance.get_run_by_id(run_id)
        if claimant is None or claimant.is_finished or _process_died(claimant):
            storage.free_concurrency_slots_for_run(run_id)
    return marked


def _failed_steps(result: dg.ExecuteInProcessResult) -> list[str]:
    """One line per failed step: its key and the first line of the error that caused the failure."""
    lines = []
    for event in result.all_events:
        if event.event_type != dg.DagsterEventType.STEP_FAILURE:
            continue
        error = event.step_failure_data.error
        while error is not None and error.cause is not None:
            error = error.cause
        message = error.message.strip().splitlines()[0] if error and error.message.strip() else "no message"
        lines.append(f"{event.step_key}: {message}")
    return lines


def _execute(settings: Settings, run_id: str) -> int:
    """Run the job while holding the data folder; print the summary; return the exit status."""
    sweep_leftovers(
        [settings.data_dir, *leftover_folders(parquet_dir=settings.parquet_dir, analytics_path=settings.analytics_path)]
    )
    ensure_warehouse_free(settings.warehouse_path)
    job = build_defs(settings).resolve_job_def("triangulate_job")
    tags = {PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname(), DATA_DIR_TAG: str(settings.data_dir)}
    with dg.DagsterInstance.get() as instance:
        for marked in release_dead_runs(instance, settings):
            print(f"Run {marked} had died; it is now marked failed in the Dagster instance.", file=sys.stderr)
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            run_id=run_id,
            tags=tags,
            run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
        )
    evaluations = [e for e in result.get_asset_check_evaluations() if not e.passed]
    failed_checks = [e.check_name for e in evaluations if e.severity == dg.AssetCheckSeverity.ERROR]
    warnings = [e.check_name for e in evaluations if e.severity != dg.AssetCheckSeverity.ERROR]
    published = any(m.asset_key == ANALYTICS for m in result.get_asset_materialization_events())
    if not result.success:
        outcome = "after publishing" if published else "before publishing; nothing from it was published"
        print(f"\nRun {run_id} FAILED {outcome}.", file=sys.stderr)
        for line in _failed_steps(result):
            print(f"  failed step {line}", file=sys.stderr)
    if settings.analytics_path.exists():
        summary = summarise(
            settings.analytics_path, parquet_dir=settings.parquet_dir, inbox=settings.inbox, this_run=published
        )
        print(summary)
    else:
        print(f"Nothing has been published in {settings.data_dir} yet.")
    if warnings:
        print(f"Checks with findings (warnings; see the quality_issues table): {', '.join(sorted(warnings))}")
    if failed_checks:
        print(f"Failed checks: {', '.join(sorted(failed_checks))}")
    if not result.success:
        print(f"Run {run_id} failed; see the Dagster UI (make ui) or the log above.", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_SUCCESS


def main() -> int:
    """Take the data folder, execute ``triangulate_job`` in process and print the summary."""
    try:
        settings = load_settings()
    except ValueError as error:
        print(f"Bad setting: {error}", file=sys.stderr)
        return EXIT_BAD_SETTING
    run_id = str(uuid.uuid4())
    try:
        with hold_data_folder(
            settings.data_dir,
            run_id=run_id,
            timeout=settings.lock_timeout,
            on_wait=lambda line: print(line, file=sys.stderr, flush=True),
        ):
            return _execute(settings, run_id)
    except (DataFolderBusyError, WarehouseLockedError) as error:
        print(error, file=sys.stderr)
        return EXIT_BUSY


if __name__ == "__main__":
    sys.exit(main())
