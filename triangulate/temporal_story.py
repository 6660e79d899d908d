"""Read a document's time expressions as one story: later ones take their value from earlier ones.

"the quarter" and "a year earlier" take the quarter the story named, "that year" the last year named;
a period given without a year joins the year beside it ("June last year"). The functions here take the
expressions ``triangulate.temporal`` found in a text, in order, with the candidates they came from, and
return them settled. Finding expressions and reading one sentence's tense are not this module's job.
"""

import re
from bisect import bisect_right
from dataclasses import replace
from datetime import date

from triangulate import periods
from triangulate.periods import Period
from triangulate.temporal_records import Candidate, TimeExpression, day_value, in_calendar, outside_calendar, year_value

_YEAR_VALUE = re.compile(r"\d{4}")
_WITHIN_YEAR = re.compile(r"(?:\d{4}|XXXX)-(?:\d\d|Q\d|H\d|SP|SU|FA|WI)(?:-\d\d)?")
_BEFORE_YEAR = re.compile(r",?\s+(?:of\s+)?")
_DAY_VALUE = re.compile(r"(?:\d{4}|XXXX)-\d\d-\d\d")
# A weekday resolved to its date, or left unresolved.
_WEEKDAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d|XXXX-WXX-\d")


# Between a time of day and its day: a comma, "on", a time zone ("5 p.m. EST, Nov. 6").
_CLOCK_TO_DAY = re.compile(r",?\s+(?:[A-Z]{2,4},?\s+)?(?:on\s+)?")


def joined(
    text: str, found: list[TimeExpression], kept: list[Candidate]
) -> tuple[list[TimeExpression], list[Candidate]]:
    """Join a period given without a year to the year beside it: "June last year", "next year's first quarter".

    Also "January nineteen ninety-seven", "the winter of 1994", a weekday before its date ("Saturday,
    April 25") and a time of day before its day ("10 p.m. Wednesday", a TIME). The joined expression
    spans both and takes the resolution of the part that fixes the day or year.
    """
    expressions: list[TimeExpression] = []
    candidates: list[Candidate] = []
    for expression, candidate in zip(found, kept, strict=True):
        previous = expressions[-1] if expressions else None
        joined = None if previous is None else _join(text, previous, expression)
        if joined is None:
            expressions.append(expression)
            candidates.append(candidate)
        else:
            expressions[-1] = joined
    return expressions, candidates


def _join(text: str, first: TimeExpression, second: TimeExpression) -> TimeExpression | None:
    gap = text[first.char_end : second.char_start]
    if "\n" in gap:
        return None
    clock = first.value.partition("T")[2]
    if first.type == "TIME" and clock and _CLOCK_TO_DAY.fullmatch(gap) and _DAY_VALUE.fullmatch(second.value):
        return replace(
            second,
            char_start=first.char_start,
            surface=text[first.char_start : second.char_end],
            type="TIME",
            value=f"{second.value}T{clock}",
        )
    weekday_first = _WEEKDAY_VALUE.fullmatch(first.value) and not re.search(r"\d", first.surface)
    if weekday_first and re.fullmatch(r",?\s+|,", gap) and _DAY_VALUE.fullmatch(second.value):
        joined = replace(second, char_start=first.char_start, surface=text[first.char_start : second.char_end])
        return _in_year_of_weekday(joined, first.value) if second.resolution == "relative_resolved" else joined
    if _BEFORE_YEAR.fullmatch(gap) and _YEAR_VALUE.fullmatch(second.value) and _WITHIN_YEAR.fullmatch(first.value):
        period, year = first, second
    elif gap == "'s " and _YEAR_VALUE.fullmatch(first.value) and _WITHIN_YEAR.fullmatch(second.value):
        period, year = second, first
    else:
        return None
    if re.search(r"\d{4}", period.surface):
        return None
    moved = periods.in_year(period.value, int(year.value[:4]))
    if moved is None:
        return None
    return TimeExpression(
        char_start=first.char_start,
        char_end=second.char_end,
        surface=text[first.char_start : second.char_end],
        type="DATE",
        value=moved.value,
        start_date=moved.start,
        end_date=moved.end,
        resolution=year.resolution,
        anchor=year.anchor,
    )


# The words between the two ends of a range ("from January to October", "between May 2 and May 9"), and
# the word that opens one.
_RANGE_GAP = re.compile(r"\s*(?:to|through|until|till|and|-|–)\s*", re.IGNORECASE)
_RANGE_OPENING = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
_MONTH_OR_DAY = re.compile(r"(?P<year>\d{4})-(?P<month>\d\d)(?:-(?P<day>\d\d))?")


def ranges(text: str, found: list[TimeExpression], kept: list[Candidate]) -> list[TimeExpression]:
    """Put the two ends of a range given without a year in order ("from January to October", "from Dec. 28 to
    Jan. 3"): of the two readings that keep one end and move the other next to it, the nearer to the
    publication date ("from January to October" in November 2006 is January to October 2006)."""
    settled = list(found)
    for index in range(len(found) - 1):
        first, second = settled[index], settled[index + 1]
        pair = _range_ends(text, first, second, kept[index], kept[index + 1])
        if pair is None:
            continue
        start, end, anchor = pair
        later = (start["month"], start["day"] or "") > (end["month"], end["day"] or "")
        # Either the start moves next to the end, or the end next to the start.
        options = [
            (periods.in_year(first.value, int(end["year"]) - later), None),
            (None, periods.in_year(second.value, int(start["year"]) + later)),
        ]
        spans = [
            (moved_first or _period_of(first), moved_second or _period_of(second), moved_first, moved_second)
            for moved_first, moved_second in options
            if moved_first is not None or moved_second is not None
        ]
        if not spans:
            continue
        _, _, moved_first, moved_second = min(spans, key=lambda span: _distance(span[0].start, span[1].end, anchor))
        if moved_first is not None:
            settled[index] = _with_period(first, moved_first, first.resolution, first.anchor)
        if moved_second is not None:
            settled[index + 1] = _with_period(second, moved_second, second.resolution, second.anchor)
    return settled


def _range_ends(
    text: str, first: TimeExpression, second: TimeExpression, first_read: Candidate, second_read: Candidate
) -> tuple[re.Match[str], re.Match[str], date] | None:
    """The values of two expressions that are the ends of a range without years, and its anchor; else None."""
    if not (first_read.near_ahead and second_read.near_ahead) or first.anchor is None:
        return None
    if first.start_date is None or second.start_date is None:
        return None
    if not _RANGE_GAP.fullmatch(text[first.char_end : second.char_start]):
        return None
    if not _RANGE_OPENING.search(text[max(0, first.char_start - 10) : first.char_start]):
        return None
    start, end = _MONTH_OR_DAY.fullmatch(first.value), _MONTH_OR_DAY.fullmatch(second.value)
    if start is None or end is None:
        return None
    return start, end, first.anchor


def _period_of(expression: TimeExpression) -> Period:
    assert expression.start_date is not None and expression.end_date is not None
    return Period(expression.value, expression.start_date, expression.end_date)


def _distance(first: date, last: date, anchor: date) -> int:
    """Days from ``anchor`` to the span ``first``..``last`` (0 when it lies within)."""
    return max((first - anchor).days, (anchor - last).days, 0)


def _in_year_of_weekday(expression: TimeExpression, weekday_value: str) -> TimeExpression:
    """A day given without a year, after its weekday ("Monday, March 9"): in the year next to the one read
    whose date falls on that weekday, when the one read does not."""
    weekday = date.fromisoformat(weekday_value).isoweekday() if weekday_value[0].isdigit() else int(weekday_value[-1])
    if expression.start_date is None or expression.start_date.isoweekday() == weekday:
        return expression
    for step in (1, -1):
        try:
            moved = expression.start_date.replace(year=expression.start_date.year + step)
        except ValueError:
            continue
        if moved.isoweekday() == weekday:
            return _with_period(expression, periods.day(moved), expression.resolution, expression.anchor)
    return expression


_PERIOD_VALUE = re.compile(r"(?P<year>\d{4})(?:-(?P<kind>[QH])(?P<number>[1-4]))?")
_MONTHS_SPAN = re.compile(r"P\d+M")
_QUARTER_VALUE = re.compile(r"(?P<year>\d{4})-Q(?P<number>[1-4])")


def from_story(
    found: list[TimeExpression], kept: list[Candidate], sentence_starts: list[int]
) -> tuple[list[TimeExpression], list[Candidate]]:
    """Give "the quarter", "the latest period" and "the 1988 period" the quarter the story is about.

    That is the last quarter named earlier in the same sentence, else the first one the story named:
    results stories name their quarter once ("the third quarter ended Sept. 30") and then refer back
    to it. An expression that needs a named quarter and has none before it is dropped; the others
    keep their own reading.
    """
    first_named: TimeExpression | None = None
    in_sentence: tuple[int, TimeExpression] | None = None
    expressions: list[TimeExpression] = []
    candidates: list[Candidate] = []
    for expression, candidate in zip(found, kept, strict=True):
        sentence = bisect_right(sentence_starts, expression.char_start)
        named = in_sentence[1] if in_sentence is not None and in_sentence[0] == sentence else first_named
        if not candidate.story:
            if not candidate.years_back and _QUARTER_VALUE.fullmatch(expression.value):
                first_named = first_named or expression
                in_sentence = (sentence, expression)
        elif named is not None:
            expression = _in_named_quarter(expression, named, candidate.years_back)
        elif candidate.story == "required":
            continue
        expressions.append(expression)
        candidates.append(candidate)
    return expressions, candidates


_UNIT_VALUE = {
    "year": re.compile(r"(?P<year>\d{4})(?!\d).*"),
    "month": re.compile(r"(?P<year>\d{4})-(?P<month>\d\d)(?!\d).*"),
    "day": re.compile(r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)(?![\d/]).*"),
}
_UNIT_VALUE["week"] = _UNIT_VALUE["day"]
_UNIT_VALUE["weekday"] = _UNIT_VALUE["day"]
# Between a day and a phrase in apposition to it ("Thursday -- the day after the vote").
_APPOSITION = re.compile(r"\s*(?:,|--|—|–)\s*")
# What "then" can stand for: a year, or a period or day within one (a time of day's day).
_CALENDAR_VALUE = re.compile(r"\d{4}(?:-(?:\d\d(?:-\d\d)?|[QH]\d|W\d\d|SP|SU|FA|WI))?(?![\d/-])")


def from_previous(
    text: str, found: list[TimeExpression], kept: list[Candidate], sentence_starts: list[int]
) -> tuple[list[TimeExpression], list[Candidate]]:
    """Resolve "that year", "the same month", "the next morning", "a day earlier", "since then" from the last
    expression naming one.

    "The story's day" is the last day named before, not the publication date. Without such an expression
    before it (in its own sentence, for "the previous year"), a phrase that has a reading of its own from the
    publication date keeps it ("the next day"); the others name no date and are dropped.
    """
    expressions: list[TimeExpression] = []
    candidates: list[Candidate] = []
    for expression, candidate in zip(found, kept, strict=True):
        if candidate.refers_back is not None and candidate.refers_back[0] == "apposed":
            previous = expressions[-1] if expressions else None
            gap = text[previous.char_end : expression.char_start] if previous is not None else ""
            if previous is not None and _APPOSITION.fullmatch(gap) and _DAY_VALUE.match(previous.value):
                expressions.append(_referred(expression, [previous]) or expression)
                candidates.append(candidate)
            continue
        if candidate.refers_back is not None and candidate.refers_back[0] == "then":
            sentence = bisect_right(sentence_starts, expression.char_start)
            recent = [e for e in expressions if bisect_right(sentence_starts, e.char_start) >= sentence - 1]
            referred = _referred(expression, recent)
            if referred is not None:
                expressions.append(referred)
                candidates.append(candidate)
            continue
        if candidate.refers_back is not None:
            unit, shift = candidate.refers_back
            pattern = _UNIT_VALUE[unit]
            sentence = bisect_right(sentence_starts, expression.char_start)
            source = next(
                (
                    e
                    for e in reversed(expressions)
                    if pattern.fullmatch(e.value)
                    and (not candidate.in_sentence or bisect_right(sentence_starts, e.char_start) == sentence)
                ),
                None,
            )
            if source is None and candidate.resolver is None:
                continue
            if source is None:
                expressions.append(expression)
                candidates.append(candidate)
                continue
            named = pattern.fullmatch(source.value)
            assert named is not None
            moved = _moved(unit, named, shift)
            expression = (
                _with_period(expression, moved, source.resolution, source.anchor)
                if isinstance(moved, Period)
                else outside_calendar(replace(expression, resolution=source.resolution, anchor=source.anchor), moved)
            )
        expressions.append(expression)
        candidates.append(candidate)
    return expressions, candidates


def _referred(expression: TimeExpression, before: list[TimeExpression]) -> TimeExpression | None:
    """``expression`` ("then", "the day after the vote") as the last date, period or year of ``before``, if any.

    "Then" reads the expressions of its sentence and the one before: further back, what it stands for is seldom
    a date the story wrote."""
    for source in reversed(before):
        named = _CALENDAR_VALUE.match(source.value)
        if named is not None:
            return replace(
                expression,
                value=named.group(0),
                start_date=source.start_date,
                end_date=source.end_date,
                resolution=source.resolution,
                anchor=source.anchor,
            )
    return None


def _moved(unit: str, named: re.Match[str], shift: int) -> Period | str:
    """The year, month or day ``named`` holds, moved by ``shift`` of them (a week: its day moved by ``shift`` days;
    a weekday: the first weekday ``shift`` after it).

    Only its TIMEX3 value when that falls outside the calendar.
    """
    year = int(named["year"])
    if unit == "year":
        return periods.year(year + shift) if in_calendar(year + shift) else year_value(year + shift)
    if unit == "month":
        year, number = periods.shift_month(year, int(named["month"]), shift)
        return periods.month(year, number) if in_calendar(year) else f"{year_value(year)}-{number:02d}"
    day = date(year, int(named["month"]), int(named["day"]))
    if unit == "weekday":
        # The first such weekday (``shift``, 1 for Monday) after the day named.
        shift = (shift - day.isoweekday()) % 7 or 7
    ordinal = day.toordinal() + shift
    if not date.min.toordinal() <= ordinal <= date.max.toordinal():
        return day_value(ordinal, week=unit == "week")
    moved = date.fromordinal(ordinal)
    return periods.week(moved) if unit == "week" else periods.day(moved)


def _in_named_quarter(expression: TimeExpression, named: TimeExpression, years_back: int) -> TimeExpression:
    """``expression`` as the quarter ``named`` (moved into the year ``expression`` gives, then back)."""
    reference = _QUARTER_VALUE.fullmatch(named.value)
    assert reference is not None
    # A year the expression writes ("the 1988 period"), not one it was read as without a quarter.
    own_year = _YEAR_VALUE.fullmatch(expression.value) if re.search(r"\d{4}", expression.surface) else None
    year = int(own_year.group(0) if own_year else reference["year"]) - years_back
    if not in_calendar(year):
        return outside_calendar(expression, f"{year_value(year)}-Q{reference['number']}")
    period = periods.quarter(year, int(reference["number"]))
    if own_year is not None and expression.resolution == "absolute":
        return _with_period(expression, period, "absolute", None)
    return _with_period(expression, period, named.resolution, named.anchor)


def _with_period(expression: TimeExpression, period: Period, resolution: str, anchor: date | None) -> TimeExpression:
    """``expression`` now naming ``period``, resolved as the expression it was read from."""
    return replace(
        expression,
        value=period.value,
        start_date=period.start,
        end_date=period.end,
        resolution=resolution,
        anchor=anchor,
    )


def back_from_reference(
    found: list[TimeExpression], sentence_of: list[int], backward: set[int], index: int, years: int
) -> TimeExpression:
    """ "A year ago" said of a period the story names ("the third quarter of 2024") is that period a year back.

    The nearest year, quarter or half in the same sentence is the reference. Without one, the first
    quarter or half the story named is (results stories name the quarter once, then compare it with
    "a year earlier"), unless the sentence speaks of a span of months ("for the nine months"). Otherwise
    the expression keeps its reading from the publication date.
    """
    own = found[index]
    candidates = [
        (position, other)
        for position, other in enumerate(found)
        if position not in backward and other.type == "DATE" and _PERIOD_VALUE.fullmatch(other.value)
    ]
    same_sentence = [
        (abs(other.char_start - own.char_start), position)
        for position, other in candidates
        if sentence_of[position] == sentence_of[index]
    ]
    earlier = [position for position, other in candidates if position < index and "-" in other.value]
    months = any(
        sentence_of[position] == sentence_of[index] and other.type == "DURATION" and _MONTHS_SPAN.fullmatch(other.value)
        for position, other in enumerate(found)
    )
    if same_sentence:
        reference = found[min(same_sentence)[1]]
    elif earlier and not months:
        reference = found[earlier[0]]
    else:
        return own
    match = _PERIOD_VALUE.fullmatch(reference.value)
    assert match is not None
    year = int(match["year"]) - years
    if not in_calendar(year):
        suffix = f"-{match['kind']}{match['number']}" if match["kind"] else ""
        return outside_calendar(
            replace(own, resolution=reference.resolution, anchor=reference.anchor), year_value(year) + suffix
        )
    if match["kind"] == "Q":
        period = periods.quarter(year, int(match["number"]))
    elif match["kind"] == "H":
        period = periods.half(year, int(match["number"]))
    else:
        period = periods.year(year)
    return _with_period(own, period, reference.resolution, reference.anchor)
