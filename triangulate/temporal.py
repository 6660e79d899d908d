"""Find temporal expressions in English news text and normalise them to TIMEX3 values.

``extract_time_expressions`` returns every date, time, duration and set in a text with its exact span,
TIMEX3 type and value, the calendar days it covers, and how it was resolved:

- ``absolute``: the text alone fixes the value ("September 30, 2024", "Q3 2024", "the 1990s", "two years");
- ``relative_resolved``: the value depends on when the article was written ("next year", "on Friday",
  "last quarter") and was computed from ``published``, which is then the ``anchor``;
- ``unresolved``: the value depends on the publication date and none is known. Such expressions keep
  an underspecified value ("XXXX-07-15", "XXXX-WXX-5", "FUTURE_REF") and are never anchored to today.

An unanchored weekday or month points back in time, as in past-tense news ("Nvidia fell on Friday"),
unless its sentence speaks of the future ("will launch on Friday"). Vocabulary comes from
``reference/temporal.yaml`` and the English section of ``reference/months.yaml``. Quantities are not
this module's job; neither are full dates in URLs (see ``triangulate.dates``). The records it passes
around are in ``triangulate.temporal_records``; reading a document as one story (later expressions
taking their value from earlier ones) is ``triangulate.temporal_story``.
"""

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from triangulate import periods
from triangulate.alternation import word_alternation
from triangulate.masking import mask_links_and_markers
from triangulate.periods import Period
from triangulate.reference import DEFAULT_REFERENCE_DIR, load_yaml_file
from triangulate.temporal_records import Candidate, Resolved, TimeExpression
from triangulate.temporal_story import back_from_reference, from_previous, from_story, joined

__all__ = [
    "RESOLUTIONS",
    "TYPES",
    "TemporalVocabulary",
    "TimeExpression",
    "extract_story_time_expressions",
    "extract_time_expressions",
    "load_temporal_vocabulary",
]

TYPES = ("DATE", "TIME", "DURATION", "SET")
RESOLUTIONS = ("absolute", "relative_resolved", "unresolved")
# Word sets a sentence must each meet for a pattern to be tried on it.
Trigger = tuple[frozenset[str], ...]
# "the first half" is not a half year when "of" names another span ("of the decade", "of the match").
_NOT_OF_ANOTHER_SPAN = (
    r"(?!\s+of\s+(?:(?:the|this|that|its|a)\s+)?(?!(?:fiscal\s+)?year\b|(?:the|this|that|its|a)\s)[a-z])"
)


@dataclass(frozen=True, eq=False)
class TemporalVocabulary:
    """Lookup tables and compiled patterns built from the reference files."""

    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    seasons: Mapping[str, str]
    parts_of_day: Mapping[str, str]
    units: Mapping[str, tuple[str, int]]
    ordinals: Mapping[str, int]
    references: Mapping[str, str]
    relative_words: Mapping[str, int]
    set_words: Mapping[str, str]
    numbers: Mapping[str, str]
    decade_words: Mapping[str, int]
    spoken_numbers: Mapping[str, int]
    patterns: tuple[tuple[str, re.Pattern[str], Trigger], ...]
    # Future cues by first word (the rest of each phrase), suffixes ("'ll"), and past-tense words.
    future_cues: Mapping[str, tuple[tuple[str, ...], ...]]
    future_suffixes: tuple[str, ...]
    past_cues: frozenset[str]
    deadline_words: frozenset[str]
    origin_words: frozenset[str]
    modals: frozenset[str]
    # Which (pattern, word set) pairs each word meets, to find a sentence's patterns in one pass;
    # capitalised_index holds the words that count only when capitalised (month names).
    trigger_index: Mapping[str, tuple[tuple[int, int], ...]]
    capitalised_index: Mapping[str, tuple[tuple[int, int], ...]]
    trigger_words: frozenset[str]


@lru_cache(maxsize=4)
def load_temporal_vocabulary(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> TemporalVocabulary:
    """Read ``temporal.yaml`` and the English months and compile the extractor's patterns (cached)."""
    data = load_yaml_file(reference_dir / "temporal.yaml")
    months = {
        str(name): int(number)
        for number, names in load_yaml_file(reference_dir / "months.yaml")["en"].items()
        for name in names
    }
    weekdays = {str(name): int(number) for number, names in data["weekdays"].items() for name in names}
    units = {str(unit): (str(spec[0]), int(spec[1])) for unit, spec in data["units"].items()}
    numbers = {str(word): str(value) for word, value in data["number_words"].items()}
    month = rf"(?P<m>{word_alternation(months)})\.?"
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
    not_a_year_after = r"(?![\d,.]\d|\s*(?:%|(?:percent|per\s+cent|million|billion|trillion)\b)|[\w/])"
    year = rf"(?P<y>(?:1[6-9]|20|21)\d\d){not_a_year_after}"
    weekday = rf"(?P<wd>{word_alternation(w for w in weekdays if len(w) > 4)})"
    relative = rf"(?P<rel>(?:the\s+)?(?:{word_alternation(data['relative_words'])}))"
    ordinal = rf"(?P<ord>{word_alternation(data['ordinals'])})"
    compound = r"(?:twenty|thirty|forty|fifty)[\s-](?:one|two|three|four|five|six|seven|eight|nine)"
    number = rf"(?P<n>\d+(?:\.\d+)?|{compound}|{word_alternation(numbers)})"
    unit = rf"(?P<unit>{word_alternation(units)})"
    modifier = rf"(?:(?P<mod>{word_alternation(data['modifiers'])})[\s-]+)?"
    parts = word_alternation(data["parts_of_day"])
    references = {str(k): str(v) for k, v in data["references"].items()}
    set_words = {str(k): str(v) for k, v in data["set_words"].items()}
    digit_words = [str(word) for word, number in data["spoken_numbers"].items() if int(number) < 10]
    source = {
        "iso_date": r"(?<![\w/.-])(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?![\w/-])",
        "month_day_year": rf"\b{month}\s+{day},?\s+{year}",
        "day_month_year": rf"\b{day}\s+(?:of\s+)?{month},?\s+{year}",
        "month_year": rf"{modifier}\b{month},?\s+(?:of\s+)?{year}",
        "month_day": rf"\b{month}\s+{day}\b(?!:?\d)",
        "day_month": rf"\b{day}\s+(?:of\s+)?{month}\b",
        "month": rf"{modifier}(?:\b{relative}\s+)?\b{month}\b",
        "weekday": rf"(?:\b{relative}\s+)?\b{weekday}\b(?:\s+(?P<part>{parts}))?",
        "story_quarter": (
            r"\b(?:the|that|(?P<ly>last\s+year['’]s))\s+"
            r"(?:(?P<mod>latest|same|comparable|corresponding|year-ago|year-earlier|prior-year)\s+)?"
            r"(?:(?P<y>(?:19|20)\d\d)\s+)?(?P<noun>quarter|period)\b(?!\s+(?:of|ended|ending)\b)"
            r"(?:\s+(?P<back>last\s+year|a\s+year\s+(?:ago|earlier)|(?:of\s+)?the\s+(?:previous|prior)\s+year))?"
        ),
        "quarter": (
            rf"(?:\bthe\s+)?(?:\b{relative}\s+)?(?:(?P<ya>year-ago|year-earlier|prior-year|fiscal)[\s-]+)?"
            rf"(?:\b(?P<y0>(?:19|20)\d\d)\s+(?=[a-z]))?(?:\b{ordinal}[\s-]+)?\bquarter\b(?:\s+of\s+(?:fiscal\s+)?{year}|\s+(?:fiscal\s+)?(?P<y2>(?:19|20)\d\d)\b)?"
            rf"(?:(?=\s+(?P<ended>ended|ending)\s+(?P<em>{word_alternation(months)})\.?\s+(?P<ed>[0-3]?\d)\b"
            r"(?:,?\s+(?P<ey>(?:19|20)\d\d)\b)?))?"
        ),
        "month_quarter": rf"(?:\bthe\s+)?\b{month}[\s-]+quarter\b(?:\s+of\s+{year})?",
        "quarter_code": (
            r"\b(?:Q(?P<q>[1-4])(?:\s*(?:FY\s*)?(?:'(?P<y>\d\d)|(?P<y4>(?:19|20)\d\d)))?"
            r"|(?P<y2>(?:19|20)\d\d)\s*-?Q(?P<q2>[1-4])|(?P<q3>[1-4])Q\s?'?(?P<y3>\d\d))\b"
        ),
        "half": (
            rf"(?:\bthe\s+)?(?:\b{relative}\s+)?(?:\b(?P<ord>first|second|1st|2nd|last|final)[\s-]+half\b"
            r"|\b(?P<ord2>first|last|final)\s+two\s+quarters(?=\s+of\s+(?:19|20)\d\d\b))"
            rf"(?:\s+of\s+(?:{year}|(?P<yrel>this|next|last)\s+year)|{_NOT_OF_ANOTHER_SPAN})"
        ),
        "half_code": (
            r"\b(?:H(?P<h>[12])\s*(?:FY\s*)?(?:'(?P<y>\d\d)|(?P<y4>(?:19|20)\d\d))"
            r"|(?P<h2>[12])H\s?'?(?P<y2>\d\d))\b"
        ),
        "season": (
            rf"(?:\b(?:{relative}|the)\s+)?(?:(?:early|late|mid)[\s-]+)?"
            rf"\b(?P<s>{word_alternation(data['seasons'])})\b(?:\s+(?:of\s+)?{year})?"
        ),
        "decade": (
            r"(?:\bthe\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?:\b(?P<y>(?:1[6-9]|20)\d0)|'(?P<yy>\d0))s\b"
            rf"|\bthe\s+(?:(?:early|mid|late)[\s-]+)?(?P<dw>{word_alternation(data['decade_words'])})\b"
            r"|(?:\bthe\s+)?\b(?P<c>[1-9]|1\d|2[01])(?:st|nd|rd|th)[\s-]+century\b"
        ),
        "fiscal_year": r"\b(?:fiscal(?:\s+year)?|FY)\s*'?(?P<y>(?:19|20)?\d\d)\b",
        "year": rf"{modifier}(?:(?<=[a-z]-)|(?<![\w$€£¥.,#/-])){year}",
        "anaphora": r"\b(?:that|the\s+(?P<rel>same|following))\s+(?P<unit>year|month|day)\b(?![\s-](?:ago|earlier)\b)",
        "relative_unit": (
            rf"{modifier}\b(?:{relative}|(?(mod)the|(?!)))\s+(?:fiscal[\s-]+)?(?P<unit>year|month|week|weekend|decade|century)\b"
        ),
        "year_adjective": r"\b(?P<ya>year-ago|year-earlier|prior-year)\b|\bthe\s+(?:full|whole|entire)\s+year\b",
        "year_end": (
            r"\bthe\s+end\s+of\s+the\s+year\b|\byear[\s-]end\b|\byear's\s+end\b"
            r"|(?:(?<=\bfor\s)|(?<=\bin\s)|(?<=\bover\s)|(?<=\bduring\s)"
            r"|(?<=\bmonths\sof\s)|(?<=\bweeks\sof\s)|(?<=\bdays\sof\s)|(?<=\bquarters\sof\s)"
            r"|(?<=\bhalf\sof\s)|(?<=\brest\sof\s)|(?<=\bpart\sof\s))"
            r"the\s+(?:fiscal\s+)?year\b(?![\s-](?:ended|ending|before|after|ago|earlier|to|two)\b|\s+of\s+[a-z])"
        ),
        "weekend": r"\bthe\s+weekend\b",
        "spoken_year": (
            rf"\b(?:nineteen|twenty)[\s-](?P<rest>(?:{word_alternation(data['spoken_numbers'])})"
            rf"(?:[\s-](?P<unit_word>{word_alternation(digit_words)}))?)\b"
            r"|\bthe\s+year\s+(?P<millennium>two\s+thousand)\b"
        ),
        "deictic": (
            r"\b(?P<deixis>today|yesterday|tomorrow|tonight|this\s+(?:morning|afternoon|evening)"
            rf"|(?:yesterday|tomorrow)\s+(?P<part>{parts}))\b"
        ),
        "ago": rf"\b{number}\s+{unit}s?(?:\s+or\s+so)?\s+(?:ago|earlier)\b",
        "duration": (
            r"(?:\bthe\s+(?:past|last|next|coming|previous|first|final|latest)\s+)?"
            rf"(?<![\w.$])\b{number}[\s-]+{unit}s?\b(?:[\s-](?:long|old))?"
        ),
        "vague_duration": rf"\b(?:{word_alternation(data['vague_spans'])})\s+(?P<unit>{word_alternation(units)})s\b",
        "set": rf"\b(?:every|each|per)\s+{unit}\b|\b(?P<word>{word_alternation(set_words)})\b",
        "reference": rf"\b(?P<ref>{word_alternation(references)})\b",
        "clock": (
            r"\b(?P<h>[01]?\d)(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)(?![\w])"
            r"|\b(?P<named>noon|midnight)\b"
        ),
    }
    triggers = _pattern_triggers(data, months, weekdays, units, references, set_words)
    # Every match but a decade written "'80s" starts a word: a leading \b lets the engine skip the
    # inside of words before trying the many optional words most patterns open with.
    patterns = tuple(
        (
            name,
            re.compile(pattern if name == "decade" else rf"\b(?:{pattern})", re.IGNORECASE),
            triggers.get(name, (_DIGITS,)),
        )
        for name, pattern in source.items()
    )
    future_cues: dict[str, list[tuple[str, ...]]] = {}
    for phrase in (str(cue).lower() for cue in data["future_cues"]):
        first, *rest = phrase.split()
        future_cues.setdefault(first, []).append(tuple(rest))
    return TemporalVocabulary(
        months=months,
        weekdays=weekdays,
        seasons={str(k): str(v) for k, v in data["seasons"].items()},
        parts_of_day={str(k): str(v) for k, v in data["parts_of_day"].items()},
        units=units,
        ordinals={str(k): int(v) for k, v in data["ordinals"].items()},
        references=references,
        relative_words={str(k): int(v) for k, v in data["relative_words"].items()},
        set_words=set_words,
        numbers=numbers,
        decade_words={str(k): int(v) for k, v in data["decade_words"].items()},
        spoken_numbers={str(k): int(v) for k, v in data["spoken_numbers"].items()},
        patterns=patterns,
        future_cues={word: tuple(rests) for word, rests in future_cues.items() if not word.startswith("'")},
        future_suffixes=tuple(word for word in future_cues if word.startswith("'")),
        past_cues=frozenset(str(cue).lower() for cue in data["past_cues"]),
        deadline_words=frozenset(str(word).lower() for word in data["deadline_words"]),
        origin_words=frozenset(str(word).lower() for word in data["origin_words"]),
        modals=frozenset(str(word).lower() for word in data["modals"]),
        trigger_index=(index := _trigger_index(patterns, capitalised=False)),
        capitalised_index=(capitalised := _trigger_index(patterns, capitalised=True)),
        trigger_words=frozenset(index) | frozenset(capitalised),
    )


# Trigger words stand for digits by shape: "#" for any run of digits but four, "####" for a run of four
# (a possible year), "#s" for digits followed by "s" (a decade); "^" marks a word that counts only
# when capitalised ("^may" is the month, not the verb).
_DIGITS = frozenset({"#"})
_YEAR_SHAPE = frozenset({"####"})
_CAPITALISED = "^"
# Digit runs are read as "#" runs of the same length; runs longer than this trigger nothing.
_LONGEST_DIGIT_RUN = 20
_HASHES = str.maketrans("0123456789", "#" * 10)


def _words(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(word for phrase in phrases for word in re.findall(r"[a-z]+", phrase.lower()))


def _pattern_triggers(
    data: Mapping[str, Any],
    months: Mapping[str, int],
    weekdays: Mapping[str, int],
    units: Mapping[str, tuple[str, int]],
    references: Mapping[str, str],
    set_words: Mapping[str, str],
) -> dict[str, Trigger]:
    """Word sets a block must meet, each of them, for a pattern to be tried on it.

    Patterns left out need a digit instead. Month names count only when capitalised ("May", not
    "may"). Skipping blocks that cannot match is what keeps the extractor fast: most patterns start
    with optional words and would otherwise be tried everywhere.
    """
    month_words = frozenset(_CAPITALISED + word for word in _words(months))
    unit_words = _words(units)
    numbers = _words(data["number_words"]) | _DIGITS | _YEAR_SHAPE
    return {
        "month_day_year": (month_words, _DIGITS, _YEAR_SHAPE),
        "day_month_year": (month_words, _DIGITS, _YEAR_SHAPE),
        "month_year": (month_words, _YEAR_SHAPE),
        "month_day": (month_words, _DIGITS),
        "day_month": (month_words, _DIGITS),
        "month": (month_words,),
        "month_quarter": (month_words, frozenset({"quarter"})),
        "weekday": (_words(w for w in weekdays if len(w) > 4),),
        "story_quarter": (frozenset({"quarter", "period"}),),
        "quarter": (frozenset({"quarter"}),),
        "half": (frozenset({"half", "two"}), frozenset({"half", "quarter"})),
        "season": (_words(data["seasons"]),),
        "decade": (_words(data["decade_words"]) | frozenset({"century", "#s"}),),
        "fiscal_year": (frozenset({"fiscal", "fy"}),),
        "anaphora": (frozenset({"that", "same", "following"}), frozenset({"year", "month", "day"})),
        "relative_unit": (_words(data["relative_words"]) | (_words(data["modifiers"]) - {"the", "of"}), unit_words),
        "year_adjective": (frozenset({"year"}), frozenset({"ago", "earlier", "prior", "full", "whole", "entire"})),
        "weekend": (frozenset({"weekend"}),),
        "spoken_year": (frozenset({"nineteen", "twenty", "thousand"}),),
        "deictic": (frozenset({"today", "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening"}),),
        "ago": (frozenset({"ago", "earlier"}),),
        "duration": (unit_words, numbers),
        "vague_duration": (_words(data["vague_spans"]) - {"the", "past", "last", "next"}, unit_words),
        "set": (_words(set_words) | frozenset({"every", "each", "per"}),),
        "reference": (_words(phrase.split()[-1] for phrase in references),),
        "year": (_YEAR_SHAPE,),
        "iso_date": (_YEAR_SHAPE,),
        "clock": (frozenset({"am", "pm", "m", "noon", "midnight"}),),
        "quarter_code": (frozenset({"q"}), _DIGITS | _YEAR_SHAPE),
        "half_code": (frozenset({"h"}), _DIGITS | _YEAR_SHAPE),
        "year_end": (frozenset({"year"}), frozenset({"end", "for", "in", "over", "during", "of"})),
    }


def _trigger_index(
    patterns: Iterable[tuple[str, re.Pattern[str], Trigger]], *, capitalised: bool
) -> dict[str, tuple[tuple[int, int], ...]]:
    """Which (pattern, word set) pairs each sentence token meets, for the words marked capitalised or the others.

    A plural ("years") meets what its singular does; a run of digits meets its shape.
    """
    index: dict[str, set[tuple[int, int]]] = {}
    for number, (_, _, trigger) in enumerate(patterns):
        for part, words in enumerate(trigger):
            for word in words:
                if word.startswith(_CAPITALISED) != capitalised:
                    continue
                word = word.removeprefix(_CAPITALISED)
                for form in _token_forms(word):
                    index.setdefault(form, set()).add((number, part))
    return {word: tuple(sorted(pairs)) for word, pairs in index.items()}


def _token_forms(word: str) -> tuple[str, ...]:
    """The sentence tokens that stand for trigger ``word`` (see ``_HASHES`` and ``_TOKEN``)."""
    if word == "#":
        return tuple("#" * n for n in range(1, _LONGEST_DIGIT_RUN + 1) if n != 4)
    if word == "#s":
        return tuple("#" * n + "s" for n in range(1, 5))
    return (word, word + "s") if word.isalpha() else (word,)


def _starts_sentence(text: str, position: int) -> bool:
    """Whether ``position`` is the first word of a sentence (or of a line)."""
    before = text[:position].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:\n"


def _four_digit(token: str) -> int:
    """A year written with two or four digits ("'25", "2025")."""
    number = int(token)
    return number if len(token) == 4 else 2000 + number if number < 70 else 1900 + number


def _safe_day(year: int, month: int, day: int) -> Period | None:
    try:
        return periods.day(date(year, month, day))
    except ValueError:
        return None


def _in_direction(anchor_key: tuple[int, ...], key: tuple[int, ...], future: bool | None, strict: bool) -> int:
    """Years to add to the anchor year so that ``key`` lies after (future) or before the anchor."""
    if future:
        return 1 if key < anchor_key or (strict and key == anchor_key) else 0
    return -1 if key > anchor_key or (strict and key == anchor_key) else 0


# "the chips of tomorrow", "the world of today": an era, not a day ("as of today" is a day).
_GENERIC_OF = re.compile(r"(?<!\bas)\s+of\s+$", re.IGNORECASE)
# A capitalised word between a lower-case word and a year ("called Orion 1980"): the year ends a name.
# Not at a sentence's start ("In 1988") nor in a title-case headline ("Sales Rose In 2024").
_NAME_BEFORE = re.compile(r"(?<![\w.])[a-z][\w'’-]*[ \t]+(?P<word>[A-Z][a-z]+)[ \t]+$")
_ACRONYM_BEFORE = re.compile(r"(?<![\w.])[A-Z]{2,}[ \t]+$")
_TITLE_WORDS = re.compile(r"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)*")
_QUOTED_TITLE = re.compile(r"(?:[ \t]+(?:[A-Z][\w'’]*|of|the|and|in|on|at|for|a|an|to|with))*,?[\"”']")


def _names_a_title(m: re.Match[str]) -> bool:
    """Whether a deictic match in title case is part of a name: "USA Today", "VOA Today", ABC's "This Week"."""
    if not _TITLE_WORDS.fullmatch(m.group(0)):
        return False
    before = m.string[max(0, m.start() - 12) : m.start()]
    if _ACRONYM_BEFORE.search(before):
        return True
    return before.endswith(('"', "“")) and _QUOTED_TITLE.match(m.string, m.end(), m.end() + 60) is not None


# How far ahead a date given without a year may lie when its sentence is not about the future.
_NEAR_AHEAD = timedelta(days=100)


def _nearest_year(anchor: date, month: int, day: int, future: bool | None) -> int:
    """Years to add to the anchor year for a month and day given without a year.

    In a sentence about the future it is the next such day. Otherwise it is the coming one when that
    is a few months away at most (news cites dividend dates and deadlines as well as past events: "the
    review ends on Jan. 20"), else the last one.
    """
    ahead = _in_direction((anchor.month, anchor.day), (month, day), True, strict=False)
    if future or date(anchor.year + ahead, month, min(day, 28)) - anchor <= _NEAR_AHEAD:
        return ahead
    return _in_direction((anchor.month, anchor.day), (month, day), False, strict=False)


class _Reader:
    """Turns one regex match into a candidate; one method per pattern name."""

    def __init__(self, vocabulary: TemporalVocabulary) -> None:
        self.vocabulary = vocabulary

    def shift(self, rel: str | None) -> int | None:
        """-1 for last/previous, +1 for next/coming, 0 for this/current, None without such a word."""
        return None if rel is None else self.vocabulary.relative_words[rel.lower().split()[-1]]

    def month_number(self, token: str) -> int:
        return self.vocabulary.months[token.lower().rstrip(".")]

    def iso_date(self, m: re.Match[str]) -> Candidate | None:
        found = _safe_day(int(m["y"]), int(m["mo"]), int(m["d"]))
        return Candidate(m.start(), m.end(), "DATE", found) if found else None

    def month_day_year(self, m: re.Match[str]) -> Candidate | None:
        found = _safe_day(int(m["y"]), self.month_number(m["m"]), int(m["d"]))
        return Candidate(m.start(), m.end(), "DATE", found) if found else None

    day_month_year = month_day_year

    def month_year(self, m: re.Match[str]) -> Candidate | None:
        if not m["m"][0].isupper():
            return None
        return Candidate(m.start(), m.end(), "DATE", periods.month(int(m["y"]), self.month_number(m["m"])))

    def month_day(self, m: re.Match[str]) -> Candidate | None:
        if not m["m"][0].isupper() or not 1 <= int(m["d"]) <= 31:
            return None
        number, day_number = self.month_number(m["m"]), int(m["d"])

        def resolve(anchor: date, future: bool | None) -> Resolved | None:
            return _safe_day(anchor.year + _nearest_year(anchor, number, day_number, future), number, day_number)

        return Candidate(
            m.start(), m.end(), "DATE", None, resolve, f"XXXX-{number:02d}-{day_number:02d}", needs_tense=True
        )

    day_month = month_day

    def month(self, m: re.Match[str]) -> Candidate | None:
        if not m["m"][0].isupper():
            return None
        ambiguous = m["m"].lower() in ("may", "march") and m["rel"] is None and m["mod"] is None
        if ambiguous and _starts_sentence(m.string, m.start("m")):
            return None
        number, shift = self.month_number(m["m"]), self.shift(m["rel"])

        def resolve(anchor: date, future: bool | None) -> Resolved:
            if shift == 0:
                return periods.month(anchor.year, number)
            if shift is None:
                return periods.month(anchor.year + _nearest_year(anchor, number, 15, future), number)
            return periods.month(anchor.year + _in_direction((anchor.month,), (number,), shift == 1, True), number)

        return Candidate(m.start(), m.end(), "DATE", None, resolve, f"XXXX-{number:02d}", needs_tense=True)

    def weekday(self, m: re.Match[str]) -> Candidate | None:
        number, shift = self.vocabulary.weekdays[m["wd"].lower()], self.shift(m["rel"])
        part = self.vocabulary.parts_of_day.get((m["part"] or "").lower())

        def resolve(anchor: date, future: bool | None) -> Resolved:
            today = anchor.isoweekday()
            if shift == 0:
                found = anchor + timedelta(days=number - today)
            elif shift == 1 or (shift is None and future):
                found = anchor + timedelta(days=(number - today) % 7 or (7 if shift == 1 else 0))
            else:
                found = anchor - timedelta(days=(today - number) % 7 or (7 if shift == -1 else 0))
            return Period(f"{found.isoformat()}T{part}", found, found) if part else periods.day(found)

        kind = "TIME" if part else "DATE"
        return Candidate(
            m.start(),
            m.end(),
            kind,
            None,
            resolve,
            f"XXXX-WXX-{number}" + (f"T{part}" if part else ""),
            needs_tense=True,
        )

    def story_quarter(self, m: re.Match[str]) -> Candidate | None:
        """A quarter the story named before: "the quarter", "that period", "the 1988 period", "last year's quarter"."""
        modifier = (m["mod"] or "").lower()
        years_back = 1 if m["back"] or m["ly"] or modifier.endswith(("ago", "earlier", "prior-year")) else 0
        if m["y"]:
            return Candidate(m.start(), m.end(), "DATE", periods.year(int(m["y"])), story="quarter")
        if m["noun"].lower() == "period":
            return Candidate(m.start(), m.end(), "DATE", "XXXX-QX", None, "XXXX-QX", years_back, story="required")

        def resolve(anchor: date, future: bool | None) -> Resolved:
            year_number, current = periods.quarter_of(anchor)
            step = (1 if future else -1) - 4 * years_back
            return periods.quarter(*periods.shift_quarter(year_number, current, step))

        return Candidate(
            m.start(), m.end(), "DATE", None, resolve, "XXXX-QX", years_back, story="quarter", needs_tense=True
        )

    def quarter(self, m: re.Match[str]) -> Candidate | None:
        ordinal = self.vocabulary.ordinals.get((m["ord"] or "").lower().rstrip())
        explicit_year = m["y"] or m["y2"] or m["y0"]
        if explicit_year and ordinal:
            return Candidate(m.start(), m.end(), "DATE", periods.quarter(int(explicit_year), ordinal))
        surface = m.group(0).lower()
        if m["y0"] or (ordinal is None and m["rel"] is None and m["ya"] is None and not surface.startswith("the")):
            return None
        shift, year_ago = self.shift(m["rel"]), bool(m["ya"]) and not m["ya"].lower().startswith("fiscal")
        if m["em"] and ordinal is None and not year_ago:
            return self.quarter_ended(m)

        def resolve(anchor: date, future: bool | None) -> Resolved:
            year_number, current = periods.quarter_of(anchor)
            if ordinal is not None and shift is None and not year_ago:
                target = (year_number + _nearest_year(anchor, ordinal * 3 - 1, 15, future=False), ordinal)
            elif ordinal is not None:
                target = (year_number + (shift or 0) - (1 if year_ago else 0), ordinal)
            else:
                step = shift if shift is not None else (1 if future else -1)
                target = periods.shift_quarter(year_number, current, step - (4 if year_ago else 0))
            return periods.quarter(*target)

        unresolved = f"XXXX-Q{ordinal}" if ordinal else "XXXX-QX"
        return Candidate(
            m.start(),
            m.end(),
            "DATE",
            None,
            resolve,
            unresolved,
            1 if year_ago and not ordinal else 0,
            needs_tense=True,
        )

    def quarter_ended(self, m: re.Match[str]) -> Candidate:
        """ "The quarter ended July 31": the three months to that date, a calendar quarter when they are one.

        Fiscal quarters often end in other months (or a few days off a month's end: "Sept. 29"); naming
        the months keeps the value true to the company's calendar. Without a year it is the last such
        date ("ended") or the one the sentence's tense points to ("ending").
        """
        number, day = self.month_number(m["em"]), int(m["ed"])

        def window(year: int) -> Period:
            if number % 3 == 0:
                return periods.quarter(year, number // 3)
            return periods.month_window(year, number, 3)

        if m["ey"]:
            return Candidate(m.start(), m.end(), "DATE", window(int(m["ey"])))
        past = m["ended"].lower() == "ended"

        def resolve(anchor: date, future: bool | None) -> Resolved:
            return window(anchor.year + _nearest_year(anchor, number, min(day, 28), False if past else future))

        return Candidate(m.start(), m.end(), "DATE", None, resolve, f"XXXX-{number:02d}/P3M", needs_tense=not past)

    def month_quarter(self, m: re.Match[str]) -> Candidate | None:
        """A fiscal quarter named after the month it ends in ("the July quarter")."""
        if not m["m"][0].isupper():
            return None
        number = self.month_number(m["m"])
        if m["y"]:
            return Candidate(m.start(), m.end(), "DATE", periods.month_window(int(m["y"]), number, 3))

        def resolve(anchor: date, future: bool | None) -> Resolved:
            shift = _in_direction((anchor.month,), (number,), future, strict=False)
            return periods.month_window(anchor.year + shift, number, 3)

        return Candidate(m.start(), m.end(), "DATE", None, resolve, f"XXXX-{number:02d}/P3M", needs_tense=True)

    def quarter_code(self, m: re.Match[str]) -> Candidate | None:
        number = int(m["q"] or m["q2"] or m["q3"])
        year_token = m["y"] or m["y4"] or m["y2"] or m["y3"]
        if year_token:
            return Candidate(m.start(), m.end(), "DATE", periods.quarter(_four_digit(year_token), number))

        def resolve(anchor: date, future: bool | None) -> Resolved:
            year_number, current = periods.quarter_of(anchor)
            return periods.quarter(year_number + _in_direction((current,), (number,), future, strict=False), number)

        return Candidate(m.start(), m.end(), "DATE", None, resolve, f"XXXX-Q{number}", needs_tense=True)

    def half(self, m: re.Match[str]) -> Candidate | None:
        """A half year: "the second half", "the last half of 1989", "the first two quarters of 1990"."""
        number = 1 if (m["ord"] or m["ord2"]).lower() in ("first", "1st") else 2
        if m["y"]:
            return Candidate(m.start(), m.end(), "DATE", periods.half(int(m["y"]), number))
        shift = self.shift(m["yrel"]) or 0

        def resolve(anchor: date, future: bool | None) -> Resolved:
            return periods.half(anchor.year + shift, number)

        return Candidate(m.start(), m.end(), "DATE", None, resolve, f"XXXX-H{number}")

    def half_code(self, m: re.Match[str]) -> Candidate | None:
        number, year_token = int(m["h"] or m["h2"]), m["y"] or m["y4"] or m["y2"]
        return Candidate(m.start(), m.end(), "DATE", periods.half(_four_digit(year_token), number))

    def season(self, m: re.Match[str]) -> Candidate | None:
        code, shift = self.vocabulary.seasons[m["s"].lower()], self.shift(m["rel"])
        if m["y"]:
            return Candidate(m.start(), m.end(), "DATE", periods.season(int(m["y"]), code))
        if shift is None and (m["s"].lower() == "fall" or not m.group(0).lower().startswith("the")):
            return None

        def resolve(anchor: date, future: bool | None) -> Resolved:
            # "Last spring" is the latest spring over before the anchor, "next spring" the first one after.
            if not shift:
                return periods.season(anchor.year, code)
            years = range(anchor.year - 2, anchor.year + 3)
            seasons = [periods.season(year, code) for year in (reversed(years) if shift < 0 else years)]
            return next(s for s in seasons if (s.end < anchor if shift < 0 else s.start > anchor))

        return Candidate(m.start(), m.end(), "DATE", None, resolve, f"XXXX-{code}")

    def decade(self, m: re.Match[str]) -> Candidate | None:
        if m["c"]:
            first = (int(m["c"]) - 1) * 100
            return Candidate(
                m.start(),
                m.end(),
                "DATE",
                Period(f"{first // 100:02d}", date(max(first, 1), 1, 1), date(first + 99, 12, 31)),
            )
        if m["dw"]:
            first = int(self.vocabulary.decade_words[m["dw"].lower()])
            return Candidate(m.start(), m.end(), "DATE", periods.decade(first))
        if m["y"]:
            return Candidate(m.start(), m.end(), "DATE", periods.decade(int(m["y"])))
        return Candidate(m.start(), m.end(), "DATE", periods.decade(_four_digit(m["yy"])))

    def fiscal_year(self, m: re.Match[str]) -> Candidate | None:
        return Candidate(m.start(), m.end(), "DATE", periods.year(_four_digit(m["y"])))

    def year(self, m: re.Match[str]) -> Candidate | None:
        """A year, unless it ends a name: "Made in China 2025", "Vision 2030", "a venture called Orion 1980"."""
        named = _NAME_BEFORE.search(m.string, max(0, m.start() - 40), m.start())
        if named is not None and named["word"].lower() not in self.vocabulary.months:
            return None
        return Candidate(m.start(), m.end(), "DATE", periods.year(int(m["y"])))

    def year_adjective(self, m: re.Match[str]) -> Candidate | None:
        """ "year-ago" and "year-earlier" (the year before the article's) and "the full year" (its year)."""
        shift = -1 if m["ya"] else 0

        def resolve(anchor: date, future: bool | None) -> Resolved:
            return periods.year(anchor.year + shift)

        return Candidate(m.start(), m.end(), "DATE", None, resolve, "XXXX", -shift)

    def year_end(self, m: re.Match[str]) -> Candidate | None:
        """ "Year-end" is the article's year's last day (the year before's in the past tense: "since year-end");
        "the end of the year" and "for the year" are its year."""
        closing = re.fullmatch(r"year[\s-]end", m.group(0), re.IGNORECASE) is not None

        def resolve(anchor: date, future: bool | None) -> Resolved:
            if not closing:
                return periods.year(anchor.year)
            passed = future is False and (anchor.month, anchor.day) != (12, 31)
            return periods.day(date(anchor.year - passed, 12, 31))

        return Candidate(
            m.start(), m.end(), "DATE", None, resolve, "XXXX-12-31" if closing else "XXXX", needs_tense=closing
        )

    def weekend(self, m: re.Match[str]) -> Candidate | None:
        """ "The weekend": the one just past in past-tense news, the coming one in a sentence about the future."""

        def resolve(anchor: date, future: bool | None) -> Resolved:
            if anchor.isoweekday() >= 6:
                return periods.weekend(anchor)
            return periods.weekend(anchor + timedelta(weeks=1 if future else -1))

        return Candidate(m.start(), m.end(), "DATE", None, resolve, "XXXX-WXX-WE", needs_tense=True)

    def spoken_year(self, m: re.Match[str]) -> Candidate | None:
        """A year said in words, as in broadcast transcripts ("nineteen ninety-six", "the year two thousand")."""
        if m["millennium"]:
            return Candidate(m.start(), m.end(), "DATE", periods.year(2000))
        century = 1900 if m.group(0).lower().startswith("nineteen") else 2000
        tens_word = m["rest"].lower().split()[0].split("-")[0]
        number = int(self.vocabulary.spoken_numbers[tens_word])
        if m["unit_word"]:
            number += int(self.vocabulary.spoken_numbers[m["unit_word"].lower()])
        if number >= 100 or (century == 2000 and number < 10):
            return None
        return Candidate(m.start(), m.end(), "DATE", periods.year(century + number))

    def anaphora(self, m: re.Match[str]) -> Candidate | None:
        """ "That year", "the same month", "the following year": said of the last one the text named."""
        shift = 1 if (m["rel"] or "").lower() == "following" else 0
        unit = m["unit"].lower()
        return Candidate(m.start(), m.end(), "DATE", "XXXX", refers_back=(unit, shift))

    def relative_unit(self, m: re.Match[str]) -> Candidate | None:
        if _names_a_title(m):
            return None
        rel, unit = " ".join((m["rel"] or "").lower().split()), m["unit"].lower()
        if rel in ("the past", "the last") and m["mod"] is None:
            letter, size = self.vocabulary.units[unit]
            return Candidate(m.start(), m.end(), "DURATION", f"P{size}{letter}")
        shift = self.shift(m["rel"]) or 0

        def resolve(anchor: date, future: bool | None) -> Resolved:
            if unit == "year":
                return periods.year(anchor.year + shift)
            if unit == "month":
                return periods.month(*periods.shift_month(anchor.year, anchor.month, shift))
            if unit in ("week", "weekend"):
                moved = anchor + timedelta(weeks=shift)
                return periods.week(moved) if unit == "week" else periods.weekend(moved)
            first = (anchor.year // 10 + shift) * 10 if unit == "decade" else (anchor.year // 100 + shift) * 100
            return (
                periods.decade(first)
                if unit == "decade"
                else Period(str(first // 100), date(first, 1, 1), date(first + 99, 12, 31))
            )

        unresolved = {
            "month": "XXXX-XX",
            "week": "XXXX-WXX",
            "weekend": "XXXX-WXX-WE",
            "decade": "XXX",
            "century": "XX",
        }
        return Candidate(m.start(), m.end(), "DATE", None, resolve, unresolved.get(unit, "XXXX"))

    def deictic(self, m: re.Match[str]) -> Candidate | None:
        """Today, yesterday, tomorrow, tonight; not a name ("USA Today") nor an era ("the chips of tomorrow")."""
        if _names_a_title(m) or _GENERIC_OF.search(m.string, max(0, m.start() - 16), m.start()):
            return None
        word = " ".join(m["deixis"].lower().split())
        offset = -1 if word.startswith("yesterday") else 1 if word.startswith("tomorrow") else 0
        part = "NI" if word == "tonight" else self.vocabulary.parts_of_day.get(word.split()[-1])

        def resolve(anchor: date, future: bool | None) -> Resolved:
            found = anchor + timedelta(days=offset)
            return Period(f"{found.isoformat()}T{part}", found, found) if part else periods.day(found)

        return Candidate(
            m.start(), m.end(), "TIME" if part else "DATE", None, resolve, "XXXX-XX-XX" + (f"T{part}" if part else "")
        )

    def ago(self, m: re.Match[str]) -> Candidate | None:
        amount, unit = self.vocabulary.numbers.get(m["n"].lower(), m["n"]), m["unit"].lower()
        if not amount.isdigit() or unit in ("second", "minute", "hour", "weekend"):
            return Candidate(m.start(), m.end(), "DATE", "PAST_REF")
        count = int(amount)

        def resolve(anchor: date, future: bool | None) -> Resolved:
            if unit in ("year", "decade", "century"):
                return periods.year(anchor.year - count * self.vocabulary.units[unit][1])
            if unit in ("month", "quarter"):
                return periods.month(
                    *periods.shift_month(anchor.year, anchor.month, -count * self.vocabulary.units[unit][1])
                )
            if unit == "week":
                return periods.week(anchor - timedelta(weeks=count))
            return periods.day(anchor - timedelta(days=count))

        years_back = count if unit == "year" else 0
        return Candidate(m.start(), m.end(), "DATE", None, resolve, "PAST_REF", years_back)

    def duration(self, m: re.Match[str]) -> Candidate | None:
        """A length of time ("two years", "the past 20 months"); "one day" after a modal is "someday"."""
        unit, raw = m["unit"].lower(), m["n"].lower()
        if unit == "weekend" or re.fullmatch(r"(?:1[6-9]|20)\d\d", raw):
            return None
        if " ".join(m.group(0).lower().split()) == "one day":
            before = m.string[max(0, m.start() - 12) : m.start()].split()
            if before and before[-1].lower() in self.vocabulary.modals:
                return Candidate(m.start(), m.end(), "DATE", "FUTURE_REF")
        amount = self.vocabulary.numbers.get(" ".join(raw.split()), raw)
        if "-" in raw or (" " in raw and raw not in self.vocabulary.numbers):
            tens, units_word = re.split(r"[\s-]", raw)
            amount = str(int(self.vocabulary.numbers[tens]) + int(self.vocabulary.numbers[units_word]))
        plural = m.string[m.end("unit") : m.end("unit") + 1] in ("s", "S")
        hyphenated = m.string[m.start("unit") - 1] == "-"
        if amount == "X" and not plural and not hyphenated:
            return None  # "some day" is a time to come, not a length of time ("some days", "several-year" are)
        letter, size = self.vocabulary.units[unit]
        if amount != "X":
            number = float(amount) * size
            amount = str(int(number)) if number.is_integer() else str(number)
        time_part = "T" if unit in ("hour", "second") or (unit == "minute") else ""
        return Candidate(m.start(), m.end(), "DURATION", f"P{time_part}{amount}{letter}")

    def vague_duration(self, m: re.Match[str]) -> Candidate | None:
        letter, _ = self.vocabulary.units[m["unit"].lower()]
        time_part = "T" if m["unit"].lower() in ("hour", "minute", "second") else ""
        return Candidate(m.start(), m.end(), "DURATION", f"P{time_part}X{letter}")

    def set(self, m: re.Match[str]) -> Candidate | None:
        if m["word"]:
            return Candidate(m.start(), m.end(), "SET", self.vocabulary.set_words[m["word"].lower()])
        letter, size = self.vocabulary.units[m["unit"].lower()]
        time_part = "T" if m["unit"].lower() in ("hour", "minute", "second") else ""
        return Candidate(m.start(), m.end(), "SET", f"P{time_part}{size}{letter}")

    def reference(self, m: re.Match[str]) -> Candidate | None:
        if _names_a_title(m):
            return None
        value = self.vocabulary.references[" ".join(m["ref"].lower().split())]
        if value != "PRESENT_REF":
            return Candidate(m.start(), m.end(), "DATE", value)

        def resolve(anchor: date, future: bool | None) -> Resolved:
            return value

        return Candidate(m.start(), m.end(), "DATE", None, resolve, value)

    def clock(self, m: re.Match[str]) -> Candidate | None:
        if m["named"]:
            clock = "T12:00" if m["named"].lower() == "noon" else "T24:00"
        else:
            hour = int(m["h"]) % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
            clock = f"T{hour:02d}:{m['min'] or '00'}"

        def resolve(anchor: date, future: bool | None) -> Resolved:
            return Period(f"{anchor.isoformat()}{clock}", anchor, anchor)

        return Candidate(m.start(), m.end(), "TIME", None, resolve, f"XXXX-XX-XX{clock}")


@lru_cache(maxsize=4)
def _reader(vocabulary: TemporalVocabulary) -> _Reader:
    return _Reader(vocabulary)


def _without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    chosen: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if all(candidate.end <= kept.start or candidate.start >= kept.end for kept in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


_SENTENCE_END = re.compile(r"[.!?]\s|\n")


_CUE_WORD = re.compile(r"[a-z']+")


def _tense(text: str, start: int, end: int, vocabulary: TemporalVocabulary) -> bool | None:
    """Whether the expression at ``start``..``end`` is said of the future (True), the past (False) or neither.

    The tense cue nearest the expression in its sentence decides ("said Monday that it will" is past,
    "said it will meet on Monday" is future); on a tie the future cue wins; no cue gives None.
    """
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind("? ", 0, start)) + 1
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.start() + 1 if right_match else len(text)
    spans = [(m.start() + left, m.end() + left) for m in _CUE_WORD.finditer(text[left:right].lower())]
    words = [text[word_start:word_end].lower() for word_start, word_end in spans]
    before = sum(1 for word_start, _ in spans if word_start < start)
    # A deadline ("by February") is ahead, unless a past perfect just before it says otherwise; a
    # starting point ("since March") is behind.
    if before and words[before - 1] in vocabulary.deadline_words and "had" not in words[max(0, before - 7) : before]:
        return True
    if before and words[before - 1] in vocabulary.origin_words:
        return False
    nearest: tuple[int, int] | None = None
    for index in range(len(words)):
        cue = _cue(words, index, vocabulary)
        if cue is None:
            continue
        rank, length = cue
        cue_start, cue_end = spans[index][0], spans[index + length - 1][1]
        gap = cue_start - end if cue_start >= end else max(0, start - cue_end)
        if nearest is None or (gap, rank) < nearest:
            nearest = (gap, rank)
    return None if nearest is None else nearest[1] == 0


def _cue(words: list[str], index: int, vocabulary: TemporalVocabulary) -> tuple[int, int] | None:
    """(0 for future or 1 for past, number of words) of the tense cue starting at ``words[index]``, if any."""
    word = words[index]
    for rest in vocabulary.future_cues.get(word, ()):
        if tuple(words[index + 1 : index + 1 + len(rest)]) == rest:
            return 0, 1 + len(rest)
    if word.endswith(vocabulary.future_suffixes):
        return 0, 1
    if index + 1 < len(words) and words[index + 1] == "to":
        return None
    # "-ed" after "be" is a passive ("will be named"), not a past tense.
    passive = words[index - 1 : index] == ["be"]
    past_form = len(word) >= 5 and word.endswith("ed") and not word.endswith("eed") and not passive
    return (1, 1) if past_form or word in vocabulary.past_cues else None


def _to_expression(text: str, candidate: Candidate, published: date | None, future: bool | None) -> TimeExpression:
    resolved, resolution, anchor = candidate.fixed, "absolute", None
    if candidate.resolver is not None:
        if published is None:
            resolved, resolution = candidate.unresolved_value, "unresolved"
        else:
            resolved, resolution, anchor = candidate.resolver(published, future), "relative_resolved", published
            if resolved is None:
                resolved, resolution, anchor = candidate.unresolved_value, "unresolved", None
    assert resolved is not None
    period = resolved if isinstance(resolved, Period) else None
    return TimeExpression(
        char_start=candidate.start,
        char_end=candidate.end,
        surface=text[candidate.start : candidate.end],
        type=candidate.type,
        value=period.value if period else str(resolved),
        start_date=period.start if period else None,
        end_date=period.end if period else None,
        resolution=resolution,
        anchor=anchor,
    )


# Patterns are tried sentence by sentence (a sentence ends where a capital follows "." "!" or "?").
# Written with runs of ordinary characters consumed at once, which is what makes it fast.
_BLOCK = re.compile(r"[^\n][^\n.!?]*(?:[.!?](?!\s+[A-Z\"“‘'(])[^\n.!?]*)*(?:[.!?](?=\s+[A-Z\"“‘'(])|$)", re.MULTILINE)
_TOKEN = re.compile(r"[a-z]+|#+s\b|#+")


def _patterns_to_try(sentence: str, vocabulary: TemporalVocabulary) -> list[int]:
    """The patterns whose trigger word sets ``sentence`` meets, each of them, in order."""
    tokens = vocabulary.trigger_words.intersection(_TOKEN.findall(sentence.lower().translate(_HASHES)))
    parts_met: dict[int, int] = {}
    for token in tokens:
        pairs = vocabulary.trigger_index.get(token, ())
        if token in vocabulary.capitalised_index and token.capitalize() in sentence:
            pairs += vocabulary.capitalised_index[token]
        for number, part in pairs:
            parts_met[number] = parts_met.get(number, 0) | 1 << part
    return sorted(n for n, met in parts_met.items() if met == (1 << len(vocabulary.patterns[n][2])) - 1)


def extract_time_expressions(
    *, text: str, published: date | None, vocabulary: TemporalVocabulary | None = None
) -> list[TimeExpression]:
    """Return the temporal expressions in ``text`` in order, with spans relative to ``text``.

    ``published`` anchors relative expressions; when it is None they are returned ``unresolved``.
    ``vocabulary`` defaults to the one built from the project's ``reference/`` folder.
    """
    vocabulary = vocabulary or load_temporal_vocabulary()
    reader = _reader(vocabulary)
    masked = mask_links_and_markers(text)
    candidates: list[Candidate] = []
    sentence_starts: list[int] = []
    for block in _BLOCK.finditer(masked):
        sentence_starts.append(block.start())
        for number in _patterns_to_try(block.group(0), vocabulary):
            name, pattern, _ = vocabulary.patterns[number]
            read: Callable[[re.Match[str]], Candidate | None] = getattr(reader, name)
            for match in pattern.finditer(masked, block.start(), block.end()):
                candidate = read(match)
                if candidate is not None:
                    candidates.append(candidate)
    kept = _without_overlaps(candidates)
    found = [
        _to_expression(
            text, c, published, _tense(text, c.start, c.end, vocabulary) if c.needs_tense and published else None
        )
        for c in kept
    ]
    found, kept = from_story(found, kept, sentence_starts)
    found, kept = from_previous(found, kept)
    found, kept = joined(text, found, kept)
    sentence_of = [bisect_right(sentence_starts, c.start) for c in kept]
    backward = {index for index, candidate in enumerate(kept) if candidate.years_back and not candidate.story}
    for index in backward:
        found[index] = back_from_reference(found, sentence_of, backward, index, kept[index].years_back)
    return found


def extract_story_time_expressions(
    *, sentences: Sequence[str], published: date | None, vocabulary: TemporalVocabulary | None = None
) -> list[list[TimeExpression]]:
    """Return each sentence's temporal expressions, spans relative to that sentence, reading them as one story.

    Read together, later sentences can refer back to earlier ones: "the quarter" and "a year earlier"
    after "the third quarter", "that year" after "in 1995". Each expression stays within its sentence.
    """
    starts = [0]
    for sentence in sentences[:-1]:
        starts.append(starts[-1] + len(sentence) + 1)
    by_sentence: list[list[TimeExpression]] = [[] for _ in sentences]
    for found in extract_time_expressions(text="\n".join(sentences), published=published, vocabulary=vocabulary):
        index = bisect_right(starts, found.char_start) - 1
        shift = starts[index]
        by_sentence[index].append(replace(found, char_start=found.char_start - shift, char_end=found.char_end - shift))
    return by_sentence
