"""Run the quantity and time extractors over the sentences the text layer keeps for them, incrementally.

A document's sentences are read when they sit in a title, heading or body passage (off-topic body
passages included: the reconciliation layer reports figures in them) and the passage is English or
of unknown language; a document whose language is known and not English is skipped whole, with the
reason in the ledger. Spans are turned from sentence offsets into document offsets, and a quantity
that overlaps a time expression is dropped (times win: "10-year" is a duration, not a count).

Every document gets a fingerprint of everything the extractors read (its sentences, passage kinds,
languages, publication date, the extractor version and the reference vocabulary); a document whose
fingerprint is unchanged since the last run is not extracted again. What is stored where is the
assets' job, not this module's.
"""

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from triangulate import __version__
from triangulate.ids import sha256_hex
from triangulate.quantities import Quantity, QuantityVocabulary, extract_quantities, load_quantity_vocabulary
from triangulate.records import ExtractionLedgerRecord, QuantityRecord, TimeExpressionRecord
from triangulate.reference import DEFAULT_REFERENCE_DIR
from triangulate.temporal import TemporalVocabulary, TimeExpression, extract_time_expressions, load_temporal_vocabulary

QUANTITY_EXTRACTOR = "triangulate.quantities"
TIME_EXTRACTOR = "triangulate.temporal"
EXTRACTED_PASSAGE_KINDS = frozenset({"title", "heading", "body"})
EXTRACTION_LANGUAGE = "en"
VOCABULARY_FILES = ("quantities.yaml", "temporal.yaml", "months.yaml")


@dataclass(frozen=True)
class SentenceInput:
    """One sentence as the extractors see it, with the passage facts that decide whether it is read."""

    sentence_id: str
    char_start: int
    text: str
    passage_kind: str
    passage_language: str | None


@dataclass(frozen=True)
class DocumentInput:
    """One current document: its date, language and sentences in order."""

    doc_id: str
    published: date | None
    language: str | None
    sentences: Sequence[SentenceInput]


@dataclass
class ExtractionRows:
    """Rows produced for the documents that were (re-)extracted, and the ledger of every document."""

    quantities: list[QuantityRecord] = field(default_factory=list)
    time_expressions: list[TimeExpressionRecord] = field(default_factory=list)
    ledger: list[ExtractionLedgerRecord] = field(default_factory=list)


@lru_cache(maxsize=4)
def vocabulary_fingerprint(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> str:
    """Hash of the reference files the extractors read: editing one re-extracts every document."""
    digest = hashlib.sha256()
    for name in VOCABULARY_FILES:
        digest.update((reference_dir / name).read_bytes())
    return digest.hexdigest()[:16]


def extractor_version(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> str:
    """Package version plus vocabulary hash, stored on every extracted row."""
    return f"{__version__}+{vocabulary_fingerprint(reference_dir)}"


def input_fingerprint(document: DocumentInput, version: str) -> str:
    """Hash of everything extraction of ``document`` depends on."""
    parts = [version, document.doc_id, str(document.published), str(document.language)]
    parts += [
        f"{s.sentence_id}|{s.char_start}|{s.passage_kind}|{s.passage_language}|{s.text}" for s in document.sentences
    ]
    return sha256_hex("\n".join(parts).encode())[:32]


def _row_id(prefix: str, doc_id: str, start: int, end: int) -> str:
    return f"{prefix}_" + sha256_hex(f"{doc_id}:{start}:{end}".encode())[:16]


def _overlaps(quantity: Quantity, times: Sequence[TimeExpression]) -> bool:
    return any(quantity.char_start < t.char_end and t.char_start < quantity.char_end for t in times)


def _readable(sentence: SentenceInput) -> bool:
    return sentence.passage_kind in EXTRACTED_PASSAGE_KINDS and sentence.passage_language in (None, EXTRACTION_LANGUAGE)


class Extractor:
    """Quantity and time extraction over documents, with the vocabularies loaded once."""

    def __init__(self, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> None:
        self.quantity_vocabulary: QuantityVocabulary = load_quantity_vocabulary(reference_dir)
        self.temporal_vocabulary: TemporalVocabulary = load_temporal_vocabulary(reference_dir)
        self.version = extractor_version(reference_dir)

    def extract(
        self, documents: Iterable[DocumentInput], *, done: frozenset[str] = frozenset(), now: datetime
    ) -> tuple[ExtractionRows, list[str]]:
        """Extract every document whose fingerprint is not in ``done``.

        Returns the rows of the extracted documents (ledger rows for all of them) and the doc_ids that
        were unchanged and skipped, whose earlier rows stay valid.
        """
        rows, unchanged = ExtractionRows(), []
        for document in documents:
            fingerprint = input_fingerprint(document, self.version)
            if fingerprint in done:
                unchanged.append(document.doc_id)
                continue
            self._extract_document(document, fingerprint, rows, now)
        return rows, unchanged

    def _extract_document(self, document: DocumentInput, fingerprint: str, rows: ExtractionRows, now: datetime) -> None:
        skip_reason = None
        if document.language not in (None, EXTRACTION_LANGUAGE):
            skip_reason = f"document language is {document.language}; the extractors read English only"
        n_quantities = n_times = n_read = 0
        for sentence in [] if skip_reason else document.sentences:
            if not _readable(sentence):
                continue
            n_read += 1
            times = extract_time_expressions(
                text=sentence.text, published=document.published, vocabulary=self.temporal_vocabulary
            )
            quantities = [
                q
                for q in extract_quantities(text=sentence.text, vocabulary=self.quantity_vocabulary)
                if not _overlaps(q, times)
            ]
            rows.time_expressions += [self._time_record(document.doc_id, sentence, t) for t in times]
            rows.quantities += [self._quantity_record(document.doc_id, sentence, q) for q in quantities]
            n_quantities, n_times = n_quantities + len(quantities), n_times + len(times)
        rows.ledger.append(
            ExtractionLedgerRecord(
                doc_id=document.doc_id,
                input_fingerprint=fingerprint,
                status="skipped" if skip_reason else "extracted",
                skip_reason=skip_reason,
                n_sentences=n_read,
                n_quantities=n_quantities,
                n_time_expressions=n_times,
                extractor_version=self.version,
                extracted_at=now,
            )
        )

    def _quantity_record(self, doc_id: str, sentence: SentenceInput, quantity: Quantity) -> QuantityRecord:
        start, end = sentence.char_start + quantity.char_start, sentence.char_start + quantity.char_end
        return QuantityRecord(
            quantity_id=_row_id("qty", doc_id, start, end),
            doc_id=doc_id,
            sentence_id=sentence.sentence_id,
            char_start=start,
            char_end=end,
            surface=quantity.surface,
            kind=quantity.kind,
            value=quantity.value,
            value_low=quantity.value_low,
            value_high=quantity.value_high,
            unit=quantity.unit,
            approximate=quantity.approximate,
            direction=quantity.direction,
            extractor=QUANTITY_EXTRACTOR,
            extractor_version=self.version,
        )

    def _time_record(self, doc_id: str, sentence: SentenceInput, expression: TimeExpression) -> TimeExpressionRecord:
        start, end = sentence.char_start + expression.char_start, sentence.char_start + expression.char_end
        return TimeExpressionRecord(
            time_id=_row_id("time", doc_id, start, end),
            doc_id=doc_id,
            sentence_id=sentence.sentence_id,
            char_start=start,
            char_end=end,
            surface=expression.surface,
            type=expression.type,
            value=expression.value,
            start_date=expression.start_date,
            end_date=expression.end_date,
            resolution=expression.resolution,
            anchor=expression.anchor,
            extractor=TIME_EXTRACTOR,
            extractor_version=self.version,
        )
