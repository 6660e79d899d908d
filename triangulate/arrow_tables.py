"""Turn lists of row dataclasses into typed pyarrow tables.

The Arrow schema is derived from the dataclass's type hints, so the row type is the single source of
truth for storage columns. Supported hints: str, int, float, bool, bytes, datetime (stored as UTC
microsecond timestamps), date, list[str], and any of these ``| None`` (nullable).
"""

import dataclasses
import types
import typing
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import pyarrow as pa

_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    bytes: pa.binary(),
    datetime: pa.timestamp("us", tz="UTC"),
    date: pa.date32(),
}


def _arrow_type(hint: Any) -> tuple[pa.DataType, bool]:
    """Return the Arrow type for a type hint and whether it is nullable."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(members) != 1:
            raise TypeError(f"unsupported union type hint: {hint!r}")
        inner, _ = _arrow_type(members[0])
        return inner, True
    if origin is list:
        (item,) = typing.get_args(hint)
        item_type, _ = _arrow_type(item)
        return pa.list_(item_type), False
    if hint in _SCALARS:
        return _SCALARS[hint], False
    raise TypeError(f"unsupported type hint: {hint!r}")


def arrow_schema(row_type: type) -> pa.Schema:
    """Return the Arrow schema of a row dataclass, in field order."""
    hints = typing.get_type_hints(row_type)
    fields = []
    for field in dataclasses.fields(row_type):
        data_type, nullable = _arrow_type(hints[field.name])
        fields.append(pa.field(field.name, data_type, nullable=nullable))
    return pa.schema(fields)


def to_arrow(rows: Sequence[Any], row_type: type) -> pa.Table:
    """Return ``rows`` (instances of ``row_type``) as a pyarrow table with the derived schema."""
    schema = arrow_schema(row_type)
    columns = {name: [getattr(row, name) for row in rows] for name in schema.names}
    return pa.table(columns, schema=schema)


def from_arrow(table: pa.Table, row_type: type) -> list[Any]:
    """Return the rows of ``table`` as ``row_type`` instances (columns not in the type are ignored)."""
    names = [field.name for field in dataclasses.fields(row_type)]
    return [row_type(**{name: row[name] for name in names}) for row in table.select(names).to_pylist()]
