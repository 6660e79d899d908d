"""Which way a weekday or month points, from its own clause; and words that are not dates."""

from datetime import date

import pytest

from triangulate.temporal import extract_time_expressions

# A Friday.
FRIDAY = date(2025, 8, 29)


def _values(text: str, published: date = FRIDAY) -> list[tuple[str, str, str]]:
    return [(e.surface, e.type, e.value) for e in extract_time_expressions(text=text, published=published)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # The clause the weekday is in decides, not the nearest cue word of the sentence.
        ("The union said on Tuesday that its members will strike.", "2025-08-26"),
        ("The union said its members will strike on Tuesday.", "2025-09-02"),
        ("Officials said voters, who were registered last year, will choose a mayor on Sunday.", "2025-08-31"),
        # Reported plans for a day of the coming week.
        ("The party said it would hold a rally on Sunday.", "2025-08-31"),
        # An opening phrase is read with the clause after it.
        ("On Monday, the council approved the budget.", "2025-08-25"),
        # An irregular past tense; the future clause after "and" is another clause.
        ("The minister spoke on Thursday and will visit the port soon.", "2025-08-28"),
        ("The ferry won't sail on Monday.", "2025-09-01"),
        # A weekday said to be the day of something is ahead; a schedule is ahead, a cause is not.
        ("The filing deadline is Monday.", "2025-09-01"),
        ("The hearing is set for Monday.", "2025-09-01"),
        ("Shares slipped ahead of results due Monday.", "2025-09-01"),
        ("The delay was due to rain on Monday.", "2025-08-25"),
        # "last" after "to" is a verb, not a past cue.
        ("The strike is expected to last until Monday.", "2025-09-01"),
        # A present progressive or a planned passive speaks of a coming weekday; a past progressive does not.
        ("The team is playing Sunday in Denver.", "2025-08-31"),
        ("The ministers are meeting on Monday, officials said.", "2025-09-01"),
        ("Elections are expected on Sunday.", "2025-08-31"),
        ("The team was playing on Sunday.", "2025-08-24"),
        # The present of a verb of travel or voting announces a coming day, also before "to".
        ("The president travels to Paris on Monday.", "2025-09-01"),
        ("The country votes Sunday in a referendum.", "2025-08-31"),
        ("The president returned to Paris on Monday.", "2025-08-25"),
        # "Due to" before a verb is a schedule; "by" before a possessive names an agent, no deadline.
        ("The ruling, due to be announced on Monday, was delayed.", "2025-09-01"),
        ("The envoy, who was due to arrive on Monday, will stay a week.", "2025-09-01"),
        ("The plan was swept away by Monday's vote.", "2025-08-25"),
        # An end set by "until" or "through" is ahead unless the clause is in the past tense.
        ("The holiday runs through Monday.", "2025-09-01"),
        # A plan in the past perfect is behind.
        ("The talks had been due to start on Monday.", "2025-08-25"),
        ("Markets were shut through Monday.", "2025-08-25"),
        ("Crane bought shares from May 2 to Monday.", "2025-08-25"),
        # The event a present state comes from is behind; one prepared for is ahead.
        ("The city is recovering from Monday's storm.", "2025-08-25"),
        ("Rescuers are searching for survivors of Tuesday's quake.", "2025-08-26"),
        ("Voters are preparing for Sunday's election.", "2025-08-31"),
    ],
)
def test_a_weekday_follows_the_tense_of_its_clause(text: str, value: str) -> None:
    found = [v for v in _values(text) if v[1] == "DATE" and "day" in v[0].lower()]
    assert [v[2] for v in found] == [value]


def test_an_opening_month_takes_the_tense_of_the_clause_after_it() -> None:
    text = "In September, the mill announced plans to expand."
    assert _values(text, date(2025, 10, 30)) == [("September", "DATE", "2025-09")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A past verb of the month's own clause puts it in the past, even a few months back.
        ("In January, the mill hired a new manager.", "2025-01"),
        ("The mill closed in December.", "2024-12"),
        ("The firm reported results for the year ended Jan. 31.", "2025-01-31"),
        # Without one, a month a few months ahead is the coming one: a date announced, a target, a passive.
        ("The board said it will redeem the preferred shares on Dec. 7.", "2025-12-07"),
        ("The offer was extended to Dec. 7.", "2025-12-07"),
        ("The sale, which is expected in December, needs approval.", "2025-12"),
        ("The dividend will be paid Dec. 7 to holders of record.", "2025-12-07"),
        # An intention is ahead, months away too.
        ("The ministers said they hope to finish the talks in May.", "2026-05"),
        # The month under way is this year's, ahead or behind.
        ("The mill will reopen later in October.", "2025-10"),
        ("The mill closed early in October.", "2025-10"),
    ],
)
def test_a_month_without_a_year_reads_the_tense_of_its_own_clause(text: str, value: str) -> None:
    found = [v for v in _values(text, date(2025, 10, 30)) if v[1] == "DATE"]
    assert [v[2] for v in found] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A short clause with its own past tense is not an opening phrase of the clause after it.
        ("The law, passed in March, takes effect soon.", "2025-03"),
        # "would" in another clause does not put a month ahead.
        ("In an interview in March, he said the plan would work.", "2025-03"),
        ("He said the plan would work in March.", "2026-03"),
        # A hyphenated word is one word: "re-introduced" after "be" is a passive, no past tense.
        ("The budget, drafted by the last cabinet, would be re-introduced in March.", "2026-03"),
    ],
)
def test_a_month_reads_its_own_short_clause(text: str, value: str) -> None:
    assert [v[2] for v in _values(text, date(2025, 10, 30)) if v[0] == "March"] == [value]


def test_a_part_of_day_after_a_weekday_keeps_the_day() -> None:
    assert _values("The ferry sank on Thursday morning.") == [("Thursday morning", "DATE", "2025-08-28")]
    assert _values("The talks resume Friday evening.") == [("Friday evening", "DATE", "2025-08-29")]


@pytest.mark.parametrize(
    "text",
    [
        "A second line is due to open next year.",  # an ordinal, not a second of time
        "Output, Jan Feb Mar: 4, 5, 6.",  # month abbreviations in a table header
        "Jan Novak leads the team.",  # a name
        "The ship sank soon after it left port.",  # relative to an event
        "The bid came shortly before the merger.",
        "The talks resume as soon as the ceasefire holds.",
        "Now, the board has other plans.",  # a discourse marker
        "Prices rise every now and then.",
        "The now-defunct mill was sold.",  # part of an adjective
        "A soon-to-be-opened mill is hiring.",
        "A second, smaller quake shook the valley.",  # an ordinal
        "Prices for Jan, Feb and Mar were posted.",  # abbreviations without a dot in a list
        "The raid began at 3 p.m. (2000 GMT).",  # a clock time before its zone, no year
    ],
)
def test_words_that_are_not_dates(text: str) -> None:
    assert [v for v in _values(text) if v[1] == "DATE" and "year" not in v[0]] == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # "Soon" in a clause in the past tense is the story's soon, no future of the article.
        ("Police arrived shortly.", False),
        ("The fire was contained but soon reignited.", False),
        # Reporting verbs, other times' words and "-ed" adjectives give it no tense.
        ("He said a decision is expected soon.", True),
        ("Sales are expected to soon grow from 20% last year.", True),
        ("The plan will be applied soon in selected markets.", True),
        ("The plan -- started last month -- will be applied soon.", True),
    ],
)
def test_soon_in_the_past_tense_is_no_future_of_the_article(text: str, kept: bool) -> None:
    assert [v[2] for v in _values(text) if v[0] in ("soon", "shortly")] == (["FUTURE_REF"] if kept else [])


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # "Now" after a past "be", "have" or "do" of its clause is the story's now.
        ("The mill was now losing money.", False),
        # Reported speech keeps the speaker's present; participles and other clauses give no past.
        ("He said he now believed the ship sank.", True),
        ("A school now located in the town may move.", True),
        ("Kuwait was annexed and Iraq now controls the oil.", True),
    ],
)
def test_now_in_the_past_tense_is_the_storys(text: str, kept: bool) -> None:
    assert [v[2] for v in _values(text) if v[0] == "now"] == (["PRESENT_REF"] if kept else [])


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The board will meet soon.", "soon", "FUTURE_REF"),
        ("Results are due shortly.", "shortly", "FUTURE_REF"),
        ("The mill now employs 300 people.", "now", "PRESENT_REF"),
        ("Repairs must start as soon as possible.", "as soon as possible", "FUTURE_REF"),
        ("Wait a second or two.", "a second", "PT1S"),
        ("The mill was recently sold.", "recently", "PAST_REF"),
        ("The mill can expand now that the vote is over.", "now", "PRESENT_REF"),
        ("The mill grew as recently as 2019.", "2019", "2019"),
    ],
)
def test_references_and_durations_that_stay(text: str, surface: str, value: str) -> None:
    assert [(v[0], v[2]) for v in _values(text)] == [(surface, value)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A season after a preposition is a time, with or without "the"; its tense picks the year.
        ("Prices rise in summer.", "2025-SU"),
        ("The season ends in late summer.", "2025-SU"),
        ("Sales fell in the fall.", "2024-FA"),
        ("Sales will rise in the fall.", "2025-FA"),
        ("Last winter was cold.", "2024-WI"),
    ],
)
def test_a_season_names_a_time_after_a_preposition(text: str, value: str) -> None:
    assert [v[2] for v in _values(text, date(2025, 4, 30))] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "The summer Olympics drew crowds.",  # a noun the season describes
        "He was hired in spring training.",
        "The Winter Games closed.",  # a name
        "The fall of the wall was sudden.",  # "fall" as a noun of falling
        "After the fall in prices, sales rose.",
    ],
)
def test_a_season_describing_a_noun_is_no_time(text: str) -> None:
    assert _values(text, date(2025, 4, 30)) == []


def test_an_infinitive_takes_the_tense_of_its_verb() -> None:
    # "meet" after "to" is no present of a plan: the clause's past tense decides.
    text = "Shortages made it hard to meet demand into the summer."
    assert _values(text, date(2025, 10, 30)) == [("the summer", "DATE", "2025-SU")]


def test_a_military_clock_time_is_no_length_of_time() -> None:
    assert _values("The curfew starts at 2100 hours.") == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # A half of a match, told by the words of play around it.
        ("The striker scored six minutes into the second half.", ["PT6M"]),
        ("City took the lead early in the first half.", []),
        ("The quarterback threw a touchdown in the fourth quarter.", []),
        ("Sales rose in the fourth quarter.", ["2025-Q4"]),
        # A half year.
        ("Profit rose 38% in the first half.", ["2025-H1"]),
    ],
)
def test_a_half_of_a_match_is_no_half_year(text: str, values: list[str]) -> None:
    assert [v[2] for v in _values(text)] == values
