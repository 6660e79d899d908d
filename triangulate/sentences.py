"""Split a passage into sentences with exact spans.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets after it) that is
followed by whitespace and then something that can start a sentence (a capital, a digit, an opening
quote or bracket). It does not end after a known abbreviation (``reference/abbreviations.txt``:
"U.S.", "Corp.", "Jan.", "No."), a single-letter initial or dotted initials ("N.V.", "A.L."), and a
period inside a number ("US$3.7", "3.9%") is never followed by whitespace, so it never splits. A
passage without final punctuation (a heading) is one sentence.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from triangulate.reference import DEFAULT_REFERENCE_DIR, load_word_list

_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[`]{0,2}[\p{Lu}\d])".replace(r"\p{Lu}", "A-ZÀ-ÖØ-Þ"))
_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?…]*[\"'”’)\]]*$")
# Only this many characters before a boundary are searched for the word it follows.
_LONGEST_WORD = 40


@dataclass(frozen=True)
class Sentence:
    """One sentence: its span in the document and its text."""

    ordinal: int
    char_start: int
    char_end: int
    text: str


def load_abbreviations(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> frozenset[str]:
    """Return the abbreviations of ``reference/abbreviations.txt`` (lower case, no final period)."""
    return load_word_list("abbreviations.txt", reference_dir)


def _is_abbreviation(text_before: str, *, abbreviations: frozenset[str]) -> bool:
    match = _WORD_BEFORE.search(text_before)
    if match is None:
        return False
    word = match.group(1).rstrip(".")
    return word.lower() in abbreviations or (len(word) == 1 and word.isupper()) or bool(_INITIALS.fullmatch(word))


def split_sentences(*, text: str, start: int, end: int, abbreviations: frozenset[str]) -> list[Sentence]:
    """Return the sentences of ``text[start:end]`` with spans into ``text`` (whitespace trimmed)."""
    sentences: list[Sentence] = []
    cursor = start
    for boundary in _BOUNDARY.finditer(text, start, end):
        tail_start = max(cursor, boundary.end() - _LONGEST_WORD)
        if boundary.group(0).startswith(".") and _is_abbreviation(
            text[tail_start : boundary.end()], abbreviations=abbreviations
        ):
            continue
        sentences.append(_trimmed(text, cursor, boundary.end(), len(sentences)))
        cursor = boundary.end()
    if text[cursor:end].strip():
        sentences.append(_trimmed(text, cursor, end, len(sentences)))
    return sentences


def _trimmed(text: str, start: int, end: int, ordinal: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(ordinal, start, end, text[start:end])
