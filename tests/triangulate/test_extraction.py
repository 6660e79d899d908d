"""Running the extractors over documents: what is read, offsets, claims, skips and fingerprints."""

import ast
from datetime import UTC, date, datetime
from pathlib import Path

from triangulate import extraction
from triangulate.extraction import DocumentInput, Extractor, PassageInput, SentenceInput

NOW = datetime(2026, 1, 1, tzinfo=UTC)
DOC = "doc_0000000000000001"


def _document(
    *passages: tuple[str, str, bool],
    language: str | None = "en",
    published: date | None = None,
    urls: dict[str, str] | None = None,
) -> DocumentInput:
    """A document of (text, kind, is_off_topic) passages, one sentence each, 100 characters apart."""
    passage_rows = [
        PassageInput(f"p_{n:016x}", 100 * n, text, kind, off_topic, language)
        for n, (text, kind, off_topic) in enumerate(passages)
    ]
    sentences = [SentenceInput(f"s_{n:016x}", p.passage_id, p.char_start, p.text) for n, p in enumerate(passage_rows)]
    return DocumentInput(DOC, published, language, passage_rows, sentences, urls or {})


def test_spans_are_document_offsets_and_boilerplate_is_not_read() -> None:
    document = _document(
        ("Nvidia shares fell 3.9% on Friday.", "body", False),
        ("Rated 4.5% by 12 readers.", "boilerplate", False),
        published=date(2025, 8, 25),
    )
    rows, unchanged = Extractor().extract([document], now=NOW)
    assert unchanged == []
    assert [(q.surface, q.char_start, q.char_end) for q in rows.quantities] == [("3.9%", 19, 23)]
    assert [(t.surface, t.value, t.char_start) for t in rows.time_expressions] == [("Friday", "2025-08-22", 27)]
    assert [(m.surface, m.entity_id, m.char_start) for m in rows.entity_mentions] == [("Nvidia", "nvidia", 0)]
    (claim,) = rows.claims
    assert (claim.measure, claim.subject_entity_id, claim.quantity_id) == (
        "share_price_change",
        "nvidia",
        rows.quantities[0].quantity_id,
    )
    assert [(s.sentence_id, s.reason) for s in rows.sentences_without_claims] == [
        ("s_0000000000000001", "boilerplate_passage")
    ]
    (ledger,) = rows.extraction_ledger
    assert (ledger.status, ledger.n_sentences, ledger.n_quantities, ledger.n_claims) == ("extracted", 1, 1, 1)


def test_off_topic_passages_give_facts_but_no_claims() -> None:
    document = _document(("The delegation met for 3 hours and signed 2 agreements.", "body", True))
    rows, _ = Extractor().extract([document], now=NOW)
    assert [q.surface for q in rows.quantities] == ["2"]
    assert rows.claims == []
    assert [s.reason for s in rows.sentences_without_claims] == ["off_topic_passage"]


def test_reference_markers_resolve_to_the_reference_list_url() -> None:
    document = _document(
        ("The plan could triple output [2].", "body", False), urls={"[2]": "https://example.org/report"}
    )
    rows, _ = Extractor().extract([document], now=NOW)
    (attribution,) = rows.attributions
    assert (attribution.source_kind, attribution.marker, attribution.url) == (
        "reference",
        "[2]",
        "https://example.org/report",
    )
    (claim,) = rows.claims
    assert claim.attribution_id == attribution.attribution_id and claim.hedged


def test_abbreviations_defined_earlier_in_the_document_are_the_same_entity() -> None:
    document = _document(
        ("Yangtze Memory Technologies Co (YMTC) expanded.", "body", False),
        ("YMTC added two new fabs.", "body", False),
    )
    rows, _ = Extractor().extract([document], now=NOW)
    assert [m.entity_id for m in rows.entity_mentions] == ["ymtc", "ymtc", "ymtc"]


def test_non_english_documents_and_passages_are_skipped_with_a_reason() -> None:
    german = ("Der Umsatz stieg 2024 um 12%.", "body", False)
    rows, _ = Extractor().extract([_document(german, language="de")], now=NOW)
    assert rows.quantities == [] and rows.entity_mentions == [] and rows.claims == []
    (ledger,) = rows.extraction_ledger
    assert ledger.status == "skipped" and ledger.skip_reason is not None and "de" in ledger.skip_reason
    assert [s.reason for s in rows.sentences_without_claims] == ["non_english_document"]


def test_unchanged_documents_are_not_extracted_again_but_a_new_date_is_a_change() -> None:
    sentence = ("Output will triple next year.", "body", False)
    extractor = Extractor()
    first, _ = extractor.extract([_document(sentence)], now=NOW)
    done = frozenset(row.input_fingerprint for row in first.extraction_ledger)
    again, unchanged = extractor.extract([_document(sentence)], done=done, now=NOW)
    assert unchanged == [DOC] and again.extraction_ledger == []
    dated, unchanged = extractor.extract([_document(sentence, published=date(2025, 8, 27))], done=done, now=NOW)
    assert unchanged == []
    assert [(t.value, t.resolution) for t in dated.time_expressions] == [("2026", "relative_resolved")]
    assert [c.period for c in dated.claims] == ["2026"]


def test_time_expressions_refer_back_across_the_sentences_of_a_document() -> None:
    document = _document(
        ("Intel's profit fell in the second quarter.", "body", False),
        ("Boilerplate: the quarter ends soon.", "boilerplate", False),
        ("Sales in the quarter fell 5% from a year earlier.", "body", False),
        published=date(2025, 8, 25),
    )
    rows, _ = Extractor().extract([document], now=NOW)
    assert [(t.surface, t.value, t.char_start) for t in rows.time_expressions] == [
        ("the second quarter", "2025-Q2", 23),
        ("the quarter", "2025-Q2", 209),
        ("a year earlier", "2024-Q2", 234),
    ]


def test_the_extractor_fingerprint_covers_every_module_extraction_imports() -> None:
    package = Path(extraction.__file__).parent
    imported, waiting = set(), ["extraction"]
    while waiting:
        name = waiting.pop()
        if name in imported:
            continue
        imported.add(name)
        for node in ast.walk(ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("triangulate"):
                parts = node.module.split(".")
                names = parts[1:] if len(parts) > 1 else [alias.name for alias in node.names]
                waiting += [n for n in names if (package / f"{n}.py").is_file()]
    assert sorted(f"{name}.py" for name in imported) == sorted(extraction.EXTRACTOR_MODULES)


def test_a_sentence_going_on_about_the_one_before_takes_its_date() -> None:
    document = _document(
        ("The last big quake hit the region in February 2005.", "body", False),
        ("It killed 612 people.", "body", False),
        ("The new quake killed 10 people.", "body", False),
        published=date(2005, 11, 28),
    )
    rows, _ = Extractor().extract([document], now=NOW)
    periods = {(c.measure, c.period, c.time_id) for c in rows.claims}
    assert periods == {("people_killed", "2005-02", None), ("people_killed", None, None)}
