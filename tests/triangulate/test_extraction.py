"""Running the extractors over documents: what is read, offsets, overlaps, skips and fingerprints."""

from datetime import UTC, date, datetime

from triangulate.extraction import DocumentInput, Extractor, SentenceInput

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _document(*sentences: SentenceInput, language: str | None = "en", published: date | None = None) -> DocumentInput:
    return DocumentInput("doc_0000000000000001", published, language, list(sentences))


def test_spans_are_document_offsets_and_boilerplate_is_not_read() -> None:
    body = SentenceInput("s_0000000000000001", 100, "Shares fell 3.9% on Friday.", "body", "en")
    widget = SentenceInput("s_0000000000000002", 200, "Rated 4.5% by 12 readers.", "boilerplate", "en")
    rows, unchanged = Extractor().extract([_document(body, widget, published=date(2025, 8, 25))], now=NOW)
    assert unchanged == []
    ((quantity,),) = [rows.quantities]
    assert (quantity.surface, quantity.char_start, quantity.char_end) == ("3.9%", 112, 116)
    assert [(t.surface, t.value, t.char_start) for t in rows.time_expressions] == [("Friday", "2025-08-22", 120)]
    (ledger,) = rows.ledger
    assert (ledger.status, ledger.n_sentences, ledger.n_quantities, ledger.n_time_expressions) == ("extracted", 1, 1, 1)


def test_non_english_documents_and_passages_are_skipped_with_a_reason() -> None:
    german = SentenceInput("s_0000000000000001", 0, "Der Umsatz stieg 2024 um 12%.", "body", "de")
    rows, _ = Extractor().extract([_document(german, language="de")], now=NOW)
    assert rows.quantities == [] and rows.time_expressions == []
    (ledger,) = rows.ledger
    assert ledger.status == "skipped" and ledger.skip_reason is not None and "de" in ledger.skip_reason
    english_doc_german_passage = _document(german, language="en")
    rows, _ = Extractor().extract([english_doc_german_passage], now=NOW)
    assert rows.quantities == [] and rows.ledger[0].n_sentences == 0


def test_unchanged_documents_are_not_extracted_again_but_a_new_date_is_a_change() -> None:
    sentence = SentenceInput("s_0000000000000001", 0, "Output will triple next year.", "body", "en")
    extractor = Extractor()
    first, _ = extractor.extract([_document(sentence)], now=NOW)
    done = frozenset(row.input_fingerprint for row in first.ledger)
    again, unchanged = extractor.extract([_document(sentence)], done=done, now=NOW)
    assert unchanged == ["doc_0000000000000001"] and again.ledger == []
    dated, unchanged = extractor.extract([_document(sentence, published=date(2025, 8, 27))], done=done, now=NOW)
    assert unchanged == []
    assert [(t.value, t.resolution) for t in dated.time_expressions] == [("2026", "relative_resolved")]
