"""Group documents into stories: one event, reported by one or more outlets.

Documents are compared by TF-IDF over their content words (stopwords dropped, possessives and plurals
folded; see ``triangulate.relevance``), with sublinear term frequency and names counted twice: two
reports of one event share its rare words (the people, places, organisations and the thing that
happened), which TF-IDF weighs up, while MinHash would estimate an unweighted Jaccard dominated by the
common vocabulary every article of a kind shares (two earthquakes, two rehab stays). Cosine similarity
comes from a sparse matrix product in row blocks, keeping only pairs above the threshold.

Stories are built by average linkage over those pairs: the two stories whose documents are most
similar on average merge first, and merging stops below ``SIMILARITY_THRESHOLD`` (a missing pair counts
as 0, so one close pair cannot chain two events together). Publication dates bound a story: documents
whose dates are more than ``MAX_SPAN_DAYS`` apart never share one. A document with no date is placed by
its content, and by the year of the full dates it names most ("Dec. 30, 2008"): documents of years more
than one apart never share a story (a bare year, "by 2026", is often a target and does not count).
Copies of one article (``triangulate.duplicates``) land in one story like any other close pair. Every
document belongs to exactly one story, a story of its own when nothing is close.
"""

import heapq
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

from triangulate.ids import sha256_hex
from triangulate.relevance import content_terms, names_in

SIMILARITY_THRESHOLD = 0.2
MAX_SPAN_DAYS = 7
LABEL_TERMS = 5
_BLOCK = 2048


@dataclass(frozen=True)
class StoryDocument:
    """What story grouping needs of a document."""

    doc_id: str
    text: str
    title: str | None
    published: date | None
    outlet: str | None


@dataclass(frozen=True)
class Story:
    """Documents about one event, with the terms that characterise it."""

    story_id: str
    label_terms: list[str]
    doc_ids: list[str]
    outlets: list[str]
    first_published: date | None
    last_published: date | None


def _vectors(documents: Sequence[StoryDocument], stopwords: frozenset[str]) -> tuple[csr_matrix, list[str]]:
    """L2-normalised TF-IDF rows (terms of one document only are dropped: they link nothing)."""
    counts = []
    for document in documents:
        text = f"{document.title or ''}\n{document.text}"
        terms = Counter(content_terms(text, stopwords=stopwords))
        terms.update(name for name in names_in(text, stopwords=stopwords) if name in terms)
        counts.append(terms)
    frequency = Counter(term for terms in counts for term in terms)
    vocabulary = sorted(term for term, df in frequency.items() if df > 1)
    column = {term: i for i, term in enumerate(vocabulary)}
    total = len(documents)
    rows, cols, values = [], [], []
    for row, terms in enumerate(counts):
        weights = {
            column[t]: (1 + math.log(n)) * (1 + math.log((1 + total) / (1 + frequency[t])))
            for t, n in terms.items()
            if t in column
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        for col, weight in weights.items():
            rows.append(row)
            cols.append(col)
            values.append(weight / norm)
    matrix = csr_matrix((values, (rows, cols)), shape=(total, len(vocabulary)), dtype=np.float64)
    return matrix, vocabulary


def _close_pairs(matrix: csr_matrix, threshold: float) -> list[tuple[float, int, int]]:
    """(similarity, i, j) for every i < j whose cosine similarity reaches ``threshold``."""
    pairs = []
    transposed = matrix.T.tocsc()
    for start in range(0, matrix.shape[0], _BLOCK):
        block = (matrix[start : start + _BLOCK] @ transposed).tocoo()
        for i, j, similarity in zip(block.row, block.col, block.data, strict=True):
            row = int(i) + start
            if row < int(j) and similarity >= threshold:
                pairs.append((float(similarity), row, int(j)))
    return pairs


class _Clusters:
    """Average-linkage agglomeration over a sparse similarity graph, with a bound on date spans."""

    def __init__(self, dates: Sequence[date | None], years: Sequence[int | None], max_span_days: int) -> None:
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(dates))}
        self.span: dict[int, tuple[date, date] | None] = {i: (d, d) if d else None for i, d in enumerate(dates)}
        self.links: dict[int, dict[int, float]] = {i: {} for i in range(len(dates))}
        self.years: dict[int, set[int]] = {i: {y} if (y := years[i]) is not None else set() for i in range(len(dates))}
        self.max_span_days = max_span_days

    def _joint_span(self, a: int, b: int) -> tuple[date, date] | None:
        spans = [s for s in (self.span[a], self.span[b]) if s is not None]
        if not spans:
            return None
        return min(s[0] for s in spans), max(s[1] for s in spans)

    def compatible(self, a: int, b: int) -> bool:
        span = self._joint_span(a, b)
        if span is not None and (span[1] - span[0]).days > self.max_span_days:
            return False
        years = self.years[a] | self.years[b]
        return not years or max(years) - min(years) <= 1

    def average(self, a: int, b: int) -> float:
        return self.links[a].get(b, 0.0) / (len(self.members[a]) * len(self.members[b]))

    def merge(self, a: int, b: int, new: int) -> None:
        self.members[new] = self.members.pop(a) + self.members.pop(b)
        self.span[new] = self._joint_span(a, b)
        self.years[new] = self.years.pop(a) | self.years.pop(b)
        del self.span[a], self.span[b]
        links: dict[int, float] = {}
        for old in (a, b):
            for other, total in self.links.pop(old).items():
                if other in (a, b):
                    continue
                links[other] = links.get(other, 0.0) + total
                del self.links[other][old]
        self.links[new] = links
        for other, total in links.items():
            self.links[other][new] = total


def _cluster(
    pairs: list[tuple[float, int, int]],
    dates: Sequence[date | None],
    years: Sequence[int | None],
    threshold: float,
    max_span_days: int,
) -> list[list[int]]:
    clusters = _Clusters(dates, years, max_span_days)
    heap: list[tuple[float, int, int]] = []
    for similarity, i, j in pairs:
        clusters.links[i][j] = clusters.links[i].get(j, 0.0) + similarity
        clusters.links[j][i] = clusters.links[j].get(i, 0.0) + similarity
        heap.append((-similarity, i, j))
    heapq.heapify(heap)
    next_id = len(dates)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in clusters.members or b not in clusters.members:
            continue
        if -negative < threshold:
            break
        if not clusters.compatible(a, b):
            continue
        clusters.merge(a, b, next_id)
        for other in clusters.links[next_id]:
            average = clusters.average(next_id, other)
            if average >= threshold:
                heapq.heappush(heap, (-average, next_id, other))
        next_id += 1
    return [sorted(members) for members in clusters.members.values()]


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATED_YEAR = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?)\s+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def _year(document: StoryDocument) -> int | None:
    """The publication year, or for an undated document the year of the full dates ("Dec. 30, 2008") its text
    names most (the latest on a tie); a bare year ("by 2026") is often a target, not when the story happened."""
    if document.published is not None:
        return document.published.year
    counts = Counter(int(y) for y in _DATED_YEAR.findall(document.text))
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def _label(matrix: csr_matrix, vocabulary: Sequence[str], members: Sequence[int]) -> list[str]:
    centroid = np.asarray(matrix[list(members)].sum(axis=0)).ravel()
    order = np.argsort(-centroid, kind="stable")[:LABEL_TERMS]
    return [vocabulary[i] for i in order if centroid[i] > 0]


def find_stories(
    documents: Sequence[StoryDocument],
    *,
    stopwords: frozenset[str],
    threshold: float = SIMILARITY_THRESHOLD,
    max_span_days: int = MAX_SPAN_DAYS,
) -> list[Story]:
    """Group ``documents`` into stories, sorted by story id; every document is in exactly one."""
    ordered = sorted(documents, key=lambda d: d.doc_id)
    if not ordered:
        return []
    matrix, vocabulary = _vectors(ordered, stopwords)
    groups = _cluster(
        _close_pairs(matrix, threshold),
        [d.published for d in ordered],
        [_year(d) for d in ordered],
        threshold,
        max_span_days,
    )
    stories = []
    for members in groups:
        docs = [ordered[i] for i in members]
        dates = sorted(d.published for d in docs if d.published is not None)
        stories.append(
            Story(
                story_id="story_" + sha256_hex("|".join(d.doc_id for d in docs).encode())[:16],
                label_terms=_label(matrix, vocabulary, members),
                doc_ids=[d.doc_id for d in docs],
                outlets=sorted({d.outlet for d in docs if d.outlet}),
                first_published=dates[0] if dates else None,
                last_published=dates[-1] if dates else None,
            )
        )
    return sorted(stories, key=lambda s: s.story_id)
