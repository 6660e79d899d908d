"""Find numeric expressions in news text and normalise them: percentages, money, multipliers, counts.

``extract_quantities`` takes one sentence (or any short text) and returns every quantity in it with its
exact span, kind, value or range, unit (ISO 4217 code, ``percent``, ``pp``, ``x`` or the counted noun),
whether it is approximate, and the direction of a move it describes. The vocabulary (currencies,
scales, hedges, movement verbs) comes from ``reference/quantities.yaml``.

What is not a quantity stays out: model and product names (digits glued to letters), citation markers,
digits in URLs, years, dates and durations (those are temporal expressions), list numbering, and bare
numbers with nothing that says what they count. Reading dates and times is not this module's job.
"""

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from triangulate.masking import mask_links_and_markers
from triangulate.reference import DEFAULT_REFERENCE_DIR, ReferenceDataError, load_yaml_file

KINDS = ("percent", "percentage_points", "money", "multiplier", "count")
_PRIORITY = {"money": 0, "percent": 0, "percentage_points": 0, "multiplier": 1, "count": 2}


@dataclass(frozen=True, slots=True)
class Quantity:
    """One numeric expression: span into the text it was found in, and its normalised reading."""

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
    """Compiled patterns and lookup tables built from ``reference/quantities.yaml``."""

    currency_codes: frozenset[str]
    prefixes: Mapping[str, str]
    suffixes: Mapping[str, str]
    ambiguous: Mapping[str, tuple[str, tuple[str, ...]]]
    scales: Mapping[str, float]
    currency_scales: Mapping[str, float]
    vague: Mapping[str, tuple[float, float]]
    number_words: Mapping[str, int]
    multiplier_words: Mapping[str, tuple[float, str | None]]
    hedges: Mapping[str, frozenset[str]]
    money_prefixed: re.Pattern[str]
    money_suffixed: re.Pattern[str]
    percent: re.Pattern[str]
    points: re.Pattern[str]
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


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _number_pattern(number_words: Iterable[str], *, after_symbol: bool = False) -> str:
    """A number in digits or words; unless it follows a currency symbol, nothing may be glued before it."""
    guard = "" if after_symbol else r"(?<![\w.,/$€£¥#\[-])"
    digits = rf"{guard}(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?![\d]|[.,]\d)"
    words = _alternation(number_words)
    compound = (
        r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)"
    )
    return rf"(?:{digits}|\b(?:{compound}|{words})\b)"


def _strings(section: Any, name: str) -> list[str]:
    if not isinstance(section, list) or not all(isinstance(item, str) for item in section):
        raise ReferenceDataError(f"quantities.yaml: '{name}' must be a list of strings")
    return [item.lower() for item in section]


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
        for word in _strings(spec.get("words", []), f"currencies.{code}.words"):
            suffixes[word] = code
    ambiguous = {
        symbol.lower(): (spec["otherwise"], tuple(_strings(spec["when_sentence_mentions"], symbol)))
        for symbol, spec in (data.get("ambiguous_symbols") or {}).items()
    }
    scales = {k.lower(): float(v) for k, v in data["scales"].items()}
    currency_scales = {**scales, **{k.lower(): float(v) for k, v in data["after_currency_only"].items()}}
    vague = {k.lower(): (float(v[0]), float(v[1])) for k, v in data["vague_magnitudes"].items()}
    number_words = {k.lower(): int(v) for k, v in data["number_words"].items()}
    multiplier_words = {k.lower(): (float(v[0]), v[1]) for k, v in data["multiplier_words"].items()}
    hedges = {kind: frozenset(_strings(words, f"hedges.{kind}")) for kind, words in data["hedges"].items()}
    movement_data = data["movement"]
    movement = {word: "up" for word in _strings(movement_data["up"], "movement.up")}
    movement |= {word: "down" for word in _strings(movement_data["down"], "movement.down")}
    after = {word: "up" for word in _strings(movement_data["up_after"], "movement.up_after")}
    after |= {word: "down" for word in _strings(movement_data["down_after"], "movement.down_after")}

    number = _number_pattern(number_words)
    priced = _number_pattern(number_words, after_symbol=True)
    numeric_range = rf"(?P<num>{number})(?:\s*(?:-|–|—|to)\s*(?P<num2>{number}))?"
    scale = rf"(?:\s*(?P<scale>{_alternation(scales)})\b)?"
    currency_scale = rf"(?:\s?(?P<scale>{_alternation(currency_scales)})\b)?"
    prefix_alt = _alternation(prefixes)
    money_prefixed = re.compile(
        rf"(?<![\w$])(?P<prefix>{prefix_alt})\s?(?P<num>{priced})(?:\s*(?:-|–|to)\s*(?:{prefix_alt})?\s?"
        rf"(?P<num2>{priced}))?{currency_scale}(?:\s+(?:{_alternation(suffixes)})\b)?",
        re.IGNORECASE,
    )
    money_suffixed = re.compile(
        rf"{numeric_range}{scale}\s+(?:of\s+)?(?P<suffix>{_alternation(suffixes)})\b", re.IGNORECASE
    )
    percent_words = _strings(data["percent_words"], "percent_words")
    percent = re.compile(
        rf"(?P<num>{number})(?:\s*(?:%|percent|per\s+cent)?\s*(?:-|–|—|to|and)\s*(?P<num2>{number}))?"
        rf"\s*(?:{_alternation(percent_words)})(?!\w)",
        re.IGNORECASE,
    )
    point_words = _strings(data["percentage_point_words"], "percentage_point_words")
    basis_words = _strings(data["basis_point_words"], "basis_point_words")
    points = re.compile(
        rf"{numeric_range}\s*(?:(?P<pp>{_alternation(point_words)})|(?P<bp>{_alternation(basis_words)}))\b",
        re.IGNORECASE,
    )
    vague_alt = _alternation(vague)
    vague_pattern = re.compile(
        rf"\b(?P<outer>{vague_alt})(?:\s+of\s+(?P<inner>thousands|millions|billions|trillions))?"
        rf"(?:\s+of\s+(?:(?P<suffix>{_alternation(suffixes)})\b|(?P<noun>[a-z][a-z-]*)))?",
        re.IGNORECASE,
    )
    times_cues = _alternation(_strings(data["times_cues"], "times_cues"))
    multiplier = re.compile(
        rf"\b(?P<word>{_alternation(multiplier_words)})\b(?!-)"
        rf"|(?<![\w.-])(?P<num>\d+(?:\.\d+)?)(?:\s*[-–]\s*(?P<num2>\d+(?:\.\d+)?))?\s?[x×](?!\w)"
        rf"|(?P<times>{number})\s+times\s+(?={times_cues}\b|\w+er\b)"
        rf"|(?P<fold>{number})-fold\b",
        re.IGNORECASE,
    )
    modifiers = _alternation(_strings(data["count_modifiers"], "count_modifiers"))
    count = re.compile(
        rf"{numeric_range}{scale}(?P<mods>(?:\s+(?:{modifiers}))*)\s+(?P<noun>[a-z][a-z-]*[a-z])\b(?!-)",
        re.IGNORECASE,
    )
    hedge_words = [word for words in hedges.values() for word in words]
    hedge_before = re.compile(rf"\b(?P<hedge>{_alternation(hedge_words)})\s+$", re.IGNORECASE)
    fillers = rf"(?:\s+(?:{_alternation(_strings(data['movement']['fillers'], 'movement.fillers'))}))*"
    move_before = re.compile(rf"\b(?P<move>{_alternation(movement)}){fillers}\s+$", re.IGNORECASE)
    move_after = re.compile(rf"^[\s-]+(?P<move>{_alternation(after)})\b", re.IGNORECASE)
    quick_words = _alternation([*number_words, *vague, *multiplier_words])
    return QuantityVocabulary(
        currency_codes=frozenset(data["currencies"]),
        prefixes=prefixes,
        suffixes=suffixes,
        ambiguous=ambiguous,
        scales=scales,
        currency_scales=currency_scales,
        vague=vague,
        number_words=number_words,
        multiplier_words=multiplier_words,
        hedges=hedges,
        money_prefixed=money_prefixed,
        money_suffixed=money_suffixed,
        percent=percent,
        points=points,
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
        quick=re.compile(rf"\d|\b(?:{quick_words})\b", re.IGNORECASE),
        triggers={
            "percent": _tokens(percent_words),
            "points": _tokens([*point_words, *basis_words]),
            "vague": _tokens(vague),
            "multiplier": _tokens(multiplier_words) | {"x", "×", "times", "fold"},
        },
    )


_TOKEN = re.compile(r"[a-z]+|[%×]")


def _tokens(phrases: Iterable[str]) -> frozenset[str]:
    """The words and symbols of ``phrases``, as ``extract_quantities`` tokenises a text to skip patterns."""
    return frozenset(token for phrase in phrases for token in _TOKEN.findall(phrase.lower()))


def _number(token: str, vocabulary: QuantityVocabulary) -> Decimal:
    token = token.lower()
    if token[0].isdigit():
        return Decimal(token.replace(",", ""))
    if "-" in token:
        tens, units = token.split("-")
        return Decimal(vocabulary.number_words[tens] + vocabulary.number_words[units])
    return Decimal(vocabulary.number_words[token])


def _values(
    match: re.Match[str], vocabulary: QuantityVocabulary, multiplier: float = 1.0
) -> tuple[float | None, float | None, float | None]:
    """Return (value, low, high) for a match with ``num`` and optional ``num2`` groups."""
    factor = Decimal(str(multiplier))
    first = _number(match["num"], vocabulary) * factor
    if match["num2"] is None:
        return float(first), None, None
    second = _number(match["num2"], vocabulary) * factor
    if second <= first:
        return None, None, None
    return None, float(first), float(second)


def _currency(token: str, text: str, vocabulary: QuantityVocabulary) -> str:
    key = " ".join(token.lower().split())
    code = vocabulary.prefixes.get(key) or vocabulary.suffixes[key]
    if key in vocabulary.ambiguous:
        alternative, cues = vocabulary.ambiguous[key]
        lowered = text.lower()
        if any(re.search(rf"\b{re.escape(cue)}\b", lowered) for cue in cues):
            return alternative
    return code


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    kind: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    approximate: bool = False
    direction: str | None = None


def _money(text: str, vocabulary: QuantityVocabulary) -> Iterable[_Candidate]:
    matches = [*vocabulary.money_prefixed.finditer(text), *vocabulary.money_suffixed.finditer(text)]
    for match in matches:
        scale_word = (match["scale"] or "").lower()
        scale = vocabulary.currency_scales.get(scale_word, 1.0) if scale_word else 1.0
        prefix = match.groupdict().get("prefix")
        if prefix is not None and prefix.isalpha() and not prefix.isupper():
            continue
        currency_token = prefix or match["suffix"]
        value, low, high = _values(match, vocabulary, scale)
        if value is None and low is None:
            continue
        yield _Candidate(
            match.start(), match.end(), "money", value, low, high, _currency(currency_token, text, vocabulary)
        )


def _percent(text: str, vocabulary: QuantityVocabulary) -> Iterable[_Candidate]:
    for match in vocabulary.percent.finditer(text):
        start, (value, low, high) = match.start(), _values(match, vocabulary)
        if match["num2"] is not None and re.search(r"\bfrom\s+$", text[max(0, start - 6) : start], re.IGNORECASE):
            continue
        if value is None and low is None:
            continue
        yield _Candidate(start, match.end(), "percent", value, low, high, "percent")


def _points(text: str, vocabulary: QuantityVocabulary) -> Iterable[_Candidate]:
    for match in vocabulary.points.finditer(text):
        value, low, high = _values(match, vocabulary, 1.0 if match["pp"] else 0.01)
        if value is None and low is None:
            continue
        yield _Candidate(match.start(), match.end(), "percentage_points", value, low, high, "pp")


def _plural_noun(word: str, vocabulary: QuantityVocabulary) -> bool:
    word = word.lower()
    if word in vocabulary.irregular_plurals:
        return True
    return word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3


def _vague(text: str, vocabulary: QuantityVocabulary) -> Iterable[_Candidate]:
    for match in vocabulary.vague_pattern.finditer(text):
        low, high = vocabulary.vague[match["outer"].lower()]
        if match["inner"]:
            inner_low, _ = vocabulary.vague[match["inner"].lower()]
            low, high = low * inner_low, high * inner_low
        end, unit, kind = match.end("inner") if match["inner"] else match.end("outer"), None, "count"
        if match["suffix"]:
            end, unit, kind = match.end("suffix"), _currency(match["suffix"], text, vocabulary), "money"
        elif match["noun"] and _plural_noun(match["noun"], vocabulary):
            unit = match["noun"].lower()
        elif match["outer"].lower() in ("tens", "dozens", "scores") and not match["inner"]:
            continue
        yield _Candidate(match.start(), end, kind, None, low, high, unit, approximate=True)


def _multipliers(text: str, vocabulary: QuantityVocabulary) -> Iterable[_Candidate]:
    for match in vocabulary.multiplier.finditer(text):
        if match["word"]:
            value, direction = vocabulary.multiplier_words[match["word"].lower()]
            yield _Candidate(match.start(), match.end(), "multiplier", value, None, None, "x", direction=direction)
            continue
        if match["times"] or match["fold"]:
            token = match["times"] or match["fold"]
            end = match.end("times") + len(" times") if match["times"] else match.end()
            end = match.start() + len(match.group(0).rstrip()) if match["times"] else end
            value = float(_number(token, vocabulary))
            yield _Candidate(match.start(), end, "multiplier", value, None, None, "x")
            continue
        value_, low, high = _values(match, vocabulary)
        if value_ is not None or low is not None:
            yield _Candidate(match.start(), match.end(), "multiplier", value_, low, high, "x")


_YEAR_LIKE = re.compile(r"(?:1[89]|2[01])\d\d")


def _counts(text: str, vocabulary: QuantityVocabulary) -> Iterable[_Candidate]:
    for match in vocabulary.count.finditer(text):
        noun = match["noun"].lower()
        if noun in vocabulary.not_counted or not _plural_noun(noun, vocabulary) or noun in vocabulary.movement:
            continue
        if _YEAR_LIKE.fullmatch(match["num"]) or (match["num2"] and _YEAR_LIKE.fullmatch(match["num2"])):
            continue
        scale = vocabulary.scales.get((match["scale"] or "").lower(), 1.0)
        value, low, high = _values(match, vocabulary, scale)
        if value is None and low is None:
            continue
        end = match.end("scale") if match["scale"] else match.end("num2") if match["num2"] else match.end("num")
        yield _Candidate(match.start(), end, "count", value, low, high, noun)


def _hedge(text: str, start: int, vocabulary: QuantityVocabulary) -> tuple[bool, str | None, int]:
    """Return (approximate, bound, where the hedge starts) from the hedge words just before ``start``."""
    found = vocabulary.hedge_before.search(text, max(0, start - 24), start)
    if found is None:
        return False, None, start
    hedge = " ".join(found["hedge"].lower().split())
    bound = "low" if hedge in vocabulary.hedges["lower_bound"] else None
    bound = "high" if hedge in vocabulary.hedges["upper_bound"] else bound
    return True, bound, found.start()


def _direction(text: str, candidate: _Candidate, end_before: int, vocabulary: QuantityVocabulary) -> str | None:
    """The move a quantity describes, from a verb before ``end_before`` or a noun after the quantity."""
    before = vocabulary.move_before.search(text, max(0, end_before - 48), end_before)
    if before is not None:
        return vocabulary.movement[" ".join(before["move"].lower().split())]
    after = vocabulary.move_after.match(text[candidate.end : candidate.end + 24])
    if after is not None:
        return vocabulary.movement[after["move"].lower()]
    return candidate.direction


def _finish(text: str, candidate: _Candidate, vocabulary: QuantityVocabulary) -> Quantity:
    approximate, bound, hedge_start = _hedge(text, candidate.start, vocabulary)
    low, high = candidate.low, candidate.high
    if candidate.value is not None and bound == "low":
        low = candidate.value
    elif candidate.value is not None and bound == "high":
        high = candidate.value
    quantity = Quantity(
        char_start=candidate.start,
        char_end=candidate.end,
        surface=text[candidate.start : candidate.end],
        kind=candidate.kind,
        value=candidate.value,
        value_low=low,
        value_high=high,
        unit=candidate.unit,
        approximate=candidate.approximate or approximate,
        direction=_direction(text, candidate, hedge_start, vocabulary),
    )
    return quantity


def _without_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    chosen: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (_PRIORITY[c.kind], -(c.end - c.start), c.start)):
        if all(candidate.end <= kept.start or candidate.start >= kept.end for kept in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


# Finders tried only when the text holds one of their trigger tokens (most sentences hold none).
_TRIGGERED: tuple[tuple[str, Callable[[str, QuantityVocabulary], Iterable[_Candidate]]], ...] = (
    ("percent", _percent),
    ("points", _points),
    ("vague", _vague),
    ("multiplier", _multipliers),
)


def extract_quantities(*, text: str, vocabulary: QuantityVocabulary | None = None) -> list[Quantity]:
    """Return the quantities in ``text`` in order, with spans relative to ``text``.

    ``vocabulary`` defaults to the one built from the project's ``reference/quantities.yaml``.
    """
    vocabulary = vocabulary or load_quantity_vocabulary()
    if vocabulary.quick.search(text) is None:
        return []
    masked = mask_links_and_markers(text)
    tokens = frozenset(_TOKEN.findall(masked.lower()))
    candidates = [*_money(masked, vocabulary), *_counts(masked, vocabulary)]
    for name, finder in _TRIGGERED:
        if not vocabulary.triggers[name].isdisjoint(tokens):
            candidates += finder(masked, vocabulary)
    return [
        replace(q, surface=text[q.char_start : q.char_end])
        for q in (_finish(masked, c, vocabulary) for c in _without_overlaps(candidates))
    ]
