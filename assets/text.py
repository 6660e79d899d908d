"""Text layer: passages with kinds and relevance, and sentences, all with exact spans."""

from collections.abc import Iterator
from datetime import UTC, datetime

import dagster as dg

from assets.metadata import table_metadata
from checks.models import DocumentFailuresModel, PassagesModel, SentencesModel
from pipelines.resources import WarehouseResource
from triangulate.arrow_tables import to_arrow
from triangulate.records import (
    DocumentFailureRecord,
    DocumentFlagsRecord,
    PassageRecord,
    QualityIssueRecord,
    SentenceRecord,
    SourceLinkRecord,
)
from triangulate.text_layer import TextInput, TextLayer

PASSAGES = dg.AssetKey(["text", "passages"])
SENTENCES = dg.AssetKey(["text", "sentences"])
DOCUMENT_FLAGS = dg.AssetKey(["text", "document_flags"])
SOURCE_LINKS = dg.AssetKey(["text", "source_links"])
QUALITY_ISSUES = dg.AssetKey(["text", "quality_issues"])
DOCUMENT_FAILURES = dg.AssetKey(["text", "document_failures"])
_KINDS = {"python", "duckdb"}


_DESCRIPTIONS = {
    PASSAGES: "Paragraph-level passages of current documents, classified, with off-topic scores.",
    SENTENCES: "Sentences of every passage with exact character spans.",
    DOCUMENT_FLAGS: "Per document: language, AI-generation labels, boilerplate, off-topic and mixed-source flags.",
    SOURCE_LINKS: "Each document's origin and cited sources, reference markers linked to their list items.",
    QUALITY_ISSUES: "Problems the text layer found: off-topic passages, boilerplate, language, AI labels, markers.",
    DOCUMENT_FAILURES: "Documents the text layer could not split or describe (left out, tried again next run).",
}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(key, deps=[dg.AssetKey(["raw", "documents"])], description=description, kinds=_KINDS)
        for key, description in _DESCRIPTIONS.items()
    ],
    group_name="text",
    pool="duckdb_write",
)
def text_passages(warehouse: WarehouseResource) -> Iterator[dg.MaterializeResult]:  # type: ignore[type-arg]
    """Split current documents into passages and sentences and score body passages' relevance."""
    with warehouse.connect() as connection:
        rows = connection.execute(
            "SELECT doc_id, text, title, CASE WHEN url_source = 'manifest' THEN url END, "
            "CAST(published_at AS DATE) FROM raw.documents WHERE is_current ORDER BY doc_id"
        ).fetchall()
    built = TextLayer().build([TextInput(*row) for row in rows])
    passages = to_arrow(built.passages, PassageRecord)
    sentences = to_arrow(built.sentences, SentenceRecord)
    flags = to_arrow(built.document_flags, DocumentFlagsRecord)
    links = to_arrow(built.source_links, SourceLinkRecord)
    issues = to_arrow(built.quality_issues, QualityIssueRecord)
    failed_at = datetime.now(UTC)
    failures = to_arrow(
        [DocumentFailureRecord(f.doc_id, f.stage, f.error_class, f.error_message, failed_at) for f in built.failures],
        DocumentFailureRecord,
    )
    warehouse.write(
        replace={
            "text.passages": passages,
            "text.sentences": sentences,
            "text.document_flags": flags,
            "text.source_links": links,
            "text.quality_issues": issues,
            "text.document_failures": failures,
        }
    )
    off_topic = sum(1 for p in built.passages if p.is_off_topic)
    yield dg.MaterializeResult(
        asset_key=PASSAGES,
        metadata={
            **table_metadata(
                table=passages,
                model=PassagesModel,
                preview_columns=["doc_id", "ordinal", "kind", "rule", "relevance", "text"],
            ),
            "off_topic_passages": dg.MetadataValue.int(off_topic),
        },
    )
    yield dg.MaterializeResult(
        asset_key=DOCUMENT_FAILURES,
        metadata=table_metadata(
            table=failures, model=DocumentFailuresModel, preview_columns=["doc_id", "error_class", "error_message"]
        ),
    )
    yield dg.MaterializeResult(
        asset_key=SENTENCES,
        metadata=table_metadata(
            table=sentences, model=SentencesModel, preview_columns=["doc_id", "char_start", "text"]
        ),
    )
