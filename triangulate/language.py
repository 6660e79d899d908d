"""Detect the language of passages and documents offline, with py3langid (its model ships in the wheel).

A text is judged only when it has enough letters (``MIN_LETTERS``; a Han, kana or Hangul character
counts as three) once URLs, numbers and bracketed
markers are removed; shorter text (a widget line, a byline) gets ``None`` rather than a guess. A
document's language is the one holding the most letters across its judged passages; it is mixed when a
second language holds at least ``MIXED_SHARE`` of them. The accepted languages are listed in
``reference/languages.txt``.
"""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from triangulate.reference import DEFAULT_REFERENCE_DIR, load_word_list

MIN_LETTERS = 20
MIXED_SHARE = 0.2
# Han, kana and Hangul characters carry about a word each: one counts as this many letters.
_WIDE_CHARACTERS = re.compile("[\u2e80-\U0010ffff]")
_WIDE_LETTER_WEIGHT = 3
_NOISE = re.compile(r"(?:https?://|www\.)\S+|\[\d{1,3}\]|[\d.,%$€¥£]+")


@dataclass(frozen=True)
class LanguageGuess:
    """A language (ISO 639-1) and the model's normalised probability, or None when not judged."""

    language: str | None
    confidence: float | None
    letters: int


@dataclass(frozen=True)
class DocumentLanguage:
    """A document's main language, its share of judged letters, and whether it is mixed."""

    language: str | None
    share: float | None
    is_mixed: bool
    shares: dict[str, float]


@lru_cache(maxsize=4)
def _identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


def load_languages(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> tuple[str, ...]:
    """Return the accepted language codes of ``reference/languages.txt``, sorted."""
    return tuple(sorted(load_word_list("languages.txt", reference_dir)))


def detect_language(*, text: str, languages: tuple[str, ...]) -> LanguageGuess:
    """Return the language of ``text``, or a guess of None when it has fewer than MIN_LETTERS letters."""
    cleaned = _NOISE.sub(" ", text)
    wide = sum(map(str.isalpha, _WIDE_CHARACTERS.findall(cleaned)))
    letters = sum(map(str.isalpha, cleaned)) + (_WIDE_LETTER_WEIGHT - 1) * wide
    if letters < MIN_LETTERS:
        return LanguageGuess(None, None, letters)
    language, probability = _identifier(languages).classify(cleaned)
    return LanguageGuess(str(language), round(float(probability), 4), letters)


def document_language(*, guesses: Sequence[LanguageGuess]) -> DocumentLanguage:
    """Combine passage guesses, weighted by letters, into the document's language."""
    letters: Counter[str] = Counter()
    for guess in guesses:
        if guess.language is not None:
            letters[guess.language] += guess.letters
    total = sum(letters.values())
    if not total:
        return DocumentLanguage(None, None, False, {})
    shares = {language: round(count / total, 4) for language, count in letters.most_common()}
    ranked = list(shares.items())
    is_mixed = len(ranked) > 1 and ranked[1][1] >= MIXED_SHARE
    return DocumentLanguage(ranked[0][0], ranked[0][1], is_mixed, shares)
