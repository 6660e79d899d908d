"""The records temporal extraction passes around: the expressions it returns and the candidates it reads.

``TimeExpression`` is the public result; ``Candidate`` is a pattern's reading of a span before overlaps,
the story around it and the publication date settle it. ``outside_calendar`` and the value helpers
beside it give an expression whose days fall before year 1 or after 9999 ("3000 years ago") its TIMEX3
value without calendar days. Finding and resolving them is ``triangulate.temporal``'s job; reading a
whole story is ``triangulate.temporal_story``'s.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from triangulate.periods import Period


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """One temporal expression: span into the text, TIMEX3 type and value, and how it was resolved."""

    char_start: int
    char_end: int
    surface: str
    type: str
    value: str
    start_date: date | None
    end_date: date | None
    resolution: str
    anchor: date | None
    # TIMEX3 mod (START, MID, END, APPROX, BEFORE, AFTER, ON_OR_BEFORE, ON_OR_AFTER, LESS_THAN,
    # MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE) or None; start_date and end_date already follow it.
    mod: str | None = None
    # The one day a comparison reads: the end for END, a deadline ("by June") or an upper bound, the
    # start for START or a lower bound, the middle for MID; None when the expression names a span.
    comparison_date: date | None = None


# A resolver turns (anchor, future) into a period, or into a symbolic TIMEX3 value with no calendar span.
Resolved = Period | str
Resolver = Callable[[date, bool | None], Resolved | None]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span a pattern matched, before the story and the tense settle its value."""

    start: int
    end: int
    type: str
    fixed: Resolved | None
    resolver: Resolver | None = None
    unresolved_value: str = "XXXX"
    # "a year ago", "year-earlier": years back from the period the sentence speaks of, when it names one.
    years_back: int = 0
    # "the quarter", "the latest period", "the 1988 period": the quarter the story last named (in the
    # year the expression gives, if any); "required" when the expression means nothing without one.
    story: str = ""
    # "that year", "the following month": (unit, shift) from the last expression that names one.
    refers_back: tuple[str, int] | None = None
    # Whether only an expression of the same sentence can be the one ``refers_back`` reads ("the previous year").
    in_sentence: bool = False
    # Whether the resolver reads the sentence's tense (finding it is the costly part of resolving).
    needs_tense: bool = False
    # A weekday or weekend: its direction also reads the cues of days ahead ("would").
    within_days: bool = False
    # A day or month without a year ("Dec. 7", "in January"): it may lie a few months ahead unless its own
    # clause is in the past tense.
    near_ahead: bool = False
    # A fiscal period: (quarter, or 0 for the whole year; fiscal year, if the text gives it).
    fiscal: tuple[int, int | None] | None = None
    # The article's present or future ("now", "soon"), which a clause in the past tense makes the story's
    # instead ("the fire soon spread", "the firm was now losing money"): then no time of the article, and
    # dropped. With ``speech_backshift``, not in a sentence that reports speech, whose past tense is the
    # speaker's present ("he said he now believed").
    ahead_only: bool = False
    speech_backshift: bool = False
    # A TIMEX3 mod the pattern itself says ("year-end" is the end of the year).
    mod: str | None = None


# The Gregorian calendar repeats every 400 years: the same days, weekdays and ISO weeks.
CYCLE_YEARS = 400
_CYCLE_DAYS = 146097


def year_value(year: int) -> str:
    """A year's TIMEX3 value, also outside the calendar: "2024", "BC0976" (year -975), "10000"."""
    return f"BC{1 - year:04d}" if year < 1 else f"{year:04d}"


def in_calendar(year: int) -> bool:
    """Whether a date of ``year`` fits the calendar (years 1 to 9999)."""
    return date.min.year <= year <= date.max.year


def day_value(ordinal: int, *, week: bool = False) -> str:
    """The TIMEX3 value of the day (or its ISO week) with proleptic ordinal ``ordinal``, even outside the calendar."""
    cycles, rest = divmod(ordinal - 1, _CYCLE_DAYS)
    found = date.fromordinal(rest + 1)
    if week:
        iso = found.isocalendar()
        return f"{year_value(iso.year + CYCLE_YEARS * cycles)}-W{iso.week:02d}"
    return f"{year_value(found.year + CYCLE_YEARS * cycles)}-{found.month:02d}-{found.day:02d}"


def outside_calendar(expression: TimeExpression, value: str) -> TimeExpression:
    """``expression`` naming ``value``, a period not wholly within years 1 to 9999: no calendar days."""
    return replace(expression, value=value, start_date=None, end_date=None, comparison_date=None)
