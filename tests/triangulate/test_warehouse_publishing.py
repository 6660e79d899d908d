"""Transactional warehouse writes and atomic publishing, on real DuckDB files."""

import os
import re
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from triangulate.publishing import (
    build_analytics_database,
    export_parquet,
    list_versions,
    newest_version,
    prune_versions,
    publish_analytics_database,
    versions_folder,
)
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


def _items(tmp_path: Path, ids: list[str]) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    write_tables(connection, replace={"raw.items": pa.table({"id": ids})})
    return connection


def _count(parquet: Path) -> int:
    counted = duckdb.sql(f"SELECT count(*) FROM read_parquet('{parquet}')").fetchone()
    assert counted is not None
    return int(counted[0])


def test_export_writes_a_new_hard_linked_version_and_replaces_the_stable_file(tmp_path: Path) -> None:
    connection = _items(tmp_path, ["a", "b"])
    parquet = tmp_path / "out" / "items.parquet"
    first = export_parquet(connection, query="SELECT * FROM raw.items", destination=parquet)
    assert first.rows == 2
    assert first.version.parent == tmp_path / "out" / "versions" / "items"
    assert re.fullmatch(r"\d{20}\.parquet", first.version.name)
    assert first.version.samefile(parquet) and parquet.stat().st_nlink == 2  # one inode, two names
    write_tables(connection, replace={"raw.items": pa.table({"id": ["a", "b", "c"]})})
    second = export_parquet(connection, query="SELECT * FROM raw.items", destination=parquet)
    assert second.rows == 3 and second.version.name > first.version.name
    assert second.version.samefile(parquet)
    assert _count(first.version) == 2 and first.version.stat().st_nlink == 1  # the old version is untouched
    assert list_versions(parquet) == [first.version, second.version]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["items.parquet", "versions"]


def test_export_copies_the_version_when_the_filesystem_refuses_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(source: Path, target: Path) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", refuse)
    parquet = tmp_path / "out" / "items.parquet"
    exported = export_parquet(_items(tmp_path, ["a"]), query="SELECT * FROM raw.items", destination=parquet)
    assert not exported.version.samefile(parquet)
    assert exported.version.read_bytes() == parquet.read_bytes()
    assert [p.name for p in versions_folder(parquet).iterdir()] == [exported.version.name]  # no temporary left


def test_version_names_stay_unique_and_ordered_when_the_clock_stalls_or_goes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    connection = _items(tmp_path, ["a"])
    parquet = tmp_path / "out" / "items.parquet"
    clock = iter([5_000, 5_000, 4_000])
    monkeypatch.setattr(time, "time_ns", lambda: next(clock))
    versions = [export_parquet(connection, query="SELECT * FROM raw.items", destination=parquet).version for _ in "abc"]
    assert [v.name for v in versions] == [f"{stamp:020d}.parquet" for stamp in (5_000, 5_001, 5_002)]
    assert newest_version(parquet) == versions[-1]


def test_views_read_the_newest_versions_and_an_open_connection_keeps_its_snapshot(tmp_path: Path) -> None:
    connection = _items(tmp_path, ["a", "b"])
    out = tmp_path / "out"
    tables = {"items": out / "items.parquet", "more": out / "more.parquet"}
    for parquet in tables.values():
        export_parquet(connection, query="SELECT * FROM raw.items", destination=parquet)
    analytics = out / "analytics.duckdb"
    first = publish_analytics_database(tables=tables, destination=analytics)
    assert first.rewritten and first.views == {view: newest_version(p) for view, p in tables.items()}
    reader = duckdb.connect(str(analytics), read_only=True)
    targets = dict(reader.execute("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal").fetchall())
    assert all(str(first.views[view].resolve()) in sql for view, sql in targets.items())
    assert not publish_analytics_database(tables=tables, destination=analytics).rewritten  # same versions
    inode = analytics.stat().st_ino
    write_tables(connection, replace={"raw.items": pa.table({"id": ["a", "b", "c"]})})
    for parquet in tables.values():
        export_parquet(connection, query="SELECT * FROM raw.items", destination=parquet)
    second = publish_analytics_database(tables=tables, destination=analytics)
    assert second.rewritten and analytics.stat().st_ino != inode  # a new file swapped in
    assert reader.execute("SELECT (SELECT count(*) FROM items), (SELECT count(*) FROM more)").fetchone() == (2, 2)
    reader.close()
    with duckdb.connect(str(analytics), read_only=True) as fresh:
        assert fresh.execute("SELECT (SELECT count(*) FROM items), (SELECT count(*) FROM more)").fetchone() == (3, 3)


def test_versions_beyond_the_retention_are_pruned_after_the_swap(tmp_path: Path) -> None:
    connection = _items(tmp_path, ["a"])
    parquet = tmp_path / "out" / "items.parquet"
    analytics = tmp_path / "out" / "analytics.duckdb"

    def publish(ids: list[str]) -> Path:
        write_tables(connection, replace={"raw.items": pa.table({"id": ids})})
        return export_parquet(connection, query="SELECT * FROM raw.items", destination=parquet).version

    first = publish(["a"])
    publish_analytics_database(tables={"items": parquet}, destination=analytics, keep_versions=2)
    reader = duckdb.connect(str(analytics), read_only=True)
    second, third = publish(["a", "b"]), publish(["a", "b", "c"])
    publication = publish_analytics_database(tables={"items": parquet}, destination=analytics, keep_versions=2)
    assert publication.pruned == (first,)
    assert list_versions(parquet) == [second, third] and publication.views == {"items": third}
    with pytest.raises(duckdb.IOException, match="No files found"):  # its snapshot's version is gone
        reader.execute("SELECT count(*) FROM items")
    reader.close()
    with duckdb.connect(str(analytics), read_only=True) as fresh:
        assert fresh.execute("SELECT count(*) FROM items").fetchone() == (3,)


def test_pruning_keeps_the_version_in_use_and_every_newer_one(tmp_path: Path) -> None:
    parquet = tmp_path / "items.parquet"
    folder = versions_folder(parquet)
    folder.mkdir(parents=True)
    versions = [folder / f"{stamp:020d}.parquet" for stamp in range(1, 6)]
    for version in versions:
        version.write_bytes(b"")
    (folder / ".00000000000000000009.parquet.tmp-1").write_bytes(b"")  # not a version: never touched
    assert prune_versions(parquet, keep=1, in_use=versions[2]) == versions[:2]
    assert list_versions(parquet) == versions[2:]
    assert prune_versions(parquet, keep=3, in_use=versions[4]) == []
    with pytest.raises(ValueError, match="at least 1"):
        prune_versions(parquet, keep=0, in_use=versions[4])
    assert len(list(folder.iterdir())) == 4


def test_a_table_published_before_versions_adopts_its_current_file_as_the_first_version(tmp_path: Path) -> None:
    connection = _items(tmp_path, ["a", "b"])
    parquet = tmp_path / "out" / "items.parquet"
    parquet.parent.mkdir()
    connection.execute(f"COPY (SELECT * FROM raw.items) TO '{parquet}' (FORMAT parquet)")
    analytics = tmp_path / "out" / "analytics.duckdb"
    publication = publish_analytics_database(tables={"items": parquet}, destination=analytics)
    assert list_versions(parquet) == [publication.views["items"]]
    assert publication.views["items"].read_bytes() == parquet.read_bytes()
    with duckdb.connect(str(analytics), read_only=True) as reader:
        assert reader.execute("SELECT count(*) FROM items").fetchone() == (2,)


def test_publishing_needs_a_version_of_every_table_and_plain_view_names(tmp_path: Path) -> None:
    parquet = tmp_path / "out" / "items.parquet"
    analytics = tmp_path / "out" / "analytics.duckdb"
    with pytest.raises(FileNotFoundError, match="no published version of items"):
        publish_analytics_database(tables={"items": parquet}, destination=analytics)
    version = export_parquet(_items(tmp_path, ["a"]), query="SELECT * FROM raw.items", destination=parquet).version
    with pytest.raises(ValueError, match="plain identifier"):
        build_analytics_database(views={"items; drop": version}, destination=analytics)
    with pytest.raises(ValueError, match="at least 1"):
        publish_analytics_database(tables={"items": parquet}, destination=analytics, keep_versions=0)
    assert not analytics.exists()


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
