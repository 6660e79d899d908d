"""TIMEX3 modifiers of found time expressions, and the days that follow from them.

A modifier narrows or bounds what an expression names without changing its value: "late July" is July
with mod END, "about two years" P2Y with APPROX, "more than a year ago" a year back with BEFORE, "2026 or
later" 2026 with ON_OR_AFTER. The words come from ``reference/temporal.yaml`` (``modifiers``,
``mods_before``, ``mods_before_ago``, ``mods_after``, ``bound_words``); words said before or after the
expression join its span, as TimeML marks them.

Days: START, MID and END keep the first, middle or last third of the period in ``start_date`` and
``end_date`` (by months when the period is whole months in threes, else by days). ``comparison_date`` is
the single day a comparison of two sources reads: the end for END, a deadline ("by year-end", "until
June") and an upper bound (BEFORE, ON_OR_BEFORE); the start for START, a starting point ("since March")
and a lower bound (AFTER, ON_OR_AFTER); the middle day for MID; else None (the expression is a span).
Finding expressions is ``triangulate.temporal``'s job.
"""

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from triangulate.alternation import word_alternation
from triangulate.temporal_records import TimeExpression
from triangulate.temporal_vocabulary import TemporalVocabulary

_ENDS = frozenset({"END", "BEFORE", "ON_OR_BEFORE"})
_STARTS = frozenset({"START", "AFTER", "ON_OR_AFTER"})
# The mods a date takes from words before it; the others ("more than", "at least") bound a duration.
_OF_DATES = frozenset({"APPROX", "ON_OR_BEFORE", "ON_OR_AFTER"})
_AGO = re.compile(r"\b(?:ago|earlier|before)$", re.IGNORECASE)


def with_modifiers(text: str, found: list[TimeExpression], vocabulary: TemporalVocabulary) -> list[TimeExpression]:
    """``found`` with each expression's mod, the words that say it in its span, and the days that follow."""
    return [_modified(text, expression, vocabulary) for expression in found]


def _modified(text: str, expression: TimeExpression, vocabulary: TemporalVocabulary) -> TimeExpression:
    mod = expression.mod or _inner_mod(expression.surface, vocabulary)
    start, end = expression.char_start, expression.char_end
    if expression.type in ("DATE", "DURATION") and not expression.value.endswith("_REF"):
        counted_back = _AGO.search(expression.surface) is not None
        patterns = _patterns(vocabulary)
        said_before = (
            _phrase_before(text, start, patterns.before_ago, vocabulary.mods_before_ago, patterns.last_words)
            if counted_back
            else _phrase_before(text, start, patterns.before, vocabulary.mods_before, patterns.last_words)
        )
        fits = (
            counted_back
            or said_before is None
            or said_before[1] == "APPROX"
            or (said_before[1] in _OF_DATES) == (expression.type == "DATE")
        )
        # Not before a possessive, whose phrase is the noun's ("about Tuesday's robbery").
        possessive = text.startswith(("'s", "’s"), end)
        if said_before is not None and fits and not possessive and not expression.surface.lower().startswith("the "):
            start, mod = start - said_before[0], said_before[1]
        said_after = _phrase_after(text, end, patterns.after, vocabulary.mods_after)
        if said_after is not None:
            end, mod = end + said_after[0], said_after[1]
    patterns = _patterns(vocabulary)
    bound = _phrase_before(text, start, patterns.bound, vocabulary.bound_words, patterns.last_words)
    if mod is None and bound is None and (start, end) == (expression.char_start, expression.char_end):
        return expression
    first, last = expression.start_date, expression.end_date
    if first is not None and last is not None and mod in ("START", "MID", "END"):
        first, last = _third(first, last, mod)
    return replace(
        expression,
        char_start=start,
        char_end=end,
        surface=text[start:end],
        mod=mod,
        comparison_date=_comparison_date(first, last, mod, bound[1] if bound else None),
        start_date=first,
        end_date=last,
    )


@dataclass(frozen=True, slots=True)
class _Patterns:
    """The modifier words of a vocabulary compiled: one search per table, not one per phrase."""

    inner: re.Pattern[str]
    before: re.Pattern[str]
    before_ago: re.Pattern[str]
    after: re.Pattern[str]
    bound: re.Pattern[str]
    # The last words of the phrases said before an expression: a window not ending in one is skipped at once.
    last_words: frozenset[str]


@lru_cache(maxsize=4)
def _patterns(vocabulary: TemporalVocabulary) -> _Patterns:
    def ending(phrases: dict[str, str]) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w'-])(?P<p>{word_alternation(phrases)})\s+$")

    return _Patterns(
        inner=re.compile(rf"(?:the )?(?P<p>{word_alternation(vocabulary.modifier_mods)}) "),
        before=ending(vocabulary.mods_before),
        before_ago=ending(vocabulary.mods_before_ago),
        after=re.compile(rf",?\s+(?P<p>{word_alternation(vocabulary.mods_after)})(?![\w-])"),
        bound=ending(vocabulary.bound_words),
        last_words=frozenset(
            phrase.split()[-1]
            for table in (vocabulary.mods_before, vocabulary.mods_before_ago, vocabulary.bound_words)
            for phrase in table
        ),
    )


def _inner_mod(surface: str, vocabulary: TemporalVocabulary) -> str | None:
    """The mod a modifier at the start of the expression says ("late July", "the end of this year", "mid-1996")."""
    found = _patterns(vocabulary).inner.match(" ".join(surface.lower().replace("-", " ").split()))
    return (vocabulary.modifier_mods[found["p"]] or None) if found else None


_OPENING_MARKS = "\"'“‘([{"


def _phrase_before(
    text: str, start: int, pattern: re.Pattern[str], phrases: dict[str, str], last_words: frozenset[str]
) -> tuple[int, str] | None:
    """(characters, what it says) of the longest phrase of ``phrases`` that ends right before ``start``."""
    window = text[max(0, start - 40) : start]
    # Most expressions follow no such phrase: the word before them tells at once (the search decides the rest).
    words = window.split()
    if not window[-1:].isspace() or not words or words[-1].lower().lstrip(_OPENING_MARKS) not in last_words:
        return None
    found = pattern.search(window.lower())
    if found is None:
        return None
    return len(window) - found.start(), phrases[" ".join(found["p"].split())]


def _phrase_after(text: str, end: int, pattern: re.Pattern[str], phrases: dict[str, str]) -> tuple[int, str] | None:
    """(characters, what it says) of a phrase of ``phrases`` right after ``end`` ("or later", "at the latest")."""
    found = pattern.match(text[end : end + 24].lower())
    if found is None:
        return None
    return found.end(), phrases[" ".join(found["p"].split())]


def _third(first: date, last: date, mod: str) -> tuple[date, date]:
    """The first, middle or last third of ``first``..``last``: by months when the span is whole months in threes."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    whole_months = first.day == 1 and _month_last_day(last)
    if whole_months and months % 3 == 0:
        step = months // 3
        index = {"START": 0, "MID": 1, "END": 2}[mod]
        lower = _add_months(first, step * index)
        upper = last if index == 2 else _add_months(first, step * (index + 1)) - timedelta(days=1)
        return lower, upper
    days = (last - first).days + 1
    third = days // 3
    if third == 0:
        return first, last
    if mod == "START":
        return first, first + timedelta(days=third - 1)
    if mod == "END":
        return last - timedelta(days=third - 1), last
    return first + timedelta(days=third), last - timedelta(days=third)


def _month_last_day(day: date) -> bool:
    """Whether ``day`` ends its month (December 31 of year 9999 too, which has no day after it)."""
    return (day.month, day.day) == (12, 31) or (day + timedelta(days=1)).day == 1


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _comparison_date(first: date | None, last: date | None, mod: str | None, bound: str | None) -> date | None:
    if first is None or last is None:
        return None
    if mod in _ENDS or (mod is None and bound == "end"):
        return last
    if mod in _STARTS or (mod is None and bound == "start"):
        return first
    if mod == "MID":
        return first + (last - first) // 2
    return None
