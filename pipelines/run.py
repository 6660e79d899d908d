"""Run the whole graph once on the configured inbox and print a short summary for people.

Usage: ``python -m pipelines.run`` (what ``make run`` calls). Exit status is 0 when the run and its
blocking checks succeed, 1 otherwise. The run is recorded in the Dagster instance at DAGSTER_HOME,
so it also shows in the UI.
"""

import sys

import dagster as dg

from pipelines.definitions import build_defs
from pipelines.settings import load_settings
from triangulate.run_summary import summarise


def main() -> int:
    """Execute ``triangulate_job`` in process and print the summary."""
    settings = load_settings()
    defs = build_defs(settings)
    job = defs.resolve_job_def("triangulate_job")
    with dg.DagsterInstance.get() as instance:
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
        )
    evaluations = [e for e in result.get_asset_check_evaluations() if not e.passed]
    failed_checks = [e.check_name for e in evaluations if e.severity == dg.AssetCheckSeverity.ERROR]
    warnings = [e.check_name for e in evaluations if e.severity != dg.AssetCheckSeverity.ERROR]
    if settings.analytics_path.exists():
        print(summarise(settings.analytics_path, parquet_dir=settings.parquet_dir, inbox=settings.inbox))
    if warnings:
        print(f"Checks with findings (warnings; see the quality_issues table): {', '.join(sorted(warnings))}")
    if failed_checks:
        print(f"Failed checks: {', '.join(sorted(failed_checks))}")
    if not result.success:
        print(f"Run {result.run_id} failed; see the Dagster UI (make ui) or the log above.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
