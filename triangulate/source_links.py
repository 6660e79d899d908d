"""Find where a document comes from and what it cites: its own address, reference lists and their
in-text markers, "Original:" / "Source:" / "via" lines, and URLs in its text.

Each link has a relation: ``original`` (the document's own origin: the manifest URL or an
"Original:"/"Source:" line), ``via`` (an aggregator or intermediary), ``reference`` (an item of a
reference list, with its marker such as ``[2]`` and the spans of that marker in the text) or ``cites``
(any other URL in the text). "according to <outlet>" is an attribution, not a link, and is left to the
facts layer.
"""

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from triangulate.page_metadata import host_of
from triangulate.passages import Passage

_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'）)\]]+|(?<![@\w.])(?:[a-z0-9-]+\.)+[a-z]{2,}/[^\s<>\"'）)\]]*", re.IGNORECASE
)
_REFERENCE_ITEM = re.compile(r"^\s*(?P<marker>\[\d{1,3}\]|\d{1,3}[.)])\s*")
_LABELLED = re.compile(r"^\s*(?P<label>[^:：]{1,40})[:：]")
_IN_TEXT_MARKER = re.compile(r"\[\d{1,3}\]")
_VIA_LABELS = ("via", "h/t", "hat tip")


@dataclass(frozen=True)
class SourceLink:
    """One link of a document: URL, domain, relation, optional marker, span and in-text citations."""

    url: str
    domain: str | None
    relation: str
    marker: str | None
    char_start: int | None
    char_end: int | None
    citation_spans: list[tuple[int, int]]


def _bracketed(marker: str) -> str:
    """Return a list marker in its in-text form: ``[2]`` for ``[2]``, ``2.`` or ``2)``."""
    return marker if marker.startswith("[") else f"[{marker.rstrip('.)')}]"


def _trim(url: str) -> str:
    return url.rstrip(".,;:!?")


def find_source_links(*, text: str, passages: Sequence[Passage], manifest_url: str | None) -> list[SourceLink]:
    """Return the links of a document in text order (the manifest URL, which has no span, first)."""
    markers: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for passage in passages:
        if passage.kind in {"body", "heading", "title"}:
            for match in _IN_TEXT_MARKER.finditer(text, passage.char_start, passage.char_end):
                markers[match.group(0)].append(match.span())
    links: list[SourceLink] = []
    if manifest_url:
        links.append(SourceLink(manifest_url, host_of(manifest_url), "original", None, None, None, []))
    for passage in passages:
        line = passage.text
        item = _REFERENCE_ITEM.match(line) if passage.kind == "reference" else None
        label_match = _LABELLED.match(line)
        label = label_match.group("label").strip().lower() if label_match else ""
        for match in _URL.finditer(text, passage.char_start, passage.char_end):
            url = _trim(match.group(0))
            if not _URL.fullmatch(url):
                continue  # only punctuation followed "www." or the scheme: no address is given
            start = match.start()
            if item is not None:
                marker = item.group("marker")
                relation, citations = "reference", markers.get(_bracketed(marker), [])
            elif passage.kind == "reference" and label and any(label.startswith(v) for v in _VIA_LABELS):
                relation, marker, citations = "via", None, []
            elif passage.kind == "reference" and label:
                relation, marker, citations = "original", None, []
            else:
                relation, marker, citations = "cites", None, []
            links.append(SourceLink(url, host_of(url), relation, marker, start, start + len(url), citations))
    return links


def unmatched_markers(*, text: str, passages: Sequence[Passage], links: Sequence[SourceLink]) -> list[tuple[int, int]]:
    """Return spans of in-text markers like ``[3]`` that no reference-list item answers."""
    known = {_bracketed(link.marker) for link in links if link.relation == "reference" and link.marker}
    spans = []
    for passage in passages:
        if passage.kind in {"body", "heading", "title"}:
            for match in _IN_TEXT_MARKER.finditer(text, passage.char_start, passage.char_end):
                if match.group(0) not in known:
                    spans.append(match.span())
    return spans
