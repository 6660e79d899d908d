"""Rows with rejected values are set aside with their reason; structural failures are left for the blocking check."""

from datetime import UTC, date, datetime

import pyarrow as pa

from checks.models import ClaimsModel, TimeExpressionsModel
from checks.rejection import REFERENCES_REJECTED, split_rejected
from triangulate.arrow_tables import to_arrow
from triangulate.records import ClaimRecord, TimeExpressionRecord

NOW = datetime(2026, 1, 2, tzinfo=UTC)
DOC = "doc_" + "b" * 16
SENTENCE = "s_" + "c" * 16


def _time(letter: str, *, value: str, start: date | None, end: date | None, kind: str = "DATE") -> TimeExpressionRecord:
    return TimeExpressionRecord(
        time_id="time_" + letter * 16,
        doc_id=DOC,
        sentence_id=SENTENCE,
        char_start=0,
        char_end=len(value),
        surface=value,
        type=kind,
        value=value,
        start_date=start,
        end_date=end,
        undated_reason=None if start else "outside_calendar",
        resolution="absolute",
        anchor=None,
        mod=None,
        comparison_date=None,
        extractor="test",
        extractor_version="0",
    )


def _split(table: str, rows: pa.Table, model: type, rejected_ids: dict[str, frozenset[str]] | None = None):  # type: ignore[no-untyped-def]
    return split_rejected(
        table=table, rows=rows, model=model, rejected_ids=rejected_ids or {}, run_id="run-1", rejected_at=NOW
    )


def test_any_calendar_year_from_1_to_9999_is_kept() -> None:
    rows = to_arrow(
        [
            _time("a", value="10", start=date(1000, 1, 1), end=date(1099, 12, 31)),
            _time("d", value="0001", start=date(1, 1, 1), end=date(1, 12, 31)),
            _time("e", value="9999", start=date(9999, 1, 1), end=date(9999, 12, 31)),
            _time("f", value="-0300", start=None, end=None),
        ],
        TimeExpressionRecord,
    )
    kept, rejected = _split("extracted.time_expressions", rows, TimeExpressionsModel)
    assert kept.num_rows == 4
    assert rejected == []


def test_a_row_with_a_bad_value_is_set_aside_with_its_rule_and_the_rest_is_kept() -> None:
    rows = to_arrow(
        [
            _time("a", value="2025", start=date(2025, 1, 1), end=date(2025, 12, 31)),
            _time("d", value="2025-03", start=date(2025, 3, 31), end=date(2025, 3, 1), kind="EPOCH"),
        ],
        TimeExpressionRecord,
    )
    kept, rejected = _split("extracted.time_expressions", rows, TimeExpressionsModel)
    assert kept.column("time_id").to_pylist() == ["time_" + "a" * 16]
    assert {(r.row_id, r.check_name) for r in rejected} == {
        ("time_" + "d" * 16, "dates_are_ordered"),
        ("time_" + "d" * 16, "isin(['DATE', 'TIME', 'DURATION', 'SET'])"),
    }
    by_check = {r.check_name: r for r in rejected}
    assert by_check["isin(['DATE', 'TIME', 'DURATION', 'SET'])"].failure == "type = EPOCH"
    assert all(
        r.doc_id == DOC and r.run_id == "run-1" and r.table_name == "extracted.time_expressions" for r in rejected
    )
    assert '"type": "EPOCH"' in rejected[0].row_json
    assert len({r.rejection_id for r in rejected}) == 2


def test_a_missing_column_is_not_a_row_failure_and_is_left_for_the_blocking_check() -> None:
    rows = to_arrow([_time("a", value="2025", start=date(2025, 1, 1), end=date(2025, 12, 31))], TimeExpressionRecord)
    kept, rejected = _split("extracted.time_expressions", rows.drop_columns(["surface"]), TimeExpressionsModel)
    assert kept.num_rows == 1
    assert rejected == []


def test_a_claim_pointing_at_a_rejected_time_is_rejected_with_it() -> None:
    claim = ClaimRecord(
        claim_id="clm_" + "1" * 16,
        doc_id=DOC,
        sentence_id=SENTENCE,
        char_start=0,
        char_end=10,
        text="0123456789",
        subject_entity_id=None,
        subject_mention_id=None,
        subject_from_document=False,
        measure="revenue",
        quantity_id=None,
        time_id="time_" + "d" * 16,
        attribution_id=None,
        hedged=False,
        negated=False,
        period="2025",
        scope=None,
        extractor="test",
        extractor_version="0",
    )
    rows = to_arrow([claim], ClaimRecord)
    kept, rejected = _split(
        "extracted.claims", rows, ClaimsModel, {"extracted.time_expressions": frozenset({"time_" + "d" * 16})}
    )
    assert kept.num_rows == 0
    assert [(r.row_id, r.check_name, r.failure) for r in rejected] == [
        ("clm_" + "1" * 16, REFERENCES_REJECTED, "time_id = time_" + "d" * 16)
    ]
