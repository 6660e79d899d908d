"""The temporal extractor's vocabulary: word lists from ``reference/`` compiled into patterns and triggers.

``load_temporal_vocabulary`` reads ``reference/temporal.yaml``, the English months of
``reference/months.yaml``, the named days of ``reference/holidays.yaml`` and the fiscal calendars of
``reference/fiscal_calendars.csv``, and compiles one pattern per kind of expression, each with the trigger words a
sentence must hold for it to be tried; ``patterns_to_try`` picks a sentence's patterns from its words.
What a match means is ``triangulate.temporal_readers``'s job; running them is ``triangulate.temporal``'s.
"""

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from triangulate.alternation import word_alternation
from triangulate.reference import DEFAULT_REFERENCE_DIR, load_yaml_file
from triangulate.temporal_holidays import Holiday, holiday_from_entry

# Word sets a sentence must each meet for a pattern to be tried on it.
Trigger = tuple[frozenset[str], ...]
# "the first half" is not a half year when "of" names another span ("of the decade", "of the match").
_NOT_OF_ANOTHER_SPAN = (
    r"(?!\s+of\s+(?:(?:the|this|that|its|a)\s+)?(?!(?:fiscal\s+)?year\b|(?:the|this|that|its|a)\s)[a-z])"
)


@dataclass(frozen=True, slots=True)
class FiscalCalendar:
    """A company's fiscal year: the month it ends in and whether its number is the year it ends or starts in."""

    company: str
    year_end_month: int
    named_by_end: bool


@dataclass(frozen=True, eq=False)
class TemporalVocabulary:
    """Lookup tables and compiled patterns built from the reference files."""

    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    seasons: Mapping[str, str]
    season_prepositions: frozenset[str]
    season_nouns: frozenset[str]
    fall_nouns_after: frozenset[str]
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
    not_cues_before_to: frozenset[str]
    past_cues: frozenset[str]
    near_future_cues: frozenset[str]
    time_word_cues: frozenset[str]
    # Reference words and the (words before, words after) that make them no reference to the article's time.
    not_references: Mapping[str, tuple[re.Pattern[str], re.Pattern[str]]]
    # Reference words and the words one of which must come right before them ("in the future").
    references_after_only: Mapping[str, re.Pattern[str]]
    # Future references that a clause in the past tense makes relative to the story ("the fire soon spread").
    story_relative_references: frozenset[str]
    deadline_words: frozenset[str]
    # Words that open a clause ("that", "which"), and reporting verbs (a clause of its own).
    clause_words: frozenset[str]
    reporting_verbs: frozenset[str]
    origin_words: frozenset[str]
    target_words: frozenset[str]
    weekday_targets: frozenset[str]
    passive_auxiliaries: frozenset[str]
    past_auxiliaries: frozenset[str]
    subject_pronouns: frozenset[str]
    determiners: frozenset[str]
    prepositions: frozenset[str]
    adjective_forms: frozenset[str]
    present_copulas: frozenset[str]
    # Participles that, after a present "be", speak of days ahead ("elections are expected Sunday").
    planned_participles: frozenset[str]
    # Words of a game near "the second half" that make it a half of a match, not of a year.
    match_words: re.Pattern[str]
    event_sources: frozenset[str]
    modals: frozenset[str]
    # TIMEX3 mods: of a modifier inside an expression, of words before it (a date or duration, or a time
    # counted back), of words after it; and the words that make an end of a date the one compared.
    modifier_mods: Mapping[str, str]
    mods_before: dict[str, str]
    mods_before_ago: dict[str, str]
    mods_after: dict[str, str]
    bound_words: dict[str, str]
    # Holidays and named days by lower-cased name.
    holidays: Mapping[str, Holiday]
    # Fiscal calendars by lower-cased company name, and a pattern that finds those names.
    fiscal_calendars: Mapping[str, FiscalCalendar]
    fiscal_names: re.Pattern[str]
    # Which (pattern, word set) pairs each word meets, to find a sentence's patterns in one pass;
    # capitalised_index holds the words that count only when capitalised (month names). Each pattern owns a
    # run of bits, one per word set, from its offset in ``trigger_layout`` (offset, all its bits).
    trigger_index: Mapping[str, int]
    capitalised_index: Mapping[str, int]
    trigger_words: frozenset[str]
    trigger_layout: tuple[tuple[int, int], ...]


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
    holidays = {
        " ".join(str(name).lower().split()): holiday_from_entry(entry)
        for entry in load_yaml_file(reference_dir / "holidays.yaml")["holidays"]
        for name in entry["names"]
    }
    units = {str(unit): (str(spec[0]), int(spec[1])) for unit, spec in data["units"].items()}
    numbers = {str(word): str(value) for word, value in data["number_words"].items()}
    month = rf"(?P<m>{word_alternation(months)})\.?"
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
    # Not a year: a figure ("2000 percent", "1,999"), or a clock time before its zone ("3 p.m. (2000 GMT)").
    not_a_year_after = (
        r"(?![\d,.]\d|\s*(?:%|(?:percent|per\s+cent|million|billion|trillion|GMT|UTC|hours|hrs)\b)|[\w/])"
    )
    year = rf"(?P<y>(?:1[6-9]|20|21)\d\d){not_a_year_after}"
    weekday = rf"(?P<wd>{word_alternation(w for w in weekdays if len(w) > 4)})"
    relative = rf"(?P<rel>(?:the\s+|this\s+(?=past\b))?(?:{word_alternation(data['relative_words'])}))"
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
        "holiday": rf"(?:\b{relative}\s+)?\b(?P<hol>{word_alternation(holidays)})(?![\w'’])(?:,?\s+(?:of\s+)?{year})?",
        "story_quarter": (
            r"\b(?:the|that|(?P<ly>last\s+year['’]s))\s+"
            r"(?:(?P<mod>latest|same|comparable|corresponding|year-ago|year-earlier|prior-year)\s+)?"
            r"(?:(?P<y>(?:19|20)\d\d)\s+)?(?P<noun>quarter|period)\b(?!\s+(?:of|ended|ending)\b)"
            r"(?:\s+(?P<back>last\s+year|a\s+year\s+(?:ago|earlier)|(?:of\s+)?the\s+(?:previous|prior)\s+year))?"
        ),
        "quarter": (
            rf"(?:\bthe\s+)?(?:\b{relative}\s+)?(?:(?P<ya>year-ago|year-earlier|prior-year|fiscal)[\s-]+)?"
            rf"(?:\b(?P<y0>(?:19|20)\d\d)\s+(?=[a-z]))?(?:\b{ordinal}[\s-]+)?(?:fiscal\s+)?\bquarter\b(?:\s+of\s+(?:fiscal\s+)?{year}|\s+(?:fiscal\s+)?(?P<y2>(?:19|20)\d\d)\b)?"
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
            r"\b(?:H(?P<h>[12])(?:\s*(?:FY\s*)?(?:'(?P<y>\d\d)|(?P<y4>(?:19|20)\d\d)))?"
            r"|(?P<h2>[12])H\s?'?(?P<y2>\d\d))\b(?![-/])"
        ),
        "months_to": (
            r"\b(?:the\s+)?(?P<n>three|six|nine|twelve|3|6|9|12)\s+months\s+(?P<to>to|ended|ending|through|until)\s+"
            rf"(?:the\s+end\s+of\s+|end[\s-])?{month}\b(?!\.?\s*\d{{1,2}}\b)(?:,?\s+{year})?"
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
        "anaphora": (
            r"\b(?:(?:earlier|later)\s+)?(?:that(?:\s+(?:very\s+)?same)?|the\s+(?:very\s+)?(?P<rel>same|following|next|previous|prior|preceding))"
            rf"\s+(?P<unit>year|month|day|{parts})\b(?![\s-](?:ago|earlier)\b)"
            r"|\bthe\s+(?P<unit2>day)\s+(?P<side>before|after)\b"
        ),
        # Not "then-president": an adjective.
        "then": (
            r"\b(?:since|until|till|by|before|from)\s+(?P<then>then)\b"
            r"(?![-\s]+(?:President|Colonel|General|Prime|Minister|Secretary|Chairman|Governor|Senator|King|Queen|Chief))"
        ),
        "relative_unit": (
            rf"{modifier}\b(?:{relative}|(?(mod)the|(?!)))\s+(?:fiscal[\s-]+)?(?P<unit>year|month|week|weekend|decade|century)\b"
        ),
        "year_adjective": r"\b(?P<ya>year-ago|year-earlier|prior-year)\b|\bthe\s+(?:full|whole|entire)\s+year\b",
        "year_end": (
            r"\bthe\s+end\s+of\s+the\s+year\b|\byear[\s-]end\b|\byear's\s+end\b"
            # The words before "the" are looked behind only once "the" is found, which keeps the search fast.
            r"|the(?:(?<=\bfor\sthe)|(?<=\bin\sthe)|(?<=\bover\sthe)|(?<=\bduring\sthe)"
            r"|(?<=\bmonths\sof\sthe)|(?<=\bweeks\sof\sthe)|(?<=\bdays\sof\sthe)|(?<=\bquarters\sof\sthe)"
            r"|(?<=\bhalf\sof\sthe)|(?<=\brest\sof\sthe)|(?<=\bpart\sof\sthe))"
            r"\s+(?:fiscal\s+)?year\b(?![\s-](?:ended|ending|before|after|ago|earlier|to|two)\b|\s+of\s+[a-z]|\s+\d{4}\b)"
        ),
        "weekend": r"\bthe\s+weekend\b",
        "spoken_year": (
            rf"\b(?:nineteen|twenty)[\s-](?P<rest>(?:{word_alternation(data['spoken_numbers'])})"
            rf"(?:[\s-](?P<unit_word>{word_alternation(digit_words)}))?)\b"
            r"|\bthe\s+year\s+(?P<millennium>two\s+thousand)\b"
        ),
        "deictic": (
            rf"\b(?P<deixis>(?:yesterday|tomorrow)\s+(?P<part>{parts})|the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)"
            r"|today|yesterday|tomorrow|tonight"
            r"|this\s+(?:morning|afternoon|evening)|last\s+night)\b"
        ),
        "ago": rf"\b{number}\s+{unit}s?(?:\s+or\s+so)?\s+(?P<back>ago|earlier|later)\b",
        "from_now": rf"\b{number}\s+{unit}s?(?:\s+or\s+so)?\s+(?P<back>from\s+(?:now|today))\b",
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
    triggers = _pattern_triggers(data, months, weekdays, units, references, set_words, holidays)
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
    schedules = [f"due to {verb}" for verb in data["due_to_verbs"]]
    for phrase in (str(cue).lower() for cue in [*data["future_cues"], *schedules]):
        first, *rest = phrase.split()
        future_cues.setdefault(first, []).append(tuple(rest))
    return TemporalVocabulary(
        months=months,
        weekdays=weekdays,
        seasons={str(k): str(v) for k, v in data["seasons"].items()},
        season_prepositions=frozenset(str(word).lower() for word in data["season_prepositions"]),
        season_nouns=frozenset(str(word).lower() for word in data["season_nouns"]),
        fall_nouns_after=frozenset(str(word).lower() for word in data["fall_nouns_after"]),
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
        not_cues_before_to=frozenset(str(cue).lower() for cue in data["not_cues_before_to"]),
        past_cues=frozenset(str(cue).lower() for cue in data["past_cues"]),
        time_word_cues=frozenset(str(cue).lower() for cue in data["time_word_cues"]),
        near_future_cues=frozenset(str(cue).lower() for cue in data["near_future_cues"]),
        not_references={
            str(word): (
                re.compile(rf"\b(?:{word_alternation(str(w) for w in spec.get('before', []))})\s+$"),
                re.compile(rf",?\s+(?:{word_alternation(str(w) for w in spec.get('after', []))})\b"),
            )
            for word, spec in data["not_references"].items()
        },
        references_after_only={
            str(word): re.compile(rf"\b(?:{word_alternation(str(w) for w in before)})\s+$")
            for word, before in data["references_after_only"].items()
        },
        story_relative_references=frozenset(str(word).lower() for word in data["story_relative_references"]),
        deadline_words=frozenset(str(word).lower() for word in data["deadline_words"]),
        clause_words=frozenset(str(word).lower() for word in data["clause_words"]),
        reporting_verbs=frozenset(str(word).lower() for word in data["reporting_verbs"]),
        origin_words=frozenset(str(word).lower() for word in data["origin_words"]),
        weekday_targets=frozenset(str(word).lower() for word in data["weekday_targets"]),
        target_words=frozenset(str(word).lower() for word in data["target_words"]),
        past_auxiliaries=frozenset(str(word).lower() for word in data["past_auxiliaries"]),
        passive_auxiliaries=frozenset(str(word).lower() for word in data["passive_auxiliaries"]),
        subject_pronouns=frozenset(str(word).lower() for word in data["subject_pronouns"]),
        determiners=frozenset(str(word).lower() for word in data["determiners"]),
        prepositions=frozenset(str(word).lower() for word in data["prepositions"]),
        adjective_forms=frozenset(str(word).lower() for word in data["adjective_forms"]),
        present_copulas=frozenset(str(word).lower() for word in data["present_copulas"]),
        match_words=re.compile(
            rf"\b(?:{word_alternation(str(w).lower() for w in data['match_words'])})\b", re.IGNORECASE
        ),
        event_sources=frozenset(str(word).lower() for word in data["event_sources"]),
        planned_participles=frozenset(str(word).lower() for word in data["planned_participles"]),
        modals=frozenset(str(word).lower() for word in data["modals"]),
        holidays=holidays,
        modifier_mods=_longest_first(data["modifiers"]),
        mods_before=_longest_first(data["mods_before"]),
        mods_before_ago=_longest_first(data["mods_before_ago"]),
        mods_after=_longest_first(data["mods_after"]),
        bound_words=_longest_first(data["bound_words"]),
        fiscal_calendars=(calendars := _fiscal_calendars(reference_dir / "fiscal_calendars.csv")),
        fiscal_names=re.compile(rf"\b(?:{word_alternation(calendars)})\b", re.IGNORECASE),
        trigger_index=(index := _trigger_index(patterns, capitalised=False)),
        capitalised_index=(capitalised := _trigger_index(patterns, capitalised=True)),
        trigger_words=frozenset(index) | frozenset(capitalised),
        trigger_layout=_trigger_layout(patterns),
    )


def _fiscal_calendars(path: Path) -> dict[str, FiscalCalendar]:
    """Each company name of ``fiscal_calendars.csv`` (lower case) to its fiscal calendar."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    calendars: dict[str, FiscalCalendar] = {}
    for row in csv.DictReader(lines):
        calendar = FiscalCalendar(row["company"], int(row["year_end_month"]), row["named_by"] == "end")
        for name in row["names"].split("|"):
            calendars[" ".join(name.lower().split())] = calendar
    return calendars


def _longest_first(phrases: Mapping[str, Any]) -> dict[str, str]:
    """Phrase to what it says, longest phrase first (so "no more than" is tried before "more than")."""
    return {str(k).lower(): str(v) for k, v in sorted(phrases.items(), key=lambda kv: -len(str(kv[0])))}


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


# Words that open reference phrases without telling them apart ("the", "in the past", "then-current").
_OPENING_WORDS = frozenset({"the", "a", "an", "in", "at", "as", "then"})


def _leading_word(phrase: str) -> str:
    """The first word of ``phrase`` that is not one of ``_OPENING_WORDS`` (its last word if all are)."""
    words: list[str] = re.findall(r"[a-z]+", phrase.lower())
    return next((word for word in words if word not in _OPENING_WORDS), words[-1])


def _rarest_word(name: str, weekdays: Mapping[str, int], months: Mapping[str, int]) -> str:
    """The word of a holiday's name that sentences meet least: its longest one that is no weekday or month."""
    words: list[str] = re.findall(r"[a-z]+", name)
    return max([word for word in words if word not in weekdays and word not in months] or words, key=len)


def _pattern_triggers(
    data: Mapping[str, Any],
    months: Mapping[str, int],
    weekdays: Mapping[str, int],
    units: Mapping[str, tuple[str, int]],
    references: Mapping[str, str],
    set_words: Mapping[str, str],
    holidays: Mapping[str, Holiday],
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
        # Each name's longest word, capitalised as names are: "the" and "new" would be met everywhere, and so
        # would a weekday or month ("Holy Thursday" is found by "Holy", "April Fools' Day" by "Fools").
        "holiday": (frozenset(_CAPITALISED + _rarest_word(name, weekdays, months) for name in holidays),),
        "story_quarter": (frozenset({"quarter", "period"}),),
        "quarter": (frozenset({"quarter"}),),
        "half": (frozenset({"half", "two"}), frozenset({"half", "quarter"})),
        "season": (_words(data["seasons"]),),
        "decade": (_words(data["decade_words"]) | frozenset({"century", "#s"}),),
        "fiscal_year": (frozenset({"fiscal", "fy"}),),
        "anaphora": (
            frozenset({"that", "same", "following", "next", "previous", "prior", "preceding", "before", "after"}),
            frozenset({"year", "month", "day"}) | _words(data["parts_of_day"]),
        ),
        "then": (frozenset({"then"}), frozenset({"since", "until", "till", "by", "before", "from"})),
        "relative_unit": (_words(data["relative_words"]) | (_words(data["modifiers"]) - {"the", "of"}), unit_words),
        "year_adjective": (frozenset({"year"}), frozenset({"ago", "earlier", "prior", "full", "whole", "entire"})),
        "weekend": (frozenset({"weekend"}),),
        "spoken_year": (frozenset({"nineteen", "twenty", "thousand"}),),
        "deictic": (
            frozenset({"today", "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening", "night"}),
        ),
        "ago": (frozenset({"ago", "earlier", "later"}),),
        "from_now": (frozenset({"from"}), frozenset({"now", "today"})),
        "duration": (unit_words, numbers),
        "vague_duration": (_words(data["vague_spans"]) - {"the", "past", "last", "next"}, unit_words),
        "set": (_words(set_words) | frozenset({"every", "each", "per"}),),
        # A phrase's first word that is no article or preposition: "these days" by "these", not "days".
        "reference": (frozenset(_leading_word(phrase) for phrase in references),),
        "year": (_YEAR_SHAPE,),
        "iso_date": (_YEAR_SHAPE,),
        "clock": (frozenset({"am", "pm", "m", "noon", "midnight"}),),
        "quarter_code": (frozenset({"q"}), _DIGITS | _YEAR_SHAPE),
        "half_code": (frozenset({"h"}), _DIGITS | _YEAR_SHAPE),
        "months_to": (frozenset({"months"}), month_words),
        "year_end": (frozenset({"year"}), frozenset({"end", "for", "in", "over", "during", "of"})),
    }


def _trigger_layout(patterns: Sequence[tuple[str, re.Pattern[str], Trigger]]) -> tuple[tuple[int, int], ...]:
    """Each pattern's (first bit, all its bits): one bit per word set, the patterns' runs one after another."""
    layout: list[tuple[int, int]] = []
    offset = 0
    for _, _, trigger in patterns:
        layout.append((offset, (1 << len(trigger)) - 1))
        offset += len(trigger)
    return tuple(layout)


def _trigger_index(patterns: Sequence[tuple[str, re.Pattern[str], Trigger]], *, capitalised: bool) -> dict[str, int]:
    """The bits (see ``_trigger_layout``) of the word sets each sentence token meets, for the words marked
    capitalised or the others.

    A plural ("years") meets what its singular does; a run of digits meets its shape.
    """
    index: dict[str, int] = {}
    for (_, _, trigger), (offset, _) in zip(patterns, _trigger_layout(patterns), strict=True):
        for part, words in enumerate(trigger):
            for word in words:
                if word.startswith(_CAPITALISED) != capitalised:
                    continue
                for form in _token_forms(word.removeprefix(_CAPITALISED)):
                    index[form] = index.get(form, 0) | 1 << (offset + part)
    return index


def _token_forms(word: str) -> tuple[str, ...]:
    """The sentence tokens that stand for trigger ``word`` (see ``_HASHES`` and ``_TOKEN``)."""
    if word == "#":
        return tuple("#" * n for n in range(1, _LONGEST_DIGIT_RUN + 1) if n != 4)
    if word == "#s":
        return tuple("#" * n + "s" for n in range(1, 5))
    return (word, word + "s") if word.isalpha() else (word,)


_TOKEN = re.compile(r"[a-z]+|#+s\b|#+")


def folded(text: str) -> str:
    """``text`` as trigger words are looked up in: lower case, each digit a "#"."""
    return text.lower().translate(_HASHES)


def patterns_to_try(sentence: str, vocabulary: TemporalVocabulary, sentence_folded: str | None = None) -> list[int]:
    """The patterns whose trigger word sets ``sentence`` meets, each of them, in order.

    ``sentence_folded`` is ``folded(sentence)``, when the caller has it already.
    """
    tokens = vocabulary.trigger_words.intersection(_TOKEN.findall(sentence_folded or folded(sentence)))
    met = 0
    index, capitalised = vocabulary.trigger_index, vocabulary.capitalised_index
    for token in tokens:
        met |= index.get(token, 0)
        if token in capitalised and token.capitalize() in sentence:
            met |= capitalised[token]
    return [number for number, (offset, bits) in enumerate(vocabulary.trigger_layout) if met >> offset & bits == bits]
