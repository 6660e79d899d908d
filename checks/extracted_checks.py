"""Consistency checks of the extracted layer that span tables: anchors and quantity/time overlaps.

Row-level rules (bounds ordered, currency codes valid, plausible values) live in the Pandera models and
run in the schema checks; span integrity comes from ``checks.sql_rules``.
"""

import dagster as dg

from checks.sql_rules import run_sql_rule
from pipelines.resources import WarehouseResource


@dg.asset_check(
    asset=dg.AssetKey(["extracted", "time_expressions"]),
    name="time_expressions__anchor_is_publication_date",
    description="Every relative_resolved expression is anchored to its document's publication date, never to today.",
    additional_deps=[dg.AssetKey(["raw", "documents"])],
    blocking=True,
)
def time_expressions_anchor_is_publication_date(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Fail on a resolved relative expression whose anchor is not the document's published_at date."""
    return run_sql_rule(
        warehouse,
        table="extracted.time_expressions",
        failing_rows_sql=(
            "SELECT t.doc_id, t.surface, t.value, t.anchor, CAST(d.published_at AS DATE) AS published "
            "FROM extracted.time_expressions t LEFT JOIN raw.documents d USING (doc_id) "
            "WHERE t.resolution = 'relative_resolved' "
            "AND (d.published_at IS NULL OR t.anchor IS DISTINCT FROM CAST(d.published_at AS DATE))"
        ),
        columns=["doc_id", "surface", "value", "anchor", "published"],
        severity=dg.AssetCheckSeverity.ERROR,
    )


@dg.asset_check(
    asset=dg.AssetKey(["extracted", "quantities"]),
    name="quantities__no_time_overlap",
    description="No quantity overlaps a time expression: a year or a duration is never also a number.",
    additional_deps=[dg.AssetKey(["extracted", "time_expressions"])],
    blocking=True,
)
def quantities_no_time_overlap(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Fail on a quantity whose span overlaps a time expression of the same document."""
    return run_sql_rule(
        warehouse,
        table="extracted.quantities",
        failing_rows_sql=(
            "SELECT q.doc_id, q.surface AS quantity, t.surface AS time_expression, q.char_start "
            "FROM extracted.quantities q JOIN extracted.time_expressions t "
            "ON q.doc_id = t.doc_id AND q.char_start < t.char_end AND t.char_start < q.char_end"
        ),
        columns=["doc_id", "quantity", "time_expression", "char_start"],
        severity=dg.AssetCheckSeverity.ERROR,
    )
