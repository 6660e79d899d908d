"""Split rows a table's Pandera model rejects from the rows it accepts, before they are written.

Which failures block a run and which reject rows:
- Structural failures are defects of the code, never of the input: a missing, extra or mistyped column, or a
  duplicate key. They are left in the table, so the blocking ``<table>__schema`` check fails the run.
- Failures of values reject only the rows involved: a value out of range or not in the allowed set, a text
  that does not match its pattern, a null where a value is required, a value that cannot be converted to its
  column's type, or a row rule over several fields (an end before its start). Such rows are set aside as
  ``RejectedRowRecord`` rows (the published ``rejected_rows`` table), with the rule, the failing values and
  the whole row as JSON; everything else is written.
- A row that points at a row rejected in the same write (a claim whose figure was rejected) is rejected
  with it (``references_rejected_row``), so no kept row points at nothing.

Nothing here knows about Dagster; the warehouse resource calls ``split_rejected`` on every table it writes.
"""

import json
import math
import numbers
from collections.abc import Mapping
from datetime import datetime

import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc
from pandera.errors import SchemaErrors

from triangulate.ids import sha256_hex
from triangulate.records import RejectedRowRecord

STRUCTURAL_CHECKS = frozenset(
    {"column_in_dataframe", "column_in_schema", "field_uniqueness", "multiple_fields_uniqueness", "unique"}
)
REFERENCES_REJECTED = "references_rejected_row"
# Table -> (column, table it points at): a row pointing at a rejected row is rejected with it.
ROW_REFERENCES: Mapping[str, tuple[tuple[str, str], ...]] = {
    "extracted.claims": (
        ("quantity_id", "extracted.quantities"),
        ("time_id", "extracted.time_expressions"),
        ("attribution_id", "extracted.attributions"),
        ("subject_mention_id", "extracted.entity_mentions"),
    ),
}
MAX_FAILURE_VALUE_CHARS = 200


def is_structural(check: str, index: object) -> bool:
    """Whether a Pandera failure case is about the table's shape (blocking) rather than one row's values."""
    no_row = not isinstance(index, numbers.Real) or math.isnan(index)
    return no_row or check in STRUCTURAL_CHECKS or check.startswith("dtype(")


def row_failures(cases: pd.DataFrame) -> pd.DataFrame:
    """Collapse Pandera's failure cases to one per (row, column, check).

    A dataframe-level check reports every cell of a failing row; those are one failure, shown with column
    ``*`` and the row's first cell.
    """
    cases = cases.copy()
    row_level = cases["schema_context"] == "DataFrameSchema"
    cases.loc[row_level, "column"] = "*"
    return cases.drop_duplicates(subset=["column", "check", "index"]).reset_index(drop=True)


def _value_failures(model: type[pa.DataFrameModel], frame: pd.DataFrame) -> dict[int, dict[str, list[str]]]:
    """Per row index: check name -> the failing columns and values, for value failures only."""
    try:
        model.validate(frame, lazy=True)
    except SchemaErrors as errors:
        failures: dict[int, dict[str, list[str]]] = {}
        for case in row_failures(errors.failure_cases).to_dict("records"):
            check, index = str(case["check"]), case["index"]
            if is_structural(check, index):
                continue
            value = str(case["failure_case"])[:MAX_FAILURE_VALUE_CHARS]
            detail = f"{case['column']} = {value}" if case["column"] != "*" else "the row as a whole"
            failures.setdefault(int(index), {}).setdefault(check, []).append(detail)
        return failures
    return {}


def _id_column(rows: pyarrow.Table) -> str | None:
    first = rows.schema.names[0] if rows.num_columns else None
    return first if first is not None and first.endswith("_id") else None


def _rejections(
    *,
    table: str,
    rows: pyarrow.Table,
    failures: Mapping[int, Mapping[str, list[str]]],
    run_id: str,
    rejected_at: datetime,
) -> list[RejectedRowRecord]:
    id_column = _id_column(rows)
    rejected = rows.take(sorted(failures)).to_pylist()
    records = []
    for index, row in zip(sorted(failures), rejected, strict=True):
        row_id = None if id_column is None else row[id_column]
        row_json = json.dumps(row, default=str, ensure_ascii=False, sort_keys=True)
        for check, details in sorted(failures[index].items()):
            key = f"{table}|{row_id if row_id is not None else row_json}|{check}"
            records.append(
                RejectedRowRecord(
                    rejection_id="rej_" + sha256_hex(key.encode())[:16],
                    table_name=table,
                    row_id=None if row_id is None else str(row_id),
                    doc_id=row.get("doc_id"),
                    check_name=check,
                    failure="; ".join(details),
                    row_json=row_json,
                    run_id=run_id,
                    rejected_at=rejected_at,
                )
            )
    return records


def split_rejected(
    *,
    table: str,
    rows: pyarrow.Table,
    model: type[pa.DataFrameModel],
    rejected_ids: Mapping[str, frozenset[str]],
    run_id: str,
    rejected_at: datetime,
) -> tuple[pyarrow.Table, list[RejectedRowRecord]]:
    """Return the rows ``model`` accepts and a record per rejected row and rule.

    ``rejected_ids`` maps a table name to the ids of its rows rejected earlier in the same write; rows of
    ``table`` pointing at them (``ROW_REFERENCES``) are rejected too. Structural failures are ignored here:
    the rows stay, and the table's blocking schema check reports them.
    """
    if rows.num_rows == 0:
        return rows, []
    failures = _value_failures(model, rows.to_pandas())
    for column, target in ROW_REFERENCES.get(table, ()):
        dangling = rejected_ids.get(target, frozenset())
        if not dangling or column not in rows.schema.names:
            continue
        pointing = pc.is_in(rows[column], value_set=pyarrow.array(sorted(dangling), pyarrow.string()))
        for index in pc.indices_nonzero(pc.fill_null(pointing, False)).to_pylist():
            details = failures.setdefault(index, {}).setdefault(REFERENCES_REJECTED, [])
            details.append(f"{column} = {rows[column][index].as_py()}")
    if not failures:
        return rows, []
    keep = pyarrow.array([index not in failures for index in range(rows.num_rows)], pyarrow.bool_())
    records = _rejections(table=table, rows=rows, failures=failures, run_id=run_id, rejected_at=rejected_at)
    return rows.filter(keep), records
