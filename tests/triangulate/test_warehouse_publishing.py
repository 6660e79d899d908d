"""Transactional warehouse writes and atomic publishing, on real DuckDB files."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from triangulate.publishing import (
    build_analytics_database,
    export_parquet,
    leftover_folders,
    list_versions,
    newest_version,
    prune_versions,
    publish_analytics_database,
    sweep_leftovers,
    versions_folder,
)
from triangulate.run_lock import pid_alive
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


def test_export_writes_a_new_version_and_publishing_makes_it_the_stable_file(tmp_path: Path) -> None:
    connection = _items(tmp_path, ["a", "b"])
    parquet = tmp_path / "out" / "items.parquet"
    analytics = tmp_path / "out" / "analytics.duckdb"
    first = export_parquet(connection, query="SELECT * FROM raw.items", destination=parquet)
    assert first.rows == 2
    assert first.version.parent == tmp_path / "out" / "versions" / "items"
    assert re.fullmatch(r"\d{20}\.parquet", first.version.name)
    assert not parquet.exists()  # exported, not yet published
    publish_analytics_database(tables={"items": parquet}, destination=analytics)
    assert first.version.samefile(parquet) and parquet.stat().st_nlink == 2  # one inode, two names
    write_tables(connection, replace={"raw.items": pa.table({"id": ["a", "b", "c"]})})
    second = export_parquet(connection, query="SELECT * FROM raw.items", destination=parquet)
    assert second.rows == 3 and second.version.name > first.version.name
    assert first.version.samefile(parquet)  # still the published one
    publish_analytics_database(tables={"items": parquet}, destination=analytics)
    assert second.version.samefile(parquet)
    assert _count(first.version) == 2 and first.version.stat().st_nlink == 1  # the old version is untouched
    assert list_versions(parquet) == [first.version, second.version]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["analytics.duckdb", "items.parquet", "versions"]


def test_export_copies_the_version_when_the_filesystem_refuses_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(source: Path, target: Path) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", refuse)
    parquet = tmp_path / "out" / "items.parquet"
    exported = export_parquet(_items(tmp_path, ["a"]), query="SELECT * FROM raw.items", destination=parquet)
    publish_analytics_database(tables={"items": parquet}, destination=tmp_path / "out" / "analytics.duckdb")
    assert not exported.version.samefile(parquet)
    assert exported.version.read_bytes() == parquet.read_bytes()
    assert [p.name for p in versions_folder(parquet).iterdir()] == [exported.version.name]  # no temporary left
    assert sorted(p.name for p in parquet.parent.iterdir()) == ["analytics.duckdb", "items.parquet", "versions"]


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
    second = publish(["a", "b"])
    assert publish_analytics_database(tables={"items": parquet}, destination=analytics, keep_versions=2).pruned == ()
    third = publish(["a", "b", "c"])
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


def test_a_publish_that_never_completes_changes_nothing_and_does_not_count_towards_retention(tmp_path: Path) -> None:
    connection = _items(tmp_path, ["a"])
    out = tmp_path / "out"
    tables = {"items": out / "items.parquet", "more": out / "more.parquet"}
    analytics = out / "analytics.duckdb"

    def export(view: str) -> Path:
        return export_parquet(connection, query="SELECT * FROM raw.items", destination=tables[view]).version

    first = {view: export(view) for view in tables}
    publish_analytics_database(tables=tables, destination=analytics, keep_versions=2)
    write_tables(connection, replace={"raw.items": pa.table({"id": ["a", "b"]})})
    orphan = export("items")  # this run dies before exporting "more" and before publishing
    assert tables["items"].samefile(first["items"]) and tables["more"].samefile(first["more"])
    with duckdb.connect(str(analytics), read_only=True) as reader:
        assert reader.execute("SELECT (SELECT count(*) FROM items), (SELECT count(*) FROM more)").fetchone() == (1, 1)
    write_tables(connection, replace={"raw.items": pa.table({"id": ["a", "b", "c"]})})
    second = {view: export(view) for view in tables}
    publication = publish_analytics_database(tables=tables, destination=analytics, keep_versions=2)
    assert publication.discarded == (orphan,) and publication.pruned == ()
    # keep_versions=2 keeps the two completed publishes; the failed run's version took no place.
    assert list_versions(tables["items"]) == [first["items"], second["items"]]
    assert all(tables[view].samefile(second[view]) for view in tables)


def test_leftover_temporary_files_of_dead_processes_are_swept(tmp_path: Path) -> None:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    dead = int(finished.stdout)
    assert not pid_alive(dead) and pid_alive(os.getpid())
    parquet_dir = tmp_path / "parquet"
    table_versions = parquet_dir / "versions" / "items"
    table_versions.mkdir(parents=True)
    leftovers = [
        tmp_path / f".analytics.duckdb.tmp-{dead}",
        tmp_path / f".analytics.duckdb.tmp-{dead}.wal",
        parquet_dir / f".items.parquet.tmp-{dead}",
        table_versions / f".00000000000000000001.parquet.tmp-{dead}",
    ]
    kept = [
        tmp_path / f".analytics.duckdb.tmp-{os.getpid()}",  # a live process is still writing it
        tmp_path / "warehouse.duckdb",
        table_versions / "00000000000000000001.parquet",
    ]
    for path in leftovers + kept:
        path.write_bytes(b"x")
    folders = leftover_folders(parquet_dir=parquet_dir, analytics_path=tmp_path / "analytics.duckdb")
    assert folders == [tmp_path, parquet_dir, table_versions]
    assert sorted(sweep_leftovers(folders)) == sorted(leftovers)
    assert all(path.exists() for path in kept) and not any(path.exists() for path in leftovers)
