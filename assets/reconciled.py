"""Reconciled layer: stories, independent source groups, facts across sources, implied totals and every issue."""

from collections.abc import Iterator

import dagster as dg
import duckdb

from assets.metadata import table_metadata
from checks.consistency_rules import RULES, failing_rows, issue_rows
from checks.models import MODELS_BY_TABLE
from pipelines.resources import WarehouseResource
from triangulate.arrow_tables import to_arrow
from triangulate.claims import load_measures
from triangulate.consistency import (
    ImpliedValue,
    ReferenceFact,
    compare_with_reference,
    implied_totals,
    load_reference_facts,
)
from triangulate.duplicates import copied_sentences, source_groups
from triangulate.reconcile import ClaimFigure, Fact, reconcile
from triangulate.records import DocumentGroupRecord, FactRecord, ImpliedValueRecord, QualityIssueRecord, StoryRecord
from triangulate.relevance import load_stopwords
from triangulate.stories import Story, StoryDocument, find_stories

_TABLES = {
    "reconciled.stories": (
        StoryRecord,
        "Documents about one event from one or more outlets, by content similarity and publication dates.",
        ["story_id", "label_terms", "n_documents", "n_outlets", "first_published", "last_published"],
    ),
    "reconciled.document_groups": (
        DocumentGroupRecord,
        "Which independent source and which story each document counts as.",
        ["doc_id", "source_group", "copy_of", "story_id"],
    ),
    "reconciled.facts": (
        FactRecord,
        "Claims reconciled across sources: value range, status, sources counted once, and a readable explanation.",
        ["measure", "subject_entity_id", "period", "status", "n_outlets", "explanation"],
    ),
    "reconciled.implied_values": (
        ImpliedValueRecord,
        "Totals implied by a share and an amount stated together, checked against reference facts and claims.",
        ["subject_entity_id", "measure", "value", "consistency", "explanation"],
    ),
    "reconciled.quality_issues": (
        QualityIssueRecord,
        "Every flagged problem from the text, extracted and reconciled layers, one row each.",
        ["check_name", "severity", "doc_id", "message"],
    ),
}
_CLAIMS_SQL = """
WITH products AS (
    SELECT sentence_id, list_sort(list_distinct(list(entity_id))) AS ids
    FROM extracted.entity_mentions WHERE type = 'product' GROUP BY sentence_id
)
SELECT c.claim_id, c.doc_id, c.sentence_id, c.subject_entity_id, c.measure, c.negated, c.hedged,
       q.surface, q.kind, q.value, q.value_low, q.value_high, q.unit, coalesce(q.approximate, false), q.direction,
       t.surface, c.period, t.resolution, t.anchor,
       CASE WHEN a.attribution_id IS NOT NULL THEN a.source_kind || ':' || coalesce(a.source_name, '') END,
       coalesce(list_filter(p.ids, id -> id IS DISTINCT FROM c.subject_entity_id), []),
       d.outlet, CAST(d.published_at AS DATE), c.text, c.scope
FROM extracted.claims c
LEFT JOIN extracted.quantities q ON q.quantity_id = c.quantity_id
LEFT JOIN extracted.time_expressions t ON t.time_id = c.time_id
LEFT JOIN extracted.attributions a ON a.attribution_id = c.attribution_id
LEFT JOIN products p ON p.sentence_id = c.sentence_id
JOIN raw.documents d ON d.doc_id = c.doc_id AND d.is_current
ORDER BY c.claim_id
"""


# ClaimFigure fields that are not columns of _CLAIMS_SQL in order: computed here, or read after them.
_COMPUTED = frozenset(
    {
        "period_required",
        "source_group",
        "products",
        "story_id",
        "outlet",
        "published",
        "sentence",
        "dated_by_publication",
        "scope",
    }
)


def _key(table: str) -> dg.AssetKey:
    return dg.AssetKey(table.split("."))


def _money(value: float | None, unit: str | None) -> str:
    if value is None:
        return "?"
    return (
        f"{unit or ''} {value / 1e9:.2f} billion".strip() if abs(value) >= 1e9 else f"{unit or ''} {value:,.0f}".strip()
    )


def _check_implied(implied: ImpliedValue, references: list[ReferenceFact], facts: list[Fact]) -> ImpliedValueRecord:
    check = compare_with_reference(
        subject=implied.subject_entity_id,
        measure=implied.measure,
        period=implied.period,
        low=implied.value_low,
        high=implied.value_high,
        unit=implied.unit,
        references=references,
    )
    stated = (
        f"implies {implied.measure} of about {_money(implied.value, implied.unit)} "
        f"({_money(implied.value_low, implied.unit)} to {_money(implied.value_high, implied.unit)})"
    )
    contradicting = [
        f for f in facts
        if f.subject_entity_id == implied.subject_entity_id and f.measure == implied.measure
        and f.period == implied.period and f.value_low is not None and f.value_high is not None
        and (f.value_high < implied.value_low or f.value_low > implied.value_high)
    ]  # fmt: skip
    if check.reference is not None:
        reference = check.reference
        verdict = (
            f"reference {reference.period} = {_money(reference.value, reference.unit)} ({reference.source_url}): "
            f"{check.status}"
        )
    elif check.status == "period_unknown":
        others = sorted(
            {r.period for r in references if r.subject == implied.subject_entity_id and r.measure == implied.measure}
            - set(check.consistent_periods)
        )
        verdict = (
            f"period unknown; consistent with reference periods {check.consistent_periods or 'none'}"
            f" and not with {others or 'none'}"
        )
    else:
        verdict = "no reference fact for this subject, measure and period"
    if contradicting:
        verdict += f"; contradicts {len(contradicting)} reconciled fact(s): {contradicting[0].explanation}"
    consistency = (
        "conflicts"
        if check.status == "conflicts" or contradicting
        else "agrees"
        if check.status == "agrees"
        else "unchecked"
    )
    return ImpliedValueRecord(
        **{name: getattr(implied, name) for name in implied.__dataclass_fields__},
        reference_status=check.status,
        reference_value=None if check.reference is None else check.reference.value,
        reference_period=None if check.reference is None else check.reference.period,
        reference_url=None if check.reference is None else check.reference.source_url,
        consistent_reference_periods=check.consistent_periods,
        consistency=consistency,
        explanation=f"The share and the amount in one sentence {stated}; {verdict}.",
    )


def _fact_record(fact: Fact, references: list[ReferenceFact]) -> FactRecord:
    status, value, url = "no_reference", None, None
    if fact.value_low is not None and fact.value_high is not None and fact.status != "conflict":
        check = compare_with_reference(
            subject=fact.subject_entity_id or "",
            measure=fact.measure,
            period=fact.period,
            low=fact.value_low,
            high=fact.value_high,
            unit=fact.unit,
            references=references,
        )
        status = check.status
        if check.reference is not None:
            value, url = check.reference.value, check.reference.source_url
    explanation = fact.explanation
    if value is not None:
        explanation += f" Reference {fact.period}: {_money(value, fact.unit)} ({url}) {status}."
    return FactRecord(
        **{name: getattr(fact, name) for name in fact.__dataclass_fields__ if name != "explanation"},
        reference_status=status,
        reference_value=value,
        reference_url=url,
        explanation=explanation,
    )


def _story_record(story: Story) -> StoryRecord:
    return StoryRecord(
        story_id=story.story_id,
        label_terms=story.label_terms,
        doc_ids=story.doc_ids,
        n_documents=len(story.doc_ids),
        outlets=story.outlets,
        n_outlets=len(story.outlets),
        first_published=story.first_published,
        last_published=story.last_published,
    )


def _claims(
    connection: duckdb.DuckDBPyConnection, groups: dict[str, str], story_of: dict[str, str]
) -> tuple[list[ClaimFigure], dict[str, str]]:
    vocabulary = load_measures()
    rows = connection.execute(_CLAIMS_SQL).fetchall()
    fields = [f for f in ClaimFigure.__dataclass_fields__ if f not in _COMPUTED]
    claims = []
    for row in rows:
        values = dict(zip(fields, row[:-5], strict=True))
        measure = None if values["measure"] is None else vocabulary.get(str(values["measure"]))
        doc_id = str(values["doc_id"])
        claims.append(
            ClaimFigure(
                **values,
                period_required=measure is not None and measure.period_required,
                source_group=groups[doc_id],
                products=tuple(row[-5]),
                story_id=story_of[doc_id],
                outlet=row[-4],
                published=row[-3],
                sentence=row[-2],
                dated_by_publication=values["measure"] is not None and (measure is None or measure.daily),
                scope=row[-1],
            )
        )
    sentence_of = {row[0]: (row[2], row[-2]) for row in rows}
    copies = copied_sentences({sentence: text for sentence, text in sentence_of.values()})
    doc_of_sentence = {claim.sentence_id: claim.doc_id for claim in claims}
    copied_into = {
        claim.claim_id: groups[doc_of_sentence[copies[claim.sentence_id]]]
        for claim in claims
        if doc_of_sentence[copies[claim.sentence_id]] != claim.doc_id
    }
    return claims, copied_into


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            _key(table),
            deps=[
                dg.AssetKey(["extracted", "claims"]),
                dg.AssetKey(["extracted", "quantities"]),
                dg.AssetKey(["extracted", "time_expressions"]),
                dg.AssetKey(["extracted", "attributions"]),
                dg.AssetKey(["text", "quality_issues"]),
                dg.AssetKey(["raw", "documents"]),
            ],
            description=description,
            kinds={"python", "duckdb"},
        )
        for table, (_, description, _) in _TABLES.items()
    ],
    group_name="reconciled",
    pool="duckdb_write",
)
def reconciled_facts(warehouse: WarehouseResource) -> Iterator[dg.MaterializeResult]:  # type: ignore[type-arg]
    """Reconcile claims across independent sources, check implied totals and reference facts, gather issues."""
    references = load_reference_facts()
    measures = load_measures()
    with warehouse.connect() as connection:
        documents = connection.execute(
            "SELECT doc_id, text, outlet, title, CAST(published_at AS DATE) FROM raw.documents WHERE is_current"
        ).fetchall()
        grouping = source_groups(texts={d[0]: d[1] for d in documents}, outlets={d[0]: d[2] for d in documents})
        stories = find_stories(
            [
                StoryDocument(doc_id, text, title, published, outlet)
                for doc_id, text, outlet, title, published in documents
            ],
            stopwords=load_stopwords(),
        )
        story_of = {doc_id: story.story_id for story in stories for doc_id in story.doc_ids}
        claims, copied_into = _claims(connection, dict(grouping.source_group), story_of)
    facts = reconcile(claims, copied_into=copied_into)
    implied = implied_totals(
        claims,
        share_of={m.name: m.share_of for m in measures.measures if m.share_of},
        part_of={m.name: m.part_of for m in measures.measures if m.part_of},
    )
    tables = {
        "reconciled.stories": to_arrow([_story_record(story) for story in stories], StoryRecord),
        "reconciled.document_groups": to_arrow(
            [
                DocumentGroupRecord(d, grouping.source_group[d], grouping.copy_of[d], story_of[d])
                for d in sorted(grouping.source_group)
            ],
            DocumentGroupRecord,
        ),
        "reconciled.facts": to_arrow([_fact_record(f, references) for f in facts], FactRecord),
        "reconciled.implied_values": to_arrow(
            [_check_implied(i, references, facts) for i in implied], ImpliedValueRecord
        ),
    }
    warehouse.write(replace=tables)
    with warehouse.connect() as connection:
        issues = [
            issue
            for rule in RULES
            for issue in issue_rows(rule, failing_rows(rule, connection.execute(rule.frame_sql).df()))
        ]
        text_issues = connection.execute("SELECT * FROM text.quality_issues").to_arrow_table().to_pylist()
    issues += [QualityIssueRecord(**row) for row in text_issues]
    warehouse.write(replace={"reconciled.quality_issues": to_arrow(issues, QualityIssueRecord)})
    with warehouse.connect() as connection:
        for table, (_, _, preview) in _TABLES.items():
            stored = connection.execute(f"SELECT * FROM {table}").to_arrow_table()
            metadata = table_metadata(table=stored, model=MODELS_BY_TABLE[table], preview_columns=preview)
            if table == "reconciled.facts":
                counts = connection.execute(
                    "SELECT status, count(*) FROM reconciled.facts GROUP BY 1 ORDER BY 1"
                ).fetchall()
                metadata["facts_by_status"] = dg.MetadataValue.json({str(s): int(n) for s, n in counts})
            yield dg.MaterializeResult(asset_key=_key(table), metadata=metadata)
