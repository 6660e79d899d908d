"""Temporal expressions: absolute values, relative resolution against the publication date, types."""

from datetime import date

import pytest

from triangulate import periods
from triangulate.temporal import TimeExpression, extract_story_time_expressions, extract_time_expressions

MONDAY = date(2025, 8, 25)


def _only(text: str, published: date | None = MONDAY) -> TimeExpression:
    found = extract_time_expressions(text=text, published=published)
    assert len(found) == 1, found
    assert text[found[0].char_start : found[0].char_end] == found[0].surface
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "start", "end"),
    [
        ("The US banned sales in 2022.", "2022", "2022", date(2022, 1, 1), date(2022, 12, 31)),
        ("Output should triple by 2026.", "2026", "2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("It closed on September 30, 2024.", "September 30, 2024", "2024-09-30", date(2024, 9, 30), date(2024, 9, 30)),
        ("It closed on 30 September 2024.", "30 September 2024", "2024-09-30", date(2024, 9, 30), date(2024, 9, 30)),
        ("Revenue in Q3 2024 rose.", "Q3 2024", "2024-Q3", date(2024, 7, 1), date(2024, 9, 30)),
        ("Profit in fiscal 2025 fell.", "fiscal 2025", "2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("Chips of the 1990s were slow.", "the 1990s", "199", date(1990, 1, 1), date(1999, 12, 31)),
        ("Chips of the nineties were slow.", "the nineties", "199", date(1990, 1, 1), date(1999, 12, 31)),
        ("Life in the 20th century changed.", "the 20th century", "19", date(1900, 1, 1), date(1999, 12, 31)),
        ("Prices fell in nineteen ninety-six.", "nineteen ninety-six", "1996", date(1996, 1, 1), date(1996, 12, 31)),
        ("Plans for the year two thousand.", "the year two thousand", "2000", date(2000, 1, 1), date(2000, 12, 31)),
        ("Sales in March 2025 grew.", "March 2025", "2025-03", date(2025, 3, 1), date(2025, 3, 31)),
        ("Results for H1 2025 came out.", "H1 2025", "2025-H1", date(2025, 1, 1), date(2025, 6, 30)),
        (
            "Output in the fourth quarter of 1989 fell.",
            "the fourth quarter of 1989",
            "1989-Q4",
            date(1989, 10, 1),
            date(1989, 12, 31),
        ),
    ],
)
def test_absolute_dates(text: str, surface: str, value: str, start: date, end: date) -> None:
    found = _only(text)
    assert (found.surface, found.type, found.value, found.start_date, found.end_date) == (
        surface,
        "DATE",
        value,
        start,
        end,
    )
    assert (found.resolution, found.anchor) == ("absolute", None)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It plans to triple output next year.", "2026"),
        ("The target is the end of this year.", "2025"),
        ("Nvidia fell on Friday.", "2025-08-22"),
        ("Nvidia will report on Friday.", "2025-08-29"),
        ("The rule was issued on Monday.", "2025-08-25"),
        ("Sales fell last quarter.", "2025-Q2"),
        ("Prices were higher a year ago.", "2024"),
        ("The talks began earlier this week.", "2025-W35"),
        ("The plant opened in late July.", "2025-07"),
        ("Exports fell last month.", "2025-07"),
        ("Revenue rose in the first half.", "2025-H1"),
        ("Revenue in the July quarter rose.", "2025-05/2025-07"),
        ("It was signed on July 15.", "2025-07-15"),
        ("Sales rose in the third quarter.", "2025-Q3"),
        ("Profit fell from the year-ago quarter.", "2024-Q2"),
        ("Sales beat year-earlier levels.", "2024"),
        ("Voters went to the polls in May.", "2025-05"),
        ("The deal should close by the end of the year.", "2025"),
        ("Talks continued over the weekend.", "2025-W34-WE"),
    ],
)
def test_relative_dates_resolve_against_the_publication_date(text: str, value: str) -> None:
    found = _only(text)
    assert (found.value, found.resolution, found.anchor) == (value, "relative_resolved", MONDAY)
    assert found.start_date is not None and found.end_date is not None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It plans to triple output next year.", "XXXX"),
        ("Nvidia fell on Friday.", "XXXX-WXX-5"),
        ("It was signed on July 15.", "XXXX-07-15"),
        ("Sales fell last quarter.", "XXXX-QX"),
    ],
)
def test_relative_dates_without_a_publication_date_stay_unresolved(text: str, value: str) -> None:
    found = _only(text, published=None)
    assert (found.value, found.resolution, found.anchor, found.start_date) == (value, "unresolved", None, None)


def test_recently_is_a_past_reference() -> None:
    found = _only("China has recently added the chips.")
    assert (found.type, found.value) == ("DATE", "PAST_REF")


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("The loan runs for two years.", "DURATION", "P2Y"),
        ("It rose over the past two months.", "DURATION", "P2M"),
        ("They bought 10-year bonds.", "DURATION", "P10Y"),
        ("It is audited every year.", "SET", "P1Y"),
        ("Dividends are paid quarterly.", "SET", "P3M"),
        ("The plan was revised in recent weeks.", "DURATION", "PXW"),
    ],
)
def test_durations_and_sets(text: str, kind: str, value: str) -> None:
    found = _only(text)
    assert (found.type, found.value, found.start_date) == (kind, value, None)


@pytest.mark.parametrize(
    ("text", "surface", "type_", "value"),
    [
        ("Trading resumed this morning.", "this morning", "TIME", "2025-08-25TMO"),
        ("The storm hit last night.", "last night", "TIME", "2025-08-24TNI"),
        # A part of a named day keeps the day, as "Thursday morning" does.
        ("The storm hit yesterday morning.", "yesterday morning", "DATE", "2025-08-24"),
        ("Crews will return tomorrow afternoon.", "tomorrow afternoon", "DATE", "2025-08-26"),
    ],
)
def test_times_of_day_resolve_to_the_publication_day(text: str, surface: str, type_: str, value: str) -> None:
    found = _only(text)
    assert (found.surface, found.type, found.value) == (surface, type_, value)


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("The deal closed on Dec. 3.", date(2026, 1, 10), "2025-12-03"),
        ("The review ends on Jan. 20.", date(2025, 12, 28), "2026-01-20"),
        ("Sales fell in the fourth quarter.", date(2026, 1, 10), "2025-Q4"),
        ("It reported third-quarter results.", date(2025, 10, 30), "2025-Q3"),
    ],
)
def test_dates_without_a_year_take_the_nearest_one(text: str, published: date, value: str) -> None:
    assert _only(text, published).value == value


def test_a_year_before_a_noun_is_a_date_not_a_count() -> None:
    found = extract_time_expressions(text="Sales in the 1988 quarter fell.", published=MONDAY)
    assert [(f.surface, f.type, f.value) for f in found] == [("the 1988 quarter", "DATE", "1988")]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Profit rose in the second quarter. Sales in the quarter grew 5%.", "the quarter", "2025-Q2"),
        ("Profit rose in the second quarter. The latest period had a gain.", "The latest period", "2025-Q2"),
        ("Profit rose in the second quarter of 2024. The 2023 period had a loss.", "The 2023 period", "2023-Q2"),
        (
            "Profit rose in the second quarter of 2024. It fell in the year-ago period.",
            "the year-ago period",
            "2023-Q2",
        ),
        ("Profit rose in the third quarter. Costs fell from a year earlier.", "a year earlier", "2024-Q3"),
        ("Profit rose in the third quarter. Last year's quarter had a loss.", "Last year's quarter", "2024-Q3"),
        (
            "Q1 2024 was weak. In the third quarter of 2024, costs fell from the year-ago quarter.",
            "the year-ago quarter",
            "2023-Q3",
        ),
    ],
)
def test_later_mentions_refer_to_the_quarter_the_story_named(text: str, surface: str, value: str) -> None:
    found = {e.surface: e for e in extract_time_expressions(text=text, published=MONDAY)}
    assert found[surface].value == value


def test_a_period_with_no_quarter_named_before_it_is_not_a_date() -> None:
    found = extract_time_expressions(text="Output rose during the period under review.", published=MONDAY)
    assert found == []


@pytest.mark.parametrize(
    ("text", "published", "surface", "value"),
    [
        ("Sales peaked in June last year.", MONDAY, "June last year", "2024-06"),
        ("Sales peaked in January nineteen ninety-seven.", MONDAY, "January nineteen ninety-seven", "1997-01"),
        ("It was cold in the winter of 1994.", MONDAY, "the winter of 1994", "1994-WI"),
        ("Orders for next year's first quarter grew.", MONDAY, "next year's first quarter", "2026-Q1"),
        ("Earnings fall in the last half of 1989.", MONDAY, "the last half of 1989", "1989-H2"),
        ("Weakness lasts through the first two quarters of 1990.", MONDAY, "the first two quarters of 1990", "1990-H1"),
        ("Sales fell in the first half of the year.", MONDAY, "the first half of the year", "2025-H1"),
        ("The editorial ran on Saturday, April 25.", date(1998, 4, 24), "Saturday, April 25", "1998-04-25"),
        ("Trading halts at 10 p.m. Wednesday.", MONDAY, "10 p.m. Wednesday", "2025-08-20T22:00"),
        ("The offer expires at midnight Friday.", MONDAY, "midnight Friday", "2025-08-29T24:00"),
        ("The offer expires at 5 p.m. EDT, Sept. 3.", MONDAY, "5 p.m. EDT, Sept. 3", "2025-09-03T17:00"),
    ],
)
def test_a_period_joins_the_year_or_day_beside_it(text: str, published: date, surface: str, value: str) -> None:
    found = _only(text, published)
    assert (found.surface, found.value) == (surface, value)


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("He stepped down in March.", date(1989, 11, 2), "1989-03"),
        ("The dividend is payable Dec. 15.", date(1989, 10, 26), "1989-12-15"),
        ("The company will report results in March.", date(1989, 11, 2), "1990-03"),
        ("Paribas said Monday that it intends to bid.", date(1989, 10, 27), "1989-10-23"),
        ("Sales slowed this past spring.", date(1989, 10, 30), "1989-SP"),
        ("Sales slowed last spring.", date(1989, 4, 10), "1988-SP"),
        ("A model arrives next spring.", date(1989, 2, 10), "1989-SP"),
        ("The monarch will meet Bush on Thursday.", date(1990, 8, 15), "1990-08-16"),
        ("Collins will be named commander for a mission in December.", date(1998, 3, 4), "1998-12"),
        ("KKR plans to pay down the loan by February.", date(1989, 10, 30), "1990-02"),
        ("Members had filed reports by Wednesday.", date(1990, 8, 16), "1990-08-15"),
        ("He and Arafat meet separately Monday with Albright.", date(1998, 5, 1), "1998-05-04"),
    ],
)
def test_the_nearest_tense_cue_and_distance_choose_the_year_or_week(text: str, published: date, value: str) -> None:
    assert _only(text, published).value == value


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Debt rose by year-end.", "year-end", "2025"),
        ("For the year, sales rose 4%.", "the year", "2025"),
        ("Prices peaked in mid-1996.", "mid-1996", "1996"),
        ("Shares hit a high for the year of $42 a share.", "the year", "2025"),
        ("Costs will weigh on earnings for the fiscal year.", "the fiscal year", "2025"),
        ("Troops arrive by the end of the month.", "the end of the month", "2025-08"),
    ],
)
def test_year_end_the_year_and_years_after_a_modifier(text: str, surface: str, value: str) -> None:
    found = _only(text)
    assert (found.surface, found.value) == (surface, value)


@pytest.mark.parametrize(
    "text",
    [
        "May brings lower prices, analysts say.",
        "The H200 and H20 chips and the Q8 model.",
        "About 2,000 workers and $2019 in fees and 2024% growth.",
        "Shares may rise; prices march higher; the fall in prices.",
        "See https://example.com/2024/09/27/story for more [2].",
        "It ships 1998 million units.",
        "Beijing backs Made in China 2025 and a venture called Orion 1980.",
        "They design the chips of tomorrow for the people of today.",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert extract_time_expressions(text=text, published=MONDAY) == []


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Net income rose in the third quarter of 2024 from $5 million a year ago.", "a year ago", "2023-Q3"),
        ("Revenue in 2023 rose from a year earlier.", "a year earlier", "2022"),
        ("Sales in the second quarter of 2025 matched the year-ago quarter.", "the year-ago quarter", "2024-Q2"),
    ],
)
def test_a_year_back_from_the_period_the_sentence_names(text: str, surface: str, value: str) -> None:
    found = {e.surface: e for e in extract_time_expressions(text=text, published=None)}
    assert (found[surface].value, found[surface].resolution, found[surface].anchor) == (value, "absolute", None)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The plant opened in 1995. The following year it closed.", "The following year", "1996"),
        ("Sales peaked in March 2024. Prices fell that month.", "that month", "2024-03"),
        ("It was founded in 1988. That year it hired 40 people.", "That year", "1988"),
        ("Profit in the current fiscal year will rise.", "the current fiscal year", "2025"),
    ],
)
def test_that_year_and_the_following_year_refer_to_the_last_one_named(text: str, surface: str, value: str) -> None:
    found = {e.surface: e for e in extract_time_expressions(text=text, published=MONDAY)}
    assert found[surface].value == value


def test_that_day_with_no_day_named_before_it_is_not_a_date() -> None:
    assert extract_time_expressions(text="Traders sold heavily that day.", published=MONDAY) == []


def test_a_weekday_before_its_date_joins_it_without_a_publication_date() -> None:
    found = _only("The editorial ran on Saturday, April 25.", None)
    assert (found.surface, found.value, found.resolution) == ("Saturday, April 25", "XXXX-04-25", "unresolved")


def test_a_story_is_read_as_one_text_with_spans_in_each_sentence() -> None:
    found = extract_story_time_expressions(
        sentences=[
            "Profit rose in the third quarter.",
            "Costs in the quarter fell.",
            "Sales peaked in June",
            "2024 was good.",
        ],
        published=MONDAY,
    )
    assert [[(e.surface, e.value, e.char_start) for e in sentence] for sentence in found] == [
        [("the third quarter", "2025-Q3", 15)],
        [("the quarter", "2025-Q3", 9)],
        [("June", "2025-06", 16)],
        [("2024", "2024", 0)],
    ]


def test_a_year_earlier_beside_a_span_of_months_is_the_year_before() -> None:
    text = "Profit rose in the third quarter. For the nine months, sales rose from a year earlier."
    found = {e.surface: e for e in extract_time_expressions(text=text, published=MONDAY)}
    assert (found["nine months"].type, found["a year earlier"].value) == ("DURATION", "2024")


@pytest.mark.parametrize(
    "text",
    [
        "The story ran in USA Today and on VOA Today.",
        'Baker said on ABC\'s "This Week With David Brinkley" that talks failed.',
        "Sales fell in the first half of the match.",
    ],
)
def test_names_of_papers_and_shows_and_halves_of_other_spans_are_not_dates(text: str) -> None:
    assert extract_time_expressions(text=text, published=MONDAY) == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ('"Today we sign," he said.', "Today"),
        ("This Week, the fund fell.", "This Week"),
    ],
)
def test_a_deictic_word_opening_a_sentence_or_quote_is_still_a_date(text: str, surface: str) -> None:
    assert [e.surface for e in extract_time_expressions(text=text, published=MONDAY)] == [surface]


def test_future_quarters_are_a_future_reference() -> None:
    found = _only("The losses will cut tax payments in future quarters.")
    assert (found.surface, found.value) == ("future quarters", "FUTURE_REF")


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Revenue for the quarter ended July 27, 2025, rose.", MONDAY, "2025-05/2025-07"),
        ("Revenue for the quarter ended Sept. 29 rose.", date(1989, 10, 26), "1989-Q3"),
        ("In the quarter ended July 31, it had 5.6 million shares.", date(1989, 10, 30), "1989-05/1989-07"),
    ],
)
def test_the_quarter_ended_a_date_is_the_three_months_to_it(text: str, published: date, value: str) -> None:
    found = extract_time_expressions(text=text, published=published)
    assert (found[0].surface, found[0].value) == ("the quarter", value)
    assert found[1].surface.startswith(("July", "Sept."))


def test_since_points_back_and_year_end_in_the_past_is_the_last_one() -> None:
    found = extract_time_expressions(text="The index has risen since year-end.", published=date(1989, 10, 30))
    assert [(e.surface, e.value, e.mod) for e in found] == [("year-end", "1988", "END")]
    assert _only("Orders will be strong, as they have been since Wednesday.").value == "2025-08-20"
    deadline = _only("Debt will be repaid by year-end.", date(1989, 10, 30))
    assert (deadline.value, deadline.comparison_date) == ("1989", date(1989, 12, 31))


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Islam will one day be the largest religion there.", "DATE", "FUTURE_REF"),
        ("Some day, they will return.", "DATE", "FUTURE_REF"),
        ("The repair took one day.", "DURATION", "P1D"),
        ("It began a week or so ago.", "DATE", "2025-W34"),
    ],
)
def test_one_day_after_a_modal_is_someday_and_or_so_keeps_ago(text: str, kind: str, value: str) -> None:
    found = _only(text)
    assert (found.type, found.value) == (kind, value)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("In 1988, it earned more.", "1988"),
        ("Chip Sales Rose In 2024", "2024"),
        ("It closed in December 2025.", "December 2025"),
    ],
)
def test_a_year_after_a_sentence_start_headline_word_or_month_is_still_a_date(text: str, surface: str) -> None:
    assert [e.surface for e in extract_time_expressions(text=text, published=MONDAY)] == [surface]


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("The town was founded 3000 years ago.", date(2025, 1, 1), "BC0976"),
        ("The rock formed 99999999 days ago.", date(2025, 1, 1), "BC271767-04-22"),
        ("The fair opens tomorrow.", date(9999, 12, 31), "10000-01-01"),
        ("The fair opens next year.", date(9999, 6, 1), "10000"),
        ("The club started a year ago.", date(1, 6, 1), "BC0001"),
        ("The club started six months ago.", date(1, 3, 1), "BC0001-09"),
        ("The vote was in 2025. The count came 99999999 weeks later.", date(2025, 1, 1), "1918559-W47"),
    ],
)
def test_a_date_beyond_the_calendar_keeps_its_value_without_days(text: str, published: date, value: str) -> None:
    found = extract_time_expressions(text=text, published=published)[-1]
    assert (found.value, found.start_date, found.end_date) == (value, None, None)
    assert found.resolution == "relative_resolved"


def test_a_period_at_the_calendar_edge_keeps_its_days() -> None:
    found = _only("Prices rose this month.", date(9999, 12, 31))
    assert (found.value, found.start_date, found.end_date) == ("9999-12", date(9999, 12, 1), date(9999, 12, 31))
    later = extract_time_expressions(
        text="The vote came in November 9999. The following month, prices fell.", published=date(9999, 12, 31)
    )[-1]
    assert (later.value, later.start_date, later.end_date) == ("9999-12", date(9999, 12, 1), date(9999, 12, 31))


def test_the_last_periods_of_the_calendar_end_on_its_last_day() -> None:
    last = date(9999, 12, 31)
    assert periods.month(9999, 12) == periods.Period("9999-12", date(9999, 12, 1), last)
    assert periods.quarter(9999, 4).end == periods.half(9999, 2).end == periods.year(9999).end == last
    assert periods.months_to(9999, 12, 12) == periods.year(9999)
    assert periods.month_window(9999, 12, 2).end == last
    assert periods.in_year("2025-06", 10000) is None
    assert periods.in_year("2025-WI", 9999) is None


def test_a_range_at_the_calendar_end_keeps_its_reading() -> None:
    found = extract_time_expressions(text="The fair runs from December to February.", published=date(9999, 12, 1))
    assert [e.value for e in found][:1] == ["9999-12"]


@pytest.mark.parametrize(
    ("text", "surface", "type_", "value"),
    [
        # "In" and a length of time said of the future is the time that far ahead.
        ("The notes will be repaid in five years.", "five years", "DATE", "2030"),
        ("The mill would reopen in three months.", "three months", "DATE", "2025-11"),
        ("The mill will reopen in 10 days.", "10 days", "DATE", "2025-09-04"),
        ("The mill will reopen in a year or two.", "a year", "DATE", "FUTURE_REF"),
        # Said of the past, or describing a span, it stays a length of time.
        ("Sales doubled in five years.", "five years", "DURATION", "P5Y"),
        ("It was the smallest rise in a year.", "a year", "DURATION", "P1Y"),
        ("Tax will be low in a quarter that lost money.", "a quarter", "DURATION", "P3M"),
        ("The mill will reopen in 2 hours.", "2 hours", "DURATION", "PT2H"),
    ],
)
def test_in_a_length_of_time_ahead_is_a_date(text: str, surface: str, type_: str, value: str) -> None:
    found = _only(text)
    assert (found.surface, found.type, found.value) == (surface, type_, value)


def test_in_a_length_of_time_without_a_publication_date_stays_a_length() -> None:
    found = _only("The notes will be repaid in five years.", None)
    assert (found.type, found.value, found.resolution) == ("DURATION", "P5Y", "absolute")


@pytest.mark.parametrize(
    "text",
    [
        "Steel quotas are a thing of the past.",
        "The board argued about the future of the mill.",
        "The future mayor toured the port.",
        "The union had no plan for the future.",
        "Both clubs reached the quarter-finals.",
    ],
)
def test_the_past_and_future_talked_of_and_tournament_rounds_are_not_dates(text: str) -> None:
    assert extract_time_expressions(text=text, published=MONDAY) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Rates may rise in the future.", "FUTURE_REF"),
        ("The plant was busier in the past.", "PAST_REF"),
    ],
)
def test_in_the_past_or_future_is_a_reference(text: str, value: str) -> None:
    assert (_only(text).type, _only(text).value) == ("DATE", value)


def test_recent_alone_is_no_reference_but_recent_years_is_a_span() -> None:
    assert extract_time_expressions(text="The recent talks failed.", published=MONDAY) == []
    found = _only("Sales fell in recent years.")
    assert (found.surface, found.type, found.value) == ("recent years", "DURATION", "PXY")


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The fair opens each July.", "each July", "XXXX-07"),
        ("Every Tuesday the market closes early.", "Every Tuesday", "XXXX-WXX-2"),
    ],
)
def test_a_month_or_weekday_after_each_or_every_is_a_set(text: str, surface: str, value: str) -> None:
    found = _only(text)
    assert (found.surface, found.type, found.value) == (surface, "SET", value)
