"""Choose the legacy encoding of bytes that are not UTF-8, and say how sure the choice is.

Every encoding of ``reference/encodings.yaml`` that decodes the bytes without error is a candidate (and,
when valid UTF-8 characters are at least ``MIN_MIXED_UTF8_SHARE`` of the non-ASCII ones, UTF-8 with that
encoding for the other bytes: a mixed file). Candidates giving the same text are one candidate named by
the preferred encoding. Each is scored from 0 to 1 on a sample of its non-ASCII lines:

- fit: the share of its non-ASCII characters that are letters of the text's language or neutral signs,
  outside words that mix scripts ("Dйjа"). The language is the one py3langid detects in that
  decoding; when the text is too short to judge, the best fitting language the encoding serves.
- times the language model's probability when a language is detected, and ``FOREIGN_ENCODING_FACTOR``
  when the encoding is not one of that language's, and ``C1_CONTROL_FACTOR`` when it holds C1 controls;
- times one minus how much messier it is than the cleanest candidate, by charset-normalizer's mess
  ratio (mojibake such as "Ã©", stray symbols, odd casing).

The best score wins (the preferred encoding on ties). The confidence is the winner's share of the two
best scores (0.5 is a tie, 1.0 means no other decoding fits at all); it is uncertain below
``UNCERTAIN_BELOW``, with both candidates as evidence.
"""

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from charset_normalizer.md import mess_ratio

from triangulate.language import detect_language, load_languages
from triangulate.reference import DEFAULT_REFERENCE_DIR, ReferenceDataError, load_yaml_file

FOREIGN_ENCODING_FACTOR = 0.8
# UTF-8 mixed with another encoding is tried only when valid UTF-8 characters are at least this share of
# the non-ASCII characters and stray bytes: a legacy text holds a valid UTF-8 pair only by accident.
MIN_MIXED_UTF8_SHARE = 0.2
# A reading with C1 control characters (U+0080-U+009F, which text never uses) counts this much.
C1_CONTROL_FACTOR = 0.5
UNCERTAIN_BELOW = 0.55
# Bytes of non-ASCII lines candidates are judged on, and characters of them scored per candidate.
SAMPLE_BYTES = 64 * 1024
SAMPLE_CHARS = 20_000
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_NON_ASCII_LINE = re.compile(r"^.*[^\x00-\x7f].*$", re.MULTILINE)
_ESCAPED_BYTES = re.compile("[\udc80-\udcff]+")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_C1_CONTROL = re.compile("[\x80-\x9f]")
_DECODED_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")
_SCRIPT_FAMILIES = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HALFWIDTH": "CJK", "FULLWIDTH": "CJK"}


@dataclass(frozen=True)
class EncodingRules:
    """Candidate encodings in order of preference, neutral signs, and each language's encodings and letters.

    A language's letters include those of every language written in its main encoding, so a page that
    mixes French, Spanish and German is as plausible in windows-1252 as a French one.
    """

    candidates: tuple[str, ...]
    neutral: re.Pattern[str]
    letters: Mapping[str, re.Pattern[str]]
    encodings: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Candidate:
    """One way to read the bytes: the encoding name, its text, its score and the language it was judged in."""

    encoding: str
    text: str
    score: float
    language: str | None


@dataclass(frozen=True)
class Detection:
    """The chosen decoding, its confidence, whether the runner-up is close, and both as JSON evidence."""

    encoding: str
    text: str
    confidence: float
    uncertain: bool
    evidence: str


@lru_cache(maxsize=4)
def load_encoding_rules(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> EncodingRules:
    """Read ``encodings.yaml``: candidates, neutral signs and the languages' encodings and letters."""
    data = load_yaml_file(reference_dir / "encodings.yaml")
    try:
        candidates = tuple(str(name) for name in data["candidates"])
        languages = {str(code): spec for code, spec in data["languages"].items()}
        encodings = {code: tuple(str(name) for name in spec["encodings"]) for code, spec in languages.items()}
        letters = {
            code: re.compile(
                "[" + "".join(str(spec["letters"]) for spec in _family(code, languages, encodings)) + "]",
                re.IGNORECASE,
            )
            for code in languages
        }
        neutral = re.compile(f"[{data['neutral']}]")
    except (KeyError, TypeError, AttributeError, re.error) as error:
        raise ReferenceDataError(f"encodings.yaml is malformed: {error}") from error
    served = {name for names in encodings.values() for name in names}
    if served != set(candidates):
        mismatch = sorted(served ^ set(candidates))
        raise ReferenceDataError(f"encodings.yaml: candidates and the languages' encodings differ in {mismatch}")
    return EncodingRules(candidates, neutral, letters, encodings)


def _family(code: str, languages: Mapping[str, Any], encodings: Mapping[str, tuple[str, ...]]) -> list[Any]:
    """Return the specs of the languages written in ``code``'s main encoding (French: the Western ones)."""
    main = encodings[code][0]
    return [spec for other, spec in languages.items() if main in encodings[other]]


def _script_family(character: str) -> str:
    first_word = unicodedata.name(character, "UNKNOWN").split(" ", 1)[0]
    return _SCRIPT_FAMILIES.get(first_word, first_word)


def _sample(text: str) -> str:
    """Return the non-ASCII lines of ``text``, up to ``SAMPLE_CHARS`` characters."""
    lines: list[str] = []
    size = 0
    for match in _NON_ASCII_LINE.finditer(text):
        lines.append(match.group())
        size += len(lines[-1]) + 1
        if size >= SAMPLE_CHARS:
            break
    return "\n".join(lines)


def _fit(sample: str, letters: re.Pattern[str], neutral: re.Pattern[str]) -> float:
    """Share of non-ASCII characters that are letters of a language or neutral, outside mixed-script words."""
    mixed: set[int] = set()
    for run in _LETTER_RUN.finditer(sample):
        word = run.group()
        if not word.isascii() and len({_script_family(c) for c in word}) > 1:
            mixed.update(range(run.start(), run.end()))
    non_ascii = [(index, c) for index, c in enumerate(sample) if ord(c) > 0x7F]
    if not non_ascii:
        return 1.0
    fitting = sum(1 for index, c in non_ascii if index not in mixed and (letters.fullmatch(c) or neutral.fullmatch(c)))
    return fitting / len(non_ascii)


def _judge(encoding: str, text: str, rules: EncodingRules) -> tuple[Candidate, float]:
    """Return a candidate scored without mess, and its mess ratio."""
    sample = _sample(text)
    base_encoding = encoding.rpartition("+")[2]
    guess = detect_language(text=sample, languages=load_languages())
    language = guess.language
    if language is not None and language in rules.letters and guess.confidence is not None:
        native = base_encoding in rules.encodings[language]
        factor = guess.confidence * (1.0 if native else FOREIGN_ENCODING_FACTOR)
        fit = _fit(sample, rules.letters[language], rules.neutral)
    else:
        served = [code for code, names in rules.encodings.items() if base_encoding in names]
        fits = {code: _fit(sample, rules.letters[code], rules.neutral) for code in served}
        language = max(fits, key=lambda code: fits[code], default=None)
        factor, fit = 1.0, fits[language] if language is not None else 0.0
    if _C1_CONTROL.search(sample):
        factor *= C1_CONTROL_FACTOR
    mess = mess_ratio(sample, maximum_threshold=1.0) if sample else 0.0
    return Candidate(encoding, text, fit * factor, language), mess


def _unescape(run: re.Match[str], *, encoding: str) -> str:
    """Decode a run of bytes that ``surrogateescape`` kept as lone surrogates."""
    return bytes(ord(c) - 0xDC00 for c in run.group()).decode(encoding)


def _decode_as(data: bytes, encoding: str) -> str:
    """Decode with a candidate name: a plain codec, or ``utf-8+<codec>`` for UTF-8 with that codec elsewhere."""
    mixed_with = encoding.removeprefix("utf-8+")
    if mixed_with == encoding:
        return data.decode(encoding)
    escaped = data.decode("utf-8", errors="surrogateescape")
    return _ESCAPED_BYTES.sub(partial(_unescape, encoding=mixed_with), escaped)


def _decodings(data: bytes, rules: EncodingRules) -> Iterator[tuple[str, str]]:
    """Yield (encoding, text) for each candidate that decodes the bytes, then the mixed UTF-8 readings."""
    escaped = data.decode("utf-8", errors="surrogateescape")
    utf8_characters = len(_DECODED_NON_ASCII.findall(escaped))
    other_bytes = len(_ESCAPED_BYTE.findall(escaped))
    mixed = utf8_characters >= MIN_MIXED_UTF8_SHARE * (utf8_characters + other_bytes) > 0
    names = [*rules.candidates, *(f"utf-8+{name}" for name in rules.candidates if mixed)]
    for encoding in names:
        try:
            yield encoding, _decode_as(data, encoding)
        except UnicodeDecodeError:
            continue


def _byte_sample(data: bytes) -> bytes:
    """Return the lines of ``data`` holding non-ASCII bytes, up to ``SAMPLE_BYTES``."""
    lines: list[bytes] = []
    size = 0
    for line in data.split(b"\n"):
        if not line.isascii():
            lines.append(line)
            size += len(line) + 1
            if size >= SAMPLE_BYTES:
                break
    return b"\n".join(lines)


def _ranked(data: bytes, rules: EncodingRules) -> list[Candidate]:
    """Return the candidate readings of ``data``, best first (the preferred encoding first among equals)."""
    judged: dict[str, tuple[Candidate, float]] = {}
    for encoding, text in _decodings(data, rules):
        if text not in judged:
            judged[text] = _judge(encoding, text, rules)
    least_mess = min((mess for _, mess in judged.values()), default=0.0)
    candidates = [
        replace(candidate, score=round(candidate.score * max(0.0, 1.0 - (mess - least_mess)), 4))
        for candidate, mess in judged.values()
    ]
    return sorted(candidates, key=lambda c: -c.score)


def detect_legacy_encoding(data: bytes, *, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> Detection | None:
    """Return the best decoding of non-UTF-8 ``data`` with its confidence, or None when nothing decodes it.

    Candidates are judged on the lines holding non-ASCII bytes (up to ``SAMPLE_BYTES``); when the best one
    does not decode the whole file (a later line breaks it), the whole file is judged.
    """
    rules = load_encoding_rules(reference_dir)
    sample = _byte_sample(data)
    ranked = _ranked(sample, rules) if sample != data else []
    if ranked:
        try:
            text = _decode_as(data, ranked[0].encoding)
            return _detection(replace(ranked[0], text=text), ranked[1] if len(ranked) > 1 else None)
        except UnicodeDecodeError:
            pass
    ranked = _ranked(data, rules)
    if not ranked:
        return None
    return _detection(ranked[0], ranked[1] if len(ranked) > 1 else None)


def _detection(best: Candidate, runner_up: Candidate | None) -> Detection:
    second_score = runner_up.score if runner_up else 0.0
    total = best.score + second_score
    confidence = round(best.score / total, 4) if total else 0.0
    evidence = [
        {"encoding": c.encoding, "score": c.score, "language": c.language} for c in (best, runner_up) if c is not None
    ]
    return Detection(
        encoding=best.encoding,
        text=best.text,
        confidence=confidence,
        uncertain=confidence < UNCERTAIN_BELOW,
        evidence=json.dumps(evidence, ensure_ascii=False),
    )
