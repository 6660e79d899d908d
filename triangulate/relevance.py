"""Score how much each body passage is about the story its document and the corpus tell.

A passage is compared, as a TF-IDF vector of its content words, with the rest of its own document
(title and other body passages) and with the body passages of the other documents. Its relevance is
the mean of the two cosine similarities (or the one that exists, for a document alone in its corpus):
a passage that drifts from its own document and from what every other source says scores low on
both. A passage whose relevance falls below the threshold is off-topic. Every score carries its
evidence: both similarities, the threshold, and the content words and names the passage shares, or
does not share, with its document. Passages with too few content words to judge are left unscored
rather than guessed. Only the statistics live here; which passages are body text is decided by the
passage classifier.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from triangulate.reference import DEFAULT_REFERENCE_DIR, load_word_list

# Chosen from the score distribution of the bundled sample (its lowest on-topic body passage scores
# about 0.09); checked on spliced articles by benchmarks/offtopic_bench.py.
DEFAULT_THRESHOLD = 0.08
MIN_CONTENT_WORDS = 12
EVIDENCE_TERMS = 8
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NAME = re.compile(r"\b[A-Z][\w&’'-]*(?:\s+(?:of|the|for|and|de|du|von|van)?\s*[A-Z][\w&’'-]*)*")


@dataclass(frozen=True)
class PassageText:
    """A passage to score: its document, id, kind (title, body, ...) and text."""

    doc_id: str
    passage_id: str
    kind: str
    text: str


@dataclass(frozen=True)
class Relevance:
    """The relevance of one body passage and the evidence behind it."""

    passage_id: str
    relevance: float | None
    document_similarity: float | None
    corpus_similarity: float | None
    threshold: float
    is_off_topic: bool
    content_words: int
    shared_terms: list[str]
    unshared_terms: list[str]
    shared_names: list[str]
    unshared_names: list[str]


def load_stopwords(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> frozenset[str]:
    """Return the stopwords of ``reference/stopwords_en.txt`` (comments and blank lines ignored)."""
    return load_word_list("stopwords_en.txt", reference_dir)


def content_terms(text: str, *, stopwords: frozenset[str]) -> list[str]:
    """Return the lower-case content words of ``text`` with possessives and plural -s removed."""
    terms = []
    for match in _WORD.finditer(text):
        word = match.group(0).lower().replace("’", "'")
        word = word.removesuffix("'s")
        if len(word) < 3 or word in stopwords:
            continue
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            word = word[:-1]
        terms.append(word)
    return terms


def names_in(text: str, *, stopwords: frozenset[str]) -> set[str]:
    """Return capitalised name sequences, without leading function words ("The", "In")."""
    names = set()
    for match in _NAME.finditer(text):
        words = match.group(0).split()
        while words and words[0].lower() in stopwords:
            words = words[1:]
        if words:
            names.add(" ".join(words))
    return names


def _weights(counts: Mapping[str, int], idf: Mapping[str, float]) -> dict[str, float]:
    return {term: (1.0 + math.log(count)) * idf[term] for term, count in counts.items()}


def _top(weights: Mapping[str, float], terms: Iterable[str]) -> list[str]:
    return sorted(set(terms), key=lambda term: (-weights.get(term, 0.0), term))[:EVIDENCE_TERMS]


def score_relevance(
    *,
    passages: Sequence[PassageText],
    stopwords: frozenset[str],
    threshold: float = DEFAULT_THRESHOLD,
    context_kinds: frozenset[str] = frozenset({"title", "body"}),
) -> list[Relevance]:
    """Score every ``body`` passage against its document's other title/body passages and the corpus.

    The corpus side counts each distinct passage text once, and "the rest of the corpus" leaves out
    every passage text the document contains, wherever else it is repeated: a paragraph copied into
    many documents (syndicated filler, a recurring splice) is judged by the other passages, exactly
    like a paragraph that occurs once, and never vouches for itself. Work is linear
    in the corpus: the "rest of the corpus" vector of a document is never built; its norm is the corpus
    norm corrected on the document's own terms.
    """
    terms = {p.passage_id: content_terms(p.text, stopwords=stopwords) for p in passages}
    context = [p for p in passages if p.kind in context_kinds]
    distinct: dict[tuple[str, ...], Counter[str]] = {}
    keys_by_doc: dict[str, set[tuple[str, ...]]] = {}
    for passage in context:
        key = tuple(terms[passage.passage_id])
        distinct.setdefault(key, Counter(key))
        keys_by_doc.setdefault(passage.doc_id, set()).add(key)
    document_frequency: Counter[str] = Counter()
    for counts in distinct.values():
        document_frequency.update(counts.keys())
    units = max(len(distinct), 1)
    idf = {term: math.log((1 + units) / (1 + df)) + 1.0 for term, df in document_frequency.items()}
    by_doc: dict[str, Counter[str]] = {}
    names: dict[str, set[str]] = {}
    names_by_doc: dict[str, Counter[str]] = {}
    for passage in context:
        by_doc.setdefault(passage.doc_id, Counter()).update(terms[passage.passage_id])
        names[passage.passage_id] = names_in(passage.text, stopwords=stopwords)
        names_by_doc.setdefault(passage.doc_id, Counter()).update(names[passage.passage_id])
    corpus_total: Counter[str] = Counter()
    for counts in distinct.values():
        corpus_total.update(counts)
    distinct_by_doc: dict[str, Counter[str]] = {}
    for doc_id, keys in keys_by_doc.items():
        own_distinct = distinct_by_doc.setdefault(doc_id, Counter())
        for key in keys:
            own_distinct.update(distinct[key])
    corpus = _CorpusVector(corpus_total, idf)
    documents = {doc_id: _CorpusVector(counts, idf) for doc_id, counts in by_doc.items()}
    scores = []
    for passage in passages:
        if passage.kind != "body":
            continue
        own = Counter(terms[passage.passage_id])
        doc_counts = by_doc.get(passage.doc_id, Counter())
        for term in own:
            idf.setdefault(term, math.log(1 + units) + 1.0)
        own_weights = _weights(own, idf)
        own_in_doc = own if passage.kind in context_kinds else Counter()
        document = documents.get(passage.doc_id)
        document_similarity = (
            None
            if document is None
            else document.similarity_without(own_weights, doc_id=passage.passage_id, document=own_in_doc)
        )
        corpus_similarity = corpus.similarity_without(
            own_weights, doc_id=passage.doc_id, document=distinct_by_doc.get(passage.doc_id, Counter())
        )
        known = [s for s in (document_similarity, corpus_similarity) if s is not None]
        judged = sum(own.values()) >= MIN_CONTENT_WORDS and bool(known)
        relevance = sum(known) / len(known) if judged else None
        own_names = names.get(passage.passage_id) or names_in(passage.text, stopwords=stopwords)
        doc_names = names_by_doc.get(passage.doc_id, Counter())
        own_counted = 1 if passage.kind in context_kinds else 0
        rest_names = {name for name in own_names if doc_names[name] > own_counted}
        scores.append(
            Relevance(
                passage_id=passage.passage_id,
                relevance=round(relevance, 4) if relevance is not None else None,
                document_similarity=round(document_similarity, 4) if document_similarity is not None else None,
                corpus_similarity=round(corpus_similarity, 4) if corpus_similarity is not None else None,
                threshold=threshold,
                is_off_topic=relevance is not None and relevance < threshold,
                content_words=sum(own.values()),
                shared_terms=_top(own_weights, (t for t in own if doc_counts[t] > own_in_doc[t])),
                unshared_terms=_top(own_weights, (t for t in own if doc_counts[t] <= own_in_doc[t])),
                shared_names=sorted(own_names & rest_names)[:EVIDENCE_TERMS],
                unshared_names=sorted(own_names - rest_names)[:EVIDENCE_TERMS],
            )
        )
    return scores


class _CorpusVector:
    """The corpus term vector, and cosine similarity with the corpus minus one document."""

    def __init__(self, counts: Counter[str], idf: Mapping[str, float]) -> None:
        self.counts = counts
        self.idf = idf
        self.squared_norm = sum(self._weight(term, count) ** 2 for term, count in counts.items())
        self.total = sum(counts.values())
        self._rest_norms: dict[str, float] = {}

    def _weight(self, term: str, count: int) -> float:
        return (1.0 + math.log(count)) * self.idf[term] if count > 0 else 0.0

    def similarity_without(self, own: Mapping[str, float], *, doc_id: str, document: Counter[str]) -> float | None:
        """Return cosine(own, this vector - document), or None when nothing else is left.

        ``doc_id`` keys the cached norm of what is left; the vector may be the corpus (minus one
        document) or one document (minus one passage, keyed by the passage).
        """
        key = doc_id
        if key not in self._rest_norms:
            correction = sum(
                self._weight(t, self.counts[t] - c) ** 2 - self._weight(t, self.counts[t]) ** 2
                for t, c in document.items()
            )
            # Whether anything is left is counted, not read from the corrected norm, which rounding
            # leaves slightly above zero when nothing is.
            left = self.total - sum(min(self.counts[t], c) for t, c in document.items())
            self._rest_norms[key] = math.sqrt(max(self.squared_norm + correction, 0.0)) if left > 0 else 0.0
        rest_norm = self._rest_norms[key]
        if rest_norm == 0.0:
            return None
        dot = sum(w * self._weight(t, self.counts.get(t, 0) - document.get(t, 0)) for t, w in own.items())
        own_norm = math.sqrt(sum(w * w for w in own.values()))
        return dot / (own_norm * rest_norm) if own_norm else 0.0
