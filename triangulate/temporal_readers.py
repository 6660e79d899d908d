"""Read what each temporal pattern matched: one method per pattern turns a match into a candidate.

A candidate holds the value, or how to resolve it against a publication date and a tense, and what the
story around it must supply ("the quarter", "that year"). Compiling the patterns is
``triangulate.temporal_vocabulary``'s job; choosing among candidates and resolving them is
``triangulate.temporal``'s.
"""

import re
from datetime import date, timedelta
from functools import lru_cache

from triangulate import periods
from triangulate.periods import Period
from triangulate.temporal_holidays import holiday_in, nearest_holiday
from triangulate.temporal_records import Candidate, Resolved, day_value, in_calendar, year_value
from triangulate.temporal_vocabulary import TemporalVocabulary


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


_FISCAL_BEFORE = re.compile(r"\bfiscal[\s-]+$", re.IGNORECASE)


def _said_fiscal(m: re.Match[str]) -> bool:
    """Whether a quarter or year is called fiscal ("fiscal Q2", "the second fiscal quarter", "Q3 FY26")."""
    surface = m.group(0).lower()
    return (
        "fiscal" in surface
        or "fy" in surface
        or _FISCAL_BEFORE.search(m.string, max(0, m.start() - 8), m.start()) is not None
    )


_NOT_A_NOUN_AFTER = re.compile(r"\s+(?:ago|later|earlier|or|and|of|before|after|longer|more|too|to|in|at|on)\b")


# A word after "the day before" or "the day after": the event it is counted from ("the day after the vote").
_EVENT_AFTER = re.compile(r"[ \t]+[\w\"“'‘(]")
_FOLLOWING = re.compile(r"\bthe\s+following\s+$", re.IGNORECASE)
_EVERY = re.compile(r"\b(?:each|every)\s+$", re.IGNORECASE)


def _every_before(m: re.Match[str]) -> int | None:
    """Where "each" or "every" starts right before the match ("each July" is a SET), else None."""
    found = _EVERY.search(m.string, max(0, m.start() - 8), m.start())
    return None if found is None else found.start()


def _names_a_round(m: re.Match[str]) -> bool:
    """A quarter joined to "final": a round of a tournament ("the quarter-finals"), no part of a year."""
    return re.match(r"[- ]finals?\b", m.string[m.end() : m.end() + 8]) is not None


def _ordinal_second(m: re.Match[str]) -> bool:
    """ "A second line", "A second, larger quake", "a Second Avenue shop": an ordinal before its noun, not a
    second of time."""
    if m["unit"].lower() != "second" or m["n"].lower() not in ("a", "an", "one") or m.group(0).lower().endswith("s"):
        return False
    after = m.string[m.end() : m.end() + 12]
    if m["unit"][0].isupper() or (_starts_sentence(m.string, m.start()) and after.startswith(",")):
        return True
    return re.match(r"\s+[a-z]", after) is not None and _NOT_A_NOUN_AFTER.match(after) is None


def _discourse_now(m: re.Match[str]) -> bool:
    """ "Now," opening a sentence: a discourse marker, not the present."""
    return (
        m["ref"].lower() == "now" and _starts_sentence(m.string, m.start()) and m.string[m.end() : m.end() + 1] == ","
    )


def _years_on(anchor: date, years: int) -> Resolved:
    """The year ``years`` after the anchor's (before, when negative); outside the calendar, its value only."""
    year = anchor.year + years
    return periods.year(year) if in_calendar(year) else year_value(year)


def _months_on(anchor: date, months: int) -> Resolved:
    """The month ``months`` after the anchor's (before, when negative); outside the calendar, its value only."""
    year, number = periods.shift_month(anchor.year, anchor.month, months)
    return periods.month(year, number) if in_calendar(year) else f"{year_value(year)}-{number:02d}"


def _day_or_week(ordinal: int, *, week: bool) -> Resolved:
    """The day (or its ISO week) with proleptic ordinal ``ordinal``; only its value when outside the calendar."""
    if not date.min.toordinal() <= ordinal <= date.max.toordinal():
        return day_value(ordinal, week=week)
    found = date.fromordinal(ordinal)
    return periods.week(found) if week else periods.day(found)


# "in" right before a length of time ("due in five years"), and "or two" right after one ("a year or two").
_IN_BEFORE = re.compile(r"\bin\s+$", re.IGNORECASE)
_DESCRIBED_AFTER = re.compile(r"\s+(?:that|which|when|where|in\s+which|of|with|without)\b", re.IGNORECASE)
_OR_ANOTHER = re.compile(r"\s+or\s+(?:two|three|more|so)\b", re.IGNORECASE)


# How far ahead a date given without a year may lie when its sentence is not about the future.
_NEAR_AHEAD = timedelta(days=100)


def _nearest_year(anchor: date, month: int, day: int, future: bool | None) -> int:
    """Years to add to the anchor year for a month and day given without a year.

    In a sentence about the future it is the next such day, in one about the past the last one. Without
    a tense it is the coming one when that is a few months away at most (news cites dividend dates and
    deadlines as well as past events: "the review ends on Jan. 20"), else the last one.
    """
    ahead = _in_direction((anchor.month, anchor.day), (month, day), True, strict=False)
    if future or (future is None and date(anchor.year + ahead, month, min(day, 28)) - anchor <= _NEAR_AHEAD):
        return ahead
    return _in_direction((anchor.month, anchor.day), (month, day), False, strict=False)


class Reader:
    """Turns one regex match into a candidate; one method per pattern name."""

    def __init__(self, vocabulary: TemporalVocabulary) -> None:
        self.vocabulary = vocabulary
        # Each month's longest spelling is its full name; the others are abbreviations.
        longest: dict[int, str] = {}
        for name, number in vocabulary.months.items():
            longest[number] = max(longest.get(number, ""), name, key=len)
        self.full_month_names = frozenset(longest.values())

    def shift(self, rel: str | None) -> int | None:
        """-1 for last/previous, +1 for next/coming, 0 for this/current, None without such a word."""
        return None if rel is None else self.vocabulary.relative_words[rel.lower().split()[-1]]

    def month_number(self, token: str) -> int:
        return self.vocabulary.months[token.lower().rstrip(".")]

    def _of_a_match(self, m: re.Match[str]) -> bool:
        """Whether words of play are near the match (within about a sentence): a half or quarter of a game."""
        return self.vocabulary.match_words.search(m.string, max(0, m.start() - 150), m.end() + 150) is not None

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
            m.start(),
            m.end(),
            "DATE",
            None,
            resolve,
            f"XXXX-{number:02d}-{day_number:02d}",
            needs_tense=True,
            near_ahead=True,
        )

    day_month = month_day

    def month(self, m: re.Match[str]) -> Candidate | None:
        """A month without a day or year; an abbreviation without its dot ("Jan" in a list or a table
        header, or a person's name) is not one."""
        if not m["m"][0].isupper() or (
            m["m"].lower() not in self.full_month_names and m.string[m.end() : m.end() + 1] != "."
        ):
            return None
        ambiguous = m["m"].lower() in ("may", "march") and m["rel"] is None and m["mod"] is None
        if ambiguous and _starts_sentence(m.string, m.start("m")):
            return None
        number, shift = self.month_number(m["m"]), self.shift(m["rel"])
        every = _every_before(m)
        if every is not None:
            return Candidate(every, m.end(), "SET", f"XXXX-{number:02d}")

        def resolve(anchor: date, future: bool | None) -> Resolved:
            if shift == 0:
                return periods.month(anchor.year, number)
            if shift is None:
                # The month under way is this year's, whichever way the sentence points.
                day = anchor.day if number == anchor.month else 15
                return periods.month(anchor.year + _nearest_year(anchor, number, day, future), number)
            return periods.month(anchor.year + _in_direction((anchor.month,), (number,), shift == 1, True), number)

        return Candidate(
            m.start(), m.end(), "DATE", None, resolve, f"XXXX-{number:02d}", needs_tense=True, near_ahead=True
        )

    def weekday(self, m: re.Match[str]) -> Candidate | None:
        """A weekday: its direction from the tense of its clause; "the following Monday" is the first Monday
        after the day the story last named (after the publication date without one)."""
        number, shift = self.vocabulary.weekdays[m["wd"].lower()], self.shift(m["rel"])
        every = _every_before(m)
        if every is not None:
            return Candidate(every, m.end(), "SET", f"XXXX-WXX-{number}")
        following = _FOLLOWING.search(m.string, max(0, m.start() - 16), m.start()) if m["rel"] is None else None
        if following is not None:

            def after_anchor(anchor: date, future: bool | None) -> Resolved:
                return periods.day(anchor + timedelta(days=(number - anchor.isoweekday()) % 7 or 7))

            return Candidate(
                following.start(),
                m.end(),
                "DATE",
                None,
                after_anchor,
                f"XXXX-WXX-{number}",
                refers_back=("weekday", number),
            )

        def resolve(anchor: date, future: bool | None) -> Resolved:
            today = anchor.isoweekday()
            if shift == 0:
                found = anchor + timedelta(days=number - today)
            elif shift == 1 or (shift is None and future):
                found = anchor + timedelta(days=(number - today) % 7 or (7 if shift == 1 else 0))
            else:
                found = anchor - timedelta(days=(today - number) % 7 or (7 if shift == -1 else 0))
            return periods.day(found)

        # A part of day after a weekday ("Thursday morning") joins its span and keeps the day's value: news
        # annotation gives the day a weekday names, the part of it is no more precise a date.
        return Candidate(
            m.start(),
            m.end(),
            "DATE",
            None,
            resolve,
            f"XXXX-WXX-{number}",
            needs_tense=True,
            within_days=True,
        )

    def holiday(self, m: re.Match[str]) -> Candidate | None:
        """A holiday or named day: "Thanksgiving", "last Christmas", "Easter 2024", "Election Day".

        With a year it is that year's; "last"/"next" are the one before or after the publication date,
        "this" the one in its year; alone, the last one in a sentence about the past, the coming one in
        a sentence about the future, else the nearer of the two.
        """
        if not m["hol"][0].isupper():
            return None
        holiday = self.vocabulary.holidays[" ".join(m["hol"].lower().split())]
        if m["y"]:
            found = holiday_in(holiday, int(m["y"]))
            return Candidate(m.start(), m.end(), "DATE", found) if found else None
        shift = self.shift(m["rel"])

        def resolve(anchor: date, future: bool | None) -> Resolved | None:
            if shift is not None:
                return nearest_holiday(holiday, anchor, 2 * shift)
            if future is not None:
                return nearest_holiday(holiday, anchor, 1 if future else -1)
            before, after = nearest_holiday(holiday, anchor, -1), nearest_holiday(holiday, anchor, 1)
            if before is None or after is None:
                return before or after
            return after if after.start - anchor <= _NEAR_AHEAD else before

        return Candidate(m.start(), m.end(), "DATE", None, resolve, "XXXX-XX-XX", needs_tense=shift is None)

    def story_quarter(self, m: re.Match[str]) -> Candidate | None:
        """A quarter the story named before: "the quarter", "that period", "the 1988 period", "last year's quarter"."""
        if _names_a_round(m):
            return None
        modifier = (m["mod"] or "").lower()
        years_back = 1 if m["back"] or m["ly"] or modifier.endswith(("ago", "earlier", "prior-year")) else 0
        if m["y"]:
            return Candidate(m.start(), m.end(), "DATE", periods.year(int(m["y"])), story="quarter")
        if m["noun"].lower() == "period" and years_back:
            # "The same period last year" after no quarter (a half, nine months): at least the year before.
            def year_before(anchor: date, future: bool | None) -> Resolved:
                return periods.year(anchor.year - years_back)

            return Candidate(m.start(), m.end(), "DATE", None, year_before, "XXXX", years_back, story="quarter")
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
        if _names_a_round(m):
            return None
        ordinal = self.vocabulary.ordinals.get((m["ord"] or "").lower().rstrip())
        explicit_year = m["y"] or m["y2"] or m["y0"]
        fiscal = _said_fiscal(m) and ordinal is not None
        if explicit_year and ordinal:
            quarter = periods.quarter(int(explicit_year), ordinal)
            return Candidate(
                m.start(), m.end(), "DATE", quarter, fiscal=(ordinal, int(explicit_year)) if fiscal else None
            )
        surface = m.group(0).lower()
        if m["y0"] or (ordinal is None and m["rel"] is None and m["ya"] is None and not surface.startswith("the")):
            return None
        if ordinal and not fiscal and m["rel"] is None and m["ya"] is None and self._of_a_match(m):
            return None  # a quarter of a game ("a touchdown in the fourth quarter")
        shift, year_ago = self.shift(m["rel"]), bool(m["ya"]) and not m["ya"].lower().startswith("fiscal")
        if m["em"] and ordinal is None and not year_ago:
            return self.quarter_ended(m)

        def resolve(anchor: date, future: bool | None) -> Resolved:
            year_number, current = periods.quarter_of(anchor)
            if ordinal is not None and shift is None and not year_ago:
                target = (year_number + _nearest_year(anchor, ordinal * 3 - 1, 15, future=None), ordinal)
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
            fiscal=(ordinal, None) if fiscal and ordinal and shift is None and not year_ago else None,
        )

    def quarter_ended(self, m: re.Match[str]) -> Candidate:
        """ "The quarter ended July 31": the three months to that date, a calendar quarter when they are one.

        Fiscal quarters often end in other months (or a few days off a month's end: "Sept. 29"); naming
        the months keeps the value true to the company's calendar. Without a year it is the last such
        date ("ended") or the one the sentence's tense points to ("ending").
        """
        number, day = self.month_number(m["em"]), int(m["ed"])

        def window(year: int) -> Period:
            return periods.months_to(year, number, 3)

        if m["ey"]:
            return Candidate(m.start(), m.end(), "DATE", window(int(m["ey"])))
        past = m["ended"].lower() == "ended"

        def resolve(anchor: date, future: bool | None) -> Resolved:
            return window(anchor.year + _nearest_year(anchor, number, min(day, 28), False if past else future))

        return Candidate(
            m.start(), m.end(), "DATE", None, resolve, f"XXXX-{number:02d}/P3M", needs_tense=not past, near_ahead=True
        )

    def month_quarter(self, m: re.Match[str]) -> Candidate | None:
        """A fiscal quarter named after the month it ends in ("the July quarter")."""
        if not m["m"][0].isupper():
            return None
        number = self.month_number(m["m"])
        if m["y"]:
            return Candidate(m.start(), m.end(), "DATE", periods.months_to(int(m["y"]), number, 3))

        def resolve(anchor: date, future: bool | None) -> Resolved:
            shift = _in_direction((anchor.month,), (number,), future, strict=False)
            return periods.months_to(anchor.year + shift, number, 3)

        return Candidate(m.start(), m.end(), "DATE", None, resolve, f"XXXX-{number:02d}/P3M", needs_tense=True)

    def quarter_code(self, m: re.Match[str]) -> Candidate | None:
        number = int(m["q"] or m["q2"] or m["q3"])
        year_token = m["y"] or m["y4"] or m["y2"] or m["y3"]
        fiscal = _said_fiscal(m)
        if year_token:
            year_number = _four_digit(year_token)
            quarter = periods.quarter(year_number, number)
            return Candidate(m.start(), m.end(), "DATE", quarter, fiscal=(number, year_number) if fiscal else None)

        def resolve(anchor: date, future: bool | None) -> Resolved:
            year_number, current = periods.quarter_of(anchor)
            return periods.quarter(year_number + _in_direction((current,), (number,), future, strict=False), number)

        return Candidate(
            m.start(),
            m.end(),
            "DATE",
            None,
            resolve,
            f"XXXX-Q{number}",
            needs_tense=True,
            fiscal=(number, None) if fiscal else None,
        )

    def half(self, m: re.Match[str]) -> Candidate | None:
        """A half year: "the second half", "the last half of 1989", "the first two quarters of 1990"; not a half
        of a game, told by the words of play around it (``match_words``)."""
        number = 1 if (m["ord"] or m["ord2"]).lower() in ("first", "1st") else 2
        if m["y"]:
            return Candidate(m.start(), m.end(), "DATE", periods.half(int(m["y"]), number))
        if not m["yrel"] and self._of_a_match(m):
            return None  # a half of a match ("a goal early in the second half")
        shift = self.shift(m["yrel"]) or 0

        def resolve(anchor: date, future: bool | None) -> Resolved:
            return periods.half(anchor.year + shift, number)

        return Candidate(m.start(), m.end(), "DATE", None, resolve, f"XXXX-H{number}")

    def half_code(self, m: re.Match[str]) -> Candidate | None:
        """ "H1 2025", "2H'24", or "H1" alone, the half of the article's year as "the first half" is."""
        number, year_token = int(m["h"] or m["h2"]), m["y"] or m["y4"] or m["y2"]
        if year_token:
            return Candidate(m.start(), m.end(), "DATE", periods.half(_four_digit(year_token), number))

        def resolve(anchor: date, future: bool | None) -> Resolved:
            return periods.half(anchor.year, number)

        return Candidate(m.start(), m.end(), "DATE", None, resolve, f"XXXX-H{number}")

    def months_to(self, m: re.Match[str]) -> Candidate | None:
        """ "The six months to June": the months up to that month, a half or quarter when they are one."""
        if not m["m"][0].isupper():
            return None
        count = int(self.vocabulary.numbers.get(m["n"].lower(), m["n"]))
        number = self.month_number(m["m"])
        if m["y"]:
            return Candidate(m.start(), m.end(), "DATE", periods.months_to(int(m["y"]), number, count))
        past = m["to"].lower() == "ended"

        def resolve(anchor: date, future: bool | None) -> Resolved:
            ahead = False if past else future
            return periods.months_to(anchor.year + _nearest_year(anchor, number, 28, ahead), number, count)

        return Candidate(
            m.start(),
            m.end(),
            "DATE",
            None,
            resolve,
            f"XXXX-{number:02d}/P{count}M",
            needs_tense=not past,
            near_ahead=True,
        )

    def season(self, m: re.Match[str]) -> Candidate | None:
        """A season: "the summer", "last winter", "in late spring", "autumn 1996"; not a noun it describes
        ("the summer Olympics", "spring training") nor "the fall" of something."""
        code, shift = self.vocabulary.seasons[m["s"].lower()], self.shift(m["rel"])
        if m["y"]:
            return Candidate(m.start(), m.end(), "DATE", periods.season(int(m["y"]), code))
        after = re.match(r"[ \t]+([\w'’]+)", m.string[m.end() : m.end() + 24])
        nouns = self.vocabulary.season_nouns | (self.vocabulary.fall_nouns_after if m["s"].lower() == "fall" else set())
        if after is not None and (after[1][0].isupper() or after[1].lower() in nouns):
            return None
        before = m.string[max(0, m.start() - 12) : m.start()].split()
        after_preposition = bool(before) and before[-1].lower() in self.vocabulary.season_prepositions
        bare = not m.group(0).lower().startswith("the") or m["s"].lower() == "fall"
        if shift is None and bare and not after_preposition:
            return None

        def resolve(anchor: date, future: bool | None) -> Resolved:
            # "Last spring" is the latest spring over before the anchor, "next spring" the first one after.
            # Alone, the season of the anchor's year, unless the tense says it is the one before ("sales fell
            # in the fall", written in April) or after.
            if not shift:
                found = periods.season(anchor.year, code)
                if shift is None and future is False and found.start > anchor:
                    return periods.season(anchor.year - 1, code)
                if shift is None and future and found.end < anchor:
                    return periods.season(anchor.year + 1, code)
                return found
            years = range(anchor.year - 2, anchor.year + 3)
            seasons = [periods.season(year, code) for year in (reversed(years) if shift < 0 else years)]
            return next(s for s in seasons if (s.end < anchor if shift < 0 else s.start > anchor))

        return Candidate(m.start(), m.end(), "DATE", None, resolve, f"XXXX-{code}", needs_tense=shift is None)

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
        number = _four_digit(m["y"])
        return Candidate(m.start(), m.end(), "DATE", periods.year(number), fiscal=(0, number))

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
        """ "Year-end", "the end of the year": the article's year with mod END (the year before's in the past
        tense: "since year-end"); "for the year" is its year."""
        closing = re.search(r"end\b", m.group(0), re.IGNORECASE) is not None

        def resolve(anchor: date, future: bool | None) -> Resolved:
            passed = closing and future is False and (anchor.month, anchor.day) != (12, 31)
            return periods.year(anchor.year - passed)

        return Candidate(
            m.start(), m.end(), "DATE", None, resolve, "XXXX", needs_tense=closing, mod="END" if closing else None
        )

    def weekend(self, m: re.Match[str]) -> Candidate | None:
        """ "The weekend": the one just past in past-tense news, the coming one in a sentence about the future."""

        def resolve(anchor: date, future: bool | None) -> Resolved:
            if anchor.isoweekday() >= 6:
                return periods.weekend(anchor)
            return periods.weekend(anchor + timedelta(weeks=1 if future else -1))

        return Candidate(m.start(), m.end(), "DATE", None, resolve, "XXXX-WXX-WE", needs_tense=True, within_days=True)

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
        """ "That year", "the same day", "the next morning", "earlier that day", "the day before": said of the
        last year, month or day the story named. A part of day names its day ("the next morning" is a day).

        "The day after" an event it names ("the day after the vote") is the day written beside it, if any
        ("Thursday, the day after the vote"). Without a day named before, a day is read from the publication
        date ("the next day" is the day
        after it); a year or month without one names nothing. "The previous year" and "the next month" are
        the year or month before or after the one their own sentence names ("down in 2005 from the previous
        year" is 2004), else the one before or after the publication date's.
        """
        rel = (m["rel"] or "").lower()
        unit = (m["unit"] or m["unit2"]).lower()
        unit = "day" if unit in self.vocabulary.parts_of_day else unit
        side = (m["side"] or "").lower()
        shift = (
            1
            if rel in ("following", "next") or side == "after"
            else -1
            if rel in ("previous", "prior", "preceding") or side
            else 0
        )
        if unit != "day" and rel in ("next", "previous", "prior", "preceding"):

            def from_publication(anchor: date, future: bool | None) -> Resolved:
                if unit == "year":
                    return periods.year(anchor.year + shift)
                return periods.month(*periods.shift_month(anchor.year, anchor.month, shift))

            unresolved = "XXXX" if unit == "year" else "XXXX-XX"
            return Candidate(
                m.start(),
                m.end(),
                "DATE",
                None,
                from_publication,
                unresolved,
                refers_back=(unit, shift),
                in_sentence=True,
            )
        if unit != "day" or shift == 0:
            return Candidate(m.start(), m.end(), "DATE", "XXXX", refers_back=(unit, shift))
        if side and _EVENT_AFTER.match(m.string, m.end()):
            # "The day after police found the bodies": a day of that event, known only as a day named beside it
            # ("on Thursday -- the day after police found the bodies").
            return Candidate(m.start(), m.end(), "DATE", "XXXX", refers_back=("apposed", 0))

        def resolve(anchor: date, future: bool | None) -> Resolved:
            return periods.day(anchor + timedelta(days=shift))

        return Candidate(m.start(), m.end(), "DATE", None, resolve, "XXXX-XX-XX", refers_back=(unit, shift))

    def then(self, m: re.Match[str]) -> Candidate | None:
        """ "Then" after "since", "until" or "by": the last date the story named ("until Nov. 30 ... until then");
        nothing when it named none."""
        return Candidate(m.start("then"), m.end(), "DATE", "XXXX", refers_back=("then", 0))

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
        """Today, yesterday, tomorrow, tonight; not a name ("USA Today") nor an era ("the chips of tomorrow").

        "This morning", "tonight" and "last night" name a part of a day and nothing else (a TIME,
        "2025-11-12TMO"); "yesterday morning" names its day, as "Thursday morning" does (a DATE).
        """
        if _names_a_title(m) or _GENERIC_OF.search(m.string, max(0, m.start() - 16), m.start()):
            return None
        word = " ".join(m["deixis"].lower().split())
        offset = -1 if word.startswith(("yesterday", "last")) else 1 if word.startswith("tomorrow") else 0
        if word.startswith("the day"):
            # "The day before yesterday", "the day after tomorrow".
            offset = -2 if word.endswith("yesterday") else 2
        named_day = word.startswith(("yesterday", "tomorrow", "the day"))
        part = "NI" if word == "tonight" else None if named_day else self.vocabulary.parts_of_day.get(word.split()[-1])

        def resolve(anchor: date, future: bool | None) -> Resolved:
            found = anchor + timedelta(days=offset)
            return Period(f"{found.isoformat()}T{part}", found, found) if part else periods.day(found)

        return Candidate(
            m.start(), m.end(), "TIME" if part else "DATE", None, resolve, "XXXX-XX-XX" + (f"T{part}" if part else "")
        )

    def ago(self, m: re.Match[str]) -> Candidate | None:
        """ "Two years ago" and "two years from now" from the publication date; "a day earlier", "three months
        later" from the day or month the story last named (from the publication date when it names none)."""
        amount, unit = self.vocabulary.numbers.get(m["n"].lower(), m["n"]), m["unit"].lower()
        back = " ".join(m["back"].lower().split())
        later, ahead = back == "later", back.startswith("from")
        if later and (not amount.isdigit() or unit not in ("day", "week", "month", "year")):
            return None
        if not amount.isdigit() or unit in ("second", "minute", "hour", "weekend"):
            return Candidate(m.start(), m.end(), "DATE", "FUTURE_REF" if ahead else "PAST_REF")
        count = int(amount)
        sign = 1 if later or ahead else -1
        if (unit in ("day", "week", "month") and back != "ago" and not ahead) or (later and unit == "year"):
            steps = count * (7 if unit == "week" else 1) * sign

            def from_anchor(anchor: date, future: bool | None) -> Resolved:
                if unit == "year":
                    return _years_on(anchor, steps)
                if unit == "month":
                    return _months_on(anchor, steps)
                return _day_or_week(anchor.toordinal() + steps, week=unit == "week")

            unresolved = {"year": "XXXX", "month": "XXXX-XX"}.get(unit, "XXXX-XX-XX")
            return Candidate(m.start(), m.end(), "DATE", None, from_anchor, unresolved, refers_back=(unit, steps))

        def resolve(anchor: date, future: bool | None) -> Resolved:
            size = self.vocabulary.units[unit][1] * sign
            if unit in ("year", "decade", "century"):
                return _years_on(anchor, count * size)
            if unit in ("month", "quarter"):
                return _months_on(anchor, count * size)
            days = count * (7 if unit == "week" else 1) * sign
            return _day_or_week(anchor.toordinal() + days, week=unit == "week" and not ahead)

        years_back = count if unit == "year" and not ahead else 0
        return Candidate(m.start(), m.end(), "DATE", None, resolve, "FUTURE_REF" if ahead else "PAST_REF", years_back)

    from_now = ago

    def duration(self, m: re.Match[str]) -> Candidate | None:
        """A length of time ("two years", "the past 20 months"); "one day" after a modal is "someday"."""
        unit, raw = m["unit"].lower(), m["n"].lower()
        if unit == "weekend" or re.fullmatch(r"(?:1[6-9]|20)\d\d", raw):
            return None
        if unit == "hour" and re.fullmatch(r"[0-2]\d[0-5]\d", raw):
            return None  # a clock time ("0600 hours"), no length of time
        if _ordinal_second(m):
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
        value = f"P{time_part}{amount}{letter}"
        # Not "in a quarter that lost money", "in a year of turmoil": a span described, no time ahead.
        described = _DESCRIBED_AFTER.match(m.string, m.end()) is not None
        if time_part or described or not _IN_BEFORE.search(m.string, max(0, m.start() - 4), m.start()):
            return Candidate(m.start(), m.end(), "DURATION", value)
        return self.point_ahead(m, value, amount, letter)

    def point_ahead(self, m: re.Match[str], value: str, amount: str, letter: str) -> Candidate:
        """ "In five years" said of the future: the time that far ahead (TimeML's DATE "1994" from 1989); a
        vague count ("in a few years", "in a year or two") is FUTURE_REF. Else, a length of time."""
        vague = amount == "X" or _OR_ANOTHER.match(m.string, m.end()) is not None
        count = int(amount) if amount.isdigit() else 0

        def resolve(anchor: date, future: bool | None) -> Resolved:
            if not future:
                return value
            if vague:
                return "FUTURE_REF"
            if letter == "Y":
                return _years_on(anchor, count)
            if letter == "M":
                return _months_on(anchor, count)
            return _day_or_week(anchor.toordinal() + count * (7 if letter == "W" else 1), week=letter == "W")

        return Candidate(m.start(), m.end(), "DURATION", None, resolve, value, needs_tense=True, near_ahead=True)

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
        """ "Now", "recently", "soon": the present, past or future of the article, as TimeML marks them.

        Not when the word is relative to an event rather than to the article's time ("soon after the
        vote", "shortly before the merger"), part of a conjunction ("as soon as the talks end"), "soon",
        "shortly" or "now" in a clause in the past tense, which speaks of the story's time ("the fire soon
        spread", "the firm was now losing money"; not "he said he now believed", reported speech),
        or a discourse marker ("Now, the board...", "every now and then"); nor "the future" or "the past"
        talked of rather than a time ("the future of the plant": only "in the future" is one). The words
        around are in ``reference/temporal.yaml`` (``not_references``, ``references_after_only``).
        """
        if _names_a_title(m) or (m.string[m.end() : m.end() + 1] == "-" and "-" not in m["ref"]):
            return None  # part of an adjective: "the now-defunct plant", "a soon-to-be-opened mall"
        word = " ".join(m["ref"].lower().split())
        before = m.string[max(0, m.start() - 16) : m.start()].lower()
        around = self.vocabulary.not_references.get(word)
        if around is not None:
            after = m.string[m.end() : m.end() + 16].lower()
            if around[0].search(before) or around[1].match(after) or _discourse_now(m):
                return None
        needed = self.vocabulary.references_after_only.get(word)
        if needed is not None and not needed.search(before):
            return None  # "the future" talked of, not a time: "the future of the plant"
        value = self.vocabulary.references[word]
        if word in self.vocabulary.story_relative_references:

            def story_relative(anchor: date, future: bool | None) -> Resolved:
                return value

            backshift = value == "PRESENT_REF"
            return Candidate(
                m.start(),
                m.end(),
                "DATE",
                None,
                story_relative,
                value,
                needs_tense=True,
                ahead_only=True,
                speech_backshift=backshift,
            )
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
def reader_for(vocabulary: TemporalVocabulary) -> Reader:
    return Reader(vocabulary)
