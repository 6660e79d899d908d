"""The published tables' queries give the same bytes whatever order the warehouse hands rows over in."""

import json
from pathlib import Path

import duckdb

from assets.publish import PUBLISHED_TABLES

WAREHOUSE = """
CREATE SCHEMA raw; CREATE SCHEMA text; CREATE SCHEMA extracted; CREATE SCHEMA reconciled;
CREATE TABLE raw.documents AS SELECT 'doc_a' AS doc_id, 'a.txt' AS source_path, 'Outlet' AS outlet,
    TIMESTAMP '2025-08-27' AS published_at, true AS is_current;
CREATE TABLE text.document_flags AS SELECT 'doc_a' AS doc_id, 'en' AS language, 0.1 AS boilerplate_share,
    0.0 AS off_topic_share, false AS is_ai_generated, false AS is_mixed_sources;
CREATE TABLE extracted.extraction_ledger AS SELECT 'doc_a' AS doc_id, 3 AS n_claims, 'extracted' AS status;
CREATE TABLE reconciled.document_groups AS SELECT 'doc_a' AS doc_id, 'group_1' AS source_group,
    NULL::VARCHAR AS copy_of;
CREATE TABLE reconciled.quality_issues (doc_id VARCHAR, check_name VARCHAR);
"""


def test_issues_by_check_lists_checks_in_name_order(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as connection:
        connection.execute(WAREHOUSE)
        for check in ("zeta__rule", "passages__off_topic", "alpha__rule", "passages__off_topic"):
            connection.execute("INSERT INTO reconciled.quality_issues VALUES ('doc_a', ?)", [check])
        ((issues, total),) = connection.execute(
            f"SELECT issues_by_check, n_issues FROM ({PUBLISHED_TABLES['document_quality'].query})"
        ).fetchall()
    assert issues == '{"alpha__rule":1,"passages__off_topic":2,"zeta__rule":1}'
    assert json.loads(issues) == {"alpha__rule": 1, "passages__off_topic": 2, "zeta__rule": 1} and total == 4
