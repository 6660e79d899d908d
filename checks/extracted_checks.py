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


@dg.asset_check(
    asset=dg.AssetKey(["extracted", "entity_mentions"]),
    name="entity_mentions__entity_exists",
    description="Every mention's entity is in extracted.entities; a catalog mention's entity is in the catalog.",
    additional_deps=[dg.AssetKey(["extracted", "entities"]), dg.AssetKey(["reference", "entity_catalog"])],
    blocking=True,
)
def entity_mentions_entity_exists(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Fail on a mention whose entity is missing from the entities table or, for catalog mentions, the catalog."""
    return run_sql_rule(
        warehouse,
        table="extracted.entity_mentions",
        failing_rows_sql=(
            "SELECT m.doc_id, m.surface, m.entity_id, m.in_catalog FROM extracted.entity_mentions m "
            "LEFT JOIN extracted.entities e USING (entity_id) "
            "LEFT JOIN reference.entity_catalog c ON c.entity_id = m.entity_id "
            "WHERE e.entity_id IS NULL OR (m.in_catalog AND c.entity_id IS NULL)"
        ),
        columns=["doc_id", "surface", "entity_id", "in_catalog"],
        severity=dg.AssetCheckSeverity.ERROR,
    )


@dg.asset_check(
    asset=dg.AssetKey(["extracted", "claims"]),
    name="claims__parts_in_own_sentence",
    description="A claim's figure, time, attribution and subject mention exist and lie in the claim's own sentence.",
    additional_deps=[
        dg.AssetKey(["extracted", "quantities"]),
        dg.AssetKey(["extracted", "time_expressions"]),
        dg.AssetKey(["extracted", "attributions"]),
        dg.AssetKey(["extracted", "entity_mentions"]),
    ],
    blocking=True,
)
def claims_parts_in_own_sentence(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Fail on a claim that points at a row that is missing or belongs to another sentence."""
    parts = [
        ("quantity_id", "extracted.quantities"),
        ("time_id", "extracted.time_expressions"),
        ("attribution_id", "extracted.attributions"),
        ("subject_mention_id", "extracted.entity_mentions"),
    ]
    joins = " ".join(
        f"LEFT JOIN {table} p{n} ON p{n}.{column.replace('subject_mention_id', 'mention_id')} = c.{column}"
        for n, (column, table) in enumerate(parts)
    )
    broken = " OR ".join(
        f"(c.{column} IS NOT NULL AND p{n}.sentence_id IS DISTINCT FROM c.sentence_id)"
        for n, (column, _) in enumerate(parts)
    )
    return run_sql_rule(
        warehouse,
        table="extracted.claims",
        failing_rows_sql=(
            f"SELECT c.doc_id, c.claim_id, c.measure, c.text FROM extracted.claims c {joins} WHERE {broken}"
        ),
        columns=["doc_id", "claim_id", "measure", "text"],
        severity=dg.AssetCheckSeverity.ERROR,
    )


@dg.asset_check(
    asset=dg.AssetKey(["extracted", "claims"]),
    name="claims__from_on_topic_body",
    description="No claim comes from an off-topic passage or from a passage that is not body text.",
    additional_deps=[dg.AssetKey(["text", "passages"]), dg.AssetKey(["text", "sentences"])],
    blocking=True,
)
def claims_from_on_topic_body(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Fail on a claim whose sentence sits in an off-topic or non-body passage."""
    return run_sql_rule(
        warehouse,
        table="extracted.claims",
        failing_rows_sql=(
            "SELECT c.doc_id, p.kind, p.is_off_topic, c.text FROM extracted.claims c "
            "JOIN text.sentences s USING (sentence_id) JOIN text.passages p ON p.passage_id = s.passage_id "
            "WHERE p.kind <> 'body' OR p.is_off_topic"
        ),
        columns=["doc_id", "kind", "is_off_topic", "text"],
        severity=dg.AssetCheckSeverity.ERROR,
    )
