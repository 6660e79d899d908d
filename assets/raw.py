"""Raw layer: every inbox file becomes a document version or a quarantine row, with a ledger of the scan."""

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime

import dagster as dg
import pyarrow as pa
import pyarrow.compute as pc

from assets.metadata import column_schema, table_metadata
from checks.models import DocumentBytesModel, DocumentsModel, InboxFilesModel, QuarantineModel
from pipelines.resources import InboxResource, WarehouseResource
from triangulate.arrow_tables import from_arrow, to_arrow
from triangulate.ingest import ingest_inbox, merge_documents
from triangulate.records import DocumentBytesRecord, DocumentRecord, InboxFileRecord, QuarantineRecord

DOCUMENTS = dg.AssetKey(["raw", "documents"])
DOCUMENT_BYTES = dg.AssetKey(["raw", "document_bytes"])
QUARANTINE = dg.AssetKey(["raw", "quarantine"])
INBOX_FILES = dg.AssetKey(["raw", "inbox_files"])
_KINDS = {"python", "duckdb"}


def _with_later_columns(table: pa.Table) -> pa.Table:
    """Give document rows stored before the format and encoding confidence were recorded those columns.

    Such rows were decoded from text files; how sure their encoding was is unknown, so a legacy
    encoding counts as uncertain (0.5) and UTF-8 or a byte-order mark as certain.
    """
    names = table.schema.names
    unicode = pc.starts_with(pc.utf8_lower(table["encoding"]), "utf")
    later = {
        "content_format": pa.array(["text"] * table.num_rows, pa.string()),
        "encoding_confidence": pc.if_else(unicode, 1.0, 0.5),
        "encoding_uncertain": pc.invert(unicode),
        "encoding_evidence": pa.nulls(table.num_rows, pa.string()),
    }
    for name, column in later.items():
        if name not in names:
            table = table.append_column(name, column)
    return table


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            DOCUMENTS,
            description="One row per distinct article content, with decoded text and provenance.",
            kinds=_KINDS,
        ),
        dg.AssetSpec(
            DOCUMENT_BYTES, description="The exact bytes of each document, kept for provenance checks.", kinds=_KINDS
        ),
        dg.AssetSpec(
            QUARANTINE, description="Inbox inputs that could not become documents, with the reason.", kinds=_KINDS
        ),
        dg.AssetSpec(
            INBOX_FILES, description="Ledger of the latest inbox scan: every file and its outcome.", kinds=_KINDS
        ),
    ],
    group_name="raw",
    pool="duckdb_write",
)
def raw_inbox(inbox: InboxResource, warehouse: WarehouseResource) -> Iterator[dg.MaterializeResult]:  # type: ignore[type-arg]
    """Scan the inbox, decode and describe each file, and record documents, quarantine and the scan ledger."""
    listing = inbox.listing()
    result = ingest_inbox(listing, scanned_at=datetime.now(UTC), max_file_bytes=inbox.max_file_bytes)
    previous_table = warehouse.read_table("raw.documents")
    previous = from_arrow(_with_later_columns(previous_table), DocumentRecord) if previous_table is not None else []
    documents = to_arrow(merge_documents(previous, result.documents), DocumentRecord)
    quarantine = to_arrow(result.quarantine, QuarantineRecord)
    inbox_files = to_arrow(result.inbox_files, InboxFileRecord)
    document_bytes = to_arrow(result.document_bytes, DocumentBytesRecord)
    warehouse.write(
        replace={"raw.documents": documents, "raw.quarantine": quarantine, "raw.inbox_files": inbox_files},
        append_new={"raw.document_bytes": (document_bytes, "doc_id")},
    )
    scan_hash = hashlib.sha256("".join(f"{f.source_path}={f.content_sha256}" for f in result.inbox_files).encode())
    input_hash = scan_hash.hexdigest()
    yield dg.MaterializeResult(
        asset_key=DOCUMENTS,
        metadata={
            **table_metadata(
                table=documents,
                model=DocumentsModel,
                preview_columns=["doc_id", "source_path", "title", "outlet", "published_at", "is_current"],
                input_hash=input_hash,
            ),
            "current_documents": dg.MetadataValue.int(len(result.documents)),
        },
    )
    yield dg.MaterializeResult(
        asset_key=DOCUMENT_BYTES,
        metadata={
            "new_or_seen_in_this_scan": dg.MetadataValue.int(document_bytes.num_rows),
            "dagster/column_schema": column_schema(DocumentBytesModel, document_bytes.schema),
        },
    )
    yield dg.MaterializeResult(
        asset_key=QUARANTINE,
        metadata=table_metadata(
            table=quarantine,
            model=QuarantineModel,
            preview_columns=["source_path", "reason", "detail"],
            input_hash=input_hash,
        ),
    )
    yield dg.MaterializeResult(
        asset_key=INBOX_FILES,
        metadata={
            **table_metadata(
                table=inbox_files,
                model=InboxFilesModel,
                preview_columns=["source_path", "outcome", "doc_id"],
                input_hash=input_hash,
            ),
            "inbox": dg.MetadataValue.path(str(listing.root)),
        },
    )
