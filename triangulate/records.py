"""Row types of the persisted tables (raw, text and extracted layers), one frozen dataclass per table.

The dataclass fields are the storage columns: ``triangulate.arrow_tables`` turns their type hints into
Arrow schemas, and the Pandera models in ``checks/`` describe and validate the same columns.
"""

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class DocumentRecord:
    """One distinct file content (a document version) and what is known about it."""

    doc_id: str
    content_sha256: str
    source_path: str
    source_paths: list[str]
    byte_size: int
    content_format: str
    encoding: str
    encoding_confidence: float
    encoding_uncertain: bool
    encoding_evidence: str | None
    text: str
    char_length: int
    title: str | None
    title_source: str
    url: str | None
    url_source: str
    outlet: str | None
    outlet_source: str
    published_at: datetime | None
    published_at_source: str
    published_at_evidence: str | None
    language: str | None
    language_source: str
    is_current: bool
    ingested_at: datetime


@dataclass(frozen=True)
class DocumentBytesRecord:
    """The exact bytes a document was decoded from, kept for provenance checks (not published)."""

    doc_id: str
    content_sha256: str
    content: bytes


@dataclass(frozen=True)
class QuarantineRecord:
    """One input (a file or a manifest row) that could not become a document, and why."""

    quarantine_id: str
    source_path: str
    content_sha256: str | None
    byte_size: int | None
    reason: str
    detail: str
    detected_at: datetime


@dataclass(frozen=True)
class InboxFileRecord:
    """One file seen by the latest inbox scan and what became of it."""

    source_path: str
    content_sha256: str | None
    byte_size: int | None
    outcome: str
    doc_id: str | None
    scanned_at: datetime


@dataclass(frozen=True)
class PassageRecord:
    """One paragraph-level block of a document, its kind and, for body text, its relevance."""

    passage_id: str
    doc_id: str
    ordinal: int
    char_start: int
    char_end: int
    kind: str
    rule: str
    text: str
    relevance: float | None
    document_similarity: float | None
    corpus_similarity: float | None
    is_off_topic: bool
    off_topic_evidence: str | None
    language: str | None
    language_confidence: float | None
    extractor: str
    extractor_version: str


@dataclass(frozen=True)
class SentenceRecord:
    """One sentence of a passage, with its exact span in the document."""

    sentence_id: str
    doc_id: str
    passage_id: str
    ordinal: int
    char_start: int
    char_end: int
    text: str
    extractor: str
    extractor_version: str


@dataclass(frozen=True)
class DocumentFlagsRecord:
    """Document-level findings of the text layer."""

    doc_id: str
    language: str | None
    language_share: float | None
    is_mixed_language: bool
    language_shares: str
    is_ai_generated: bool
    ai_label_evidence: str | None
    n_passages: int
    n_sentences: int
    boilerplate_share: float
    off_topic_share: float
    unmatched_reference_markers: int
    is_mixed_sources: bool
    mixed_sources_evidence: str | None
    extractor: str
    extractor_version: str


@dataclass(frozen=True)
class SourceLinkRecord:
    """A document's origin or a source it cites, with the span of the URL in the text."""

    link_id: str
    doc_id: str
    url: str
    domain: str | None
    relation: str
    marker: str | None
    char_start: int | None
    char_end: int | None
    citation_spans: str
    extractor: str
    extractor_version: str


@dataclass(frozen=True)
class QualityIssueRecord:
    """One flagged problem: which check, how serious, where, and the evidence as JSON."""

    issue_id: str
    check_name: str
    severity: str
    doc_id: str | None
    subject_kind: str
    subject_id: str
    char_start: int | None
    char_end: int | None
    message: str
    evidence: str


@dataclass(frozen=True)
class QuantityRecord:
    """One numeric expression in a sentence, normalised (see ``triangulate.quantities``)."""

    quantity_id: str
    doc_id: str
    sentence_id: str
    char_start: int
    char_end: int
    surface: str
    kind: str
    value: float | None
    value_low: float | None
    value_high: float | None
    unit: str | None
    approximate: bool
    direction: str | None
    extractor: str
    extractor_version: str


@dataclass(frozen=True)
class TimeExpressionRecord:
    """One temporal expression in a sentence with its TIMEX3 value (see ``triangulate.temporal``)."""

    time_id: str
    doc_id: str
    sentence_id: str
    char_start: int
    char_end: int
    surface: str
    type: str
    value: str
    start_date: date | None
    end_date: date | None
    undated_reason: str | None
    resolution: str
    anchor: date | None
    mod: str | None
    comparison_date: date | None
    extractor: str
    extractor_version: str


@dataclass(frozen=True)
class ExtractionLedgerRecord:
    """What the extractors did with one document, keyed by a fingerprint of everything they read."""

    doc_id: str
    input_fingerprint: str
    status: str
    skip_reason: str | None
    n_sentences: int
    n_quantities: int
    n_time_expressions: int
    n_mentions: int
    n_claims: int
    error_class: str | None
    error_message: str | None
    extractor_version: str
    extracted_at: datetime


@dataclass(frozen=True)
class CatalogEntryRecord:
    """One entry of the entity catalog as analysts wrote it in reference/entities.yaml."""

    entity_id: str
    name: str
    type: str
    aliases: list[str]
    ticker: str | None
    country: str | None
    parent: str | None


@dataclass(frozen=True)
class EntityMentionRecord:
    """One span naming an entity (see ``triangulate.entities``)."""

    mention_id: str
    doc_id: str
    sentence_id: str
    char_start: int
    char_end: int
    surface: str
    entity_id: str
    name: str
    type: str
    in_catalog: bool
    confidence: float
    rule: str
    extractor: str
    extractor_version: str


@dataclass(frozen=True)
class EntityRecord:
    """One entity named in the corpus: catalog entries and names found outside the catalog."""

    entity_id: str
    name: str
    type: str
    in_catalog: bool
    confidence: float
    n_mentions: int
    n_documents: int
    ticker: str | None
    country: str | None
    parent: str | None


@dataclass(frozen=True)
class AttributionRecord:
    """One attribution cue and the source it names (see ``triangulate.attributions``)."""

    attribution_id: str
    doc_id: str
    sentence_id: str
    char_start: int
    char_end: int
    surface: str
    source_name: str | None
    source_kind: str
    entity_id: str | None
    url: str | None
    marker: str | None
    cited_by_attribution_id: str | None
    rule: str
    extractor: str
    extractor_version: str


@dataclass(frozen=True)
class QuoteRecord:
    """One direct quotation and its speaker (see ``triangulate.quotes``)."""

    quote_id: str
    doc_id: str
    passage_id: str
    sentence_id: str
    char_start: int
    char_end: int
    text: str
    speaker_name: str | None
    speaker_entity_id: str | None
    extractor: str
    extractor_version: str


@dataclass(frozen=True)
class ClaimRecord:
    """One checkable statement of a sentence (see ``triangulate.claims``)."""

    claim_id: str
    doc_id: str
    sentence_id: str
    char_start: int
    char_end: int
    text: str
    subject_entity_id: str | None
    subject_mention_id: str | None
    subject_from_document: bool
    measure: str | None
    quantity_id: str | None
    time_id: str | None
    attribution_id: str | None
    hedged: bool
    negated: bool
    period: str | None
    scope: str | None
    extractor: str
    extractor_version: str


@dataclass(frozen=True)
class SentenceWithoutClaimsRecord:
    """A sentence of a document that made no claim, and why."""

    sentence_id: str
    doc_id: str
    reason: str


@dataclass(frozen=True)
class DocumentGroupRecord:
    """Which independent source a document counts as (see ``triangulate.duplicates``)."""

    doc_id: str
    source_group: str
    copy_of: str
    story_id: str


@dataclass(frozen=True)
class StoryRecord:
    """Documents about one event, from one or more outlets (see ``triangulate.stories``)."""

    story_id: str
    label_terms: list[str]
    doc_ids: list[str]
    n_documents: int
    outlets: list[str]
    n_outlets: int
    first_published: date | None
    last_published: date | None


@dataclass(frozen=True)
class FactRecord:
    """A reconciled statement across documents (see ``triangulate.reconcile``)."""

    fact_id: str
    story_id: str
    subject_entity_id: str
    measure: str
    products: list[str]
    period: str | None
    value: float | None
    value_low: float | None
    value_high: float | None
    unit: str | None
    status: str
    conflict_kind: str | None
    n_documents: int
    n_outlets: int
    claim_ids: list[str]
    attribution_conflict: bool
    reference_status: str
    reference_value: float | None
    reference_url: str | None
    explanation: str


@dataclass(frozen=True)
class ImpliedValueRecord:
    """A total implied by a share and an amount in one sentence, and what it was checked against."""

    implied_id: str
    doc_id: str
    sentence_id: str
    subject_entity_id: str
    measure: str
    period: str | None
    value: float
    value_low: float
    value_high: float
    unit: str | None
    share_claim_id: str
    part_claim_id: str
    reference_status: str
    reference_value: float | None
    reference_period: str | None
    reference_url: str | None
    consistent_reference_periods: list[str]
    consistency: str
    explanation: str


@dataclass(frozen=True)
class RejectedRowRecord:
    """A row a writer set aside because its table's model rejects one of its values (see ``checks.rejection``)."""

    rejection_id: str
    table_name: str
    row_id: str | None
    doc_id: str | None
    check_name: str
    failure: str
    row_json: str
    run_id: str
    rejected_at: datetime


@dataclass(frozen=True)
class DocumentFailureRecord:
    """One document a stage could not process: the stage, the error class and its message."""

    doc_id: str
    stage: str
    error_class: str
    error_message: str
    failed_at: datetime
