"""Find numeric expressions in news text and normalise them: percentages, money, multipliers, counts, and
readings on a named scale ("magnitude 6.1").

``extract_quantities`` takes one sentence (or any short text) and returns every quantity in it with its
exact span, kind, value or range, unit (ISO 4217 code, ``percent``, ``pp``, ``x``, the counted noun or
the scale), whether it is approximate, and the direction of a move it describes. The vocabulary (currencies,
scales, hedges, movement verbs) comes from ``reference/quantities.yaml``.

What is not a quantity stays out: model and product names (digits glued to letters), citation markers,
digits in URLs, years, dates and durations (those are temporal expressions), list numbering, and bare
numbers with nothing that says what they count. Reading dates and times is not this module's job.

Matching is case-insensitive: the patterns are case-sensitive and read a lower-cased copy of the text
(see ``_fold``). A pattern is only tried when the text holds the words it needs, and only where a
match can start: at digits, at currency symbols and codes, and at the number, magnitude and multiplier
words the text holds. Word lists become prefix trees (see ``triangulate.alternation``), so a pattern rules most
words out on their first letter.
"""

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal
from functools import lru_cache
from itertools import pairwise
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from triangulate.alternation import word_alternation
from triangulate.masking import mask_links_and_markers
from triangulate.reference import DEFAULT_REFERENCE_DIR, ReferenceDataError, load_yaml_file

KINDS = ("percent", "percentage_points", "money", "multiplier", "count", "reading")
_PRIORITY = {"money": 0, "percent": 0, "percentage_points": 0, "reading": 0, "multiplier": 1, "count": 2}
# Decimal arithmetic for numbers of any length: a run of a million digits is read, not an overflow.
_WIDE = Context(Emax=MAX_EMAX, Emin=MIN_EMIN)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


class Quantity(NamedTuple):
    """One numeric expression: span into the text it was found in, and its normalised reading.

    A named tuple rather than a frozen dataclass: most sentences hold one, and a tuple is several
    times cheaper to build.
    """

    char_start: int
    char_end: int
    surface: str
    kind: str
    value: float | None
    value_low: float | None
    value_high: float | None
    unit: str | None
    approximate: bool
    direction: str | None


@dataclass(frozen=True)
class QuantityVocabulary:
    """Compiled patterns and lookup tables built from ``reference/quantities.yaml``.

    The patterns are case-sensitive and read the text as ``_fold`` lower-cases it. ``exponents`` maps
    the scales that are powers of ten to their exponent, as ``_float`` takes it.

    The rest says which patterns to try and where, in terms of the tokens of a text (its a-z words,
    and the characters in ``marks``; ``ascii_marks`` are those an ASCII text can hold). ``triggers``
    are the tokens a finder needs (``any_trigger`` all of them); ``number_heads`` the words a number
    can start with. A currency symbol or code starts with one of ``prefix_symbols`` or with letters in
    ``prefix_heads`` (mapped to how those symbols and codes start; ``code_heads`` start some without a
    symbol), a currency name after a number with one of ``suffix_heads``; ``money_tokens`` are all of
    these. ``hedge_ends`` maps the last word of each hedge to the words before it in longer hedges
    (None when it is a hedge on its own). ``move_heads`` and ``move_ends`` are the first and last words
    of movement phrases (fillers included), ``lone_moves`` the one-word ones that end no other phrase,
    and ``after_tokens`` the words of movement nouns after a number. ``known_tokens`` holds all the
    tokens any of these sets can contain: a text's other tokens are dropped as soon as it is split.
    """

    currency_codes: frozenset[str]
    prefixes: Mapping[str, str]
    suffixes: Mapping[str, str]
    ambiguous: Mapping[str, tuple[str, re.Pattern[str]]]
    scales: Mapping[str, float]
    currency_scales: Mapping[str, float]
    exponents: Mapping[float, str]
    vague: Mapping[str, tuple[float, float]]
    number_words: Mapping[str, int]
    multiplier_words: Mapping[str, tuple[float, str | None]]
    hedges: Mapping[str, frozenset[str]]
    money_prefixed: re.Pattern[str]
    money_suffixed: re.Pattern[str]
    percent: re.Pattern[str]
    points: re.Pattern[str]
    readings: re.Pattern[str]
    scale_units: Mapping[str, str]
    vague_pattern: re.Pattern[str]
    multiplier: re.Pattern[str]
    count: re.Pattern[str]
    hedge_before: re.Pattern[str]
    move_before: re.Pattern[str]
    move_after: re.Pattern[str]
    movement: Mapping[str, str]
    not_counted: frozenset[str]
    irregular_plurals: frozenset[str]
    quick: re.Pattern[str]
    triggers: Mapping[str, frozenset[str]]
    any_trigger: frozenset[str]
    number_heads: frozenset[str]
    prefix_heads: Mapping[str, tuple[str, ...]]
    marks: tuple[str, ...]
    ascii_marks: tuple[str, ...]
    prefix_symbols: frozenset[str]
    code_heads: frozenset[str]
    suffix_heads: frozenset[str]
    money_tokens: frozenset[str]
    hedge_ends: Mapping[str, frozenset[str] | None]
    move_heads: frozenset[str]
    lone_moves: frozenset[str]
    move_ends: frozenset[str]
    after_tokens: frozenset[str]
    known_tokens: frozenset[str]


def _optional(pattern: str) -> str:
    """``pattern`` or nothing: ``(?:pattern)?``, which ``re`` runs with its slower general repeat."""
    return f"(?:{pattern}|)"


def _number_pattern(number_words: Iterable[str], *, after_symbol: bool = False) -> str:
    """A number in digits or words; unless it follows a currency symbol, nothing may be glued before it."""
    guard = "" if after_symbol else r"(?<![\w.,/$€£¥#\[-])"
    digits = rf"{guard}(?:(?=\d{{1,3}},\d)\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+|)(?![\d]|[.,]\d)"
    words = word_alternation(number_words)
    compound = rf"(?:{'|'.join(_TENS)})-(?:{'|'.join(_UNITS)})"
    return rf"(?:{digits}|\b(?:{compound}|{words})\b)"


def _strings(section: Any, name: str) -> list[str]:
    """The strings of a section of ``quantities.yaml``, lower-cased."""
    if not isinstance(section, list) or not all(isinstance(item, str) for item in section):
        raise ReferenceDataError(f"quantities.yaml: '{name}' must be a list of strings")
    return [item.lower() for item in section]


def _words(section: Any, name: str) -> list[str]:
    """``_strings`` for a list of words and phrases, which must start with a letter."""
    words = _strings(section, name)
    if not all(re.match("[a-z]", word) for word in words):
        raise ReferenceDataError(f"quantities.yaml: every item of '{name}' must start with a letter a-z")
    return words


def _exponents(multipliers: Iterable[float]) -> dict[float, str]:
    """The ``multipliers`` that are powers of ten, mapped to how a number in scientific notation ends
    for them (``1e9`` to ``"e9"``, ``1.0`` to ``""``)."""
    exponents = {}
    for multiplier in multipliers:
        sign, digits, exponent = Decimal(str(multiplier)).normalize().as_tuple()
        if sign == 0 and digits == (1,) and isinstance(exponent, int):
            exponents[multiplier] = f"e{exponent}" if exponent else ""
    return exponents


def _hedge_ends(hedges: list[str]) -> dict[str, frozenset[str] | None]:
    """The last words of ``hedges``, mapped to the words that come just before them in a hedge (None
    when a hedge is that word alone)."""
    before: dict[str, set[str]] = {}
    for hedge in hedges:
        words = hedge.split()
        before.setdefault(words[-1], set()).update(words[-2:-1])
    return {last: None if last in hedges else frozenset(words) for last, words in before.items()}


def _last_words(phrases: Iterable[str]) -> frozenset[str]:
    """The last word of each of ``phrases``."""
    return frozenset(phrase.rsplit(" ", 1)[-1] for phrase in phrases)


@lru_cache(maxsize=4)
def load_quantity_vocabulary(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> QuantityVocabulary:
    """Read ``quantities.yaml`` and compile the extractor's patterns (cached per folder)."""
    data = load_yaml_file(reference_dir / "quantities.yaml")
    prefixes: dict[str, str] = {}
    suffixes: dict[str, str] = {}
    for code, spec in data["currencies"].items():
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise ReferenceDataError(f"quantities.yaml: currency code '{code}' is not an ISO 4217 code")
        for symbol in spec.get("symbols", []):
            prefixes[symbol.lower()] = code
        for written in spec.get("codes", []):
            prefixes[written.lower()] = code
            suffixes[written.lower()] = code
        for word in _words(spec.get("words", []), f"currencies.{code}.words"):
            suffixes[word] = code
    ambiguous = {
        symbol.lower(): (
            spec["otherwise"],
            re.compile(rf"\b(?:{'|'.join(map(re.escape, _strings(spec['when_sentence_mentions'], symbol)))})\b"),
        )
        for symbol, spec in (data.get("ambiguous_symbols") or {}).items()
    }
    scales = {k.lower(): float(v) for k, v in data["scales"].items()}
    currency_scales = {**scales, **{k.lower(): float(v) for k, v in data["after_currency_only"].items()}}
    vague = {k.lower(): (float(v[0]), float(v[1])) for k, v in data["vague_magnitudes"].items()}
    number_words = {k.lower(): int(v) for k, v in data["number_words"].items()}
    multiplier_words = {k.lower(): (float(v[0]), v[1]) for k, v in data["multiplier_words"].items()}
    hedges = {kind: frozenset(_words(words, f"hedges.{kind}")) for kind, words in data["hedges"].items()}
    movement_data = data["movement"]
    movement = {word: "up" for word in _words(movement_data["up"], "movement.up")}
    movement |= {word: "down" for word in _words(movement_data["down"], "movement.down")}
    after = {word: "up" for word in _words(movement_data["up_after"], "movement.up_after")}
    after |= {word: "down" for word in _words(movement_data["down_after"], "movement.down_after")}

    number = _number_pattern(number_words)
    priced = _number_pattern(number_words, after_symbol=True)
    numeric_range = rf"(?P<num>{number})" + _optional(rf"\s*(?:-|–|—|to)\s*(?P<num2>{number})")
    scale = _optional(rf"\s*(?P<scale>{word_alternation(scales)})\b")
    currency_scale = _optional(rf"\s?(?P<scale>{word_alternation(currency_scales)})\b")
    prefix_alt = word_alternation(prefixes)
    money_prefixed = re.compile(
        rf"(?<![\w$])(?P<prefix>{prefix_alt})\s?(?P<num>{priced})"
        + _optional(rf"\s*(?:-|–|to)\s*{_optional(prefix_alt)}\s?(?P<num2>{priced})")
        + currency_scale
        + _optional(rf"\s+(?:{word_alternation(suffixes)})\b")
    )
    money_suffixed = re.compile(
        rf"{numeric_range}{scale}\s+" + _optional(r"of\s+") + rf"(?P<suffix>{word_alternation(suffixes)})\b"
    )
    percent_words = _strings(data["percent_words"], "percent_words")
    percent = re.compile(
        rf"(?P<num>{number})"
        + _optional(r"\s*" + _optional(r"%|percent|per\s+cent") + rf"\s*(?:-|–|—|to|and)\s*(?P<num2>{number})")
        + rf"\s*(?:{word_alternation(percent_words)})(?!\w)"
    )
    point_words = _strings(data["percentage_point_words"], "percentage_point_words")
    basis_words = _strings(data["basis_point_words"], "basis_point_words")
    points = re.compile(
        rf"{numeric_range}\s*(?:(?P<pp>{word_alternation(point_words)})|(?P<bp>{word_alternation(basis_words)}))\b"
    )
    scale_units = {
        " ".join(word.lower().split()): unit
        for unit, words in data["scale_readings"].items()
        for word in _strings(words, f"scale_readings.{unit}")
    }
    scale_alt = word_alternation(scale_units)
    decimal = r"(?<![\w.])\d{1,2}(?:\.\d+)?(?![\d.]\d)"
    readings = re.compile(
        rf"\b(?P<scale_before>{scale_alt})(?:\s+scale)?(?:\s+of)?[\s-]+(?P<num>{decimal})"
        rf"|(?P<num_before>{decimal})(?:[\s-]+|\s+on\s+the\s+)(?P<scale_after>{scale_alt})\b"
    )
    vague_alt = word_alternation(vague)
    vague_pattern = re.compile(
        rf"\b(?P<outer>{vague_alt})"
        + _optional(r"\s+of\s+(?P<inner>thousands|millions|billions|trillions)")
        + _optional(rf"\s+of\s+(?:(?P<suffix>{word_alternation(suffixes)})\b|(?P<noun>[a-z][a-z-]*))")
    )
    cues = sorted(set(_strings(data["times_cues"], "times_cues")), key=len, reverse=True)
    # Only the shortest cue must end a word; the others may start a longer one ("three times fasterthan").
    times_cues = f"{word_alternation(cues[:-1])}|{word_alternation(cues[-1:])}"
    multiplier = re.compile(
        rf"\b(?P<word>{word_alternation(multiplier_words)})\b(?!-)"
        + r"|(?<![\w.-])(?P<num>\d+(?:\.\d+|))"
        + _optional(r"\s*[-–]\s*(?P<num2>\d+(?:\.\d+|))")
        + r"\s?[x×](?!\w)"
        + rf"|(?P<times>{number})\s+times\s+(?={times_cues}\b|\w+er\b)"
        + rf"|(?P<fold>{number})-fold\b"
    )
    modifiers = word_alternation(_strings(data["count_modifiers"], "count_modifiers"))
    count = re.compile(rf"{numeric_range}{scale}(?P<mods>(?:\s+(?:{modifiers}))*)\s+(?P<noun>[a-z][a-z-]*[a-z])\b(?!-)")
    hedge_words = [word for words in hedges.values() for word in words]
    hedge_before = re.compile(rf"\b(?P<hedge>{word_alternation(hedge_words)})\s+$")
    fillers = _strings(movement_data["fillers"], "movement.fillers")
    move_before = re.compile(rf"\b(?P<move>{word_alternation(movement)})(?:\s+(?:{word_alternation(fillers)}))*\s+$")
    move_after = re.compile(rf"[\s-]+(?P<move>{word_alternation(after)})\b")
    prefix_heads: dict[str, set[str]] = {}
    for prefix in prefixes:
        head = re.match("[a-z]*", prefix)
        if head and head.group():
            prefix_heads.setdefault(head.group(), set()).add(prefix.split(" ", 1)[0])
    symbols = sorted({prefix[0] for prefix in prefixes if not "a" <= prefix[0] <= "z"})
    triggers = {
        "percent": _tokens(percent_words),
        "points": _tokens([*point_words, *basis_words]),
        "readings": _tokens(scale_units),
        "vague": _tokens(vague),
        "multiplier": _tokens(multiplier_words) | {"x", "×", "times", "fold"},
    }
    code_heads = frozenset(
        head for head, starts in prefix_heads.items() if any(set(start).isdisjoint(symbols) for start in starts)
    )
    return QuantityVocabulary(
        currency_codes=frozenset(data["currencies"]),
        prefixes=prefixes,
        suffixes=suffixes,
        ambiguous=ambiguous,
        scales=scales,
        currency_scales=currency_scales,
        exponents=_exponents([1.0, _BASIS_POINT, *currency_scales.values()]),
        vague=vague,
        number_words=number_words,
        multiplier_words=multiplier_words,
        hedges=hedges,
        money_prefixed=money_prefixed,
        money_suffixed=money_suffixed,
        percent=percent,
        points=points,
        readings=readings,
        scale_units=scale_units,
        vague_pattern=vague_pattern,
        multiplier=multiplier,
        count=count,
        hedge_before=hedge_before,
        move_before=move_before,
        move_after=move_after,
        movement=movement | after,
        not_counted=frozenset(
            _strings(data["time_units"], "time_units") + _strings(data["not_counted"], "not_counted")
        ),
        irregular_plurals=frozenset(_strings(data["irregular_plurals"], "irregular_plurals")),
        quick=re.compile(rf"\b(?:{word_alternation([*number_words, *vague, *multiplier_words])})\b"),
        triggers=triggers,
        any_trigger=frozenset().union(*triggers.values()),
        number_heads=frozenset([*number_words, *_TENS]),
        prefix_heads={head: tuple(sorted(starts)) for head, starts in prefix_heads.items()},
        marks=("%", "×", *symbols),
        ascii_marks=tuple(mark for mark in ("%", "×", *symbols) if mark.isascii()),
        prefix_symbols=frozenset(symbols),
        code_heads=code_heads,
        suffix_heads=frozenset(_TOKEN.findall(suffix)[0] for suffix in suffixes),
        money_tokens=frozenset(symbols) | code_heads | frozenset(_TOKEN.findall(suffix)[0] for suffix in suffixes),
        hedge_ends=_hedge_ends(hedge_words),
        move_heads=frozenset(_TOKEN.findall(word)[0] for word in movement),
        lone_moves=frozenset(word for word in movement if " " not in word)
        - _last_words([*fillers, *(word for word in movement if " " in word)]),
        move_ends=_last_words([*movement, *fillers]),
        after_tokens=_tokens(after),
        known_tokens=frozenset().union(
            *triggers.values(),
            number_words,
            _TENS,
            symbols,
            prefix_heads,
            _TOKEN.findall(" ".join(suffixes)),
            multiplier_words,
            _TOKEN.findall(" ".join(movement)),
            _tokens(after),
            ("%", "×"),
        ),
    )


_TOKEN = re.compile(r"[a-z]+|[%×]")
_DIGIT = re.compile(r"\d")
_NUMBER_START = re.compile(r"\d(?<![\w.-]\d)")
# ASCII bytes as _NUMBER_START tells them apart: digits as "0", the other characters that may not stand
# before a number ([\w.-]) as "a", the rest as a space. In b" " + an ASCII text's bytes translated with
# it, b" 0" stands where _NUMBER_START matches in the text.
_DIGIT_MARKS = bytes(
    48 if chr(byte) in "0123456789" else 97 if byte < 128 and (chr(byte).isalnum() or chr(byte) in "_.-") else 32
    for byte in range(256)
)
_FROM_BEFORE = re.compile(r"\bfrom\s+$")
_START = itemgetter(0)
_BASIS_POINT = 0.01
_YEAR_LIKE = re.compile(r"(?:1[89]|2[01])\d\d")
# Every byte but a-z as a space: UTF-8 bytes translated with it and split are the a-z words of a text.
_LETTERS_ONLY = bytes(byte if 97 <= byte <= 122 else 32 for byte in range(256))
# Letters re.IGNORECASE equates with an ASCII letter although str.lower() does not turn them into it.
_ASCII_LOOKALIKES = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def _tokens(phrases: Iterable[str]) -> frozenset[str]:
    """The words and symbols of ``phrases``, as ``extract_quantities`` tokenises a text to skip patterns."""
    return frozenset(token for phrase in phrases for token in _TOKEN.findall(phrase.lower()))


def _token_set(text: str, encoded: bytes, marks: tuple[str, ...], known: frozenset[str]) -> frozenset[str]:
    """The tokens of ``text`` (UTF-8 ``encoded``) as ``_TOKEN`` and the currency symbols split it that
    are ``known``: its a-z words and those of ``marks`` it holds, kept only when some finder looks for them."""
    tokens = encoded.translate(_LETTERS_ONLY).decode().split()
    for mark in marks:
        if mark in text:
            tokens.append(mark)
    return known.intersection(tokens)


def _marked_number_starts(marked: bytes) -> list[int]:
    """Where a number starts in an ASCII text, from its bytes marked as ``_DIGIT_MARKS`` says."""
    starts = []
    found = marked.find(b" 0")
    while found >= 0:
        starts.append(found)
        found = marked.find(b" 0", found + 2)
    return starts


def _utf8(text: str) -> bytes:
    """``text`` in UTF-8, lone surrogates included."""
    return text.encode("utf-8", "surrogatepass")


def _fold(text: str, lowered: str) -> str:
    """``text`` (lower-cased as ``lowered``) as case-sensitive lower-case patterns should read it.

    They then match where their ``re.IGNORECASE`` versions match in ``text``. Only 'İ', 'ı' and 'ſ'
    need more than ``str.lower``; the result always has the length of ``text``.
    """
    if lowered.isascii() or (len(lowered) == len(text) and "ı" not in lowered and "ſ" not in lowered):
        return lowered
    return text.translate(_ASCII_LOOKALIKES).lower()


def _starts(text: str, words: Iterable[str], more: list[int]) -> list[int]:
    """Where any of ``words`` occurs in ``text`` with no letter a-z right before it, and the ascending
    ``more``, in order."""
    found = set(more)
    for word in words:
        start = text.find(word)
        while start >= 0:
            if start == 0 or not "a" <= text[start - 1] <= "z":
                found.add(start)
            start = text.find(word, start + 1)
    return more if len(found) == len(more) else sorted(found)


def _matches(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, given ``starts`` in order and holding every start of a match."""
    found: list[re.Match[str]] = []
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)) is not None:
            end = match.end()
            found.append(match)
    return found


def _group(match: re.Match[str], name: str, text: str) -> str | None:
    """Group ``name`` of ``match`` (found in the folded text) as written in ``text``."""
    start, end = match.span(name)
    return None if start < 0 else text[start:end]


def _number(token: str, vocabulary: QuantityVocabulary) -> Decimal:
    """The value of a number in digits or words."""
    if token[0].isdigit():
        return Decimal(token.replace(",", ""))
    token = token.lower()
    if "-" in token:
        tens, units = token.split("-")
        return Decimal(10 * (_TENS.index(tens) + 2) + _UNITS.index(units) + 1)
    return Decimal(vocabulary.number_words[token])


def _float(token: str, exponent: str, vocabulary: QuantityVocabulary) -> float:
    """``float(_number(token, vocabulary) * 10**n)``, where ``exponent`` is ``"e<n>"`` (or empty for 0),
    for a token of at most 15 characters.

    The number then has at most 15 significant digits, which ``float`` rounds once as ``Decimal`` would,
    and distinct numbers stay distinct floats in the same order.
    """
    if token[0].isdigit():
        return float(token.replace(",", "") + exponent)
    return float(f"{_number(token, vocabulary)}{exponent}")


def _finite(number: Decimal | float) -> float | None:
    """``number`` as a float, or None when no float holds it: a run of hundreds of digits is no figure."""
    value = float(number)
    return value if math.isfinite(value) else None


def _values(
    match: re.Match[str], text: str, vocabulary: QuantityVocabulary, multiplier: float = 1.0
) -> tuple[float | None, float | None, float | None]:
    """Return (value, low, high) for a match with ``num`` and optional ``num2`` groups."""
    start, end = match.span("num")
    first_token = text[start:end]
    start, end = match.span("num2")
    second_token = text[start:end] if start >= 0 else ""
    first: Decimal | float
    second: Decimal | float
    exponent = vocabulary.exponents.get(multiplier)
    if exponent is not None and len(first_token) <= 15 and len(second_token) <= 15:
        first = _float(first_token, exponent, vocabulary)
        if not second_token:
            return first, None, None
        second = _float(second_token, exponent, vocabulary)
    else:
        factor = Decimal(str(multiplier))
        first = _WIDE.multiply(_number(first_token, vocabulary), factor)
        if not second_token:
            return _finite(first), None, None
        second = _WIDE.multiply(_number(second_token, vocabulary), factor)
    if second <= first or _finite(second) is None:
        return None, None, None
    return None, float(first), float(second)


def _currency(token: str, text: str, vocabulary: QuantityVocabulary) -> str:
    """The ISO 4217 code of the currency symbol, code or name ``token`` in ``text``."""
    key = " ".join(token.lower().split())
    code = vocabulary.prefixes.get(key) or vocabulary.suffixes[key]
    if key in vocabulary.ambiguous:
        alternative, cues = vocabulary.ambiguous[key]
        if cues.search(text.lower()):
            return alternative
    return code


# A quantity before its hedge, its direction and its overlaps with others are settled:
# (start, end, kind, value, low, high, unit, approximate, direction).
_Candidate = tuple[int, int, str, float | None, float | None, float | None, str | None, bool, str | None]


@dataclass(slots=True)
class _Text:
    """A text as the finders read it: ``masked`` has its links masked, ``folded`` is that as ``_fold``
    folds it, ``words`` are the tokens of ``folded`` and ``numbers`` where a number may start in it."""

    masked: str
    folded: str
    words: frozenset[str]
    numbers: list[int]


def _amount(match: re.Match[str], masked: str, currency: str, vocabulary: QuantityVocabulary) -> list[_Candidate]:
    """The amount of money ``match`` reads, in the currency written ``currency`` (none when it reads no amount)."""
    start, end = match.span("scale")
    scale = vocabulary.currency_scales.get(masked[start:end].lower(), 1.0) if start >= 0 else 1.0
    value, low, high = _values(match, masked, vocabulary, scale)
    if value is None and low is None:
        return []
    unit = _currency(currency, masked, vocabulary)
    return [(match.start(), match.end(), "money", value, low, high, unit, False, None)]


def _money(text: _Text, vocabulary: QuantityVocabulary) -> list[_Candidate]:
    """Amounts of money: a currency symbol or code before the number, or a currency after it."""
    found: list[_Candidate] = []
    masked, folded, words = text.masked, text.folded, text.words
    symbols = vocabulary.prefix_symbols & words
    if symbols or not vocabulary.code_heads.isdisjoint(words):
        heads = vocabulary.prefix_heads.keys() & words
        written = [start for head in heads for start in vocabulary.prefix_heads[head] if start in folded]
        starts = sorted(_occurrences(folded, [*symbols, *written], 0, len(folded)))
        for match in _matches(vocabulary.money_prefixed, folded, starts):
            prefix = masked[match.start("prefix") : match.end("prefix")]
            if not prefix.isalpha() or prefix.isupper():
                found += _amount(match, masked, prefix, vocabulary)
    if not vocabulary.suffix_heads.isdisjoint(words):
        for match in _matches(vocabulary.money_suffixed, folded, text.numbers):
            found += _amount(match, masked, masked[match.start("suffix") : match.end("suffix")], vocabulary)
    return found


def _percent(text: _Text, vocabulary: QuantityVocabulary) -> Iterator[_Candidate]:
    """Percentages and ranges of them."""
    for match in _matches(vocabulary.percent, text.folded, text.numbers):
        start, (value, low, high) = match.start(), _values(match, text.masked, vocabulary)
        if match["num2"] is not None and _FROM_BEFORE.search(text.folded[max(0, start - 6) : start]):
            continue
        if value is None and low is None:
            continue
        yield start, match.end(), "percent", value, low, high, "percent", False, None


def _points(text: _Text, vocabulary: QuantityVocabulary) -> Iterator[_Candidate]:
    """Percentage points and basis points, both in percentage points."""
    for match in _matches(vocabulary.points, text.folded, text.numbers):
        value, low, high = _values(match, text.masked, vocabulary, 1.0 if match["pp"] else _BASIS_POINT)
        if value is None and low is None:
            continue
        yield match.start(), match.end(), "percentage_points", value, low, high, "pp", False, None


def _readings(text: _Text, vocabulary: QuantityVocabulary) -> Iterator[_Candidate]:
    """Numbers read on a named scale ("magnitude 6.1", "a 6.1-magnitude quake"), with the scale as unit."""
    for match in vocabulary.readings.finditer(text.folded):
        number = match["num"] or match["num_before"]
        scale = " ".join((match["scale_before"] or match["scale_after"]).split())
        value = float(number)
        start, end = match.span("num") if match["num"] else match.span("num_before")
        yield start, end, "reading", value, None, None, vocabulary.scale_units[scale], False, None


def _plural_noun(word: str, vocabulary: QuantityVocabulary) -> bool:
    """Whether the lower-case ``word`` is a plural noun."""
    if word in vocabulary.irregular_plurals:
        return True
    return word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3


def _vague(text: _Text, vocabulary: QuantityVocabulary) -> Iterator[_Candidate]:
    """Vague magnitudes ("tens of billions of dollars") as approximate ranges."""
    for match in _matches(vocabulary.vague_pattern, text.folded, _starts(text.folded, vocabulary.vague, [])):
        outer = text.masked[match.start("outer") : match.end("outer")].lower()
        inner = _group(match, "inner", text.masked)
        low, high = vocabulary.vague[outer]
        if inner:
            inner_low, _ = vocabulary.vague[inner.lower()]
            low, high = low * inner_low, high * inner_low
        end, unit, kind = match.end("inner") if inner else match.end("outer"), None, "count"
        suffix, noun = _group(match, "suffix", text.masked), _group(match, "noun", text.masked)
        if suffix:
            end, unit, kind = match.end("suffix"), _currency(suffix, text.masked, vocabulary), "money"
        elif noun and _plural_noun(noun.lower(), vocabulary):
            unit = noun.lower()
        elif outer in ("tens", "dozens", "scores") and not inner:
            continue
        yield match.start(), end, kind, None, low, high, unit, True, None


def _multipliers(text: _Text, vocabulary: QuantityVocabulary) -> Iterator[_Candidate]:
    """Multipliers: words ("doubled"), "3x", "three times higher" and "10-fold"."""
    starts = _starts(text.folded, vocabulary.multiplier_words.keys() & text.words, text.numbers)
    for match in _matches(vocabulary.multiplier, text.folded, starts):
        word = _group(match, "word", text.masked)
        if word:
            value, direction = vocabulary.multiplier_words[word.lower()]
            yield match.start(), match.end(), "multiplier", value, None, None, "x", False, direction
            continue
        times, fold = _group(match, "times", text.masked), _group(match, "fold", text.masked)
        token = times or fold
        if token:
            end = match.start() + len(match.group(0).rstrip()) if times else match.end()
            times_value = _finite(_number(token, vocabulary))
            if times_value is not None:
                yield match.start(), end, "multiplier", times_value, None, None, "x", False, None
            continue
        value_, low, high = _values(match, text.masked, vocabulary)
        if value_ is not None or low is not None:
            yield match.start(), match.end(), "multiplier", value_, low, high, "x", False, None


def _names_a_year(match: re.Match[str], text: str) -> bool:
    """Whether either number of ``match`` looks like a year."""
    for name in ("num", "num2"):
        start, end = match.span(name)
        if end - start == 4 and _YEAR_LIKE.fullmatch(text, start, end):
            return True
    return False


def _counts(text: _Text, vocabulary: QuantityVocabulary) -> Iterator[_Candidate]:
    """Numbers of things: a number, maybe scaled and qualified, before a plural noun."""
    masked = text.masked
    for match in _matches(vocabulary.count, text.folded, text.numbers):
        start, end = match.span("noun")
        noun = masked[start:end].lower()
        if noun in vocabulary.not_counted or noun in vocabulary.movement or not _plural_noun(noun, vocabulary):
            continue
        if _names_a_year(match, masked):
            continue
        start, end = match.span("scale")
        scale = vocabulary.scales.get(masked[start:end].lower(), 1.0) if start >= 0 else 1.0
        value, low, high = _values(match, masked, vocabulary, scale)
        if value is None and low is None:
            continue
        if start < 0:
            end = match.end("num2") if match.start("num2") >= 0 else match.end("num")
        yield match.start(), end, "count", value, low, high, noun, False, None


def _occurrences(text: str, words: Iterable[str], start: int, end: int) -> Iterator[int]:
    """Where any of ``words`` starts in ``text[start:end]``."""
    for word in words:
        found = text.find(word, start, end)
        while found >= 0:
            yield found
            found = text.find(word, found + 1, end)


def _words_before(text: str, end: int) -> list[str]:
    """The last two stretches of non-whitespace in the 48 characters before ``end``, when whitespace
    ends at ``end`` (none when it does not).

    A hedge or movement phrase that whitespace up to ``end`` follows starts where a word starts, so when
    the last stretch is all letters, it is the phrase's last word, and when the one before is all
    letters too, it is the word before that or the phrase has one word.
    """
    before = text[end - 48 if end > 48 else 0 : end]
    return before.rsplit(None, 2)[-2:] if before[-1:].isspace() else []


def _hedge(text: _Text, start: int, words: list[str], vocabulary: QuantityVocabulary) -> tuple[bool, str | None, int]:
    """Return (approximate, bound, where the hedge starts) from the hedge words just before ``start``
    (``words`` are the ones there, see ``_words_before``, the last one a hedge's last word or not letters)."""
    before = vocabulary.hedge_ends.get(words[-1])
    if before is not None and len(words) == 2 and words[0].isalpha() and words[0] not in before:
        return False, None, start
    found = vocabulary.hedge_before.search(text.folded, start - 24 if start > 24 else 0, start)
    if found is None:
        return False, None, start
    hedge = " ".join(text.masked[found.start("hedge") : found.end("hedge")].lower().split())
    bound = "low" if hedge in vocabulary.hedges["lower_bound"] else None
    bound = "high" if hedge in vocabulary.hedges["upper_bound"] else bound
    return True, bound, found.start()


def _move_before(text: _Text, end: int, words: list[str], vocabulary: QuantityVocabulary) -> str | None:
    """The direction of the movement verb (and fillers) that whitespace up to ``end`` follows (``words``
    are the ones there, see ``_words_before``)."""
    if len(words) == 2 and words[1] in vocabulary.lone_moves:
        start = text.folded.rfind(words[1], 0, end)
        return vocabulary.movement[text.masked[start : start + len(words[1])].lower()]
    window = end - 48 if end > 48 else 0
    for start in sorted(_occurrences(text.folded, vocabulary.move_heads & text.words, window, end)):
        if found := vocabulary.move_before.match(text.folded, start, end):
            return vocabulary.movement[" ".join(text.masked[start : found.end("move")].lower().split())]
    return None


def _move_after(text: _Text, end: int, vocabulary: QuantityVocabulary) -> str | None:
    """The direction of the movement noun just after ``end``."""
    found = vocabulary.move_after.match(text.folded, end, end + 24)
    return None if found is None else vocabulary.movement[text.masked[found.start("move") : found.end("move")].lower()]


def _finish(original: str, text: _Text, candidate: _Candidate, vocabulary: QuantityVocabulary) -> Quantity:
    """The quantity ``candidate`` reads in ``original``, with its hedge and the direction of its move."""
    start, end, kind, value, low, high, unit, approximate, direction = candidate
    words = _words_before(text.folded, start)
    last = words[-1] if words else ""
    hedged, bound, hedge_start = False, None, start
    if last and (not last.isalpha() or last in vocabulary.hedge_ends):
        hedged, bound, hedge_start = _hedge(text, start, words, vocabulary)
        if hedge_start != start:
            words = _words_before(text.folded, hedge_start)
            last = words[-1] if words else ""
    if value is not None and bound == "low":
        low = value
    elif value is not None and bound == "high":
        high = value
    moved = None
    if last and (not last.isalpha() or last in vocabulary.move_ends):
        moved = _move_before(text, hedge_start, words, vocabulary)
    if moved is None and not vocabulary.after_tokens.isdisjoint(text.words):
        moved = _move_after(text, end, vocabulary)
    return Quantity(
        start, end, original[start:end], kind, value, low, high, unit, approximate or hedged, moved or direction
    )


def _without_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """``candidates`` in order, but where they overlap only the one of the highest priority (the longest,
    the first)."""
    if len(candidates) < 2:
        return candidates
    ordered = sorted(candidates, key=_START)
    if all(before[1] <= after[0] for before, after in pairwise(ordered)):
        return ordered
    chosen: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (_PRIORITY[c[2]], c[0] - c[1], c[0])):
        for kept in chosen:
            if candidate[1] > kept[0] and candidate[0] < kept[1]:
                break
        else:
            chosen.append(candidate)
    return sorted(chosen, key=_START)


# Finders tried only when the text holds one of their trigger tokens (most sentences hold none).
_TRIGGERED: tuple[tuple[str, Callable[[_Text, QuantityVocabulary], Iterable[_Candidate]]], ...] = (
    ("percent", _percent),
    ("points", _points),
    ("readings", _readings),
    ("vague", _vague),
    ("multiplier", _multipliers),
)


def extract_quantities(*, text: str, vocabulary: QuantityVocabulary | None = None) -> list[Quantity]:
    """Return the quantities in ``text`` in order, with spans relative to ``text``.

    ``vocabulary`` defaults to the one built from the project's ``reference/quantities.yaml``.
    """
    vocabulary = vocabulary or load_quantity_vocabulary()
    masked = mask_links_and_markers(text)
    if not masked.isascii() and ("İ" in masked or "ı" in masked or "ſ" in masked):
        # Read as the letters they stand for, so that words spelt with them look up like the others.
        masked = masked.translate(_ASCII_LOOKALIKES)
    lowered = masked.lower()
    if lowered.isascii():
        folded, encoded, marks = lowered, lowered.encode(), vocabulary.ascii_marks
        numbers = _marked_number_starts(b" " + encoded.translate(_DIGIT_MARKS))
    else:
        folded, encoded, marks = _fold(masked, lowered), _utf8(lowered), vocabulary.marks
        numbers = [match.start() for match in _NUMBER_START.finditer(folded)]
    if not numbers and _DIGIT.search(text) is None and vocabulary.quick.search(_fold(text, text.lower())) is None:
        return []
    tokens = _token_set(lowered, encoded, marks, vocabulary.known_tokens)
    words = tokens if folded is lowered else _token_set(folded, _utf8(folded), marks, vocabulary.known_tokens)
    if not vocabulary.number_heads.isdisjoint(words):
        numbers = _starts(folded, vocabulary.number_heads & words, numbers)
    read = _Text(masked, folded, words, numbers)
    candidates = [] if vocabulary.money_tokens.isdisjoint(words) else _money(read, vocabulary)
    candidates += _counts(read, vocabulary)
    if not vocabulary.any_trigger.isdisjoint(tokens):
        for name, finder in _TRIGGERED:
            if not vocabulary.triggers[name].isdisjoint(tokens):
                candidates += finder(read, vocabulary)
    return [_finish(text, read, candidate, vocabulary) for candidate in _without_overlaps(candidates)]
