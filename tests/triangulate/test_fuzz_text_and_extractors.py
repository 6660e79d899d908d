"""Property-based fuzzing of the text layer and every extractor with hostile and news-like text.

Properties: building the text layer and extracting never raise; every span is exact
(``text[char_start:char_end]`` is the row's surface or text, ``0 <= start <= end <= len``); every row
produced validates against the Pandera model of its table. The texts come from
``tests/triangulate/fuzz_strategies.py``.

The runs are derandomized, so a run is deterministic. ``TRIANGULATE_FUZZ_EXAMPLES`` sets the number of
examples per property (default 60, the CI profile); a long session is, for example::

    TRIANGULATE_FUZZ_EXAMPLES=3000 .venv/bin/python -m pytest tests/triangulate/test_fuzz_text_and_extractors.py
"""

import math
import os
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandera.errors import SchemaErrors

from checks.models import MODELS_BY_TABLE
from tests.triangulate.fuzz_strategies import document_text, repetitive_text, sentence_text
from triangulate.arrow_tables import to_arrow
from triangulate.attributions import find_attributions
from triangulate.claims import find_claims
from triangulate.decoding import normalise_text
from triangulate.entities import DocumentContext
from triangulate.extraction import (
    DocumentInput,
    ExtractionRows,
    Extractor,
    PassageInput,
    SentenceInput,
    undated_reason,
)
from triangulate.quantities import extract_quantities
from triangulate.quotes import find_quotes
from triangulate.records import (
    AttributionRecord,
    ClaimRecord,
    DocumentFlagsRecord,
    EntityMentionRecord,
    ExtractionLedgerRecord,
    PassageRecord,
    QualityIssueRecord,
    QuantityRecord,
    QuoteRecord,
    SentenceRecord,
    SentenceWithoutClaimsRecord,
    SourceLinkRecord,
    TimeExpressionRecord,
)
from triangulate.relevance import PassageText, score_relevance
from triangulate.temporal import extract_story_time_expressions, extract_time_expressions
from triangulate.text_layer import TextInput, TextLayer, TextRows

EXAMPLES = int(os.environ.get("TRIANGULATE_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
NOW = datetime(2026, 1, 1, tzinfo=UTC)
# Publication dates: none, ordinary ones and the ends of what a date can hold.
published_dates = st.one_of(
    st.none(), st.dates(), st.sampled_from([date(1, 1, 1), date(9999, 12, 31), date(2024, 2, 29), date(2025, 8, 27)])
)
manifest_urls = st.sampled_from([None, "https://www.example.com/2024/05/01/story.html", "http://example.org/a"])
# Dates pandas cannot hold as nanosecond timestamps; the time expression model is moving to a date type.
_NS_DATES = (pd.Timestamp.min.date(), pd.Timestamp.max.date())
_DATE_COLUMNS = ("start_date", "end_date", "anchor")
TEXT_TABLES: dict[str, tuple[str, type]] = {
    "passages": ("text.passages", PassageRecord),
    "sentences": ("text.sentences", SentenceRecord),
    "document_flags": ("text.document_flags", DocumentFlagsRecord),
    "source_links": ("text.source_links", SourceLinkRecord),
    "quality_issues": ("text.quality_issues", QualityIssueRecord),
}
EXTRACTED_TABLES: dict[str, tuple[str, type]] = {
    "quantities": ("extracted.quantities", QuantityRecord),
    "time_expressions": ("extracted.time_expressions", TimeExpressionRecord),
    "entity_mentions": ("extracted.entity_mentions", EntityMentionRecord),
    "attributions": ("extracted.attributions", AttributionRecord),
    "quotes": ("extracted.quotes", QuoteRecord),
    "claims": ("extracted.claims", ClaimRecord),
    "sentences_without_claims": ("extracted.sentences_without_claims", SentenceWithoutClaimsRecord),
    "extraction_ledger": ("extracted.extraction_ledger", ExtractionLedgerRecord),
}


@cache
def _text_layer() -> TextLayer:
    return TextLayer()


@cache
def _extractor() -> Extractor:
    return Extractor()


def _outside_nanosecond_range(value: object) -> bool:
    return isinstance(value, date) and not _NS_DATES[0] <= value <= _NS_DATES[1]


def invalid_rows(table: str, rows: Sequence[Any], row_type: type) -> list[str]:
    """Describe every failure of ``rows`` against the model of ``table`` (empty when all are valid).

    Not counted: a figure the text states but that is implausible for its kind ("101 percentage points"),
    which the pipeline sets aside as a rejected row, and dates outside what a nanosecond timestamp holds
    in the time expression table, whose date columns are becoming a date type holding years 1 to 9999.
    """
    if not rows:
        return []
    frame = to_arrow(rows, row_type).to_pandas()
    try:
        MODELS_BY_TABLE[table].validate(frame, lazy=True)
    except SchemaErrors as errors:
        cases = errors.failure_cases
        known = cases["column"].isin(_DATE_COLUMNS) & cases["failure_case"].map(_outside_nanosecond_range)
        known |= cases["check"] == "value_is_plausible_for_kind"
        return [f"{table}.{case.column} {case.check}: {case.failure_case!r}" for case in cases[~known].itertuples()]
    return []


def _assert_valid(failures: list[str]) -> None:
    """Fail with the distinct (table, column, check) failures first, then every failing value."""
    checks = sorted({failure.split(":")[0] for failure in failures})
    assert not failures, "; ".join(checks) + "\n" + "\n".join(failures[:50])


def _assert_span(text: str, start: int | None, end: int | None, expected: str, what: str) -> None:
    assert start is not None and end is not None, what
    assert 0 <= start <= end <= len(text), f"{what}: span {start}:{end} outside 0:{len(text)}"
    assert text[start:end] == expected, f"{what}: {text[start:end]!r} != {expected!r}"


def _documents(drawn: Sequence[tuple[str, bool, str | None]]) -> list[TextInput]:
    """Documents as ingestion makes them: normalised text, the first line as title or none, a manifest URL."""
    documents = []
    for number, (raw, has_title, url) in enumerate(drawn):
        text = normalise_text(raw)
        first_line = text.split("\n", 1)[0].strip()
        documents.append(TextInput(f"doc_{number:016x}", text, first_line if has_title and first_line else None, url))
    return documents


def _check_text_rows(documents: Sequence[TextInput], rows: TextRows) -> None:
    texts = {doc.doc_id: doc.text for doc in documents}
    passages = {p.passage_id: p for p in rows.passages}
    for p in rows.passages:
        _assert_span(texts[p.doc_id], p.char_start, p.char_end, p.text, "passage")
    for s in rows.sentences:
        _assert_span(texts[s.doc_id], s.char_start, s.char_end, s.text, "sentence")
        passage = passages[s.passage_id]
        assert passage.char_start <= s.char_start and s.char_end <= passage.char_end
    for link in rows.source_links:
        if link.char_start is not None:
            _assert_span(texts[link.doc_id], link.char_start, link.char_end, link.url, "source link")
    for issue in rows.quality_issues:
        if issue.char_start is not None and issue.doc_id is not None:
            assert issue.char_end is not None
            assert 0 <= issue.char_start <= issue.char_end <= len(texts[issue.doc_id]), "quality issue span"
    failures = [
        failure
        for name, (table, row_type) in TEXT_TABLES.items()
        for failure in invalid_rows(table, getattr(rows, name), row_type)
    ]
    _assert_valid(failures)


def _extraction_input(
    documents: Sequence[TextInput], rows: TextRows, published: date | None, detected_language: bool
) -> list[DocumentInput]:
    """The documents as the extraction asset reads them back from the text layer's tables."""
    inputs = []
    languages = {flag.doc_id: flag.language for flag in rows.document_flags}
    for doc in documents:
        passages = [
            PassageInput(
                p.passage_id, p.char_start, p.text, p.kind, p.is_off_topic, p.language if detected_language else None
            )
            for p in rows.passages
            if p.doc_id == doc.doc_id
        ]
        sentences = [
            SentenceInput(s.sentence_id, s.passage_id, s.char_start, s.text)
            for s in rows.sentences
            if s.doc_id == doc.doc_id
        ]
        urls = {link.marker: link.url for link in rows.source_links if link.doc_id == doc.doc_id and link.marker}
        language = languages[doc.doc_id] if detected_language else None
        inputs.append(DocumentInput(doc.doc_id, published, language, passages, sentences, urls))
    return inputs


def _check_extracted_rows(documents: Sequence[TextInput], rows: ExtractionRows) -> None:
    texts = {doc.doc_id: doc.text for doc in documents}
    for kind in ("quantities", "time_expressions", "entity_mentions", "attributions"):
        for row in getattr(rows, kind):
            _assert_span(texts[row.doc_id], row.char_start, row.char_end, row.surface, kind)
    for row in rows.quantities:
        assert all(math.isfinite(v) for v in (row.value, row.value_low, row.value_high) if v is not None), row
    spans_of_text: list[QuoteRecord | ClaimRecord] = [*rows.quotes, *rows.claims]
    for row in spans_of_text:
        _assert_span(texts[row.doc_id], row.char_start, row.char_end, row.text, type(row).__name__)
    failures = [
        failure
        for name, (table, row_type) in EXTRACTED_TABLES.items()
        for failure in invalid_rows(table, getattr(rows, name), row_type)
    ]
    _assert_valid(failures)


@FUZZ
@given(
    drawn=st.lists(st.tuples(document_text(), st.booleans(), manifest_urls), min_size=1, max_size=2),
    published=published_dates,
    detected_language=st.booleans(),
)
def test_text_layer_and_extraction_give_exact_spans_and_valid_rows(
    drawn: list[tuple[str, bool, str | None]], published: date | None, detected_language: bool
) -> None:
    documents = _documents(drawn)
    rows = _text_layer().build(documents)
    _check_text_rows(documents, rows)
    inputs = _extraction_input(documents, rows, published, detected_language)
    extracted, unchanged = _extractor().extract(inputs, now=NOW)
    assert unchanged == []
    assert len(extracted.extraction_ledger) == len(documents)
    _check_extracted_rows(documents, extracted)


@FUZZ
@given(
    documents=st.lists(
        st.lists(
            st.tuples(st.sampled_from(["title", "heading", "body"]), st.one_of(repetitive_text(), sentence_text())),
            min_size=1,
            max_size=5,
        ),
        min_size=1,
        max_size=3,
    )
)
def test_relevance_scores_are_shares_and_a_lone_document_has_no_corpus(
    documents: list[list[tuple[str, str]]],
) -> None:
    passages = [
        PassageText(f"d{number}", f"d{number}-{ordinal}", kind, text)
        for number, document in enumerate(documents)
        for ordinal, (kind, text) in enumerate(document)
    ]
    for score in score_relevance(passages=passages, stopwords=_text_layer().stopwords):
        shares = (score.relevance, score.document_similarity, score.corpus_similarity)
        assert all(share is None or 0 <= share <= 1 for share in shares), score
        assert len(documents) > 1 or score.corpus_similarity is None, score


def _assert_spans_of(text: str, found: Sequence[Any], what: str) -> None:
    for item in found:
        _assert_span(text, item.char_start, item.char_end, item.surface, what)


@FUZZ
@given(text=sentence_text(), published=published_dates)
def test_sentence_extractors_give_exact_spans(text: str, published: date | None) -> None:
    extractor = _extractor()
    quantities = extract_quantities(text=text, vocabulary=extractor.quantity_vocabulary)
    _assert_spans_of(text, quantities, "quantity")
    for quantity in quantities:
        assert all(math.isfinite(v) for v in quantity[4:7] if v is not None), quantity
    times = extract_time_expressions(text=text, published=published, vocabulary=extractor.temporal_vocabulary)
    _assert_spans_of(text, times, "time expression")
    mentions = extractor.mention_finder.find(text=text, context=DocumentContext())
    _assert_spans_of(text, mentions, "mention")
    attributions = find_attributions(text=text, mentions=mentions, cues=extractor.attribution_cues)
    _assert_spans_of(text, attributions, "attribution")
    for quote in find_quotes(text=text, mentions=mentions):
        _assert_span(text, quote.char_start, quote.char_end, quote.text, "quote")
    claims = find_claims(
        text=text,
        mentions=mentions,
        quantities=quantities,
        times=times,
        attributions=attributions,
        vocabulary=extractor.measures,
    )
    for claim in claims:
        assert claim.quantity is None or 0 <= claim.quantity < len(quantities)
        assert claim.time is None or 0 <= claim.time < len(times)
        assert claim.subject is None or 0 <= claim.subject < len(mentions)


@FUZZ
@given(sentences=st.lists(sentence_text(), max_size=6), published=published_dates)
def test_story_time_expressions_stay_within_their_sentence(sentences: list[str], published: date | None) -> None:
    found = extract_story_time_expressions(
        sentences=sentences, published=published, vocabulary=_extractor().temporal_vocabulary
    )
    assert len(found) == len(sentences)
    for sentence, expressions in zip(sentences, found, strict=True):
        _assert_spans_of(sentence, expressions, "story time expression")


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("It happened 3000 years ago.", date(2025, 1, 1)),
        ("It rose 99999999 weeks ago.", date(2025, 1, 1)),
        ("It ends tomorrow.", date(9999, 12, 31)),
        ("It began a year ago.", date(1, 6, 1)),
    ],
)
def test_time_beyond_the_calendar_does_not_raise(text: str, published: date) -> None:
    found = extract_time_expressions(text=text, published=published, vocabulary=_extractor().temporal_vocabulary)
    _assert_spans_of(text, found, "time expression")
    assert [(e.start_date, e.end_date) for e in found] == [(None, None)]
    assert undated_reason(found[0].type, found[0].value) == "outside_calendar"
