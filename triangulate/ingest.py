"""Turn an inbox scan into raw-layer rows: documents, their bytes, quarantine rows and the file ledger.

One document per distinct content: identical files under several paths are one document that lists
every path (``source_paths``). A changed file is a new document; documents from earlier scans are kept
by ``merge_documents`` and marked ``is_current = False`` when no inbox file holds their content any more.
Every listed file ends in exactly one outcome: document, quarantine, or manifest. Files are isolated from
one another: an unexpected error while reading, decoding or describing one file quarantines that file as
``ingest_failed`` (detail ``<stage>: <ErrorClass>: <message>``) and the scan goes on.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from triangulate.decoding import Rejection
from triangulate.document_content import Content, read_content
from triangulate.html_pages import is_html
from triangulate.ids import doc_id_for, sha256_hex
from triangulate.inbox import InboxListing, read_inbox_file
from triangulate.manifest import Manifest, ManifestEntry, read_manifest
from triangulate.page_metadata import (
    PublicationDate,
    find_own_address,
    find_title,
    infer_published_at,
    outlet_for,
)
from triangulate.records import DocumentBytesRecord, DocumentRecord, InboxFileRecord, QuarantineRecord
from triangulate.reference import (
    DEFAULT_REFERENCE_DIR,
    load_month_names,
    load_outlets,
    load_page_metadata_rules,
    load_widget_line_patterns,
)

OUTCOME_DOCUMENT = "document"
OUTCOME_QUARANTINE = "quarantine"
OUTCOME_MANIFEST = "manifest"


@dataclass(frozen=True)
class IngestResult:
    """Rows produced by one scan of the inbox."""

    documents: list[DocumentRecord]
    document_bytes: list[DocumentBytesRecord]
    quarantine: list[QuarantineRecord]
    inbox_files: list[InboxFileRecord]


class _Describer:
    """Builds document rows from decoded text, manifest entries and reference data."""

    def __init__(self, reference_dir: Path, scanned_at: datetime) -> None:
        self.rules = load_page_metadata_rules(reference_dir)
        self.month_names = load_month_names(reference_dir)
        self.widget_patterns = load_widget_line_patterns(reference_dir)
        self.outlets = load_outlets(reference_dir)
        self.scanned_at = scanned_at

    def describe(
        self, *, sha: str, data: bytes, content: Content, paths: list[str], entry: ManifestEntry | None
    ) -> DocumentRecord:
        text, decoded, page = content.text, content.decoded, content.page
        inferred_title = page.title if page and page.title else find_title(text, widget_patterns=self.widget_patterns)
        own_address = find_own_address(text, rules=self.rules)
        inferred_url = page.url if page and page.url else (own_address.url if own_address else None)
        url = entry.url if entry and entry.url else inferred_url
        url_source = _source(entry.url if entry else None, inferred_url)
        inferred_outlet = outlet_for(url, outlets=self.outlets) if url else None
        publication = (
            PublicationDate(page.published_at, page.published_at_evidence or "")
            if page and page.published_at
            else infer_published_at(
                text,
                rules=self.rules,
                month_names=self.month_names,
                own_address=own_address,
                not_after=self.scanned_at,
            )
        )
        manifest_date = entry.published_at if entry else None
        if manifest_date is not None:
            published_at, evidence = manifest_date, f"manifest {entry.row_label if entry else ''}"
        elif publication is not None:
            published_at, evidence = publication.published_at, publication.evidence
        else:
            published_at, evidence = None, None
        return DocumentRecord(
            doc_id=doc_id_for(content_sha256=sha),
            content_sha256=sha,
            source_path=paths[0],
            source_paths=paths,
            byte_size=len(data),
            content_format="html" if page else "text",
            encoding=decoded.encoding,
            encoding_confidence=decoded.confidence,
            encoding_uncertain=decoded.uncertain,
            encoding_evidence=decoded.evidence,
            text=text,
            char_length=len(text),
            title=(entry.title if entry and entry.title else inferred_title),
            title_source=_source(entry.title if entry else None, inferred_title),
            url=url,
            url_source=url_source,
            outlet=(entry.outlet if entry and entry.outlet else inferred_outlet),
            outlet_source=_source(entry.outlet if entry else None, inferred_outlet),
            published_at=published_at,
            published_at_source=_source(manifest_date, publication),
            published_at_evidence=evidence,
            language=entry.language if entry else None,
            language_source=_source(entry.language if entry else None, None),
            is_current=True,
            ingested_at=self.scanned_at,
        )


def _source(from_manifest: object, inferred: object) -> str:
    if from_manifest is not None:
        return "manifest"
    return "inferred" if inferred is not None else "unknown"


def _quarantine(source_path: str, reason: str, detail: str, *, data: bytes | None, at: datetime) -> QuarantineRecord:
    sha = sha256_hex(data) if data is not None else None
    key = f"{source_path}\x1f{reason}\x1f{sha or ''}\x1f{detail}".encode()
    return QuarantineRecord(
        quarantine_id="q_" + sha256_hex(key)[:16],
        source_path=source_path,
        content_sha256=sha,
        byte_size=len(data) if data is not None else None,
        reason=reason,
        detail=detail,
        detected_at=at,
    )


def _manifest_quarantine(manifest: Manifest, listing: InboxListing, at: datetime) -> list[QuarantineRecord]:
    rows = [_quarantine(p.row_label, "bad_manifest", p.detail, data=None, at=at) for p in manifest.problems]
    known = set(listing.files)
    for path, entry in sorted(manifest.entries.items()):
        if path not in known:
            detail = f"names {path}, which is not a file in the inbox"
            rows.append(_quarantine(entry.row_label, "bad_manifest", detail, data=None, at=at))
    return rows


def _failure(stage: str, error: Exception) -> Rejection:
    return Rejection("ingest_failed", f"{stage}: {type(error).__name__}: {error}")


def _read(listing: InboxListing, relative: str, max_file_bytes: int) -> bytes | Rejection:
    try:
        return read_inbox_file(listing.root, relative, max_bytes=max_file_bytes)
    except Exception as error:  # one file's failure is quarantined, the scan goes on
        return _failure("read", error)


def _document(
    describer: _Describer, *, sha: str, data: bytes, paths: list[str], entry: ManifestEntry | None
) -> DocumentRecord | Rejection:
    """Decode and describe one content; an unexpected error becomes an ``ingest_failed`` rejection."""
    stage = "decode"
    try:
        content_format = "html" if is_html(paths=paths, data=data) else "text"
        content = read_content(data, content_format=content_format, not_after=describer.scanned_at)
        if isinstance(content, Rejection):
            return content
        stage = "describe"
        return describer.describe(sha=sha, data=data, content=content, paths=paths, entry=entry)
    except Exception as error:  # one file's failure is quarantined, the scan goes on
        return _failure(stage, error)


def ingest_inbox(
    listing: InboxListing,
    *,
    scanned_at: datetime,
    max_file_bytes: int,
    reference_dir: Path = DEFAULT_REFERENCE_DIR,
) -> IngestResult:
    """Read every listed file and return the rows of this scan (documents are current by definition)."""
    describer = _Describer(reference_dir, scanned_at)
    quarantine: list[QuarantineRecord] = []
    ledger: list[InboxFileRecord] = []
    manifest_sources: list[tuple[str, bytes]] = []
    for name in listing.manifests:
        data = _read(listing, name, max_file_bytes)
        if isinstance(data, Rejection):
            quarantine.append(_quarantine(name, data.reason, data.detail, data=None, at=scanned_at))
            ledger.append(InboxFileRecord(name, None, None, OUTCOME_QUARANTINE, None, scanned_at))
            continue
        manifest_sources.append((name, data))
        ledger.append(InboxFileRecord(name, None, None, OUTCOME_MANIFEST, None, scanned_at))
    try:
        manifest = read_manifest(manifest_sources, month_names=describer.month_names)
    except Exception as error:  # a manifest that breaks the reader is quarantined, the articles still go in
        failure = _failure("read", error)
        quarantine.extend(
            _quarantine(name, failure.reason, failure.detail, data=data, at=scanned_at)
            for name, data in manifest_sources
        )
        manifest = Manifest(entries={}, problems=[])
    quarantine.extend(_manifest_quarantine(manifest, listing, scanned_at))
    contents: dict[str, bytes] = {}
    paths_by_sha: dict[str, list[str]] = defaultdict(list)
    for relative in listing.files:
        data = _read(listing, relative, max_file_bytes)
        if isinstance(data, Rejection):
            quarantine.append(_quarantine(relative, data.reason, data.detail, data=None, at=scanned_at))
            ledger.append(InboxFileRecord(relative, None, None, OUTCOME_QUARANTINE, None, scanned_at))
            continue
        sha = sha256_hex(data)
        contents[sha] = data
        paths_by_sha[sha].append(relative)
    documents: list[DocumentRecord] = []
    document_bytes: list[DocumentBytesRecord] = []
    for sha, paths in paths_by_sha.items():
        data = contents[sha]
        entry = next((manifest.entries[p] for p in paths if p in manifest.entries), None)
        document = _document(describer, sha=sha, data=data, paths=paths, entry=entry)
        if isinstance(document, Rejection):
            for relative in paths:
                quarantine.append(_quarantine(relative, document.reason, document.detail, data=data, at=scanned_at))
                ledger.append(InboxFileRecord(relative, sha, len(data), OUTCOME_QUARANTINE, None, scanned_at))
            continue
        documents.append(document)
        document_bytes.append(DocumentBytesRecord(document.doc_id, sha, data))
        ledger.extend(InboxFileRecord(p, sha, len(data), OUTCOME_DOCUMENT, document.doc_id, scanned_at) for p in paths)
    return IngestResult(
        documents=sorted(documents, key=lambda d: d.doc_id),
        document_bytes=sorted(document_bytes, key=lambda b: b.doc_id),
        quarantine=sorted(quarantine, key=lambda q: (q.source_path, q.reason)),
        inbox_files=sorted(ledger, key=lambda f: f.source_path),
    )


def merge_documents(previous: Sequence[DocumentRecord], current: Sequence[DocumentRecord]) -> list[DocumentRecord]:
    """Combine earlier documents with this scan's: earlier versions stay, marked not current.

    A document seen before keeps its first ``ingested_at`` and accumulates every path it was seen under.
    """
    earlier: Mapping[str, DocumentRecord] = {doc.doc_id: doc for doc in previous}
    merged: dict[str, DocumentRecord] = {doc.doc_id: replace(doc, is_current=False) for doc in previous}
    for doc in current:
        before = earlier.get(doc.doc_id)
        if before is not None:
            doc = replace(
                doc,
                ingested_at=before.ingested_at,
                source_paths=sorted(set(before.source_paths) | set(doc.source_paths)),
            )
        merged[doc.doc_id] = doc
    return [merged[doc_id] for doc_id in sorted(merged)]
