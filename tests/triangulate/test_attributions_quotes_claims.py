"""Attributions, quotations and claims of single sentences and passages."""

import pytest

from triangulate.entities import MentionFinder, load_entity_catalog
from triangulate.quotes import find_quotes
from triangulate.sentence_facts import analyse_sentence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("According to the Financial Times, the list grew.", [("media", "financial_times")]),
        ("According to two sources, the list grew.", [("anonymous", None)]),
        ("The list grew, people familiar with the matter said.", [("anonymous", None)]),
        ("Bloomberg first reported the plan on Friday.", [("media", "bloomberg")]),
        ("The ban is real, state media said.", [("media", None)]),
        ("The plan is final, officials said.", [("official", None)]),
        ("The plan could triple output [2].", [("reference", None)]),
        (
            "The Financial Times reported, citing people familiar with the matter, that output will grow.",
            [("media", "financial_times"), ("anonymous", None)],
        ),
    ],
)
def test_attributions(text: str, expected: list[tuple[str, str | None]]) -> None:
    found = analyse_sentence(text=text).attributions
    assert [(a.source_kind, a.entity_id) for a in found] == expected
    assert all(text[a.char_start : a.char_end] == a.surface for a in found)


def test_a_citing_cue_chains_onto_the_attribution_before_it() -> None:
    found = analyse_sentence(text="Reuters reported, citing two sources, that the deal closed.").attributions
    assert [a.cites_previous for a in found] == [False, True]


def test_quotes_span_sentences_and_find_their_speaker() -> None:
    passage = "“We will expand. Demand is strong,” said Jensen Huang. Huang also praised the “Xin Hua Plan”."
    mentions = MentionFinder(load_entity_catalog()).find(text=passage)
    (quote,) = find_quotes(text=passage, mentions=mentions)
    assert (quote.text, quote.speaker_entity_id) == ("We will expand. Demand is strong,", "jensen_huang")
    assert passage[quote.char_start : quote.char_end] == quote.text


def test_a_quote_introduced_by_saying_belongs_to_the_person_before_it() -> None:
    passage = "Its CEO, Jensen Huang, backed the plan, saying, “We will do our best to help.”"
    mentions = MentionFinder(load_entity_catalog()).find(text=passage)
    (quote,) = find_quotes(text=passage, mentions=mentions)
    assert quote.speaker_name == "Jensen Huang"


@pytest.mark.parametrize(
    ("text", "measure", "subject"),
    [
        ("Nvidia's shares fell by 3.9% on Friday.", "share_price_change", "nvidia"),
        ("China accounted for 12% of Nvidia's revenue in the July quarter.", "revenue_share", "nvidia"),
        ("According to the guidelines, China aims to triple its AI chip output by 2026.", "production_target", "china"),
        ("SMIC will open two additional facilities in 2026.", "capacity", "smic"),
        ("Beijing offered subsidies worth 500 million yuan to local firms.", "subsidy", "beijing"),
        ("The US government banned Nvidia from selling the H20 to China.", "sales_ban", "us_government"),
        ("South Korea's MOTIE unveiled a 33 trillion won support package.", "subsidy", "motie"),
        ("Tokyo Electron said China would fall to about 40% of the total.", "revenue_share", "tokyo_electron"),
        ("CXMT has captured about 5% of the global DRAM market.", "market_share", "cxmt"),
    ],
)
def test_claim_measure_and_subject(text: str, measure: str, subject: str) -> None:
    (claim,) = analyse_sentence(text=text).claims
    assert (claim.measure, claim.subject_entity_id) == (measure, subject)


def test_a_sentence_may_make_several_claims() -> None:
    claims = analyse_sentence(text="China made up 12% of Nvidia's revenue, or about US$3.7 billion.").claims
    assert [(c.measure, c.quantity.surface if c.quantity else None) for c in claims] == [
        ("revenue_share", "12%"),
        ("segment_revenue", "US$3.7 billion"),
    ]


@pytest.mark.parametrize(
    ("text", "hedged", "negated"),
    [
        ("Huawei will reportedly double output.", True, False),
        ("Huawei doubled output.", False, False),
        ("Huawei did not double output.", False, True),
        ("Huawei denied it plans to double output.", True, True),
    ],
)
def test_hedging_and_negation(text: str, hedged: bool, negated: bool) -> None:
    (claim,) = analyse_sentence(text=text).claims
    assert (claim.hedged, claim.negated) == (hedged, negated)


def test_background_sentences_make_no_claim() -> None:
    assert analyse_sentence(text="The industry has long been a focus of policy makers.").claims == []


def _claims(text: str) -> list[tuple[str | None, str | None, str | None]]:
    return [
        (c.measure, c.subject_entity_id, c.quantity.surface if c.quantity else None)
        for c in analyse_sentence(text=text).claims
    ]


def test_a_number_in_an_attribution_is_not_a_claim() -> None:
    assert _claims("According to two sources, Huawei will ship 300,000 chips.") == [
        ("production_output", "huawei", "300,000")
    ]


def test_a_conversion_in_parentheses_restates_the_figure_before_it() -> None:
    assert [
        surface
        for _, _, surface in _claims("Huawei paid 20 million pounds (30 million euros, 39 million dollars) for it.")
    ] == ["20 million pounds"]


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("The blast killed 12 people at the plant.", "people_killed"),
        ("Twelve people were injured in the blast.", "people_injured"),
        ("Some 67% of voters backed the plan.", "share_of_voter"),
        ("The benchmark index closed at 1,204 points on Friday.", "benchmark_index"),
        ("He has 53 catches this season.", None),
        ("Two men accused of the robbery were arrested.", "people_accused"),
        ("Three people died in the fire.", "people_killed"),
        ("Tokyo offered a $2 billion subsidy to the plant.", "subsidy"),
        ("Property damage is an estimated $2 million.", "property_damage"),
        ("Huawei's first-half sales rose 40% to 3 billion dollars.", "revenue"),
    ],
)
def test_the_measure_is_read_from_the_words_the_figure_attaches_to(text: str, measure: str | None) -> None:
    assert _claims(text)[0][0] == measure


def test_a_figure_whose_measure_cannot_be_read_is_kept_without_one() -> None:
    assert _claims("Huawei paid 12 million dollars.") == [(None, "huawei", "12 million dollars")]


def test_in_coordinated_clauses_each_figure_belongs_to_its_own_subject() -> None:
    subjects = [subject for _, subject, _ in _claims("Shares of Nvidia rose 20%, while AMD shares gained 5%.")]
    assert subjects == ["nvidia", "amd"]


def test_a_difference_has_no_measure_of_its_own() -> None:
    assert _claims("Apple said the new model is priced $100 cheaper than its predecessor.") == [(None, "apple", "$100")]


@pytest.mark.parametrize(
    ("text", "measures"),
    [
        ("The storm hit the coast on Sunday, killing four people and injuring dozens.", ["people_killed"]),
        (
            "Three people were killed, 40 others injured and 200 homes destroyed.",
            ["people_killed", "people_injured", "home_destroyed"],
        ),
        ("The flood left 14 families homeless.", ["family_homeless"]),
        ("The warning knocked 2% off Nvidia's shares.", ["share_price_change"]),
        ("AMD must hand the government a 15% cut of those sales.", ["revenue_share"]),
    ],
)
def test_counts_participles_anaphora_and_off_phrases_name_the_measure(text: str, measures: list[str]) -> None:
    assert [measure for measure, _, _ in _claims(text)] == measures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Cambricon reported first-half revenue of 2.9 billion yuan, a 40-fold jump.",
            [("revenue", "2.9 billion yuan"), ("revenue", "40-fold")],
        ),
        (
            "Arm reported revenue of $1.05 billion for the quarter, up 12%.",
            [("revenue", "$1.05 billion"), ("revenue", "12%")],
        ),
        (
            "Shares of Nvidia closed up 4.5% at $120 on Tuesday.",
            [("share_price_change", "4.5%"), ("share_price", "$120")],
        ),
        (
            "Nvidia said revenue from China accounted for 12% of its total, or about US$3.7 billion.",
            [("revenue_share", "12%"), ("segment_revenue", "US$3.7 billion")],
        ),
    ],
)
def test_a_figure_in_apposition_takes_the_measure_of_the_figure_it_qualifies(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(measure, surface) for measure, _, surface in _claims(text)] == expected


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("The tsunami killed 170,000 people in the province.", "place:province"),
        ("The tsunami killed 230,000 people in 13 countries.", "place:country"),
        ("More than 600 people have been killed so far in the fighting.", "cumulative"),
        ("The blast killed 12 people on Monday.", None),
        ("The wave left 220,000 people dead in Indonesia, India and Thailand.", "place:india+indonesia+thailand"),
    ],
)
def test_a_claim_records_the_scope_its_clause_states(text: str, scope: str | None) -> None:
    assert analyse_sentence(text=text).claims[0].scope == scope


def test_a_date_that_names_another_thing_is_not_the_claims_time() -> None:
    (claim,) = analyse_sentence(text="The 6.1-magnitude quake rocked a region hit by the tsunami of 2004.").claims
    assert (claim.measure, claim.period) == ("magnitude", None)


def test_only_an_opening_phrase_limits_a_figure_to_the_place_before_it() -> None:
    opening = analyse_sentence(text="In Central Aceh district, 10 people were killed.").claims
    later = analyse_sentence(text="Quakes often hit Indonesia since 2004, leaving 220,000 people dead.").claims
    assert [c.scope for c in opening] == ["place:district"]
    assert [c.scope for c in later if c.measure == "people_killed"] == [None]
