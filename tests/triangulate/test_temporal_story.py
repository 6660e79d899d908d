"""Story anchors: "that day", "the next morning", "a day earlier" read from the last day the story named."""

from datetime import date

import pytest

from triangulate.temporal import extract_time_expressions

# A Monday.
PUBLISHED = date(2025, 8, 25)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The dam broke on March 3. That day, the valley flooded.", "That day", "2025-03-03"),
        ("The dam broke on March 3. The same day, the valley flooded.", "The same day", "2025-03-03"),
        ("The dam broke on March 3. That same day, the valley flooded.", "That same day", "2025-03-03"),
        ("The dam broke on March 3. Earlier that day, rain fell.", "Earlier that day", "2025-03-03"),
        ("The dam broke on March 3. Later that day, rescuers arrived.", "Later that day", "2025-03-03"),
        ("The dam broke on March 3. That night, rescuers arrived.", "That night", "2025-03-03"),
        ("The dam broke on March 3. The next morning, rescuers arrived.", "The next morning", "2025-03-04"),
        ("The dam broke on March 3. The following day, rescuers arrived.", "The following day", "2025-03-04"),
        ("The dam broke on March 3. The day before, rain fell.", "The day before", "2025-03-02"),
        ("The dam broke on March 3. A day earlier, rain fell.", "A day earlier", "2025-03-02"),
        ("The dam broke on March 3. Two days later, rescuers arrived.", "Two days later", "2025-03-05"),
        # The story's day is a weekday resolved from the publication date.
        ("The bank failed on Friday. The next day, depositors queued.", "The next day", "2025-08-23"),
        # The last day named, not the first.
        ("Talks began on May 2 and ended on May 9. The next day, the deal was signed.", "The next day", "2025-05-10"),
    ],
)
def test_an_anchor_reads_the_last_day_the_story_named(text: str, surface: str, value: str) -> None:
    found = {e.surface: e for e in extract_time_expressions(text=text, published=PUBLISHED)}
    assert (found[surface].type, found[surface].value) == ("DATE", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The next day, depositors queued.", "2025-08-26"),
        ("A day earlier, rain fell.", "2025-08-24"),
    ],
)
def test_without_a_day_named_before_a_shifted_anchor_reads_the_publication_date(text: str, value: str) -> None:
    assert [e.value for e in extract_time_expressions(text=text, published=PUBLISHED)] == [value]


def test_that_year_still_reads_the_last_year_named() -> None:
    found = extract_time_expressions(text="The plant opened in 2019. That year, output doubled.", published=PUBLISHED)
    assert [e.value for e in found] == ["2019", "2019"]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        # The year or month its own sentence names.
        ("Sales fell in 2019 from the previous year.", "the previous year", "2018"),
        ("Prices rose in March and fell the next month.", "the next month", "2025-04"),
        ("Output in 2019 beat the preceding year.", "the preceding year", "2018"),
        # Without one, the year before or after the publication date's; an earlier sentence does not count.
        ("Sales rose 5 percent from the previous year.", "the previous year", "2024"),
        ("The mill shut in 2019. Sales rose from the previous year.", "the previous year", "2024"),
    ],
)
def test_the_previous_year_is_the_one_before_the_year_its_sentence_names(text: str, surface: str, value: str) -> None:
    found = {e.surface: e.value for e in extract_time_expressions(text=text, published=PUBLISHED)}
    assert found[surface] == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # "Then" after "since", "until" or "by" is the date named just before.
        ("Conversion rights end on Nov. 30. Until then, the shares trade.", "2025-11-30"),
        ("He quit in 1990 and has lived in Paris since then.", "1990"),
        # "then" as a title's adjective ("by then Colonel Mobutu") is no date.
        ("He was held in 1960 by then Colonel Mobutu.", None),
        # Not a date it names: nothing before, or only long before.
        ("Since then, prices rose.", None),
        ("He quit in 1990. He moved. He wrote. Since then, prices rose.", None),
    ],
)
def test_then_is_the_date_named_just_before(text: str, value: str | None) -> None:
    found = [e.value for e in extract_time_expressions(text=text, published=PUBLISHED) if e.surface == "then"]
    assert found == ([value] if value else [])


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The plant closed in March 2019. Three months later, it reopened.", "Three months later", "2019-06"),
        ("He quit in 1990. Three years later, he returned.", "Three years later", "1993"),
        # Counted from the publication date.
        ("Three months later, it reopened.", "Three months later", "2025-11"),
        ("The plan ends two years from now.", "two years from now", "2027"),
        ("The vote is a week from today.", "a week from today", "2025-09-01"),
        ("He arrives the day after tomorrow.", "the day after tomorrow", "2025-08-27"),
        ("He left the day before yesterday.", "the day before yesterday", "2025-08-23"),
        ("The bug hits in the year 2000.", "2000", "2000"),
        # "The following Monday" is the first Monday after the day named; without one, after publication.
        ("He was arrested on March 3 and charged the following Monday.", "the following Monday", "2025-03-10"),
        ("They met again the following Monday.", "the following Monday", "2025-09-01"),
    ],
)
def test_a_count_of_time_later_or_from_now(text: str, surface: str, value: str) -> None:
    found = [(e.surface, e.value) for e in extract_time_expressions(text=text, published=PUBLISHED)]
    assert found[-1] == (surface, value)


@pytest.mark.parametrize(
    ("text", "published", "values"),
    [
        # The two ends of a range run forward, the reading nearer the publication date.
        ("From January to October, revenue was up.", date(2006, 11, 16), ["2006-01", "2006-10"]),
        ("The show runs from November to February.", date(2006, 10, 1), ["2006-11", "2007-02"]),
        ("The show ran from November to February.", date(2006, 10, 1), ["2005-11", "2006-02"]),
        ("The fair runs from Dec. 28 to Jan. 3.", date(2006, 12, 1), ["2006-12-28", "2007-01-03"]),
    ],
)
def test_the_ends_of_a_range_run_forward(text: str, published: date, values: list[str]) -> None:
    assert [e.value for e in extract_time_expressions(text=text, published=published)] == values


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Compared with the quarter the story named, a year back.
        ("Net rose in the third quarter. It fell in the same period last year.", "2024-Q3"),
        # With no quarter named (a half, nine months), at least the year before.
        ("Output grew in the first half of 2025 against the same period last year.", "2024"),
        ("Cases rose in the first nine months, up from the same period a year earlier.", "2024"),
    ],
)
def test_the_same_period_last_year(text: str, value: str) -> None:
    found = {e.surface: e.value for e in extract_time_expressions(text=text, published=PUBLISHED)}
    assert [v for surface, v in found.items() if surface.startswith("the same period")] == [value]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # "The day after" an event is the day written beside it; without one it names no date.
        ("The site shut on Thursday -- the day after police found the bodies.", ["2025-08-21", "2025-08-21"]),
        ("The warning came the day after the vote.", []),
        # Alone, it counts from the day the story named.
        ("The dam broke on March 3. The day before, rain fell.", ["2025-03-03", "2025-03-02"]),
    ],
)
def test_the_day_after_an_event(text: str, values: list[str]) -> None:
    assert [e.value for e in extract_time_expressions(text=text, published=PUBLISHED)] == values


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A weekday before a day without a year picks the year the day falls on that weekday.
        ("The vote is on Sunday, March 8.", "2026-03-08"),
        ("The vote was on Saturday, March 8.", "2025-03-08"),
        ("Ceremonies take place on Saturday June 14.", "2025-06-14"),
    ],
)
def test_a_weekday_before_a_day_picks_its_year(text: str, value: str) -> None:
    assert [e.value for e in extract_time_expressions(text=text, published=PUBLISHED)] == [value]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("This past weekend, crowds gathered.", "This past weekend", "2025-W34-WE"),
        ("He voted this past Sunday.", "this past Sunday", "2025-08-24"),
    ],
)
def test_this_past_is_the_one_just_gone(text: str, surface: str, value: str) -> None:
    assert [(e.surface, e.value) for e in extract_time_expressions(text=text, published=PUBLISHED)] == [
        (surface, value)
    ]
