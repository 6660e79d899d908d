"""Run every extractor over the passages and sentences the text layer keeps for them, incrementally.

Per document, in sentence order: time expressions, quantities (a quantity overlapping a time expression
is dropped: "10-year" is a duration, not a count), entity mentions (with the document's abbreviations
and surnames carried from sentence to sentence), attributions (reference markers resolved to the URLs
of the document's reference list) and claims; quotations per passage, since they may span sentences.

What is read: title, heading and body passages that are English or of unknown language; a document
whose language is known and not English is skipped whole, with the reason in the ledger. Claims come
only from body passages that are not off-topic; every other sentence is listed with the reason it made
no claim. Each document has a fingerprint of everything the extractors read (passages, sentences, languages,
publication date, reference URLs, and a hash of the extractor code and reference vocabulary); a
document whose fingerprint is unchanged since the last run is not extracted again. Storage is the
assets' job, not this module's.
"""

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from triangulate import __version__
from triangulate.attributions import Attribution, AttributionCues, find_attributions, load_attribution_cues
from triangulate.claims import Claim, MeasureVocabulary, find_claims, load_measures
from triangulate.entities import DocumentContext, Mention, MentionFinder, load_entity_catalog
from triangulate.failures import failure_of
from triangulate.ids import sha256_hex
from triangulate.quantities import Quantity, QuantityVocabulary, extract_quantities, load_quantity_vocabulary
from triangulate.quotes import find_quotes
from triangulate.records import (
    AttributionRecord,
    ClaimRecord,
    EntityMentionRecord,
    ExtractionLedgerRecord,
    QuantityRecord,
    QuoteRecord,
    SentenceWithoutClaimsRecord,
    TimeExpressionRecord,
)
from triangulate.reference import DEFAULT_REFERENCE_DIR
from triangulate.temporal import (
    TemporalVocabulary,
    TimeExpression,
    extract_story_time_expressions,
    load_temporal_vocabulary,
)

EXTRACTED_PASSAGE_KINDS = frozenset({"title", "heading", "body"})
EXTRACTION_LANGUAGE = "en"
EXTRACT_STAGE = "extract"
DOCUMENT_SUBJECT_TYPES = frozenset({"place", "gov_body", "company", "party", "org"})
VOCABULARY_FILES = (
    "quantities.yaml",
    "temporal.yaml",
    "months.yaml",
    "entities.yaml",
    "name_parts.yaml",
    "attribution_cues.yaml",
    "measures.yaml",
    "holidays.yaml",
    "fiscal_calendars.csv",
)


@dataclass(frozen=True)
class PassageInput:
    """One passage: the facts that decide whether its sentences are read and may make claims."""

    passage_id: str
    char_start: int
    text: str
    kind: str
    is_off_topic: bool
    language: str | None


@dataclass(frozen=True)
class SentenceInput:
    """One sentence as the extractors see it."""

    sentence_id: str
    passage_id: str
    char_start: int
    text: str


@dataclass(frozen=True)
class DocumentInput:
    """One current document: its date, language, passages, sentences and reference-list URLs."""

    doc_id: str
    published: date | None
    language: str | None
    passages: Sequence[PassageInput]
    sentences: Sequence[SentenceInput]
    reference_urls: Mapping[str, str] = field(default_factory=dict)


@dataclass
class ExtractionRows:
    """Rows produced for the documents that were (re-)extracted, and the ledger of each of them."""

    quantities: list[QuantityRecord] = field(default_factory=list)
    time_expressions: list[TimeExpressionRecord] = field(default_factory=list)
    entity_mentions: list[EntityMentionRecord] = field(default_factory=list)
    attributions: list[AttributionRecord] = field(default_factory=list)
    quotes: list[QuoteRecord] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
    sentences_without_claims: list[SentenceWithoutClaimsRecord] = field(default_factory=list)
    extraction_ledger: list[ExtractionLedgerRecord] = field(default_factory=list)

    def extend(self, other: "ExtractionRows") -> None:
        """Append every row of ``other``, table by table."""
        for name in self.__dataclass_fields__:
            getattr(self, name).extend(getattr(other, name))


# Every module of this package that extraction imports, directly or not (a test keeps the list whole).
EXTRACTOR_MODULES = (
    "extraction.py",
    "quantities.py",
    "temporal.py",
    "temporal_readers.py",
    "temporal_records.py",
    "temporal_story.py",
    "temporal_vocabulary.py",
    "temporal_modifiers.py",
    "temporal_fiscal.py",
    "temporal_holidays.py",
    "periods.py",
    "masking.py",
    "alternation.py",
    "entities.py",
    "attributions.py",
    "quotes.py",
    "claims.py",
    "measure_phrases.py",
    "ids.py",
    "failures.py",
    "records.py",
    "reference.py",
)


@lru_cache(maxsize=4)
def vocabulary_fingerprint(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> str:
    """Hash of the extractor code and the reference files it reads: changing either re-extracts everything."""
    digest = hashlib.sha256()
    for path in [Path(__file__).parent / name for name in EXTRACTOR_MODULES] + [
        reference_dir / n for n in VOCABULARY_FILES
    ]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def extractor_version(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> str:
    """Package version plus the code-and-vocabulary hash, stored on every extracted row."""
    return f"{__version__}+{vocabulary_fingerprint(reference_dir)}"


def input_fingerprint(document: DocumentInput, version: str) -> str:
    """Hash of everything extraction of ``document`` depends on."""
    parts = [version, document.doc_id, str(document.published), str(document.language)]
    parts += [
        f"{p.passage_id}|{p.char_start}|{p.kind}|{p.is_off_topic}|{p.language}|{p.text}" for p in document.passages
    ]
    parts += [f"{s.sentence_id}|{s.passage_id}|{s.char_start}|{s.text}" for s in document.sentences]
    parts += [f"{marker}={url}" for marker, url in sorted(document.reference_urls.items())]
    return sha256_hex("\n".join(parts).encode())[:32]


def undated_reason(timex_type: str, value: str) -> str:
    """Why a TIMEX3 value of ``timex_type`` has no calendar dates (see ``UNDATED_REASONS`` in checks.models)."""
    if timex_type in ("DURATION", "SET"):
        return timex_type.lower()
    if value.endswith("_REF"):
        return "reference"
    if "X" in value:
        return "unresolved"
    return "outside_calendar"


def _row_id(prefix: str, doc_id: str, start: int, end: int, extra: str = "") -> str:
    return f"{prefix}_" + sha256_hex(f"{doc_id}:{start}:{end}:{extra}".encode())[:16]


def _overlaps(quantity: Quantity, times: Sequence[TimeExpression]) -> bool:
    return any(quantity.char_start < t.char_end and t.char_start < quantity.char_end for t in times)


def _with_document_subject(claims: list[ClaimRecord], mentions: Sequence[EntityMentionRecord]) -> list[ClaimRecord]:
    """Give a document's claims whose sentence names no actor the document's most mentioned actor."""
    counts: dict[str, int] = {}
    for mention in mentions:
        if mention.type in DOCUMENT_SUBJECT_TYPES:
            counts[mention.entity_id] = counts.get(mention.entity_id, 0) + 1
    if not counts:
        return claims
    main = max(sorted(counts), key=lambda entity: counts[entity])
    return [
        replace(c, subject_entity_id=main, subject_from_document=True) if c.subject_entity_id is None else c
        for c in claims
    ]


def _unread_reason(sentence: SentenceInput, passages: dict[str, PassageInput], skip_reason: str | None) -> str | None:
    """Why the extractors do not read ``sentence`` at all, or None when they do."""
    passage = passages[sentence.passage_id]
    if skip_reason is not None:
        return "non_english_document"
    if passage.language not in (None, EXTRACTION_LANGUAGE):
        return "non_english_passage"
    if passage.kind not in EXTRACTED_PASSAGE_KINDS:
        return f"{passage.kind}_passage"
    return None


@dataclass
class _SentenceFacts:
    sentence: SentenceInput
    times: list[TimeExpression]
    quantities: list[Quantity]
    mentions: list[Mention]
    attributions: list[Attribution]


class Extractor:
    """All extractors over documents, with the vocabularies loaded once."""

    def __init__(self, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> None:
        self.quantity_vocabulary: QuantityVocabulary = load_quantity_vocabulary(reference_dir)
        self.temporal_vocabulary: TemporalVocabulary = load_temporal_vocabulary(reference_dir)
        self.mention_finder = MentionFinder(load_entity_catalog(reference_dir))
        self.attribution_cues: AttributionCues = load_attribution_cues(reference_dir)
        self.measures: MeasureVocabulary = load_measures(reference_dir)
        self.version = extractor_version(reference_dir)

    def extract(
        self, documents: Iterable[DocumentInput], *, done: frozenset[str] = frozenset(), now: datetime
    ) -> tuple[ExtractionRows, list[str]]:
        """Extract every document whose fingerprint is not in ``done``.

        Returns the rows of the extracted documents (a ledger row for each) and the doc_ids that were
        unchanged and skipped, whose earlier rows stay valid.
        """
        rows, unchanged = ExtractionRows(), []
        for document in documents:
            fingerprint = input_fingerprint(document, self.version)
            if fingerprint in done:
                unchanged.append(document.doc_id)
                continue
            own = ExtractionRows()
            try:
                self._extract_document(document, fingerprint, own, now)
            except Exception as error:
                own = ExtractionRows(extraction_ledger=[self._failed(document, fingerprint, error, now)])
            rows.extend(own)
        return rows, unchanged

    def _failed(
        self, document: DocumentInput, fingerprint: str, error: Exception, now: datetime
    ) -> ExtractionLedgerRecord:
        """The ledger row of a document whose extraction raised: no rows kept, tried again next run."""
        failure = failure_of(doc_id=document.doc_id, stage=EXTRACT_STAGE, error=error)
        return ExtractionLedgerRecord(
            doc_id=document.doc_id,
            input_fingerprint=fingerprint,
            status="failed",
            skip_reason=None,
            n_sentences=0,
            n_quantities=0,
            n_time_expressions=0,
            n_mentions=0,
            n_claims=0,
            error_class=failure.error_class,
            error_message=failure.error_message,
            extractor_version=self.version,
            extracted_at=now,
        )

    def _read_sentence(
        self, sentence: SentenceInput, times: list[TimeExpression], context: DocumentContext
    ) -> _SentenceFacts:
        quantities = [
            q
            for q in extract_quantities(text=sentence.text, vocabulary=self.quantity_vocabulary)
            if not _overlaps(q, times)
        ]
        mentions = self.mention_finder.find(text=sentence.text, context=context)
        attributions = find_attributions(text=sentence.text, mentions=mentions, cues=self.attribution_cues)
        return _SentenceFacts(sentence, times, quantities, mentions, attributions)

    def _extract_document(self, document: DocumentInput, fingerprint: str, rows: ExtractionRows, now: datetime) -> None:
        passages = {p.passage_id: p for p in document.passages}
        skip_reason = None
        if document.language not in (None, EXTRACTION_LANGUAGE):
            skip_reason = f"document language is {document.language}; the extractors read English only"
        context = DocumentContext()
        first_mention, first_claim = len(rows.entity_mentions), len(rows.claims)
        counts = {"sentences": 0, "quantities": 0, "times": 0, "mentions": 0, "claims": 0}
        unread = {
            sentence.sentence_id: _unread_reason(sentence, passages, skip_reason) for sentence in document.sentences
        }
        read = [sentence for sentence in document.sentences if unread[sentence.sentence_id] is None]
        times = extract_story_time_expressions(
            sentences=[sentence.text for sentence in read],
            published=document.published,
            vocabulary=self.temporal_vocabulary,
        )
        times_of = {sentence.sentence_id: found for sentence, found in zip(read, times, strict=True)}
        # The last date the previous sentence named: a sentence that goes on about it ("It killed 612
        # people") and names no time of its own is about that date, not the article's. Only the period is
        # carried; the claim's time_id stays a time of its own sentence.
        previous_date: str | None = None
        for sentence in document.sentences:
            passage = passages[sentence.passage_id]
            reason = unread[sentence.sentence_id]
            if reason is not None:
                rows.sentences_without_claims.append(
                    SentenceWithoutClaimsRecord(sentence.sentence_id, document.doc_id, reason)
                )
                continue
            facts = self._read_sentence(sentence, times_of[sentence.sentence_id], context)
            ids = self._store_sentence(document, facts, rows)
            claims: list[Claim] = []
            if passage.kind != "body":
                reason = f"{passage.kind}_passage"
            elif passage.is_off_topic:
                reason = "off_topic_passage"
            else:
                claims = find_claims(
                    text=sentence.text,
                    mentions=facts.mentions,
                    quantities=facts.quantities,
                    times=facts.times,
                    attributions=facts.attributions,
                    vocabulary=self.measures,
                )
                reason = None if claims else "nothing_checkable"
            if reason is not None:
                rows.sentences_without_claims.append(
                    SentenceWithoutClaimsRecord(sentence.sentence_id, document.doc_id, reason)
                )
            carried = previous_date if self.measures.continues.match(sentence.text) else None
            rows.claims += [
                self._claim_record(document.doc_id, facts, ids, claim, n, carried) for n, claim in enumerate(claims)
            ]
            dated = [(i, t) for i, t in enumerate(facts.times) if t.type == "DATE" and not t.value.endswith("_REF")]
            previous_date = dated[-1][1].value if dated else None
            counts["sentences"] += 1
            counts["quantities"] += len(facts.quantities)
            counts["times"] += len(facts.times)
            counts["mentions"] += len(facts.mentions)
            counts["claims"] += len(claims)
        if skip_reason is None:
            mentions = rows.entity_mentions[first_mention:]
            self._quotes(document, mentions, rows)
            rows.claims[first_claim:] = _with_document_subject(rows.claims[first_claim:], mentions)
        rows.extraction_ledger.append(
            ExtractionLedgerRecord(
                doc_id=document.doc_id,
                input_fingerprint=fingerprint,
                status="skipped" if skip_reason else "extracted",
                skip_reason=skip_reason,
                n_sentences=counts["sentences"],
                n_quantities=counts["quantities"],
                n_time_expressions=counts["times"],
                n_mentions=counts["mentions"],
                n_claims=counts["claims"],
                error_class=None,
                error_message=None,
                extractor_version=self.version,
                extracted_at=now,
            )
        )

    def _store_sentence(
        self, document: DocumentInput, facts: _SentenceFacts, rows: ExtractionRows
    ) -> dict[str, list[str]]:
        """Append the sentence's rows; return their ids by kind, in the order of the facts' lists."""
        doc_id, sentence, offset = document.doc_id, facts.sentence, facts.sentence.char_start
        time_rows = [self._time_record(doc_id, sentence, t) for t in facts.times]
        quantity_rows = [self._quantity_record(doc_id, sentence, q) for q in facts.quantities]
        mention_rows = [
            EntityMentionRecord(
                mention_id=_row_id("men", doc_id, offset + m.char_start, offset + m.char_end),
                doc_id=doc_id,
                sentence_id=sentence.sentence_id,
                char_start=offset + m.char_start,
                char_end=offset + m.char_end,
                surface=m.surface,
                entity_id=m.entity_id,
                name=m.name,
                type=m.type,
                in_catalog=m.in_catalog,
                confidence=m.confidence,
                rule=m.rule,
                extractor="triangulate.entities",
                extractor_version=self.version,
            )
            for m in facts.mentions
        ]
        attribution_rows: list[AttributionRecord] = []
        for a in facts.attributions:
            start, end = offset + a.char_start, offset + a.char_end
            cited_by = attribution_rows[-1].attribution_id if a.cites_previous and attribution_rows else None
            attribution_rows.append(
                AttributionRecord(
                    attribution_id=_row_id("att", doc_id, start, end),
                    doc_id=doc_id,
                    sentence_id=sentence.sentence_id,
                    char_start=start,
                    char_end=end,
                    surface=a.surface,
                    source_name=a.source_name,
                    source_kind=a.source_kind,
                    entity_id=a.entity_id,
                    url=document.reference_urls.get(a.marker) if a.marker else None,
                    marker=a.marker,
                    cited_by_attribution_id=cited_by,
                    rule=a.rule,
                    extractor="triangulate.attributions",
                    extractor_version=self.version,
                )
            )
        rows.time_expressions += time_rows
        rows.quantities += quantity_rows
        rows.entity_mentions += mention_rows
        rows.attributions += attribution_rows
        return {
            "times": [r.time_id for r in time_rows],
            "quantities": [r.quantity_id for r in quantity_rows],
            "mentions": [r.mention_id for r in mention_rows],
            "attributions": [r.attribution_id for r in attribution_rows],
        }

    def _claim_record(
        self,
        doc_id: str,
        facts: _SentenceFacts,
        ids: Mapping[str, list[str]],
        claim: Claim,
        ordinal: int,
        carried: str | None,
    ) -> ClaimRecord:
        """The row of one claim; ``carried`` is the period a claim with no time of its own takes."""
        sentence = facts.sentence
        time_id = None if claim.time is None else ids["times"][claim.time]
        period = claim.period if time_id is not None or carried is None else carried
        subject = None if claim.subject is None else facts.mentions[claim.subject]
        return ClaimRecord(
            claim_id=_row_id(
                "clm", doc_id, sentence.char_start, sentence.char_start + len(sentence.text), str(ordinal)
            ),
            doc_id=doc_id,
            sentence_id=sentence.sentence_id,
            char_start=sentence.char_start,
            char_end=sentence.char_start + len(sentence.text),
            text=sentence.text,
            subject_entity_id=None if subject is None else subject.entity_id,
            subject_mention_id=None if claim.subject is None else ids["mentions"][claim.subject],
            subject_from_document=False,
            measure=claim.measure,
            quantity_id=None if claim.quantity is None else ids["quantities"][claim.quantity],
            time_id=time_id,
            attribution_id=None if claim.attribution is None else ids["attributions"][claim.attribution],
            hedged=claim.hedged,
            negated=claim.negated,
            period=period,
            scope=claim.scope,
            extractor="triangulate.claims",
            extractor_version=self.version,
        )

    def _quotes(self, document: DocumentInput, mentions: Sequence[EntityMentionRecord], rows: ExtractionRows) -> None:
        """Quotations of body passages, with speakers from the passage's mentions."""
        by_passage: dict[str, list[SentenceInput]] = {}
        for sentence in document.sentences:
            by_passage.setdefault(sentence.passage_id, []).append(sentence)
        for passage in document.passages:
            if passage.kind != "body" or passage.language not in (None, EXTRACTION_LANGUAGE):
                continue
            end = passage.char_start + len(passage.text)
            local = [
                Mention(m.char_start - passage.char_start, m.char_end - passage.char_start, m.surface, m.entity_id,
                        m.name, m.type, m.in_catalog, m.confidence, m.rule)
                for m in mentions
                if passage.char_start <= m.char_start and m.char_end <= end
            ]  # fmt: skip
            for quote in find_quotes(text=passage.text, mentions=local):
                start = passage.char_start + quote.char_start
                containing = [s for s in by_passage.get(passage.passage_id, []) if s.char_start <= start]
                rows.quotes.append(
                    QuoteRecord(
                        quote_id=_row_id("quo", document.doc_id, start, passage.char_start + quote.char_end),
                        doc_id=document.doc_id,
                        passage_id=passage.passage_id,
                        sentence_id=containing[-1].sentence_id
                        if containing
                        else by_passage[passage.passage_id][0].sentence_id,
                        char_start=start,
                        char_end=passage.char_start + quote.char_end,
                        text=quote.text,
                        speaker_name=quote.speaker_name,
                        speaker_entity_id=quote.speaker_entity_id,
                        extractor="triangulate.quotes",
                        extractor_version=self.version,
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
            extractor="triangulate.quantities",
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
            undated_reason=None if expression.start_date else undated_reason(expression.type, expression.value),
            resolution=expression.resolution,
            anchor=expression.anchor,
            mod=expression.mod,
            comparison_date=expression.comparison_date,
            extractor="triangulate.temporal",
            extractor_version=self.version,
        )
