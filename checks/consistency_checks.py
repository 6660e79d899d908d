"""Asset checks for the cross-source consistency rules: one WARN check per rule, with examples.

Each check builds its rule's frame from the warehouse with SQL, runs the rule's Pandera schema lazily,
and reports the number of breaches, the counts by kind and a bounded Markdown table of examples
(document, subject, explanation). The rules themselves live in ``checks.consistency_rules``.
"""

import dagster as dg

from checks.consistency_rules import RULES, Rule, failing_rows
from pipelines.resources import WarehouseResource
from triangulate.markdown import markdown_table

MAX_EXAMPLES = 10
_ASSET_OF_TABLE = {
    "reconciled.facts": dg.AssetKey(["reconciled", "facts"]),
    "reconciled.implied_values": dg.AssetKey(["reconciled", "implied_values"]),
}
_QUALITY_ISSUES = dg.AssetKey(["reconciled", "quality_issues"])


def build_consistency_check(rule: Rule) -> dg.AssetChecksDefinition:
    """Return the asset check that runs ``rule`` on the reconciled tables."""

    @dg.asset_check(
        asset=_ASSET_OF_TABLE.get(rule.table, _QUALITY_ISSUES),
        name=rule.name,
        description=rule.description,
        additional_deps=[dg.AssetKey(["extracted", "claims"]), dg.AssetKey(["extracted", "quantities"])],
    )
    def _consistency(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.connect() as connection:
            frame = connection.execute(rule.frame_sql).df()
        breaches = failing_rows(rule, frame)
        counts = breaches[rule.kind_column].value_counts().sort_index() if not breaches.empty else None
        examples = [
            {"doc_id": row.get("doc_id"), "subject": row[rule.subject_column], "explanation": row[rule.message_column]}
            for _, row in breaches.head(MAX_EXAMPLES).iterrows()
        ]
        return dg.AssetCheckResult(
            passed=breaches.empty,
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                "num_rows": dg.MetadataValue.int(len(frame)),
                "num_breaches": dg.MetadataValue.int(len(breaches)),
                "breaches_by_kind": dg.MetadataValue.json(
                    {} if counts is None else {str(k): int(v) for k, v in counts.items()}
                ),
                "examples": dg.MetadataValue.md(markdown_table(examples, ["doc_id", "subject", "explanation"])),
            },
        )

    return _consistency


CONSISTENCY_CHECKS = [build_consistency_check(rule) for rule in RULES]
