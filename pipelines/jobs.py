"""The job, schedule and sensor that run the whole graph."""

import dagster as dg

from pipelines.settings import load_settings
from triangulate.inbox import InboxError, inbox_fingerprint, list_inbox

triangulate_job = dg.define_asset_job(
    name="triangulate_job",
    selection=dg.AssetSelection.all(),
    description="Ingest the inbox and rebuild every table, its checks and the published files.",
)

daily_schedule = dg.ScheduleDefinition(
    name="triangulate_daily",
    job=triangulate_job,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Run the whole graph every day at 06:00 UTC.",
)


@dg.sensor(
    name="inbox_sensor",
    job=triangulate_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Request a run when files in the inbox are added, changed or removed.",
)
def inbox_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult | dg.SkipReason:
    """Compare the inbox fingerprint with the cursor; one run per distinct inbox state (run key)."""
    try:
        fingerprint = inbox_fingerprint(list_inbox(load_settings().inbox))
    except InboxError as error:
        return dg.SkipReason(str(error))
    if fingerprint == context.cursor:
        return dg.SkipReason("inbox unchanged since the last run request")
    return dg.SensorResult(run_requests=[dg.RunRequest(run_key=f"inbox-{fingerprint[:16]}")], cursor=fingerprint)
