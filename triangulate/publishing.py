"""Publish warehouse tables for analysts: immutable Parquet versions and a views-only DuckDB database.

A publish has two phases. First every table is exported (``export_parquet``) to a new version file,
``versions/<table>/<stamp>.parquet``, under a new, never reused name; a version file is complete when
it gets its name and is never modified or replaced afterwards. Nothing analysts read changes yet.
Then, once every table is exported, ``publish_analytics_database`` makes the set current:

1. ``analytics.duckdb`` is rebuilt in a temporary file, with one view per table over its newest
   version, and swapped in with ``os.replace``. This is the commit point of the publish.
2. ``<table>.parquet`` of every table is replaced atomically (``os.replace``) by a hard link to the
   version (a copy where the filesystem refuses links), so the current version costs no extra disk.
   Readers that read it through one open file (``pandas.read_parquet``,
   ``pyarrow.parquet.ParquetFile``) always get a whole file.
3. Versions exported by publishes that never completed (a run that failed or was killed after
   exporting some tables) are deleted, then versions older than the newest ``keep_versions`` that a
   completed publish made current. Failed publishes therefore never count towards the retention.

A run that fails before step 1 leaves ``analytics.duckdb`` and every ``<table>.parquet`` as the last
completed publish left them. Temporary files (``.<name>.tmp-<pid>``, and DuckDB's ``.wal`` beside
them) of processes that no longer exist are deleted by ``sweep_leftovers``.

The views in ``analytics.duckdb`` read version files, never ``<table>.parquet``. DuckDB (1.5.5) opens
a Parquet file twice per query: once while binding, to read the footer, and again while scanning, to
read the data pages at the offsets that footer gave. If the file at that path is replaced in between,
the scan reads the new file at the old offsets and the query fails (``TProtocolException: Invalid
data``); a reproduction that replaced a file every few milliseconds failed 16% of queries.
``pyarrow.parquet.read_table`` also opens a path twice. A version file never changes under its name,
so both opens read the same bytes.

Swapping the database file is safe: DuckDB opens it more than once while attaching, but closes the
first handles without reading and does every read through the last one. A reader therefore sees every
table from one set of versions (one snapshot), and keeps that snapshot for as long as its connection
stays open. A connection opened on an older database keeps working until its versions are pruned, then
its queries fail with "No files found that match the pattern" and it has to reconnect.
"""

import os
import re
import shutil
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb

from triangulate.run_lock import pid_alive
from triangulate.warehouse import prepare

DEFAULT_KEEP_VERSIONS = 3
VERSIONS_FOLDER = "versions"
_STAMP_DIGITS = 20
_VERSION_NAME = re.compile(rf"\d{{{_STAMP_DIGITS}}}\.parquet")
_TEMPORARY_NAME = re.compile(r"\..+\.tmp-(?P<pid>\d+)(\.wal)?")


@dataclass(frozen=True)
class ExportedTable:
    """A table written by ``export_parquet``: its row count and the immutable version file it became."""

    rows: int
    version: Path


@dataclass(frozen=True)
class AnalyticsPublication:
    """What ``publish_analytics_database`` did: the file each view reads, whether the database changed, deletions.

    ``discarded`` are versions of publishes that never completed; ``pruned`` are published versions
    beyond the retention.
    """

    views: dict[str, Path]
    rewritten: bool
    pruned: tuple[Path, ...]
    discarded: tuple[Path, ...] = ()


def _literal(path: Path) -> str:
    """Return a path as a quoted SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def _temporary_name(destination: Path) -> Path:
    """Return a hidden name next to ``destination`` for this process to write before replacing it."""
    return destination.with_name(f".{destination.name}.tmp-{os.getpid()}")


def versions_folder(parquet: Path) -> Path:
    """Return the folder holding the versions of the table published as ``parquet`` (``versions/<table>``)."""
    return parquet.parent / VERSIONS_FOLDER / parquet.stem


def list_versions(parquet: Path) -> list[Path]:
    """Return the version files of the table published as ``parquet``, oldest first."""
    folder = versions_folder(parquet)
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if _VERSION_NAME.fullmatch(path.name))


def newest_version(parquet: Path) -> Path:
    """Return the newest version file of the table published as ``parquet``; raise FileNotFoundError if none."""
    versions = list_versions(parquet)
    if not versions:
        raise FileNotFoundError(f"no published version of {parquet.stem} in {versions_folder(parquet)}")
    return versions[-1]


def _version_to_publish(parquet: Path) -> Path:
    """Return the newest version of ``parquet``'s table, making its current file the first one if it has none.

    A table published before versions were kept (``parquet`` exists, ``versions/`` does not) so needs no
    full run after an upgrade.
    """
    if not list_versions(parquet) and parquet.is_file():
        return _add_version(parquet, parquet)
    return newest_version(parquet)


def _next_stamp(folder: Path) -> int:
    """Return a stamp later than the clock's and than every version in ``folder``, so names sort by age."""
    stamps = [int(path.name[:_STAMP_DIGITS]) for path in folder.iterdir() if _VERSION_NAME.fullmatch(path.name)]
    return max([time.time_ns(), *(stamp + 1 for stamp in stamps)])


def _add_version(source: Path, parquet: Path) -> Path:
    """Give the complete file ``source`` a new, unique version name of ``parquet``'s table and return it.

    ``os.link`` fails when the name exists, so two writers never share a name. Where the filesystem
    refuses hard links, the file is copied to a hidden name and renamed into place; the name is then
    unique as long as one writer at a time publishes a given table.
    """
    folder = versions_folder(parquet)
    folder.mkdir(parents=True, exist_ok=True)
    while True:
        version = folder / f"{_next_stamp(folder):0{_STAMP_DIGITS}d}.parquet"
        try:
            os.link(source, version)
        except FileExistsError:
            continue
        except OSError:
            copied = _temporary_name(version)
            shutil.copyfile(source, copied)
            copied.replace(version)
        return version


def export_parquet(connection: duckdb.DuckDBPyConnection, *, query: str, destination: Path) -> ExportedTable:
    """Write the rows of a warehouse ``query`` as a new version file of the table published as ``destination``.

    The version file (``versions/<table>/<stamp>.parquet``) is complete when it gets its name.
    ``destination`` itself is left alone: ``publish_analytics_database`` switches it once every table
    of the publish is exported.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_name(destination)
    prepare(connection).execute(f"COPY ({query}) TO {_literal(temporary)} (FORMAT parquet, COMPRESSION zstd)")
    version = _add_version(temporary, destination)
    temporary.unlink(missing_ok=True)
    counted = connection.execute(f"SELECT count(*) FROM read_parquet({_literal(version)})").fetchone()
    return ExportedTable(rows=int(counted[0]) if counted else 0, version=version)


def _existing_views(destination: Path) -> dict[str, str] | None:
    """Return {view: Parquet path} of an existing analytics database, or None when it is absent or unreadable."""
    if not destination.exists():
        return None
    try:
        with duckdb.connect(str(destination), read_only=True) as connection:
            rows = connection.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall()
    except duckdb.Error:
        return None
    return {str(view): str(comment) for view, comment in rows}


def build_analytics_database(*, views: Mapping[str, Path], destination: Path) -> bool:
    """Make ``destination`` a DuckDB file with one view per Parquet file; return whether it was rewritten.

    The Parquet files must never change under their names (version files). When the views already read
    exactly these files the database is left untouched; otherwise it is built in a temporary file and
    swapped in with ``os.replace``, so a reader attaches either the previous database or the new one.
    """
    wanted = {view: str(parquet.resolve()) for view, parquet in views.items()}
    if _existing_views(destination) == wanted:
        return False
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_name(destination)
    temporary.unlink(missing_ok=True)
    connection = duckdb.connect(str(temporary))
    try:
        for view, parquet in sorted(views.items()):
            if not view.isidentifier():
                raise ValueError(f"view name must be a plain identifier, got {view!r}")
            path = parquet.resolve()
            connection.execute(f'CREATE VIEW "{view}" AS SELECT * FROM read_parquet({_literal(path)})')
            connection.execute(f'COMMENT ON VIEW "{view}" IS {_literal(path)}')
        connection.execute("CHECKPOINT")
    finally:
        connection.close()
    temporary.replace(destination)
    return True


def _make_current(version: Path, parquet: Path) -> None:
    """Replace ``parquet`` in one step by a hard link to ``version`` (a copy where links are refused)."""
    if parquet.exists() and parquet.samefile(version):
        return
    temporary = _temporary_name(parquet)
    temporary.unlink(missing_ok=True)
    try:
        os.link(version, temporary)
    except OSError:
        shutil.copyfile(version, temporary)
    temporary.replace(parquet)


def _current_version(parquet: Path, *, destination: Path, view: str) -> Path | None:
    """Return the version the last completed publish made current for ``parquet``'s table, if any.

    That is the version sharing ``parquet``'s inode; where the filesystem refused hard links, the
    version the analytics database's view reads. (The database is not asked first: within one
    process, DuckDB hands back an older snapshot while any connection to it is open.)
    """
    versions = list_versions(parquet)
    if parquet.is_file():
        for version in versions:
            if version.samefile(parquet):
                return version
    target = (_existing_views(destination) or {}).get(view)
    return next((version for version in versions if str(version.resolve()) == target), None)


def discard_unpublished(parquet: Path, *, published: Path, in_use: Path) -> list[Path]:
    """Delete the versions of ``parquet``'s table newer than ``published`` and older than ``in_use``; return them.

    ``published`` is the version the previous completed publish made current and ``in_use`` the one
    the current publish makes current, so the versions in between were exported by publishes that
    never completed.
    """
    orphans = [version for version in list_versions(parquet) if published.name < version.name < in_use.name]
    for version in orphans:
        version.unlink(missing_ok=True)
    return orphans


def prune_versions(parquet: Path, *, keep: int, in_use: Path) -> list[Path]:
    """Delete versions of ``parquet``'s table older than the ``keep`` newest up to ``in_use``; return them.

    ``in_use`` and every newer version are kept, whatever ``keep`` is, so a version written by a later
    publish is never deleted by an earlier one.
    """
    if keep < 1:
        raise ValueError(f"keep must be at least 1, got {keep}")
    candidates = [version for version in list_versions(parquet) if version.name <= in_use.name]
    deleted = candidates[: max(0, len(candidates) - keep)]
    for version in deleted:
        version.unlink(missing_ok=True)
    return deleted


def publish_analytics_database(
    *, tables: Mapping[str, Path], destination: Path, keep_versions: int = DEFAULT_KEEP_VERSIONS
) -> AnalyticsPublication:
    """Point one view per table at its newest version, swap ``destination`` in, switch the current files, prune.

    ``tables`` maps each view name to the table's published Parquet path (``<table>.parquet``). After
    the swap each ``<table>.parquet`` becomes its new version, versions of publishes that never
    completed are discarded, and published versions beyond ``keep_versions`` are pruned.
    """
    if keep_versions < 1:
        raise ValueError(f"keep_versions must be at least 1, got {keep_versions}")
    views = {view: _version_to_publish(parquet) for view, parquet in tables.items()}
    previous = {view: _current_version(parquet, destination=destination, view=view) for view, parquet in tables.items()}
    rewritten = build_analytics_database(views=views, destination=destination)
    discarded: list[Path] = []
    pruned: list[Path] = []
    for view, parquet in sorted(tables.items()):
        _make_current(views[view], parquet)
        published = previous[view]
        if published is not None:
            discarded += discard_unpublished(parquet, published=published, in_use=views[view])
        pruned += prune_versions(parquet, keep=keep_versions, in_use=views[view])
    return AnalyticsPublication(views=views, rewritten=rewritten, pruned=tuple(pruned), discarded=tuple(discarded))


def sweep_leftovers(folders: Iterable[Path]) -> list[Path]:
    """Delete temporary files of processes that no longer exist from ``folders``; return them.

    A temporary file is named ``.<name>.tmp-<pid>`` (DuckDB adds ``.wal`` beside a database); it is
    deleted only when no process with that pid is alive, so a file another run is writing is left alone.
    """
    swept = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            found = _TEMPORARY_NAME.fullmatch(path.name)
            if found and path.is_file() and not pid_alive(int(found["pid"])):
                path.unlink(missing_ok=True)
                swept.append(path)
    return swept


def leftover_folders(*, parquet_dir: Path, analytics_path: Path) -> list[Path]:
    """Return the folders publishing writes temporary files in: the database's, Parquet's, each table's versions."""
    versions = parquet_dir / VERSIONS_FOLDER
    tables = sorted(path for path in versions.iterdir() if path.is_dir()) if versions.is_dir() else []
    return [analytics_path.parent, parquet_dir, *tables]
