"""Transactional warehouse writes and atomic publishing, on real DuckDB files."""

from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from triangulate.publishing import build_analytics_database, export_parquet
from triangulate.warehouse import read_table, table_exists, write_tables


def test_replace_and_append_new(tmp_path: Path) -> None:
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    write_tables(connection, replace={"raw.items": pa.table({"id": ["a", "b"]})})
    write_tables(
        connection,
        replace={"raw.items": pa.table({"id": ["c"]})},
        append_new={"raw.blobs": (pa.table({"id": ["a"], "v": [1]}), "id")},
    )
    write_tables(connection, replace={}, append_new={"raw.blobs": (pa.table({"id": ["a", "b"], "v": [9, 2]}), "id")})
    items = read_table(connection, "raw.items")
    blobs = read_table(connection, "raw.blobs")
    assert items is not None and items.column("id").to_pylist() == ["c"]
    assert blobs is not None and sorted(blobs.to_pylist(), key=lambda r: r["id"]) == [
        {"id": "a", "v": 1},
        {"id": "b", "v": 2},
    ]


def test_failed_write_leaves_previous_state(tmp_path: Path) -> None:
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    write_tables(connection, replace={"raw.items": pa.table({"id": ["kept"]})})
    with pytest.raises(duckdb.Error):
        write_tables(
            connection,
            replace={"raw.items": pa.table({"id": ["new"]})},
            append_new={"raw.items": (pa.table({"other": [1]}), "missing_key")},
        )
    items = read_table(connection, "raw.items")
    assert items is not None and items.column("id").to_pylist() == ["kept"]


def test_table_names_must_be_layer_dot_table(tmp_path: Path) -> None:
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    assert read_table(connection, "raw.absent") is None
    assert not table_exists(connection, "raw.absent")
    with pytest.raises(ValueError, match=r"layer\.table"):
        write_tables(connection, replace={"items; drop": pa.table({"id": ["x"]})})


def test_publish_parquet_and_views(tmp_path: Path) -> None:
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    write_tables(connection, replace={"raw.items": pa.table({"id": ["a", "b"]})})
    parquet = tmp_path / "out" / "items.parquet"
    assert export_parquet(connection, query="SELECT * FROM raw.items", destination=parquet) == 2
    analytics = tmp_path / "out" / "analytics.duckdb"
    assert build_analytics_database(views={"items": parquet}, destination=analytics)
    assert not build_analytics_database(views={"items": parquet}, destination=analytics)  # same views: untouched
    assert build_analytics_database(views={"items": parquet, "more": parquet}, destination=analytics)
    assert build_analytics_database(views={"items": parquet}, destination=analytics)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["analytics.duckdb", "items.parquet"]
    reader = duckdb.connect(str(analytics), read_only=True)
    assert reader.execute("SELECT count(*) FROM items").fetchone() == (2,)
    write_tables(connection, replace={"raw.items": pa.table({"id": ["a", "b", "c"]})})
    export_parquet(connection, query="SELECT * FROM raw.items", destination=parquet)
    assert reader.execute("SELECT count(*) FROM items").fetchone() == (3,)  # an open reader sees the new file


def test_by_document_keeps_unchanged_documents_and_drops_the_rest(tmp_path: Path) -> None:
    rows = pa.table({"doc_id": ["a", "b", "c"], "value": [1, 2, 3]})
    with duckdb.connect(str(tmp_path / "w.duckdb")) as connection:
        write_tables(connection, replace={}, by_document={"extracted.things": rows})
        changed = pa.table({"doc_id": ["b"], "value": [20]})
        write_tables(connection, replace={}, by_document={"extracted.things": changed}, keep_doc_ids=["a"])
        assert connection.execute("SELECT * FROM extracted.things ORDER BY doc_id").fetchall() == [("a", 1), ("b", 20)]
        widened = pa.table({"doc_id": ["a"], "value": [1], "extra": ["x"]})
        write_tables(connection, replace={}, by_document={"extracted.things": widened}, keep_doc_ids=["a", "b"])
        assert connection.execute("SELECT * FROM extracted.things").fetchall() == [("a", 1, "x")]
