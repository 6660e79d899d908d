"""Build the short, human summary printed at the end of a run, from what analysts can see.

It reads the published views in analytics.duckdb (read-only), so it reports what analysts get, and
says when that was published. After a run that failed before publishing, the same summary describes
the previous publish, headed as such, so its counts are never taken for the failed run's.
"""

import re
from datetime import UTC, datetime
from pathlib import Path

import duckdb

EXAMPLE_QUERY = (
    "SELECT doc_id, source_path, title, outlet, published_at FROM documents WHERE is_current ORDER BY source_path;"
)


_VERSION_STAMP = re.compile(r"(\d{20})\.parquet$")


def published_at(version_paths: list[str]) -> datetime | None:
    """Return when the newest of these version files was written (its name is a nanosecond UTC stamp)."""
    stamps = [int(found[1]) for path in version_paths if (found := _VERSION_STAMP.search(path))]
    return datetime.fromtimestamp(max(stamps) / 1e9, UTC) if stamps else None


def summarise(analytics_path: Path, *, parquet_dir: Path, inbox: Path, this_run: bool = True) -> str:
    """Return the summary text: documents, quarantine by reason, tables, file locations, a query.

    ``this_run`` is False when the run that just ended published nothing: the text then presents
    what analysts see as the previous publish.
    """
    connection = duckdb.connect(str(analytics_path), read_only=True)
    try:
        targets = [
            str(comment)
            for (comment,) in connection.execute(
                "SELECT comment FROM duckdb_views() WHERE NOT internal AND comment IS NOT NULL"
            ).fetchall()
        ]
        current, total = connection.execute(
            "SELECT count(*) FILTER (is_current), count(*) FROM documents"
        ).fetchone() or (0, 0)
        reasons = connection.execute(
            "SELECT reason, count(*), string_agg(source_path, ', ' ORDER BY source_path) "
            "FROM quarantine GROUP BY 1 ORDER BY 1"
        ).fetchall()
        views = [
            name
            for (name,) in connection.execute(
                "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1"
            ).fetchall()
        ]
        counts = {view: connection.execute(f'SELECT count(*) FROM "{view}"').fetchone() for view in views}
    finally:
        connection.close()
    quarantined = sum(count for _, count, _ in reasons)
    when = published_at(targets)
    stamp = f"published {when:%Y-%m-%d %H:%M:%S} UTC" if when else "publication time unknown"
    heading = (
        f"Triangulate run on {inbox} ({stamp})"
        if this_run
        else f"What analysts still see: the previous publish ({stamp}), not this run's"
    )
    lines = [
        "",
        heading,
        f"  documents ingested: {current} current ({total} versions kept in total)",
        f"  quarantined: {quarantined}",
        *[f"    {reason}: {count} ({paths})" for reason, count, paths in reasons],
        "  tables written: " + ", ".join(f"{view} ({(counts[view] or (0,))[0]} rows)" for view in views),
        f"  analytics database (views, safe to open while the pipeline runs): {analytics_path}",
        f"  Parquet files: {parquet_dir}/<table>.parquet",
        "  try:",
        f'    duckdb -readonly {analytics_path} "{EXAMPLE_QUERY}"',
        "  or, without the duckdb CLI:",
        f'    .venv/bin/python -c "import duckdb; '
        f"print(duckdb.connect('{analytics_path}', read_only=True).sql('{EXAMPLE_QUERY}'))\"",
    ]
    return "\n".join(lines)
