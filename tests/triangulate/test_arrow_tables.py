"""Row dataclasses to Arrow and back."""

from dataclasses import dataclass
from datetime import UTC, datetime

import pyarrow as pa
import pytest

from triangulate.arrow_tables import arrow_schema, from_arrow, to_arrow


@dataclass(frozen=True)
class _Row:
    name: str
    count: int
    share: float | None
    flag: bool
    tags: list[str]
    blob: bytes
    at: datetime


def test_schema_follows_type_hints() -> None:
    schema = arrow_schema(_Row)
    assert schema.field("name").type == pa.string()
    assert not schema.field("name").nullable
    assert schema.field("share").nullable
    assert schema.field("tags").type == pa.list_(pa.string())
    assert schema.field("at").type == pa.timestamp("us", tz="UTC")
    assert schema.names == ["name", "count", "share", "flag", "tags", "blob", "at"]


def test_round_trip() -> None:
    rows = [_Row("a", 1, None, True, ["x", "y"], b"\x00", datetime(2025, 1, 2, tzinfo=UTC))]
    assert from_arrow(to_arrow(rows, _Row), _Row) == rows


def test_unsupported_hint_is_an_error() -> None:
    @dataclass
    class _Bad:
        value: dict[str, int]

    with pytest.raises(TypeError, match="unsupported"):
        arrow_schema(_Bad)
