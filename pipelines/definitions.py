"""The Dagster code location: assets, checks, job, schedule, sensor, resources and executor."""

import dagster as dg

from assets.audit import audit_tables
from assets.extracted import extracted_facts
from assets.publish import PARQUET_ASSETS, analytics_duckdb
from assets.raw import raw_inbox
from assets.reconciled import reconciled_facts
from assets.reference import entity_catalog
from assets.text import text_passages
from checks.audit_checks import document_failures_none, rejected_rows_none
from checks.consistency_checks import CONSISTENCY_CHECKS
from checks.extracted_checks import (
    claims_from_on_topic_body,
    claims_parts_in_own_sentence,
    entity_mentions_entity_exists,
    quantities_no_time_overlap,
    time_expressions_anchor_is_publication_date,
)
from checks.factory import build_schema_check
from checks.models import MODELS_BY_TABLE
from checks.raw_checks import documents_provenance, inbox_files_accounted
from checks.sql_rules import build_span_integrity_check
from pipelines.jobs import daily_schedule, inbox_sensor, triangulate_job
from pipelines.resources import InboxResource, PublishResource, WarehouseResource
from pipelines.settings import Settings, load_settings


def build_defs(settings: Settings | None = None) -> dg.Definitions:
    """Return the definitions for the given settings (by default, from the environment)."""
    settings = settings or load_settings()
    schema_checks = [build_schema_check(table=table, model=model) for table, model in MODELS_BY_TABLE.items()]
    executor = dg.in_process_executor if settings.executor == "in_process" else dg.multiprocess_executor
    return dg.Definitions(
        assets=[
            raw_inbox,
            text_passages,
            entity_catalog,
            extracted_facts,
            reconciled_facts,
            audit_tables,
            *PARQUET_ASSETS,
            analytics_duckdb,
        ],
        asset_checks=[
            *schema_checks,
            inbox_files_accounted,
            documents_provenance,
            *(build_span_integrity_check(table=table) for table in ("text.passages", "text.sentences")),
            *(
                build_span_integrity_check(table=table, text_column="surface")
                for table in (
                    "extracted.quantities",
                    "extracted.time_expressions",
                    "extracted.entity_mentions",
                    "extracted.attributions",
                )
            ),
            *(build_span_integrity_check(table=table) for table in ("extracted.quotes", "extracted.claims")),
            entity_mentions_entity_exists,
            claims_parts_in_own_sentence,
            claims_from_on_topic_body,
            *CONSISTENCY_CHECKS,
            time_expressions_anchor_is_publication_date,
            quantities_no_time_overlap,
            rejected_rows_none,
            document_failures_none,
        ],
        jobs=[triangulate_job],
        schedules=[daily_schedule],
        sensors=[inbox_sensor],
        executor=executor,
        resources={
            "inbox": InboxResource(path=str(settings.inbox), max_file_bytes=settings.max_file_bytes),
            "warehouse": WarehouseResource(database=str(settings.warehouse_path)),
            "publish": PublishResource(
                parquet_dir=str(settings.parquet_dir),
                analytics_path=str(settings.analytics_path),
                keep_versions=settings.keep_versions,
            ),
        },
    )


defs = build_defs()
