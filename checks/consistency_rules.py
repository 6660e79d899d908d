"""Cross-source consistency rules: named, described Pandera checks over frames of the reconciled tables.

Each rule is a Pandera ``DataFrameSchema`` with one dataframe check that marks the rows in breach, plus
the SQL that builds its frame from the warehouse, the severity, and how a breach becomes a quality issue.
The same rule runs on any frame (a test, a notebook: ``failing_rows(rule, frame)``), in the reconciled
asset (which turns breaches into ``reconciled.quality_issues`` rows) and in the asset checks (which
report counts by kind and a bounded table of examples).
"""

import json
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from triangulate.ids import sha256_hex
from triangulate.records import QualityIssueRecord

_FACTS_SQL = """
WITH first_document AS (
    SELECT stated.fact_id, min(c.doc_id) AS doc_id
    FROM (SELECT fact_id, unnest(claim_ids) AS claim_id FROM reconciled.facts) AS stated
    JOIN extracted.claims c USING (claim_id)
    GROUP BY stated.fact_id
)
SELECT f.*, first_document.doc_id FROM reconciled.facts f LEFT JOIN first_document USING (fact_id)
"""


@dataclass(frozen=True)
class Rule:
    """One consistency rule."""

    name: str
    table: str
    description: str
    severity: str
    frame_sql: str
    passes: Callable[[pd.DataFrame], pd.Series]
    subject_kind: str
    subject_column: str
    message_column: str
    kind_column: str

    @property
    def schema(self) -> pa.DataFrameSchema:
        """The rule as a Pandera schema with one named dataframe check."""
        return pa.DataFrameSchema(
            checks=[pa.Check(self.passes, name=self.name, error=self.description)], name=self.name
        )


def _status_is(status: str, kinds: tuple[str, ...] | None = None) -> Callable[[pd.DataFrame], pd.Series]:
    def passes(frame: pd.DataFrame) -> pd.Series:
        breach = frame["status"] == status
        if kinds is not None:
            breach &= frame["conflict_kind"].isin(kinds)
        return ~breach

    return passes


def _column_true(column: str) -> Callable[[pd.DataFrame], pd.Series]:
    def passes(frame: pd.DataFrame) -> pd.Series:
        return ~frame[column].fillna(False).astype(bool)

    return passes


def _single_source_figure(frame: pd.DataFrame) -> pd.Series:
    return ~((frame["status"] == "single_source") & frame["unit"].notna())


def _equals(column: str, value: str) -> Callable[[pd.DataFrame], pd.Series]:
    def passes(frame: pd.DataFrame) -> pd.Series:
        return frame[column] != value

    return passes


def _fact_rule(name: str, description: str, passes: Callable[[pd.DataFrame], pd.Series]) -> Rule:
    return Rule(
        name=name,
        table="reconciled.facts",
        description=description,
        severity="warn",
        frame_sql=_FACTS_SQL,
        passes=passes,
        subject_kind="fact",
        subject_column="fact_id",
        message_column="explanation",
        kind_column="measure",
    )


RULES: tuple[Rule, ...] = (
    _fact_rule(
        "facts__date_conflict",
        "Sources give different dates for the same target or event.",
        _status_is("conflict", ("date",)),
    ),
    _fact_rule(
        "facts__numeric_conflict",
        "Sources give figures for the same subject, measure and period that cannot all hold.",
        _status_is("conflict", ("numeric", "direction")),
    ),
    _fact_rule(
        "facts__magnitude_or_currency_conflict",
        "Sources differ by an order of magnitude or state the amount in different currencies.",
        _status_is("conflict", ("magnitude", "currency")),
    ),
    _fact_rule(
        "facts__period_ambiguous",
        "Sources state the same subject and measure for a missing or different period.",
        _status_is("period_ambiguous"),
    ),
    _fact_rule(
        "facts__unresolved_relative_date",
        "A source's period rests on a relative date and its document has no publication date.",
        _status_is("unresolved"),
    ),
    _fact_rule(
        "facts__single_source_figure",
        "A figure that only one independent source states.",
        _single_source_figure,
    ),
    _fact_rule(
        "facts__attribution_conflict",
        "Sources credit the same statement to different originators (e.g. government guidelines vs company plans).",
        _column_true("attribution_conflict"),
    ),
    _fact_rule(
        "facts__reference_conflict",
        "A fact disagrees with the reference fact for its subject, measure and period.",
        _equals("reference_status", "conflicts"),
    ),
    Rule(
        name="implied_values__internal_inconsistency",
        table="reconciled.implied_values",
        description="A total implied by a share and an amount disagrees with a reference fact or another claim.",
        severity="warn",
        frame_sql="SELECT * FROM reconciled.implied_values",
        passes=_equals("consistency", "conflicts"),
        subject_kind="implied_value",
        subject_column="implied_id",
        message_column="explanation",
        kind_column="measure",
    ),
    Rule(
        name="quality_issues__off_topic_figures",
        table="text.passages",
        description="A passage about something else than its story states figures; they feed no fact.",
        severity="warn",
        frame_sql=(
            "SELECT p.passage_id, p.doc_id, p.char_start, p.char_end, count(q.quantity_id) AS n_figures, "
            "'off-topic passage states ' || string_agg(q.surface, ', ' ORDER BY q.char_start) AS message, "
            "'off_topic' AS kind "
            "FROM text.passages p JOIN extracted.quantities q ON q.doc_id = p.doc_id "
            "AND q.char_start >= p.char_start AND q.char_end <= p.char_end "
            "WHERE p.is_off_topic GROUP BY ALL"
        ),
        passes=lambda frame: frame["n_figures"] == 0,
        subject_kind="passage",
        subject_column="passage_id",
        message_column="message",
        kind_column="kind",
    ),
)
RULES_BY_NAME = {rule.name: rule for rule in RULES}


def failing_rows(rule: Rule, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``frame`` that breach ``rule`` (validated lazily with Pandera)."""
    if frame.empty:
        return frame
    try:
        rule.schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        cases = errors.failure_cases
        index = cases["index"].dropna().astype(int).unique()
        return frame.loc[frame.index.isin(index)]
    return frame.iloc[0:0]


def _value(row: Mapping[Hashable, Any], column: str) -> object:
    value = row.get(column)
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def issue_rows(rule: Rule, breaches: pd.DataFrame) -> list[QualityIssueRecord]:
    """Quality issue rows for the breaches of one rule."""
    issues = []
    for row in breaches.to_dict("records"):
        subject_id = str(row[rule.subject_column])
        evidence: dict[str, object] = {
            key: _value(row, key)
            for key in ("status", "conflict_kind", "value", "value_low", "value_high", "unit", "period", "n_outlets")
            if key in row
        }
        if "claim_ids" in row:
            evidence["claim_ids"] = [str(claim) for claim in row["claim_ids"]]
        start, end = _value(row, "char_start"), _value(row, "char_end")
        doc_id = _value(row, "doc_id")
        issues.append(
            QualityIssueRecord(
                issue_id="qi_" + sha256_hex(f"{rule.name}:{subject_id}".encode())[:16],
                check_name=rule.name,
                severity=rule.severity,
                doc_id=None if doc_id is None else str(doc_id),
                subject_kind=rule.subject_kind,
                subject_id=subject_id,
                char_start=None if start is None else int(str(start)),
                char_end=None if end is None else int(str(end)),
                message=str(row[rule.message_column]),
                evidence=json.dumps(evidence, default=str),
            )
        )
    return issues
