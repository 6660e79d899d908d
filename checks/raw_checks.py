"""Consistency checks of the raw layer: every inbox file is accounted for; documents match their bytes."""

import dagster as dg

from pipelines.resources import WarehouseResource
from triangulate.document_content import Content, read_content
from triangulate.ids import doc_id_for, sha256_hex
from triangulate.markdown import markdown_table

_ACCOUNTING_SQL = """
SELECT f.source_path, f.outcome, f.doc_id,
       CASE
         WHEN f.outcome = 'document' AND d.doc_id IS NULL THEN 'no such document'
         WHEN f.outcome = 'document' AND NOT list_contains(d.source_paths, f.source_path)
           THEN 'document does not list this path'
         WHEN f.outcome = 'quarantine' AND q.source_path IS NULL THEN 'no quarantine row'
         WHEN f.outcome = 'manifest' AND f.source_path NOT IN ('manifest.csv', 'manifest.jsonl')
           THEN 'not a manifest name'
       END AS problem
FROM raw.inbox_files f
LEFT JOIN raw.documents d ON d.doc_id = f.doc_id AND d.is_current
LEFT JOIN (SELECT DISTINCT source_path FROM raw.quarantine) q ON q.source_path = f.source_path
"""


@dg.asset_check(
    asset=dg.AssetKey(["raw", "inbox_files"]),
    name="inbox_files__accounted",
    description="Every file seen in the inbox is a current document listing its path, a quarantine row, or a manifest.",
    additional_deps=[dg.AssetKey(["raw", "documents"]), dg.AssetKey(["raw", "quarantine"])],
)
def inbox_files_accounted(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Check the accounting invariant of the latest scan."""
    with warehouse.connect() as connection:
        rows = connection.execute(f"SELECT * FROM ({_ACCOUNTING_SQL}) WHERE problem IS NOT NULL").to_arrow_table()
        outcomes = dict(connection.execute("SELECT outcome, count(*) FROM raw.inbox_files GROUP BY 1").fetchall())
    failures = rows.to_pylist()
    return dg.AssetCheckResult(
        passed=not failures,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={
            "num_failures": dg.MetadataValue.int(len(failures)),
            **{f"files_{outcome}": dg.MetadataValue.int(int(count)) for outcome, count in sorted(outcomes.items())},
            "failures": dg.MetadataValue.md(markdown_table(failures, ["source_path", "outcome", "doc_id", "problem"])),
        },
    )


@dg.asset_check(
    asset=dg.AssetKey(["raw", "documents"]),
    name="documents__provenance",
    description=(
        "Each document's hash is the hash of its stored bytes, its id derives from it, and its text is read from "
        "them again (decoded, or extracted from the web page)."
    ),
    additional_deps=[dg.AssetKey(["raw", "document_bytes"])],
)
def documents_provenance(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Recompute hashes and decoding from the stored bytes of every document."""
    with warehouse.connect() as connection:
        rows = connection.execute(
            "SELECT d.doc_id, d.content_sha256, d.text, d.content_format, d.ingested_at, b.content "
            "FROM raw.documents d LEFT JOIN raw.document_bytes b USING (doc_id)"
        ).fetchall()
        duplicate_ids = connection.execute("SELECT count(*) - count(DISTINCT doc_id) FROM raw.documents").fetchone()
    failures: list[dict[str, object]] = []
    for doc_id, sha, text, content_format, ingested_at, content in rows:
        problem: str | None
        if content is None:
            problem = "no stored bytes"
        elif sha256_hex(bytes(content)) != sha:
            problem = "content_sha256 is not the hash of the stored bytes"
        elif doc_id_for(content_sha256=sha) != doc_id:
            problem = "doc_id is not derived from content_sha256"
        else:
            read = read_content(bytes(content), content_format=content_format, not_after=ingested_at)
            problem = None if isinstance(read, Content) and read.text == text else "text is not read from the bytes"
        if problem:
            failures.append({"doc_id": doc_id, "problem": problem})
    duplicates = int(duplicate_ids[0]) if duplicate_ids else 0
    if duplicates:
        failures.append({"doc_id": "(several)", "problem": f"{duplicates} duplicate doc_id values"})
    return dg.AssetCheckResult(
        passed=not failures,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={
            "num_documents": dg.MetadataValue.int(len(rows)),
            "num_failures": dg.MetadataValue.int(len(failures)),
            "failures": dg.MetadataValue.md(markdown_table(failures, ["doc_id", "problem"])),
        },
    )
