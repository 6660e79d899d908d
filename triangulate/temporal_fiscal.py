"""Fiscal quarters and years read in the calendar of the company the story is about.

"Fiscal Q2", "the fiscal second quarter" and "fiscal 2026" mean different months for different companies:
Nvidia's fiscal year ends in January, Apple's in September. When a company of
``reference/fiscal_calendars.csv`` is named before such an expression (or in its sentence), the
expression becomes the months of that company's fiscal period: a quarter is the three months to its last
month ("2025-05/2025-07", or "2025-Q2" when they are a calendar quarter), a year the twelve. Without
such a company the calendar reading stands. Finding the expressions is ``triangulate.temporal``'s job.
"""

from bisect import bisect_right
from dataclasses import replace
from datetime import date

from triangulate import periods
from triangulate.periods import Period
from triangulate.temporal_records import Candidate, TimeExpression
from triangulate.temporal_vocabulary import FiscalCalendar, TemporalVocabulary


def fiscal_period(calendar: FiscalCalendar, fiscal_year: int, quarter: int | None) -> Period:
    """Fiscal year ``fiscal_year`` of ``calendar`` (its quarter ``quarter``, when given) as calendar months."""
    end_year = fiscal_year if calendar.named_by_end else fiscal_year + 1
    last = end_year * 12 + calendar.year_end_month - 1 - (3 * (4 - quarter) if quarter else 0)
    return periods.months_to(last // 12, last % 12 + 1, 3 if quarter else 12)


def _nearest(calendar: FiscalCalendar, quarter: int, anchor: date, future: bool | None) -> Period:
    """Fiscal quarter ``quarter`` under way or last ended at ``anchor``; the one under way or next in the future."""
    options = [fiscal_period(calendar, year, quarter) for year in range(anchor.year - 1, anchor.year + 3)]
    if future:
        return next(option for option in options if option.end >= anchor)
    return [option for option in options if option.start <= anchor][-1]


def in_fiscal_calendars(
    text: str,
    found: list[TimeExpression],
    kept: list[Candidate],
    sentence_starts: list[int],
    future: list[bool | None],
    vocabulary: TemporalVocabulary,
) -> list[TimeExpression]:
    """``found`` with each fiscal quarter or year read in the calendar of the company named before it."""
    if not any(candidate.fiscal for candidate in kept):
        return found
    names = [
        (m.start(), vocabulary.fiscal_calendars[" ".join(m.group(0).lower().split())])
        for m in vocabulary.fiscal_names.finditer(text)
    ]
    settled = list(found)
    for index, (expression, candidate) in enumerate(zip(found, kept, strict=True)):
        if candidate.fiscal is None or not names:
            continue
        sentence = bisect_right(sentence_starts, expression.char_start)
        before = [calendar for start, calendar in names if start < expression.char_start]
        within = [calendar for start, calendar in names if bisect_right(sentence_starts, start) == sentence]
        calendar = before[-1] if before else within[0] if within else None
        if calendar is None:
            continue
        quarter, year = candidate.fiscal
        try:
            if year is not None:
                period = fiscal_period(calendar, year, quarter or None)
            elif quarter and expression.anchor is not None:
                period = _nearest(calendar, quarter, expression.anchor, future[index])
            else:
                continue
        except ValueError:
            continue  # a fiscal period reaching past year 9999 keeps its calendar reading
        settled[index] = replace(expression, value=period.value, start_date=period.start, end_date=period.end)
    return settled
