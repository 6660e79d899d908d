"""Pandera models of every persisted table: the columns, their meaning and their rules.

Each model is strict (no undeclared column) and coerced, and every field has a description: the data
dictionary and the Dagster column schemas are generated from these descriptions. The models are plain
Pandera, usable on any frame in a test or a notebook; ``checks.factory`` turns them into asset checks.
"""

from collections.abc import Mapping

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
from pandera.typing.pandas import Series

from triangulate.claims import load_measures
from triangulate.entities import ENTITY_TYPES, tokens_of
from triangulate.ids import doc_id_for
from triangulate.quantities import load_quantity_vocabulary

PROVENANCE_SOURCES = ["manifest", "inferred", "unknown"]
QUARANTINE_REASONS = [
    "empty",
    "binary",
    "undecodable",
    "too_large",
    "unreadable",
    "outside_inbox",
    "broken_link",
    "not_a_regular_file",
    "no_main_text",
    "ingest_failed",
    "bad_manifest",
]
CONTENT_FORMATS = ["text", "html"]
INBOX_OUTCOMES = ["document", "quarantine", "manifest"]
_SHA256 = r"^[0-9a-f]{64}$"
_DOC_ID = r"^doc_[0-9a-f]{16}$"
_UTC = {"unit": "ns", "tz": "UTC"}
# Calendar dates as Arrow date32: years 1 to 9999, never through nanosecond timestamps (1677 to 2262).
_DATE = {"pyarrow_dtype": pyarrow.date32()}


def _is_list_of_text(value: object) -> bool:
    items = list(value) if isinstance(value, list | tuple | np.ndarray) else None
    return bool(items) and all(isinstance(item, str) for item in items or [])


class DocumentsModel(pa.DataFrameModel):
    """One row per distinct input file content (a document version); spans downstream index its text."""

    doc_id: Series[str] = pa.Field(
        unique=True,
        str_matches=_DOC_ID,
        description="Document id: 'doc_' + the first 16 hex characters of content_sha256.",
    )
    content_sha256: Series[str] = pa.Field(
        unique=True, str_matches=_SHA256, description="SHA-256 of the exact bytes read from the file."
    )
    source_path: Series[str] = pa.Field(
        description="Path relative to the inbox of the first file (in sorted order) holding this content."
    )
    source_paths: Series[object] = pa.Field(
        description="Every inbox path this content has been seen under, across runs."
    )
    byte_size: Series[int] = pa.Field(gt=0, description="Size of the file in bytes.")
    content_format: Series[str] = pa.Field(
        isin=CONTENT_FORMATS,
        description="text (the decoded file is the text) or html (a saved web page; the text is its extracted main text).",
    )
    encoding: Series[str] = pa.Field(
        description=(
            "Encoding the bytes were decoded from (Python codec name); '-bom' marks a removed byte-order mark, "
            "'utf-8+cp1252' a file mixing UTF-8 with another encoding."
        )
    )
    encoding_confidence: Series[float] = pa.Field(
        ge=0.0,
        le=1.0,
        description=(
            "How sure the encoding is: 1.0 for UTF-8 and byte-order marks; for a detected legacy encoding, "
            "the winner's share of the two best candidates' scores (0.5 is a tie)."
        ),
    )
    encoding_uncertain: Series[bool] = pa.Field(
        description="Whether the two best candidate encodings fit almost equally well (encoding_confidence below 0.55)."
    )
    encoding_evidence: Series[str] = pa.Field(
        nullable=True,
        description="JSON list of the two best candidate encodings with their score and language; null for UTF-8 and BOMs.",
    )
    text: Series[str] = pa.Field(
        description=(
            "Decoded text after normalisation (BOM removed, CRLF/CR to LF, Unicode NFC), or a web page's "
            "extracted main text; every span is an offset into it."
        )
    )
    char_length: Series[int] = pa.Field(gt=0, description="Length of text in characters (Python string length).")
    title: Series[str] = pa.Field(
        nullable=True,
        description="Headline: from the manifest, else the first line when it reads as a headline, else null.",
    )
    title_source: Series[str] = pa.Field(
        isin=PROVENANCE_SOURCES, description="Where title came from: manifest, inferred or unknown."
    )
    url: Series[str] = pa.Field(
        nullable=True,
        description="The article's address: from the manifest, else the URL the text gives as its own ('Original: ...').",
    )
    url_source: Series[str] = pa.Field(
        isin=PROVENANCE_SOURCES, description="Where url came from: manifest, inferred or unknown."
    )
    outlet: Series[str] = pa.Field(
        nullable=True,
        description="Publishing outlet: from the manifest, else the reference name of the url's domain, else the url's host.",
    )
    outlet_source: Series[str] = pa.Field(
        isin=PROVENANCE_SOURCES, description="Where outlet came from: manifest, inferred or unknown."
    )
    published_at: Series[pd.DatetimeTZDtype] = pa.Field(
        dtype_kwargs=_UTC,
        nullable=True,
        description="Publication time in UTC (midnight when only the day is known); null when nothing supports one.",
    )
    published_at_source: Series[str] = pa.Field(
        isin=PROVENANCE_SOURCES,
        description="Where published_at came from: manifest, inferred (from evidence in the text) or unknown.",
    )
    published_at_evidence: Series[str] = pa.Field(
        nullable=True,
        description="What published_at rests on: the manifest row, or the date found in the text or in the article's own URL, with its position.",
    )
    language: Series[str] = pa.Field(
        nullable=True, description="Language tag (e.g. 'en') from the manifest; null when not given."
    )
    language_source: Series[str] = pa.Field(
        isin=PROVENANCE_SOURCES, description="Where language came from: manifest, inferred or unknown."
    )
    is_current: Series[bool] = pa.Field(
        description="Whether a file in the latest inbox scan holds this content (false for earlier versions)."
    )
    ingested_at: Series[pd.DatetimeTZDtype] = pa.Field(
        dtype_kwargs=_UTC, description="When this content was first ingested (UTC)."
    )

    @pa.check("source_paths", name="non_empty_list_of_paths")
    def _paths_are_lists(cls, series: Series[object]) -> Series[bool]:
        return series.map(_is_list_of_text)  # type: ignore[return-value]

    @pa.dataframe_check(name="doc_id_derived_from_hash")
    def _doc_id_matches_hash(cls, frame: pd.DataFrame) -> Series[bool]:
        expected = frame["content_sha256"].map(lambda sha: doc_id_for(content_sha256=sha))
        return frame["doc_id"] == expected  # type: ignore[return-value]

    @pa.dataframe_check(name="char_length_matches_text")
    def _length_matches(cls, frame: pd.DataFrame) -> Series[bool]:
        return frame["text"].str.len() == frame["char_length"]  # type: ignore[return-value]

    class Config:
        name = "documents"
        strict = True
        coerce = True


class DocumentBytesModel(pa.DataFrameModel):
    """The exact bytes each document was decoded from; kept in the warehouse for provenance checks."""

    doc_id: Series[str] = pa.Field(unique=True, str_matches=_DOC_ID, description="Document id (see documents.doc_id).")
    content_sha256: Series[str] = pa.Field(unique=True, str_matches=_SHA256, description="SHA-256 of content.")
    content: Series[object] = pa.Field(description="The file's bytes exactly as read.")

    class Config:
        name = "document_bytes"
        strict = True
        coerce = True


class QuarantineModel(pa.DataFrameModel):
    """One row per input of the latest scan that could not become a document, with the reason."""

    quarantine_id: Series[str] = pa.Field(
        unique=True,
        str_matches=r"^q_[0-9a-f]{16}$",
        description="Stable id derived from path, reason, content hash and detail.",
    )
    source_path: Series[str] = pa.Field(
        description="Inbox-relative path of the file, or 'manifest.csv:N' for a manifest row (N = line number)."
    )
    content_sha256: Series[str] = pa.Field(
        nullable=True, str_matches=_SHA256, description="SHA-256 of the bytes when they could be read, else null."
    )
    byte_size: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Size in bytes when the file could be read, else null."
    )
    reason: Series[str] = pa.Field(
        isin=QUARANTINE_REASONS,
        description=(
            "Why: empty, binary, undecodable, too_large, unreadable, outside_inbox, broken_link, "
            "not_a_regular_file, no_main_text, ingest_failed or bad_manifest."
        ),
    )
    detail: Series[str] = pa.Field(str_length={"min_value": 1}, description="Human-readable explanation of the reason.")
    detected_at: Series[pd.DatetimeTZDtype] = pa.Field(
        dtype_kwargs=_UTC, description="When the scan that found the problem ran (UTC)."
    )

    class Config:
        name = "quarantine"
        strict = True
        coerce = True


class InboxFilesModel(pa.DataFrameModel):
    """One row per file seen by the latest inbox scan, with what became of it (the accounting ledger)."""

    source_path: Series[str] = pa.Field(unique=True, description="Inbox-relative path of the file.")
    content_sha256: Series[str] = pa.Field(
        nullable=True, str_matches=_SHA256, description="SHA-256 of the bytes when they could be read, else null."
    )
    byte_size: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Size in bytes when the file could be read, else null."
    )
    outcome: Series[str] = pa.Field(isin=INBOX_OUTCOMES, description="document, quarantine or manifest.")
    doc_id: Series[str] = pa.Field(
        nullable=True, str_matches=_DOC_ID, description="The document the file became (outcome = document), else null."
    )
    scanned_at: Series[pd.DatetimeTZDtype] = pa.Field(dtype_kwargs=_UTC, description="When the scan ran (UTC).")

    @pa.dataframe_check(name="doc_id_iff_document")
    def _doc_id_iff_document(cls, frame: pd.DataFrame) -> Series[bool]:
        return (frame["outcome"] == "document") == frame["doc_id"].notna()  # type: ignore[return-value]

    class Config:
        name = "inbox_files"
        strict = True
        coerce = True


PASSAGE_KINDS = ["title", "heading", "body", "boilerplate", "disclaimer", "caption", "byline", "dateline", "reference"]
_SPAN_ID = r"^[ps]_[0-9a-f]{16}$"


def _span_is_ordered(frame: pd.DataFrame) -> Series[bool]:
    return frame["char_start"] < frame["char_end"]  # type: ignore[return-value]


class PassagesModel(pa.DataFrameModel):
    """One row per paragraph-level block of a current document, with its kind and, for body text, its relevance."""

    passage_id: Series[str] = pa.Field(
        unique=True, str_matches=r"^p_[0-9a-f]{16}$", description="Passage id derived from doc_id and span."
    )
    doc_id: Series[str] = pa.Field(str_matches=_DOC_ID, description="The document (raw.documents.doc_id).")
    ordinal: Series[int] = pa.Field(ge=0, description="Position of the passage in its document, from 0.")
    char_start: Series[int] = pa.Field(ge=0, description="Start offset in documents.text (0-based, inclusive).")
    char_end: Series[int] = pa.Field(
        gt=0, description="End offset in documents.text (exclusive); text[char_start:char_end] == text."
    )
    kind: Series[str] = pa.Field(
        isin=PASSAGE_KINDS,
        description="title, heading, body, boilerplate, disclaimer, caption, byline, dateline or reference.",
    )
    rule: Series[str] = pa.Field(
        description="The rule that decided the kind, e.g. 'widget_line:0' (pattern 0 of page_lines.yaml) or 'default_body'."
    )
    text: Series[str] = pa.Field(description="The passage text, exactly as in the document.")
    relevance: Series[float] = pa.Field(
        nullable=True,
        ge=0,
        le=1,
        description="Body passages: mean of document_similarity and corpus_similarity; null for other kinds or passages too short to judge.",
    )
    document_similarity: Series[float] = pa.Field(
        nullable=True,
        ge=0,
        le=1,
        description="TF-IDF cosine similarity with the document's title and other body passages.",
    )
    corpus_similarity: Series[float] = pa.Field(
        nullable=True, ge=0, le=1, description="TF-IDF cosine similarity with the body passages of the other documents."
    )
    is_off_topic: Series[bool] = pa.Field(
        description="Relevance below the threshold: the passage is about something else than its story."
    )
    off_topic_evidence: Series[str] = pa.Field(
        nullable=True,
        description="JSON: relevance, threshold, both similarities, and the terms and names shared or not shared with the document.",
    )
    language: Series[str] = pa.Field(
        nullable=True,
        description="Detected language (ISO 639-1) of title, heading and body passages with enough letters; else null.",
    )
    language_confidence: Series[float] = pa.Field(
        nullable=True, ge=0, le=1, description="The detector's normalised probability for language."
    )
    extractor: Series[str] = pa.Field(description="Module that produced the row.")
    extractor_version: Series[str] = pa.Field(description="Version of the extractor.")

    @pa.dataframe_check(name="span_is_ordered")
    def _ordered(cls, frame: pd.DataFrame) -> Series[bool]:
        return _span_is_ordered(frame)

    class Config:
        name = "passages"
        strict = True
        coerce = True


class SentencesModel(pa.DataFrameModel):
    """One row per sentence of a passage, with its exact span."""

    sentence_id: Series[str] = pa.Field(
        unique=True, str_matches=r"^s_[0-9a-f]{16}$", description="Sentence id derived from doc_id and span."
    )
    doc_id: Series[str] = pa.Field(str_matches=_DOC_ID, description="The document (raw.documents.doc_id).")
    passage_id: Series[str] = pa.Field(str_matches=_SPAN_ID, description="The passage the sentence belongs to.")
    ordinal: Series[int] = pa.Field(ge=0, description="Position of the sentence in its passage, from 0.")
    char_start: Series[int] = pa.Field(ge=0, description="Start offset in documents.text (0-based, inclusive).")
    char_end: Series[int] = pa.Field(
        gt=0, description="End offset in documents.text (exclusive); text[char_start:char_end] == text."
    )
    text: Series[str] = pa.Field(description="The sentence text, exactly as in the document.")
    extractor: Series[str] = pa.Field(description="Module that produced the row.")
    extractor_version: Series[str] = pa.Field(description="Version of the extractor.")

    @pa.dataframe_check(name="span_is_ordered")
    def _ordered(cls, frame: pd.DataFrame) -> Series[bool]:
        return _span_is_ordered(frame)

    class Config:
        name = "sentences"
        strict = True
        coerce = True


class DocumentFlagsModel(pa.DataFrameModel):
    """One row per current document: what the text layer found about it as a whole."""

    doc_id: Series[str] = pa.Field(unique=True, str_matches=_DOC_ID, description="The document (raw.documents.doc_id).")
    language: Series[str] = pa.Field(
        nullable=True,
        description="Detected language: the one holding the most letters of the document's judged passages.",
    )
    language_share: Series[float] = pa.Field(
        nullable=True, ge=0, le=1, description="Share of judged letters in that language."
    )
    is_mixed_language: Series[bool] = pa.Field(
        description="A second language holds at least 20% of the judged letters."
    )
    language_shares: Series[str] = pa.Field(description="JSON object: share of judged letters per language.")
    is_ai_generated: Series[bool] = pa.Field(
        description="The text carries an explicit label that it was generated by AI (patterns in reference/ai_labels.yaml)."
    )
    ai_label_evidence: Series[str] = pa.Field(
        nullable=True, description="JSON list of the AI labels found, with their spans; null when none."
    )
    n_passages: Series[int] = pa.Field(ge=0, description="Number of passages.")
    n_sentences: Series[int] = pa.Field(ge=0, description="Number of sentences.")
    boilerplate_share: Series[float] = pa.Field(
        ge=0, le=1, description="Share of passage characters that are page furniture (not title, heading or body)."
    )
    off_topic_share: Series[float] = pa.Field(
        ge=0, le=1, description="Share of body characters in passages flagged off-topic."
    )
    unmatched_reference_markers: Series[int] = pa.Field(
        ge=0, description="In-text markers such as [3] that no reference-list item answers."
    )
    is_mixed_sources: Series[bool] = pa.Field(
        description="Looks aggregated: a reference cited only by off-topic passages, or several origin domains."
    )
    mixed_sources_evidence: Series[str] = pa.Field(
        nullable=True, description="JSON: the references and origin domains behind is_mixed_sources."
    )
    extractor: Series[str] = pa.Field(description="Module that produced the row.")
    extractor_version: Series[str] = pa.Field(description="Version of the extractor.")

    class Config:
        name = "document_flags"
        strict = True
        coerce = True


LINK_RELATIONS = ["original", "via", "reference", "cites"]


class SourceLinksModel(pa.DataFrameModel):
    """One row per origin or cited source of a current document."""

    link_id: Series[str] = pa.Field(
        unique=True,
        str_matches=r"^l_[0-9a-f]{16}$",
        description="Link id derived from doc_id, relation, URL and position.",
    )
    doc_id: Series[str] = pa.Field(str_matches=_DOC_ID, description="The document (raw.documents.doc_id).")
    url: Series[str] = pa.Field(str_length={"min_value": 4}, description="The URL as written (a scheme is not added).")
    domain: Series[str] = pa.Field(nullable=True, description="Host of the URL without www.-like prefixes.")
    relation: Series[str] = pa.Field(
        isin=LINK_RELATIONS,
        description="original (manifest URL or 'Original:'/'Source:' line), via, reference (reference-list item) or cites (other URL in the text).",
    )
    marker: Series[str] = pa.Field(
        nullable=True, description="Reference-list marker such as [2]; null for other relations."
    )
    char_start: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Start of the URL in documents.text; null for the manifest URL."
    )
    char_end: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="End of the URL in documents.text (exclusive); null for the manifest URL."
    )
    citation_spans: Series[str] = pa.Field(
        description="JSON list of [start, end] spans of the in-text markers that cite this reference."
    )
    extractor: Series[str] = pa.Field(description="Module that produced the row.")
    extractor_version: Series[str] = pa.Field(description="Version of the extractor.")

    class Config:
        name = "source_links"
        strict = True
        coerce = True


class QualityIssuesModel(pa.DataFrameModel):
    """One row per flagged problem: text.quality_issues for the text layer, reconciled.quality_issues for all layers."""

    issue_id: Series[str] = pa.Field(
        unique=True, str_matches=r"^qi_[0-9a-f]{16}$", description="Stable id derived from the check and its subject."
    )
    check_name: Series[str] = pa.Field(
        str_matches=r"^[a-z_]+__[a-z_]+$", description="The rule that found the problem: <table>__<rule>."
    )
    severity: Series[str] = pa.Field(isin=["warn", "error"], description="warn or error.")
    doc_id: Series[str] = pa.Field(
        nullable=True, str_matches=_DOC_ID, description="The document concerned (for a fact: its first document)."
    )
    subject_kind: Series[str] = pa.Field(
        description="What the issue is about: document, passage, marker, source_link, fact or implied_value."
    )
    subject_id: Series[str] = pa.Field(
        description="Id of the subject (doc_id, passage_id, link_id, fact_id, implied_id, or doc_id:offset for a marker)."
    )
    char_start: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Start of the span concerned in documents.text, when there is one."
    )
    char_end: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="End of that span (exclusive).")
    message: Series[str] = pa.Field(description="One sentence a person can read.")
    evidence: Series[str] = pa.Field(description="JSON evidence: scores, thresholds, labels, dates.")

    class Config:
        name = "quality_issues"
        strict = True
        coerce = True


QUANTITY_KINDS = ["percent", "percentage_points", "money", "multiplier", "count", "reading"]
TIMEX_TYPES = ["DATE", "TIME", "DURATION", "SET"]
RESOLUTIONS = ["absolute", "relative_resolved", "unresolved"]
TIMEX_MODS = [
    "START",
    "MID",
    "END",
    "APPROX",
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "LESS_THAN",
    "MORE_THAN",
    "EQUAL_OR_LESS",
    "EQUAL_OR_MORE",
]
UNDATED_REASONS = ["reference", "duration", "set", "unresolved", "outside_calendar"]
# Largest plausible magnitude per kind: a move of 1,200% is news, one of 10 million percent is an error.
PLAUSIBLE_MAXIMUM = {"percent": 1e5, "percentage_points": 100.0, "multiplier": 1e4}


def _bounds_are_ordered(frame: pd.DataFrame) -> Series[bool]:
    low, value, high = frame["value_low"], frame["value"], frame["value_high"]
    ordered = (low.isna() | value.isna() | (low <= value)) & (value.isna() | high.isna() | (value <= high))
    return ordered & (low.isna() | high.isna() | (low <= high))  # type: ignore[return-value]


class QuantitiesModel(pa.DataFrameModel):
    """One row per numeric expression in an English title, heading or body sentence, normalised."""

    quantity_id: Series[str] = pa.Field(
        unique=True, str_matches=r"^qty_[0-9a-f]{16}$", description="Quantity id derived from doc_id and span."
    )
    doc_id: Series[str] = pa.Field(str_matches=_DOC_ID, description="The document (raw.documents.doc_id).")
    sentence_id: Series[str] = pa.Field(str_matches=r"^s_[0-9a-f]{16}$", description="The sentence it is in.")
    char_start: Series[int] = pa.Field(ge=0, description="Start offset in documents.text (0-based, inclusive).")
    char_end: Series[int] = pa.Field(gt=0, description="End offset in documents.text (exclusive).")
    surface: Series[str] = pa.Field(description="The expression exactly as written, e.g. 'US$3.7 billion'.")
    kind: Series[str] = pa.Field(
        isin=QUANTITY_KINDS,
        description="percent, percentage_points, money, multiplier, count, or reading (a number on a named "
        "scale: 'magnitude 6.1', unit magnitude).",
    )
    value: Series[float] = pa.Field(
        nullable=True, description="The stated number in units of `unit` (3.7e9 for US$3.7 billion); null for ranges."
    )
    value_low: Series[float] = pa.Field(
        nullable=True, description="Lower bound: of a range, a vague magnitude, or a 'more than' value."
    )
    value_high: Series[float] = pa.Field(
        nullable=True, description="Upper bound: of a range, a vague magnitude, or an 'up to' value."
    )
    unit: Series[str] = pa.Field(
        nullable=True,
        description="percent, pp (percentage points), x (multiplier), an ISO 4217 code for money, or the counted noun.",
    )
    approximate: Series[bool] = pa.Field(description="Hedged ('about', 'nearly', 'more than') or vague ('billions').")
    direction: Series[str] = pa.Field(
        nullable=True, isin=["up", "down"], description="The move the figure describes ('fell 3.9%' is down)."
    )
    extractor: Series[str] = pa.Field(description="Module that produced the row.")
    extractor_version: Series[str] = pa.Field(description="Package version + hash of the vocabulary files.")

    @pa.dataframe_check(name="span_is_ordered")
    def _span_is_ordered(cls, frame: pd.DataFrame) -> Series[bool]:
        return _span_is_ordered(frame)

    @pa.dataframe_check(name="bounds_are_ordered")
    def _bounds_are_ordered(cls, frame: pd.DataFrame) -> Series[bool]:
        return _bounds_are_ordered(frame)

    @pa.dataframe_check(name="has_a_value")
    def _has_a_value(cls, frame: pd.DataFrame) -> Series[bool]:
        return frame[["value", "value_low", "value_high"]].notna().any(axis=1)  # type: ignore[return-value]

    @pa.dataframe_check(name="money_has_currency_code")
    def _money_has_currency_code(cls, frame: pd.DataFrame) -> Series[bool]:
        codes = load_quantity_vocabulary().currency_codes
        money = frame["kind"] == "money"
        return ~money | frame["unit"].isin(codes)  # type: ignore[return-value]

    @pa.dataframe_check(name="value_is_plausible_for_kind")
    def _value_is_plausible(cls, frame: pd.DataFrame) -> Series[bool]:
        largest = frame[["value", "value_low", "value_high"]].abs().max(axis=1)
        limit = frame["kind"].map(PLAUSIBLE_MAXIMUM).fillna(np.inf)
        return largest.isna() | (largest <= limit)  # type: ignore[return-value]

    class Config:
        name = "quantities"
        strict = True
        coerce = True


class TimeExpressionsModel(pa.DataFrameModel):
    """One row per temporal expression in an English title, heading or body sentence, as TIMEX3."""

    time_id: Series[str] = pa.Field(
        unique=True, str_matches=r"^time_[0-9a-f]{16}$", description="Time expression id from doc_id and span."
    )
    doc_id: Series[str] = pa.Field(str_matches=_DOC_ID, description="The document (raw.documents.doc_id).")
    sentence_id: Series[str] = pa.Field(str_matches=r"^s_[0-9a-f]{16}$", description="The sentence it is in.")
    char_start: Series[int] = pa.Field(ge=0, description="Start offset in documents.text (0-based, inclusive).")
    char_end: Series[int] = pa.Field(gt=0, description="End offset in documents.text (exclusive).")
    surface: Series[str] = pa.Field(description="The expression exactly as written, e.g. 'next year'.")
    type: Series[str] = pa.Field(isin=TIMEX_TYPES, description="TIMEX3 type: DATE, TIME, DURATION or SET.")
    value: Series[str] = pa.Field(
        description="TIMEX3 value: 2026, 2024-09-27, 2024-Q3, 2025-H1, 2024-W39, P2Y, PAST_REF; X for unknown digits when unresolved."
    )
    start_date: Series[pd.ArrowDtype] = pa.Field(
        nullable=True, dtype_kwargs=_DATE, description="First day the value covers (any year from 1 to 9999)."
    )
    end_date: Series[pd.ArrowDtype] = pa.Field(
        nullable=True, dtype_kwargs=_DATE, description="Last day the value covers (any year from 1 to 9999)."
    )
    undated_reason: Series[str] = pa.Field(
        nullable=True,
        isin=UNDATED_REASONS,
        description="Why start_date and end_date are empty (null when they are set): reference (PRESENT_REF, PAST_REF, FUTURE_REF), duration, set, unresolved (digits unknown without a publication date) or outside_calendar (before year 1 or after 9999).",
    )
    resolution: Series[str] = pa.Field(
        isin=RESOLUTIONS,
        description="absolute (the text fixes it), relative_resolved (computed from anchor) or unresolved (no publication date).",
    )
    anchor: Series[pd.ArrowDtype] = pa.Field(
        nullable=True,
        dtype_kwargs=_DATE,
        description="The publication date a relative expression was resolved against.",
    )
    mod: Series[str] = pa.Field(
        nullable=True,
        isin=TIMEX_MODS,
        description="TIMEX3 mod ('late July' END, 'about two years' APPROX, '2026 or later' ON_OR_AFTER); start_date and end_date follow START, MID and END (first, middle or last third).",
    )
    comparison_date: Series[pd.ArrowDtype] = pa.Field(
        nullable=True,
        dtype_kwargs=_DATE,
        description="The one day comparisons read: the end for END, an upper bound or a deadline ('by year-end'), the start for START, a lower bound or 'since', the middle for MID; null for a span.",
    )
    extractor: Series[str] = pa.Field(description="Module that produced the row.")
    extractor_version: Series[str] = pa.Field(description="Package version + hash of the vocabulary files.")

    @pa.dataframe_check(name="span_is_ordered")
    def _span_is_ordered(cls, frame: pd.DataFrame) -> Series[bool]:
        return _span_is_ordered(frame)

    @pa.dataframe_check(name="anchor_iff_relative_resolved")
    def _anchor_iff_relative(cls, frame: pd.DataFrame) -> Series[bool]:
        return (frame["resolution"] == "relative_resolved") == frame["anchor"].notna()  # type: ignore[return-value]

    @pa.dataframe_check(name="dates_are_ordered")
    def _dates_are_ordered(cls, frame: pd.DataFrame) -> Series[bool]:
        start, end = frame["start_date"], frame["end_date"]
        return (start.isna() | end.isna() | (start <= end)).fillna(True).astype(bool)  # type: ignore[return-value]

    @pa.dataframe_check(name="undated_reason_iff_no_dates")
    def _undated_reason_iff_no_dates(cls, frame: pd.DataFrame) -> Series[bool]:
        return frame["start_date"].isna() == frame["undated_reason"].notna()  # type: ignore[return-value]

    class Config:
        name = "time_expressions"
        strict = True
        coerce = True


class ExtractionLedgerModel(pa.DataFrameModel):
    """One row per current document: whether the extractors read it, why not, and what they found."""

    doc_id: Series[str] = pa.Field(unique=True, str_matches=_DOC_ID, description="The document.")
    input_fingerprint: Series[str] = pa.Field(
        str_matches=r"^[0-9a-f]{32}$",
        description="Hash of the sentences, passage kinds, languages, date and extractor version read; unchanged means not re-extracted.",
    )
    status: Series[str] = pa.Field(
        isin=["extracted", "skipped", "failed"],
        description="extracted, skipped (not English), or failed (an error; no rows kept, tried again next run).",
    )
    skip_reason: Series[str] = pa.Field(nullable=True, description="Why a skipped document was not read.")
    n_sentences: Series[int] = pa.Field(ge=0, description="Sentences read (title, heading and body passages).")
    n_quantities: Series[int] = pa.Field(ge=0, description="Quantities found.")
    n_time_expressions: Series[int] = pa.Field(ge=0, description="Time expressions found.")
    n_mentions: Series[int] = pa.Field(ge=0, description="Entity mentions found.")
    n_claims: Series[int] = pa.Field(ge=0, description="Claims made.")
    error_class: Series[str] = pa.Field(nullable=True, description="For a failed document: the exception's class.")
    error_message: Series[str] = pa.Field(nullable=True, description="For a failed document: the exception's message.")
    extractor_version: Series[str] = pa.Field(description="Package version + hash of the vocabulary files.")
    extracted_at: Series[pd.DatetimeTZDtype] = pa.Field(
        dtype_kwargs=_UTC, description="When the document was last extracted (UTC)."
    )

    @pa.dataframe_check(name="error_iff_failed")
    def _error_iff_failed(cls, frame: pd.DataFrame) -> Series[bool]:
        failed = frame["status"] == "failed"
        return (failed == frame["error_class"].notna()) & (failed == frame["error_message"].notna())  # type: ignore[return-value]

    @pa.dataframe_check(name="skip_reason_iff_skipped")
    def _skip_reason_iff_skipped(cls, frame: pd.DataFrame) -> Series[bool]:
        return (frame["status"] == "skipped") == frame["skip_reason"].notna()  # type: ignore[return-value]

    class Config:
        name = "extraction_ledger"
        strict = True
        coerce = True


SOURCE_KINDS = ["media", "official", "company", "anonymous", "reference", "person"]
_ENTITY_ID = r"^(?:[a-z0-9_]+|x_[a-z0-9_]*)$"
_STORY_ID = r"^story_[0-9a-f]{16}$"
_MEASURE = r"^[a-z][a-z0-9_]*$"


class EntityCatalogModel(pa.DataFrameModel):
    """One row per entry of reference/entities.yaml, as analysts wrote it."""

    entity_id: Series[str] = pa.Field(
        unique=True, str_matches=r"^[a-z0-9_]+$", description="Stable lower-case slug analysts join on."
    )
    name: Series[str] = pa.Field(description="Canonical name.")
    type: Series[str] = pa.Field(isin=list(ENTITY_TYPES), description="One of: " + ", ".join(ENTITY_TYPES) + ".")
    aliases: Series[object] = pa.Field(
        description="Other spellings; matching ignores case, punctuation and legal suffixes."
    )
    ticker: Series[str] = pa.Field(nullable=True, description="Stock ticker, when listed.")
    country: Series[str] = pa.Field(nullable=True, description="ISO 3166 alpha-2 country (EU for the Union).")
    parent: Series[str] = pa.Field(nullable=True, description="entity_id of the parent entry (a product's maker).")

    @pa.dataframe_check(name="no_alias_claimed_by_two_entities")
    def _aliases_unique(cls, frame: pd.DataFrame) -> Series[bool]:
        owners: dict[tuple[str, ...], set[str]] = {}
        for entity_id, name, aliases in zip(frame["entity_id"], frame["name"], frame["aliases"], strict=True):
            for spelling in [name, *list(aliases)]:
                owners.setdefault(tokens_of(str(spelling)), set()).add(str(entity_id))
        shared = {entity for ids in owners.values() if len(ids) > 1 for entity in ids}
        return ~frame["entity_id"].isin(shared)  # type: ignore[return-value]

    @pa.dataframe_check(name="parent_is_in_catalog")
    def _parent_known(cls, frame: pd.DataFrame) -> Series[bool]:
        return frame["parent"].isna() | frame["parent"].isin(frame["entity_id"])  # type: ignore[return-value]

    class Config:
        name = "entity_catalog"
        strict = True
        coerce = True


class EntityMentionsModel(pa.DataFrameModel):
    """One row per span of an English title, heading or body sentence that names an entity."""

    mention_id: Series[str] = pa.Field(unique=True, str_matches=r"^men_[0-9a-f]{16}$", description="Mention id.")
    doc_id: Series[str] = pa.Field(str_matches=_DOC_ID, description="The document.")
    sentence_id: Series[str] = pa.Field(str_matches=r"^s_[0-9a-f]{16}$", description="The sentence it is in.")
    char_start: Series[int] = pa.Field(ge=0, description="Start offset in documents.text.")
    char_end: Series[int] = pa.Field(gt=0, description="End offset in documents.text (exclusive).")
    surface: Series[str] = pa.Field(
        description="The name as written, e.g. 'Nvidia Corp' (a possessive 's is not part of it)."
    )
    entity_id: Series[str] = pa.Field(
        str_matches=_ENTITY_ID, description="Catalog id, or 'x_' + normalised name for an entity not in the catalog."
    )
    name: Series[str] = pa.Field(description="Canonical name of the entity.")
    type: Series[str] = pa.Field(isin=list(ENTITY_TYPES), description="Entity type (from the catalog or guessed).")
    in_catalog: Series[bool] = pa.Field(description="Whether the entity is a catalog entry.")
    confidence: Series[float] = pa.Field(
        ge=0, le=1, description="1 for catalog matches; the type guess's confidence otherwise."
    )
    rule: Series[str] = pa.Field(
        description="What found it: catalog, defined_abbreviation, surname, title, company_word, ..."
    )
    extractor: Series[str] = pa.Field(description="Module that produced the row.")
    extractor_version: Series[str] = pa.Field(description="Package version + hash of the vocabulary files.")

    @pa.dataframe_check(name="span_is_ordered")
    def _span_is_ordered(cls, frame: pd.DataFrame) -> Series[bool]:
        return _span_is_ordered(frame)

    @pa.dataframe_check(name="catalog_ids_are_not_new_ids")
    def _catalog_ids(cls, frame: pd.DataFrame) -> Series[bool]:
        return frame["in_catalog"] != frame["entity_id"].str.startswith("x_")  # type: ignore[return-value]

    class Config:
        name = "entity_mentions"
        strict = True
        coerce = True


class EntitiesModel(pa.DataFrameModel):
    """One row per entity named in the current documents: catalog entries and candidates for the catalog."""

    entity_id: Series[str] = pa.Field(
        unique=True, str_matches=_ENTITY_ID, description="Entity id (see entity_mentions)."
    )
    name: Series[str] = pa.Field(description="Canonical name (for new entities, the most frequent spelling).")
    type: Series[str] = pa.Field(isin=list(ENTITY_TYPES), description="Entity type.")
    in_catalog: Series[bool] = pa.Field(description="False: a candidate for reference/entities.yaml.")
    confidence: Series[float] = pa.Field(ge=0, le=1, description="Highest confidence among its mentions.")
    n_mentions: Series[int] = pa.Field(gt=0, description="Mentions in current documents.")
    n_documents: Series[int] = pa.Field(gt=0, description="Current documents that mention it.")
    ticker: Series[str] = pa.Field(nullable=True, description="From the catalog.")
    country: Series[str] = pa.Field(nullable=True, description="From the catalog.")
    parent: Series[str] = pa.Field(nullable=True, description="From the catalog.")

    class Config:
        name = "entities"
        strict = True
        coerce = True


class AttributionsModel(pa.DataFrameModel):
    """One row per attribution cue: who a sentence credits its statement to."""

    attribution_id: Series[str] = pa.Field(
        unique=True, str_matches=r"^att_[0-9a-f]{16}$", description="Attribution id."
    )
    doc_id: Series[str] = pa.Field(str_matches=_DOC_ID, description="The document.")
    sentence_id: Series[str] = pa.Field(str_matches=r"^s_[0-9a-f]{16}$", description="The sentence it is in.")
    char_start: Series[int] = pa.Field(ge=0, description="Start offset in documents.text.")
    char_end: Series[int] = pa.Field(gt=0, description="End offset in documents.text (exclusive).")
    surface: Series[str] = pa.Field(description="The cue as written, e.g. 'According to the Financial Times', '[2]'.")
    source_name: Series[str] = pa.Field(nullable=True, description="Who or what is credited; null for unnamed sources.")
    source_kind: Series[str] = pa.Field(
        isin=SOURCE_KINDS, description="media, official, company, anonymous, reference or person."
    )
    entity_id: Series[str] = pa.Field(
        nullable=True, str_matches=_ENTITY_ID, description="The source's entity, when named."
    )
    url: Series[str] = pa.Field(
        nullable=True, description="For a reference marker, the URL its reference-list item gives."
    )
    marker: Series[str] = pa.Field(nullable=True, description="Reference marker, e.g. '[2]'.")
    cited_by_attribution_id: Series[str] = pa.Field(
        nullable=True,
        description="For a citing cue ('citing people familiar...'), the attribution that cites this source.",
    )
    rule: Series[str] = pa.Field(description="Which cue: according_to, reporting_verb, citing, anonymous_source, ...")
    extractor: Series[str] = pa.Field(description="Module that produced the row.")
    extractor_version: Series[str] = pa.Field(description="Package version + hash of the vocabulary files.")

    @pa.dataframe_check(name="span_is_ordered")
    def _span_is_ordered(cls, frame: pd.DataFrame) -> Series[bool]:
        return _span_is_ordered(frame)

    class Config:
        name = "attributions"
        strict = True
        coerce = True


class QuotesModel(pa.DataFrameModel):
    """One row per direct quotation in a body passage, with its speaker when the text names one."""

    quote_id: Series[str] = pa.Field(unique=True, str_matches=r"^quo_[0-9a-f]{16}$", description="Quote id.")
    doc_id: Series[str] = pa.Field(str_matches=_DOC_ID, description="The document.")
    passage_id: Series[str] = pa.Field(
        str_matches=r"^p_[0-9a-f]{16}$", description="The passage (quotes may span sentences)."
    )
    sentence_id: Series[str] = pa.Field(
        str_matches=r"^s_[0-9a-f]{16}$", description="The sentence the quote starts in."
    )
    char_start: Series[int] = pa.Field(ge=0, description="Start of the quoted words (after the opening mark).")
    char_end: Series[int] = pa.Field(gt=0, description="End of the quoted words (before the closing mark).")
    text: Series[str] = pa.Field(description="The quoted words.")
    speaker_name: Series[str] = pa.Field(nullable=True, description="Who is quoted, when named next to the quote.")
    speaker_entity_id: Series[str] = pa.Field(
        nullable=True, str_matches=_ENTITY_ID, description="The speaker's entity."
    )
    extractor: Series[str] = pa.Field(description="Module that produced the row.")
    extractor_version: Series[str] = pa.Field(description="Package version + hash of the vocabulary files.")

    @pa.dataframe_check(name="span_is_ordered")
    def _span_is_ordered(cls, frame: pd.DataFrame) -> Series[bool]:
        return _span_is_ordered(frame)

    class Config:
        name = "quotes"
        strict = True
        coerce = True


class ClaimsModel(pa.DataFrameModel):
    """One row per checkable statement of an on-topic English body sentence."""

    claim_id: Series[str] = pa.Field(unique=True, str_matches=r"^clm_[0-9a-f]{16}$", description="Claim id.")
    doc_id: Series[str] = pa.Field(str_matches=_DOC_ID, description="The document.")
    sentence_id: Series[str] = pa.Field(str_matches=r"^s_[0-9a-f]{16}$", description="The sentence that states it.")
    char_start: Series[int] = pa.Field(ge=0, description="Start of the sentence in documents.text.")
    char_end: Series[int] = pa.Field(gt=0, description="End of the sentence in documents.text (exclusive).")
    text: Series[str] = pa.Field(description="The sentence.")
    subject_entity_id: Series[str] = pa.Field(
        nullable=True, str_matches=_ENTITY_ID, description="The entity the claim is about."
    )
    subject_mention_id: Series[str] = pa.Field(nullable=True, description="The mention of the subject in the sentence.")
    subject_from_document: Series[bool] = pa.Field(
        description="The sentence names no subject: it is the document's most mentioned actor."
    )
    measure: Series[str] = pa.Field(
        nullable=True,
        str_matches=_MEASURE,
        description=(
            "What the figure counts, read from the sentence and normalised: a measure of reference/measures.yaml "
            "or an open one ('people_killed'); null when it cannot be read (such claims are never reconciled)."
        ),
    )
    quantity_id: Series[str] = pa.Field(nullable=True, description="The figure it states (extracted.quantities).")
    time_id: Series[str] = pa.Field(nullable=True, description="The time it refers to (extracted.time_expressions).")
    attribution_id: Series[str] = pa.Field(
        nullable=True, description="Who it is attributed to (extracted.attributions)."
    )
    hedged: Series[bool] = pa.Field(description="Stated as possible, planned or reported rather than as fact.")
    negated: Series[bool] = pa.Field(description="The sentence negates it ('did not', 'denied').")
    period: Series[str] = pa.Field(nullable=True, description="TIMEX3 value of the period the figure refers to.")
    scope: Series[str] = pa.Field(
        nullable=True,
        description=(
            "What part of the event the figure covers, when its clause says: 'cumulative' (so far, in total), "
            "'place:<entity id or place noun>' (killed 170,000 in the province), or both joined by ';'. "
            "Claims whose stated scopes differ are different facts."
        ),
    )
    extractor: Series[str] = pa.Field(description="Module that produced the row.")
    extractor_version: Series[str] = pa.Field(description="Package version + hash of the vocabulary files.")

    @pa.dataframe_check(name="span_is_ordered")
    def _span_is_ordered(cls, frame: pd.DataFrame) -> Series[bool]:
        return _span_is_ordered(frame)

    class Config:
        name = "claims"
        strict = True
        coerce = True


class SentencesWithoutClaimsModel(pa.DataFrameModel):
    """One row per sentence of a current document that made no claim, with the reason."""

    sentence_id: Series[str] = pa.Field(unique=True, str_matches=r"^s_[0-9a-f]{16}$", description="The sentence.")
    doc_id: Series[str] = pa.Field(str_matches=_DOC_ID, description="The document.")
    reason: Series[str] = pa.Field(
        str_matches=r"^(?:non_english_document|non_english_passage|off_topic_passage|nothing_checkable|[a-z]+_passage)$",
        description="off_topic_passage, <kind>_passage (not body), non_english_document/passage or nothing_checkable.",
    )

    class Config:
        name = "sentences_without_claims"
        strict = True
        coerce = True


FACT_STATUSES = ["corroborated", "single_source", "conflict", "period_ambiguous", "unresolved"]
REFERENCE_STATUSES = ["agrees", "conflicts", "period_unknown", "no_reference"]


class DocumentGroupsModel(pa.DataFrameModel):
    """One row per current document: the independent source it counts as."""

    doc_id: Series[str] = pa.Field(unique=True, str_matches=_DOC_ID, description="The document.")
    source_group: Series[str] = pa.Field(
        str_matches=r"^(?:outlet|document):.+$",
        description="'outlet:<name>' when its outlet is known, else 'document:<doc_id>' of the first of its copies.",
    )
    copy_of: Series[str] = pa.Field(
        str_matches=_DOC_ID, description="The first document it is a near-duplicate of (itself when none)."
    )
    story_id: Series[str] = pa.Field(str_matches=_STORY_ID, description="The story it belongs to (reconciled.stories).")

    class Config:
        name = "document_groups"
        strict = True
        coerce = True


class StoriesModel(pa.DataFrameModel):
    """One row per story: documents about one event, from one or more outlets (see triangulate.stories)."""

    story_id: Series[str] = pa.Field(unique=True, str_matches=_STORY_ID, description="Story id (from its documents).")
    label_terms: Series[object] = pa.Field(description="The content words that weigh most in its documents.")
    doc_ids: Series[object] = pa.Field(description="Its documents.")
    n_documents: Series[int] = pa.Field(gt=0, description="How many documents it has.")
    outlets: Series[object] = pa.Field(description="The outlets of its documents that have one.")
    n_outlets: Series[int] = pa.Field(ge=0, description="How many distinct outlets.")
    first_published: Series[pd.ArrowDtype] = pa.Field(
        nullable=True, dtype_kwargs=_DATE, description="Earliest publication date of its documents."
    )
    last_published: Series[pd.ArrowDtype] = pa.Field(
        nullable=True, dtype_kwargs=_DATE, description="Latest publication date of its documents."
    )

    @pa.dataframe_check(name="dates_are_ordered")
    def _dates_are_ordered(cls, frame: pd.DataFrame) -> Series[bool]:
        return frame["first_published"].isna() | (frame["first_published"] <= frame["last_published"])  # type: ignore[return-value]

    class Config:
        name = "stories"
        strict = True
        coerce = True


class FactsModel(pa.DataFrameModel):
    """One row per reconciled statement: claims about one subject, measure and period across sources."""

    fact_id: Series[str] = pa.Field(unique=True, str_matches=r"^fact_[0-9a-f]{16}$", description="Stable fact id.")
    story_id: Series[str] = pa.Field(
        str_matches=_STORY_ID, description="The story whose documents state it: facts never join two stories."
    )
    subject_entity_id: Series[str] = pa.Field(str_matches=_ENTITY_ID, description="The entity the fact is about.")
    measure: Series[str] = pa.Field(
        str_matches=_MEASURE, description="Measure: from reference/measures.yaml, or read from the text."
    )
    products: Series[object] = pa.Field(
        description="Catalog products the statements name besides the subject; other products make other facts."
    )
    period: Series[str] = pa.Field(
        nullable=True, description="TIMEX3 value of the period; null when the claims give none or several."
    )
    value: Series[float] = pa.Field(nullable=True, description="The value most sources state.")
    value_low: Series[float] = pa.Field(
        nullable=True, description="Lowest value all claims allow together (or the lowest stated, in a conflict)."
    )
    value_high: Series[float] = pa.Field(
        nullable=True, description="Highest value all claims allow together (or the highest stated)."
    )
    unit: Series[str] = pa.Field(
        nullable=True, description="Unit of the values (percent, pp, x, ISO 4217 code, counted noun)."
    )
    status: Series[str] = pa.Field(
        isin=FACT_STATUSES, description="corroborated, single_source, conflict, period_ambiguous or unresolved."
    )
    conflict_kind: Series[str] = pa.Field(
        nullable=True,
        isin=["date", "numeric", "direction", "magnitude", "currency"],
        description="For a conflict: date, numeric, direction, magnitude or currency.",
    )
    n_documents: Series[int] = pa.Field(gt=0, description="Documents with a claim in the fact.")
    n_outlets: Series[int] = pa.Field(
        gt=0, description="Independent sources: outlets or groups of copied documents, counted once."
    )
    claim_ids: Series[object] = pa.Field(description="The claims behind the fact (extracted.claims).")
    attribution_conflict: Series[bool] = pa.Field(
        description="Sources credit the statement to different kinds of originator."
    )
    reference_status: Series[str] = pa.Field(
        isin=REFERENCE_STATUSES, description="Comparison with reference/facts.csv."
    )
    reference_value: Series[float] = pa.Field(
        nullable=True, description="The reference figure for the same subject, measure and period."
    )
    reference_url: Series[str] = pa.Field(nullable=True, description="Where the reference figure is published.")
    explanation: Series[str] = pa.Field(
        description="What each source says, for which period, and the verdict, in words."
    )

    @pa.dataframe_check(name="bounds_are_ordered")
    def _bounds_are_ordered(cls, frame: pd.DataFrame) -> Series[bool]:
        return frame["value_low"].isna() | frame["value_high"].isna() | (frame["value_low"] <= frame["value_high"])  # type: ignore[return-value]

    @pa.dataframe_check(name="conflict_kind_iff_conflict")
    def _conflict_kind(cls, frame: pd.DataFrame) -> Series[bool]:
        return (frame["status"] == "conflict") == frame["conflict_kind"].notna()  # type: ignore[return-value]

    @pa.dataframe_check(name="single_source_means_one_outlet")
    def _single_source(cls, frame: pd.DataFrame) -> Series[bool]:
        return (frame["status"] != "single_source") | (frame["n_outlets"] == 1)  # type: ignore[return-value]

    class Config:
        name = "facts"
        strict = True
        coerce = True


class ImpliedValuesModel(pa.DataFrameModel):
    """One row per total implied by a share and an amount stated in one sentence."""

    implied_id: Series[str] = pa.Field(unique=True, str_matches=r"^imp_[0-9a-f]{16}$", description="Implied value id.")
    doc_id: Series[str] = pa.Field(str_matches=_DOC_ID, description="The document.")
    sentence_id: Series[str] = pa.Field(
        str_matches=r"^s_[0-9a-f]{16}$", description="The sentence stating share and amount."
    )
    subject_entity_id: Series[str] = pa.Field(str_matches=_ENTITY_ID, description="Whose total it is.")
    measure: Series[str] = pa.Field(
        isin=list(load_measures().names), description="The measure of the total (e.g. revenue)."
    )
    period: Series[str] = pa.Field(nullable=True, description="The period the sentence gives.")
    value: Series[float] = pa.Field(gt=0, description="Amount ÷ share.")
    value_low: Series[float] = pa.Field(gt=0, description="Smallest total the stated precision allows.")
    value_high: Series[float] = pa.Field(gt=0, description="Largest total the stated precision allows.")
    unit: Series[str] = pa.Field(nullable=True, description="Unit of the amount.")
    share_claim_id: Series[str] = pa.Field(description="The share claim.")
    part_claim_id: Series[str] = pa.Field(description="The amount claim.")
    reference_status: Series[str] = pa.Field(
        isin=REFERENCE_STATUSES, description="Comparison with reference/facts.csv."
    )
    reference_value: Series[float] = pa.Field(nullable=True, description="Reference figure for the same period.")
    reference_period: Series[str] = pa.Field(nullable=True, description="Period of that reference figure.")
    reference_url: Series[str] = pa.Field(nullable=True, description="Its source.")
    consistent_reference_periods: Series[object] = pa.Field(
        description="Reference periods whose figure lies in the implied range."
    )
    consistency: Series[str] = pa.Field(
        isin=["agrees", "conflicts", "unchecked"], description="Verdict against references and facts."
    )
    explanation: Series[str] = pa.Field(description="The implied total, its range and the verdict, in words.")

    @pa.dataframe_check(name="bounds_are_ordered")
    def _bounds_are_ordered(cls, frame: pd.DataFrame) -> Series[bool]:
        return (frame["value_low"] <= frame["value"]) & (frame["value"] <= frame["value_high"])  # type: ignore[return-value]

    class Config:
        name = "implied_values"
        strict = True
        coerce = True


FAILURE_STAGES = ["read", "decode", "describe", "segment", "extract"]


class RejectedRowsModel(pa.DataFrameModel):
    """One row per (rejected row, failed rule): rows set aside at write time so the rest of their table is published."""

    rejection_id: Series[str] = pa.Field(
        unique=True, str_matches=r"^rej_[0-9a-f]{16}$", description="Stable id from table, row and check."
    )
    table_name: Series[str] = pa.Field(description="Warehouse table the row was meant for, e.g. extracted.quantities.")
    row_id: Series[str] = pa.Field(
        nullable=True, description="The row's id (its table's first column), when it has one."
    )
    doc_id: Series[str] = pa.Field(nullable=True, description="The document the row came from, when it has one.")
    check_name: Series[str] = pa.Field(
        description="The rule the row broke: a Pandera check such as isin(...), greater_than_or_equal_to(0), not_nullable, a named row rule, or references_rejected_row."
    )
    failure: Series[str] = pa.Field(description="Which column held which value, in words.")
    row_json: Series[str] = pa.Field(description="The whole row as JSON, so nothing is lost.")
    run_id: Series[str] = pa.Field(description="The Dagster run that set the row aside.")
    rejected_at: Series[pd.DatetimeTZDtype] = pa.Field(dtype_kwargs=_UTC, description="When it was set aside (UTC).")

    class Config:
        name = "rejected_rows"
        strict = True
        coerce = True


class DocumentFailuresModel(pa.DataFrameModel):
    """One row per document a stage could not process; every other document went on."""

    doc_id: Series[str] = pa.Field(
        description="The document (doc_...), or for a file that failed before it became one, its inbox path."
    )
    stage: Series[str] = pa.Field(
        isin=FAILURE_STAGES, description="read, decode or describe (raw), segment (text) or extract (extracted)."
    )
    error_class: Series[str] = pa.Field(description="The exception's class, e.g. ValueError.")
    error_message: Series[str] = pa.Field(description="The exception's message.")
    failed_at: Series[pd.DatetimeTZDtype] = pa.Field(dtype_kwargs=_UTC, description="When it failed (UTC).")

    class Config:
        name = "document_failures"
        strict = True
        coerce = True


MODELS_BY_TABLE: Mapping[str, type[pa.DataFrameModel]] = {
    "raw.documents": DocumentsModel,
    "raw.document_bytes": DocumentBytesModel,
    "raw.quarantine": QuarantineModel,
    "raw.inbox_files": InboxFilesModel,
    "text.passages": PassagesModel,
    "text.sentences": SentencesModel,
    "text.document_flags": DocumentFlagsModel,
    "text.source_links": SourceLinksModel,
    "text.quality_issues": QualityIssuesModel,
    "extracted.quantities": QuantitiesModel,
    "extracted.time_expressions": TimeExpressionsModel,
    "extracted.extraction_ledger": ExtractionLedgerModel,
    "reference.entity_catalog": EntityCatalogModel,
    "extracted.entity_mentions": EntityMentionsModel,
    "extracted.entities": EntitiesModel,
    "extracted.attributions": AttributionsModel,
    "extracted.quotes": QuotesModel,
    "extracted.claims": ClaimsModel,
    "extracted.sentences_without_claims": SentencesWithoutClaimsModel,
    "reconciled.document_groups": DocumentGroupsModel,
    "reconciled.facts": FactsModel,
    "reconciled.stories": StoriesModel,
    "reconciled.implied_values": ImpliedValuesModel,
    "reconciled.quality_issues": QualityIssuesModel,
    "text.document_failures": DocumentFailuresModel,
    "audit.rejected_rows": RejectedRowsModel,
    "audit.document_failures": DocumentFailuresModel,
}
