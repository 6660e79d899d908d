"""Build the text layer's rows (passages with kinds and relevance, sentences) for a set of documents.

This module wires the pure pieces together (passage splitting and classification, sentence splitting,
relevance scoring) and gives rows stable, content-derived ids. Relevance is scored across all the
documents passed in, which are the corpus the story is told by.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from triangulate import __version__
from triangulate.ai_labels import find_ai_labels, load_ai_label_patterns
from triangulate.failures import DocumentFailure, failure_of
from triangulate.ids import sha256_hex
from triangulate.language import LanguageGuess, detect_language, document_language, load_languages
from triangulate.passages import Passage, PassageRules, load_passage_rules, split_passages
from triangulate.records import (
    DocumentFlagsRecord,
    PassageRecord,
    QualityIssueRecord,
    SentenceRecord,
    SourceLinkRecord,
)
from triangulate.reference import DEFAULT_REFERENCE_DIR, load_month_names, load_widget_line_patterns
from triangulate.relevance import PassageText, Relevance, load_stopwords, score_relevance
from triangulate.sentences import load_abbreviations, split_sentences
from triangulate.source_links import SourceLink, find_source_links, unmatched_markers
from triangulate.text_quality import text_quality_issues

EXTRACTOR = "triangulate.text_layer"
# Passage kinds that carry the article's content; every other kind is page furniture.
CONTENT_KINDS = frozenset({"title", "heading", "body"})
SEGMENT_STAGE = "segment"


@dataclass(frozen=True)
class TextInput:
    """What the text layer needs of a document."""

    doc_id: str
    text: str
    title: str | None
    manifest_url: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class TextRows:
    """Rows of the text layer for a set of documents, and the documents that could not be processed."""

    passages: list[PassageRecord]
    sentences: list[SentenceRecord]
    document_flags: list[DocumentFlagsRecord]
    source_links: list[SourceLinkRecord]
    quality_issues: list[QualityIssueRecord]
    failures: list[DocumentFailure]


@dataclass(frozen=True)
class _DocumentRows:
    """The rows of one document, kept apart until the whole document has succeeded."""

    passages: list[PassageRecord]
    sentences: list[SentenceRecord]
    document_flags: list[DocumentFlagsRecord]
    source_links: list[SourceLinkRecord]
    unmatched: list[tuple[int, int]]


class TextLayer:
    """Reference data loaded once, applied to any number of documents."""

    def __init__(self, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> None:
        self.rules: PassageRules = load_passage_rules(
            reference_dir, widget_lines=load_widget_line_patterns(reference_dir)
        )
        self.month_names = load_month_names(reference_dir)
        self.abbreviations = load_abbreviations(reference_dir)
        self.stopwords = load_stopwords(reference_dir)
        self.ai_patterns = load_ai_label_patterns(reference_dir)
        self.languages = load_languages(reference_dir)

    def build(self, documents: Sequence[TextInput]) -> TextRows:
        """Return passages and sentences of ``documents``, relevance scored across all of them.

        A document that raises while it is split or described is left out, with a ``DocumentFailure``
        (stage ``segment``); every other document goes on.
        """
        failures: list[DocumentFailure] = []
        split: dict[str, list[Passage]] = {}
        for doc in documents:
            try:
                split[doc.doc_id] = split_passages(
                    text=doc.text, title=doc.title, rules=self.rules, month_names=self.month_names
                )
            except Exception as error:
                failures.append(failure_of(doc_id=doc.doc_id, stage=SEGMENT_STAGE, error=error))
        ids = {
            (doc_id, p.ordinal): _id("p", doc_id, p.char_start, p.char_end) for doc_id, ps in split.items() for p in ps
        }
        scores = {
            score.passage_id: score
            for score in score_relevance(
                passages=[
                    PassageText(doc_id, ids[(doc_id, p.ordinal)], p.kind, p.text)
                    for doc_id, ps in split.items()
                    for p in ps
                ],
                stopwords=self.stopwords,
            )
        }
        rows = TextRows([], [], [], [], [], failures)
        unmatched: dict[str, list[tuple[int, int]]] = {}
        for doc in documents:
            if doc.doc_id not in split:
                continue
            try:
                own = self._document_rows(doc, split[doc.doc_id], ids, scores)
            except Exception as error:
                failures.append(failure_of(doc_id=doc.doc_id, stage=SEGMENT_STAGE, error=error))
                continue
            rows.passages.extend(own.passages)
            rows.sentences.extend(own.sentences)
            rows.source_links.extend(own.source_links)
            rows.document_flags.extend(own.document_flags)
            unmatched[doc.doc_id] = own.unmatched
        rows.quality_issues.extend(
            text_quality_issues(
                passages=rows.passages,
                flags=rows.document_flags,
                links=rows.source_links,
                unmatched_markers=unmatched,
                published={doc.doc_id: doc.published for doc in documents},
            )
        )
        return rows

    def _document_rows(
        self,
        doc: TextInput,
        split: Sequence[Passage],
        ids: Mapping[tuple[str, int], str],
        scores: Mapping[str, Relevance],
    ) -> _DocumentRows:
        """Passage, sentence, link and flag rows of one document."""
        own = _DocumentRows([], [], [], [], [])
        for passage in split:
            passage_id = ids[(doc.doc_id, passage.ordinal)]
            guess = (
                detect_language(text=passage.text, languages=self.languages)
                if passage.kind in CONTENT_KINDS
                else LanguageGuess(None, None, 0)
            )
            own.passages.append(_passage_record(doc.doc_id, passage_id, passage, scores.get(passage_id), guess))
            own.sentences.extend(
                SentenceRecord(
                    sentence_id=_id("s", doc.doc_id, sentence.char_start, sentence.char_end),
                    doc_id=doc.doc_id,
                    passage_id=passage_id,
                    ordinal=sentence.ordinal,
                    char_start=sentence.char_start,
                    char_end=sentence.char_end,
                    text=sentence.text,
                    extractor=EXTRACTOR,
                    extractor_version=__version__,
                )
                for sentence in split_sentences(
                    text=doc.text, start=passage.char_start, end=passage.char_end, abbreviations=self.abbreviations
                )
            )
        found = find_source_links(text=doc.text, passages=split, manifest_url=doc.manifest_url)
        own.source_links.extend(_link_record(doc.doc_id, link) for link in found)
        own.unmatched.extend(unmatched_markers(text=doc.text, passages=split, links=found))
        own.document_flags.append(
            self._flags(doc, own.passages, found, n_sentences=len(own.sentences), unmatched=len(own.unmatched))
        )
        return own

    def _flags(
        self,
        document: TextInput,
        own: Sequence[PassageRecord],
        links: Sequence[SourceLink],
        *,
        n_sentences: int,
        unmatched: int,
    ) -> DocumentFlagsRecord:
        labels = find_ai_labels(text=document.text, patterns=self.ai_patterns)
        total = sum(len(p.text) for p in own) or 1
        body = [p for p in own if p.kind == "body"]
        furniture = sum(len(p.text) for p in own if p.kind not in CONTENT_KINDS)
        evidence = [{"text": a.surface, "char_start": a.char_start, "char_end": a.char_end} for a in labels]
        language = document_language(
            guesses=[
                LanguageGuess(p.language, p.language_confidence, len(p.text)) for p in own if p.language is not None
            ]
        )
        mixed = mixed_source_evidence(passages=own, links=links)
        return DocumentFlagsRecord(
            doc_id=document.doc_id,
            language=language.language,
            language_share=language.share,
            is_mixed_language=language.is_mixed,
            language_shares=json.dumps(language.shares),
            is_ai_generated=bool(labels),
            ai_label_evidence=json.dumps(evidence, ensure_ascii=False) if labels else None,
            n_passages=len(own),
            n_sentences=n_sentences,
            boilerplate_share=round(furniture / total, 4),
            off_topic_share=round(
                sum(len(p.text) for p in body if p.is_off_topic) / (sum(len(p.text) for p in body) or 1), 4
            ),
            unmatched_reference_markers=unmatched,
            is_mixed_sources=bool(mixed),
            mixed_sources_evidence=json.dumps(mixed, ensure_ascii=False) if mixed else None,
            extractor=EXTRACTOR,
            extractor_version=__version__,
        )


def mixed_source_evidence(*, passages: Sequence[PassageRecord], links: Sequence[SourceLink]) -> dict[str, object]:
    """Return why a document looks aggregated from several sources (empty when it does not).

    Two signals: references cited only from passages flagged off-topic (a spliced passage brought its
    own source), and more than one distinct origin domain ("Original:", "Source:", "via" lines).
    """
    off_topic = [(p.char_start, p.char_end) for p in passages if p.is_off_topic]
    spliced_references = [
        {"marker": link.marker, "url": link.url}
        for link in links
        if link.relation == "reference"
        and link.citation_spans
        and all(any(start <= s and e <= end for start, end in off_topic) for s, e in link.citation_spans)
    ]
    origins = sorted({link.domain for link in links if link.relation in {"original", "via"} and link.domain})
    evidence: dict[str, object] = {}
    if spliced_references:
        evidence["references_cited_only_by_off_topic_passages"] = spliced_references
    if len(origins) > 1:
        evidence["origin_domains"] = origins
    return evidence


def _link_record(doc_id: str, link: SourceLink) -> SourceLinkRecord:
    key = f"{doc_id}:{link.relation}:{link.url}:{link.char_start}".encode()
    return SourceLinkRecord(
        link_id="l_" + sha256_hex(key)[:16],
        doc_id=doc_id,
        url=link.url,
        domain=link.domain,
        relation=link.relation,
        marker=link.marker,
        char_start=link.char_start,
        char_end=link.char_end,
        citation_spans=json.dumps(link.citation_spans),
        extractor=EXTRACTOR,
        extractor_version=__version__,
    )


def _id(prefix: str, doc_id: str, start: int, end: int) -> str:
    return f"{prefix}_" + sha256_hex(f"{doc_id}:{start}:{end}".encode())[:16]


def _passage_record(
    doc_id: str, passage_id: str, passage: Passage, score: Relevance | None, guess: LanguageGuess
) -> PassageRecord:
    evidence = None
    if score is not None and score.relevance is not None:
        evidence = json.dumps(
            {
                "relevance": score.relevance,
                "threshold": score.threshold,
                "document_similarity": score.document_similarity,
                "corpus_similarity": score.corpus_similarity,
                "content_words": score.content_words,
                "shared_terms": score.shared_terms,
                "unshared_terms": score.unshared_terms,
                "shared_names": score.shared_names,
                "unshared_names": score.unshared_names,
            },
            ensure_ascii=False,
        )
    return PassageRecord(
        passage_id=passage_id,
        doc_id=doc_id,
        ordinal=passage.ordinal,
        char_start=passage.char_start,
        char_end=passage.char_end,
        kind=passage.kind,
        rule=passage.rule,
        text=passage.text,
        relevance=score.relevance if score else None,
        document_similarity=score.document_similarity if score else None,
        corpus_similarity=score.corpus_similarity if score else None,
        is_off_topic=bool(score and score.is_off_topic),
        off_topic_evidence=evidence,
        language=guess.language,
        language_confidence=guess.confidence,
        extractor=EXTRACTOR,
        extractor_version=__version__,
    )
