"""Build the short, human summary printed at the end of a run, from what analysts can see.

It reads the published views in analytics.duckdb (read-only), so it reports what analysts get.
"""

from pathlib import Path

import duckdb

EXAMPLE_QUERY = (
    "SELECT doc_id, source_path, title, outlet, published_at FROM documents WHERE is_current ORDER BY source_path;"
)


def summarise(analytics_path: Path, *, parquet_dir: Path, inbox: Path) -> str:
    """Return the summary text: documents, quarantine by reason, tables, file locations, a query."""
    connection = duckdb.connect(str(analytics_path), read_only=True)
    try:
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
    lines = [
        "",
        f"Triangulate run on {inbox}",
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
