"""Quantity extraction: kinds, values, ranges, hedges, directions, and what is not a quantity."""

import re

import pytest

from triangulate.quantities import (
    _DIGIT_MARKS,
    _NUMBER_START,
    Quantity,
    _fold,
    _marked_number_starts,
    extract_quantities,
    load_quantity_vocabulary,
)


def _only(text: str) -> Quantity:
    found = extract_quantities(text=text)
    assert len(found) == 1, found
    assert text[found[0].char_start : found[0].char_end] == found[0].surface
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Shares fell 3.9% on the news.", "3.9%", 3.9, "percent"),
        ("Margins were 12 percent.", "12 percent", 12.0, "percent"),
        ("The stock is up 1,200% this decade.", "1,200%", 1200.0, "percent"),
        ("Turnout reached 80 per cent.", "80 per cent", 80.0, "percent"),
        ("Unemployment rose 0.4 percentage points.", "0.4 percentage points", 0.4, "pp"),
        ("The bank cut rates by 50 basis points.", "50 basis points", 0.5, "pp"),
    ],
)
def test_percentages_and_points(text: str, surface: str, value: float, unit: str) -> None:
    found = _only(text)
    assert (found.surface, found.value, found.unit) == (surface, value, unit)


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("It earned around US$3.7 billion.", "US$3.7 billion", 3.7e9, "USD"),
        ("Sales were $85.4 million.", "$85.4 million", 85.4e6, "USD"),
        ("The fund holds €5bn.", "€5bn", 5e9, "EUR"),
        ("Tokyo will spend ¥10 trillion.", "¥10 trillion", 1e13, "JPY"),
        ("Beijing gave RMB 1.2 billion to the plant.", "RMB 1.2 billion", 1.2e9, "CNY"),
        ("The yuan deal, ¥3 billion, closed.", "¥3 billion", 3e9, "CNY"),
        ("They paid HK$2.3 billion.", "HK$2.3 billion", 2.3e9, "HKD"),
        ("A grant of 450 million euros was approved.", "450 million euros", 4.5e8, "EUR"),
    ],
)
def test_money_with_currency_and_scale(text: str, surface: str, value: float, unit: str) -> None:
    found = _only(text)
    assert (found.kind, found.surface, found.value, found.unit) == ("money", surface, value, unit)


def test_an_amount_and_its_conversion_are_two_quantities() -> None:
    found = extract_quantities(text="The deal is worth 1.5 billion yuan ($210 million).")
    assert [(q.surface, q.value, q.unit) for q in found] == [
        ("1.5 billion yuan", 1.5e9, "CNY"),
        ("$210 million", 2.1e8, "USD"),
    ]


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "kind"),
    [
        ("It may bring tens of billions of dollars in sales.", 1e10, 1e11, "USD", "money"),
        ("Local firms could win billions of yuan in orders.", 1e9, 1e10, "CNY", "money"),
        ("Growth may add trillions of yuan to the economy.", 1e12, 1e13, "CNY", "money"),
        ("The plan costs hundreds of millions.", 1e8, 1e9, None, "count"),
        ("Fabs need hundreds of thousands of wafers.", 1e5, 1e6, "wafers", "count"),
    ],
)
def test_vague_magnitudes_are_approximate_ranges(
    text: str, low: float, high: float, unit: str | None, kind: str
) -> None:
    found = _only(text)
    assert (found.kind, found.value, found.value_low, found.value_high, found.unit) == (kind, None, low, high, unit)
    assert found.approximate


@pytest.mark.parametrize(
    ("text", "surface", "value", "direction"),
    [
        ("China aims to triple its output.", "triple", 3.0, "up"),
        ("It is tripling capacity.", "tripling", 3.0, "up"),
        ("Orders will double.", "double", 2.0, "up"),
        ("Prices are three times higher.", "three times", 3.0, None),
        ("The chip is 3x faster.", "3x", 3.0, None),
    ],
)
def test_multipliers(text: str, surface: str, value: float, direction: str | None) -> None:
    found = _only(text)
    assert (found.kind, found.surface, found.value, found.unit, found.direction) == (
        "multiplier",
        surface,
        value,
        "x",
        direction,
    )


def test_a_multiplier_range() -> None:
    found = _only("Inference is 2-4x cheaper.")
    assert (found.value, found.value_low, found.value_high) == (None, 2.0, 4.0)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Nvidia's shares fell by 3.9% on Friday.", "down"),
        ("Revenue rose 20% in the quarter.", "up"),
        ("The index slipped 2%.", "down"),
        ("The yen was down 2% against the dollar.", "down"),
        ("Prices edged up 0.4% last month.", "up"),
        ("Output surged 15%.", "up"),
        ("It posted a 3% drop in sales.", "down"),
        ("Its margin was 12% of revenue.", None),
    ],
)
def test_direction_of_moves(text: str, direction: str | None) -> None:
    assert _only(text).direction == direction


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "approximate"),
    [
        ("between 10% and 15% of output", None, 10.0, 15.0, False),
        ("about 40% of staff", 40.0, None, None, True),
        ("nearly 40% of staff", 40.0, None, None, True),
        ("more than 40% of staff", 40.0, 40.0, None, True),
        ("up to 20% of staff", 20.0, None, 20.0, True),
        ("roughly 7% of sales", 7.0, None, None, True),
    ],
)
def test_ranges_and_hedges(
    text: str, value: float | None, low: float | None, high: float | None, approximate: bool
) -> None:
    found = _only(text)
    assert (found.value, found.value_low, found.value_high, found.approximate) == (value, low, high, approximate)
    assert found.direction is None


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("It will open two additional facilities.", 2.0, "facilities"),
        ("The group plans 12 new fabs.", 12.0, "fabs"),
        ("It will cut 5,000 jobs.", 5000.0, "jobs"),
    ],
)
def test_counts_carry_their_noun(text: str, value: float, unit: str) -> None:
    found = _only(text)
    assert (found.kind, found.value, found.unit) == ("count", value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "The H20, H200, H100 and A800 chips compete with the MI300X.",
        "Intel's Gaudi 3 and Huawei's Ascend 910B were tested.",
        "The model uses FP8 and the UE8M0 format.",
        "The claim is disputed [2].",
        "In 2022 the rules changed, and by 2026 sales should recover.",
        "It was announced on September 30, 2024.",
        "See https://example.com/2024/09/27/item-123 for details.",
        "1. Background",
        "The company filed its Form 10-K under Section 301.",
        "The loan runs for 10 years.",
        "It met three times in the 1990s.",
        "The 7-nanometer chips are made on a 3nm process.",
    ],
)
def test_what_is_not_a_quantity(text: str) -> None:
    assert extract_quantities(text=text) == []


@pytest.mark.parametrize(
    ("text", "direction", "approximate", "low", "high"),
    [
        ("Revenue rose to 5% of sales.", "up", False, None, None),
        ("Output fell by as much as 4% in May.", "down", True, None, 4.0),
        ("Costs were cut by about 3%.", "down", True, None, None),
        ("Sales jumped more than 40% last year.", "up", True, 40.0, None),
        ("It sold in excess of 40% of its stock.", None, True, 40.0, None),
        ("Prices ticked up 0.4%.", "up", False, None, None),
    ],
)
def test_hedges_and_moves_before_a_number(
    text: str, direction: str | None, approximate: bool, low: float | None, high: float | None
) -> None:
    found = _only(text)
    assert (found.direction, found.approximate, found.value_low, found.value_high) == (
        direction,
        approximate,
        low,
        high,
    )


def test_scaled_values_are_exact() -> None:
    found = extract_quantities(text="Data-center sales rose to $26.3 billion, or 1.1 billion yuan.")
    assert [(q.value, q.unit) for q in found] == [(26.3e9, "USD"), (1.1e9, "CNY")]


def test_number_starts_in_ascii_text_are_where_the_pattern_finds_them() -> None:
    for text in ["1. a 12,3.4 x-5 _6 (7) $8 a9 10 ", "2024", " .5 -5 5-5 5,5 5.5"]:
        marked = _marked_number_starts(b" " + text.encode().translate(_DIGIT_MARKS))
        assert marked == [match.start() for match in _NUMBER_START.finditer(text)]


@pytest.mark.parametrize("text", ["Sİx ſIX sıx KELVİN six", "ISTANBUL ıs ſix", "plain SIX"])
def test_folded_text_matches_as_the_text_does_ignoring_case(text: str) -> None:
    words = re.compile(r"\b(?:six|is|kelvin)\b")
    folded = _fold(text, text.lower())
    assert len(folded) == len(text)
    ignoring_case = re.compile(words.pattern, re.IGNORECASE).finditer(text)
    assert [m.span() for m in words.finditer(folded)] == [m.span() for m in ignoring_case]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("It hired thirty-one people.", 31.0, "people"),
        ("Output rose ninety-nine percent.", 99.0, "percent"),
        ("It hired ſix people.", 6.0, "people"),
        ("Sales rose SİX percent.", 6.0, "percent"),
    ],
)
def test_compound_number_words_and_letters_that_fold_to_ascii(text: str, value: float, unit: str) -> None:
    found = _only(text)
    assert (found.value, found.unit, found.surface) == (value, unit, text[found.char_start : found.char_end])


def test_every_token_a_finder_looks_for_is_kept_when_a_text_is_split() -> None:
    vocabulary = load_quantity_vocabulary()
    looked_for = [
        *vocabulary.triggers.values(),
        vocabulary.number_heads,
        vocabulary.money_tokens,
        vocabulary.prefix_symbols,
        vocabulary.prefix_heads.keys(),
        vocabulary.code_heads,
        vocabulary.suffix_heads,
        vocabulary.multiplier_words.keys(),
        vocabulary.move_heads,
        vocabulary.after_tokens,
    ]
    assert all(set(tokens) <= vocabulary.known_tokens for tokens in looked_for)


@pytest.mark.parametrize(
    "text",
    [
        "Shares rose " + "9" * 400 + "% and sales rose 5%.",
        "Shares rose " + "9" * 1_000_000 + "% and sales rose 5%.",
        "It grew " + "9" * 400 + "-fold while sales rose 5%.",
        "Exports of 1 to " + "9" * 400 + " billion dollars; sales rose 5%.",
    ],
)
def test_a_run_of_digits_no_float_holds_is_not_a_figure(text: str) -> None:
    assert [(q.surface, q.value) for q in extract_quantities(text=text)] == [("5%", 5.0)]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("A magnitude 6.1 earthquake hit the coast.", "6.1", 6.1),
        ("The 7.5-magnitude quake struck at dawn.", "7.5", 7.5),
        ("A tremor measuring 5.6 on the Richter scale shook the island.", "5.6", 5.6),
    ],
)
def test_a_number_on_a_named_scale_is_a_reading(text: str, surface: str, value: float) -> None:
    (quantity,) = extract_quantities(text=text)
    assert (quantity.surface, quantity.kind, quantity.value, quantity.unit) == (surface, "reading", value, "magnitude")
