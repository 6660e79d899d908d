"""Reconciliation: only comparable claims meet; one document, two stories or an unread measure never conflict."""

from dataclasses import replace
from datetime import date
from typing import Any

from triangulate.reconcile import ClaimFigure, Fact, reconcile

BASE = ClaimFigure(
    claim_id="clm_a",
    doc_id="doc_a",
    sentence_id="s_a",
    subject_entity_id="acme",
    measure="people_killed",
    period_required=False,
    negated=False,
    hedged=False,
    quantity_surface="12",
    kind="count",
    value=12.0,
    value_low=None,
    value_high=None,
    unit="people",
    approximate=False,
    direction=None,
    time_surface=None,
    period=None,
    resolution=None,
    anchor=None,
    attribution=None,
    source_group="outlet:Wire One",
    story_id="story_1",
    outlet="Wire One",
    published=date(2024, 5, 2),
    sentence="The blast at the Acme plant killed 12 people.",
    dated_by_publication=True,
)


def _claim(claim_id: str, doc_id: str, value: float, **changes: Any) -> ClaimFigure:
    return replace(BASE, claim_id=claim_id, doc_id=doc_id, sentence_id=f"s_{claim_id}", value=value,
                   quantity_surface=f"{value:g}", **changes)  # fmt: skip


def _only(facts: list[Fact]) -> Fact:
    (fact,) = facts
    return fact


def test_two_outlets_disagreeing_on_one_story_conflict_and_say_why() -> None:
    fact = _only(
        reconcile(
            [
                _claim("clm_a", "doc_a", 12),
                _claim(
                    "clm_b",
                    "doc_b",
                    15,
                    source_group="outlet:Wire Two",
                    outlet="Wire Two",
                    sentence="Fifteen people died in the Acme blast.",
                ),
            ]
        )
    )
    assert (fact.status, fact.conflict_kind, fact.story_id) == ("conflict", "numeric", "story_1")
    assert "Wire One, published 2024-05-02, states '12'" in fact.explanation
    assert '"Fifteen people died in the Acme blast."' in fact.explanation
    assert "same story (story_1), subject acme, measure people_killed" in fact.explanation


def test_claims_of_different_stories_never_meet() -> None:
    facts = reconcile([_claim("clm_a", "doc_a", 12), _claim("clm_b", "doc_b", 15, source_group="outlet:Two",
                                                              story_id="story_2")])  # fmt: skip
    assert sorted((f.story_id, f.status) for f in facts) == [("story_1", "single_source"), ("story_2", "single_source")]


def test_one_document_stating_several_figures_is_no_conflict() -> None:
    facts = reconcile(
        [
            _claim("clm_a1", "doc_a", 12),
            _claim("clm_a2", "doc_a", 40),
            _claim("clm_b", "doc_b", 12, source_group="outlet:Wire Two", outlet="Wire Two"),
        ]
    )
    assert sorted((f.value, f.status, f.n_outlets) for f in facts) == [
        (12.0, "corroborated", 2),
        (40.0, "single_source", 1),
    ]


def test_a_restatement_in_another_currency_within_one_document_is_no_conflict() -> None:
    money = {"kind": "money", "measure": "investment", "dated_by_publication": False}
    facts = reconcile(
        [_claim("clm_a1", "doc_a", 2e7, unit="GBP", **money), _claim("clm_a2", "doc_a", 3e7, unit="EUR", **money)]
    )
    assert {f.status for f in facts} == {"single_source"}


def test_a_claim_without_a_readable_measure_is_never_reconciled() -> None:
    assert reconcile([_claim("clm_a", "doc_a", 12, measure=None), _claim("clm_b", "doc_b", 15, measure=None)]) == []


def test_daily_figures_of_different_publication_days_are_different_facts() -> None:
    daily = {"measure": "share_price_change", "kind": "percent", "unit": "percent", "direction": "down"}
    facts = reconcile(
        [
            _claim("clm_a", "doc_a", 1.1, **daily),
            _claim(
                "clm_b",
                "doc_b",
                0.4,
                source_group="outlet:Two",
                published=date(2024, 5, 3),
                **{**daily, "direction": "up"},
            ),
        ]
    )
    assert sorted((f.period, f.status) for f in facts) == [
        ("2024-05-02", "single_source"),
        ("2024-05-03", "single_source"),
    ]


def test_agreeing_outlets_corroborate_within_one_story() -> None:
    fact = _only(reconcile([_claim("clm_a", "doc_a", 12), _claim("clm_b", "doc_b", 12, source_group="outlet:Two")]))
    assert (fact.status, fact.n_outlets, fact.n_documents) == ("corroborated", 2, 2)


def test_a_date_within_another_is_no_date_conflict() -> None:
    event: dict[str, Any] = {
        "measure": "deadline",
        "kind": None,
        "value": None,
        "quantity_surface": None,
        "dated_by_publication": False,
    }
    fact = _only(
        reconcile(
            [
                replace(BASE, **event, period="2012"),
                replace(BASE, **event, claim_id="clm_b", doc_id="doc_b", source_group="outlet:Two", period="2012-H2"),
            ]
        )
    )
    assert fact.status != "conflict"


def test_figures_of_different_stated_scopes_are_different_facts() -> None:
    province = replace(BASE, claim_id="a", doc_id="d1", source_group="g1", value=170000.0, scope="place:province")
    countries = replace(BASE, claim_id="b", doc_id="d2", source_group="g2", value=230000.0, scope="place:country")
    facts = reconcile([province, countries])
    assert sorted((f.status, f.claim_ids) for f in facts) == [("single_source", ["a"]), ("single_source", ["b"])]


def test_a_figure_limited_to_a_place_never_meets_one_with_no_place() -> None:
    province = replace(BASE, claim_id="a", doc_id="d1", source_group="g1", value=170000.0, scope="place:province")
    unscoped = replace(BASE, claim_id="b", doc_id="d2", source_group="g2", value=230000.0, scope=None)
    assert sorted(f.claim_ids for f in reconcile([province, unscoped])) == [["a"], ["b"]]


def test_a_conflict_names_the_scope_its_claims_share() -> None:
    one = replace(BASE, claim_id="a", doc_id="d1", source_group="g1", value=170000.0, scope="place:province")
    other = replace(BASE, claim_id="b", doc_id="d2", source_group="g2", value=230000.0, scope="place:province")
    (fact,) = reconcile([one, other])
    assert fact.status == "conflict"
    assert "scope place:province" in fact.explanation


def test_a_running_total_never_meets_a_figure_that_is_not_one() -> None:
    strike = replace(BASE, claim_id="a", doc_id="d1", source_group="g1", value=3.0, quantity_surface="three")
    so_far = replace(BASE, claim_id="b", doc_id="d2", source_group="g2", value=600.0, scope="cumulative")
    assert sorted(f.claim_ids for f in reconcile([strike, so_far])) == [["a"], ["b"]]


def test_a_number_in_words_is_as_precise_as_its_last_word() -> None:
    words = replace(BASE, claim_id="a", doc_id="d1", source_group="g1", value=100.0, quantity_surface="a hundred")
    more_than = replace(BASE, claim_id="b", doc_id="d2", source_group="g2", value=None, value_low=100.0)
    more_than = replace(more_than, quantity_surface="more than 100")
    (fact,) = reconcile([words, more_than])
    assert fact.status == "corroborated"
