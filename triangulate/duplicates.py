"""Group copies: documents and sentences that are syndicated, lightly rewritten or repeated.

Copies are not corroboration. Documents are compared with MinHash signatures of their word 5-gram
shingles (datasketch), candidate pairs come from locality-sensitive hashing, and pairs whose estimated
Jaccard similarity reaches ``DOCUMENT_THRESHOLD`` are the same story copied; together with documents of
the same outlet they form one *source group*. Sentences are compared the same way on word 3-grams,
so a claim sentence copied into another article counts once. What a fact is made of is not this
module's job (see ``triangulate.reconcile``).
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]

DOCUMENT_THRESHOLD = 0.6
SENTENCE_THRESHOLD = 0.7
NUM_PERMUTATIONS = 64
_WORD = re.compile(r"\w+")


def shingles(text: str, *, size: int) -> set[str]:
    """Lower-case word ``size``-grams of ``text`` (the whole text when it is shorter)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def _signature(items: Iterable[str]) -> MinHash:
    signature = MinHash(num_perm=NUM_PERMUTATIONS, seed=7)
    signature.update_batch([item.encode("utf-8") for item in items])
    return signature


class _UnionFind:
    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {key: key for key in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, left: str, right: str) -> None:
        a, b = self.find(left), self.find(right)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def near_duplicate_groups(texts: Mapping[str, str], *, size: int, threshold: float) -> dict[str, str]:
    """Map every key of ``texts`` to the smallest key of its group of near-duplicates.

    Identical texts, then texts with the same shingles, are grouped at once; only one of each gets a
    MinHash signature, and a candidate already in the key's group is not compared again, so a sentence
    repeated in thousands of documents costs one signature, not thousands of comparisons.
    """
    groups = _UnionFind(texts)
    first_with_text: dict[str, str] = {}
    first_with: dict[frozenset[str], str] = {}
    for key in sorted(texts):
        text = texts[key]
        if text in first_with_text:
            groups.union(key, first_with_text[text])
            continue
        first_with_text[text] = key
        shingle_set = frozenset(shingles(text, size=size))
        if shingle_set in first_with:
            groups.union(key, first_with[shingle_set])
        else:
            first_with[shingle_set] = key
    index = MinHashLSH(threshold=threshold, num_perm=NUM_PERMUTATIONS)
    signatures: dict[str, MinHash] = {}
    for shingle_set, key in first_with.items():
        signature = _signature(shingle_set)
        for other in index.query(signature):
            if groups.find(other) != groups.find(key) and signatures[other].jaccard(signature) >= threshold:
                groups.union(key, other)
        index.insert(key, signature)
        signatures[key] = signature
    return {key: groups.find(key) for key in texts}


@dataclass(frozen=True)
class SourceGroups:
    """Which documents are copies of each other, and which source group counts each document."""

    copy_of: Mapping[str, str]
    source_group: Mapping[str, str]


def source_groups(*, texts: Mapping[str, str], outlets: Mapping[str, str | None]) -> SourceGroups:
    """Group documents that are near-duplicates or come from the same outlet.

    ``texts`` and ``outlets`` are keyed by doc_id. A source group is named after its outlet when it
    has one ("outlet:reuters.com"), else after its smallest doc_id ("document:doc_...").
    """
    copy_of = near_duplicate_groups(texts, size=5, threshold=DOCUMENT_THRESHOLD)
    groups = _UnionFind(texts)
    for doc_id, original in copy_of.items():
        groups.union(doc_id, original)
    by_outlet: dict[str, str] = {}
    for doc_id in sorted(texts):
        outlet = outlets.get(doc_id)
        if outlet:
            groups.union(doc_id, by_outlet.setdefault(outlet, doc_id))
    root_outlet: dict[str, str] = {}
    for doc_id in sorted(texts):
        outlet = outlets.get(doc_id)
        if outlet:
            root_outlet.setdefault(groups.find(doc_id), outlet)
    names = {}
    for doc_id in texts:
        root = groups.find(doc_id)
        names[doc_id] = f"outlet:{root_outlet[root]}" if root in root_outlet else f"document:{root}"
    return SourceGroups(copy_of=copy_of, source_group=names)


def copied_sentences(sentences: Mapping[str, str]) -> dict[str, str]:
    """Map each sentence key to the smallest key of its near-duplicate sentences."""
    return near_duplicate_groups(sentences, size=3, threshold=SENTENCE_THRESHOLD)
