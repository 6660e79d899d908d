"""Entity mentions: catalog matching, abbreviations, names outside the catalog, and non-names."""

from pathlib import Path

import pytest

from triangulate.entities import DocumentContext, Mention, MentionFinder, load_entity_catalog
from triangulate.reference import ReferenceDataError


def _find(text: str, context: DocumentContext | None = None) -> list[Mention]:
    mentions = MentionFinder(load_entity_catalog()).find(text=text, context=context)
    assert all(text[m.char_start : m.char_end] == m.surface for m in mentions)
    return mentions


@pytest.mark.parametrize(
    ("text", "surface", "entity_id"),
    [
        ("Nvidia Corp said so.", "Nvidia Corp", "nvidia"),
        ("Analysts watch NVIDIA closely.", "NVIDIA", "nvidia"),
        ("It hurt Nvidia's sales.", "Nvidia", "nvidia"),
        ("Rival Huawei Technologies Co grew.", "Huawei Technologies Co", "huawei"),
        ("Buyers like Cambricon Technologies Corp gained.", "Cambricon Technologies Corp", "cambricon"),
        ("Taiwan Semiconductor Manufacturing Co raised prices.", "Taiwan Semiconductor Manufacturing Co", "tsmc"),
        ("Sales to the U.S. fell.", "U.S.", "united_states"),
    ],
)
def test_catalog_aliases_possessives_and_legal_suffixes(text: str, surface: str, entity_id: str) -> None:
    assert [(m.surface, m.entity_id, m.in_catalog) for m in _find(text) if m.entity_id == entity_id] == [
        (surface, entity_id, True)
    ]


def test_products_that_differ_by_a_digit_stay_apart() -> None:
    found = _find("The H20 is not the H200, and the A800 is not the A100.")
    assert [m.entity_id for m in found] == ["nvidia_h20", "nvidia_h200", "nvidia_a800", "nvidia_a100"]


def test_ordinary_words_and_acronyms_need_their_capitals() -> None:
    assert _find("Most of us want an apple and a strong arm.") == []
    assert [m.entity_id for m in _find("Meta and Arm met; MOST said so.")] == ["meta", "arm", "most"]


def test_an_abbreviation_defined_in_the_text_names_the_same_entity_later() -> None:
    context = DocumentContext()
    first = _find("Zhonghe Microsystems Co Ltd (ZHM) opened a fab.", context)
    later = _find("ZHM will hire staff.", context)
    assert [(m.name, m.type, m.in_catalog) for m in first] == [("Zhonghe Microsystems", "company", False)]
    assert [m.entity_id for m in later] == [first[0].entity_id]


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        (
            "The deal was cleared by the National Energy Administration of China on Monday.",
            "National Energy Administration of China",
            "gov_body",
        ),
        ("It was approved by the Ministry of Digital Affairs.", "Ministry of Digital Affairs", "gov_body"),
        ("Ministry of Digital Affairs officials approved it.", "Ministry of Digital Affairs", "gov_body"),
        ("Shares of Vireo Semiconductor Inc rose.", "Vireo Semiconductor Inc", "company"),
        ("The plan was backed by Chief Executive Maria Lindqvist of Vireo.", "Maria Lindqvist", "person"),
        ("It was announced by Commerce Secretary Ada Moreno.", "Ada Moreno", "person"),
    ],
)
def test_names_outside_the_catalog_get_a_type_guess(text: str, surface: str, kind: str) -> None:
    matches = [m for m in _find(text) if m.surface == surface]
    assert [(m.type, m.in_catalog, m.entity_id.startswith("x_")) for m in matches] == [(kind, False, True)]
    assert 0 < matches[0].confidence < 1


def test_a_surname_refers_back_to_the_person_in_the_same_document() -> None:
    context = DocumentContext()
    (person,) = _find("CEO Maria Lindqvist spoke.", context)
    (again,) = _find("Lindqvist said margins would recover.", context)
    assert again.entity_id == person.entity_id == "x_maria_lindqvist"


def test_sentence_initial_words_months_and_headings_are_not_names() -> None:
    assert _find("Despite this, the plan held.") == []
    assert _find("In July the plan held.") == []
    assert _find("Why It Matters") == []


def test_an_alias_claimed_by_two_entities_is_a_clear_error(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[2] / "reference"
    for name in ("name_parts.yaml", "months.yaml"):
        (tmp_path / name).write_bytes((source / name).read_bytes())
    (tmp_path / "entities.yaml").write_text(
        "types: [company]\nentities:\n"
        "  - {id: acme, name: Acme, type: company, aliases: [ACME Corp]}\n"
        "  - {id: acme_labs, name: Acme Labs, type: company, aliases: [acme corp]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError, match="claimed by 'acme' and 'acme_labs'"):
        load_entity_catalog(tmp_path)


@pytest.mark.parametrize(
    ("text", "surface", "rule"),
    [
        ("Gartner said revenue would rise.", "Gartner", "named_source"),
        ("IDC estimates growth of 4%.", "IDC", "named_source"),
        ("Revenue will rise, according to TrendForce.", "TrendForce", "named_source"),
        ("Goldman Sachs raised its target on the stock.", "Goldman Sachs", "two_capitalised_words"),
        ("The plan works, Technology Secretary Peter Kyle said.", "Peter Kyle", "title"),
    ],
)
def test_names_outside_the_catalog_found_from_their_role(text: str, surface: str, rule: str) -> None:
    found = [(m.surface, m.in_catalog, m.rule) for m in _find(text)]
    assert found == [(surface, False, rule)]


@pytest.mark.parametrize(
    "text",
    [
        "Analysts said demand slowed.",
        "Chip Stocks Fall Sharply As Demand Slows",
        "Commerce Secretary told reporters the rules would change.",
    ],
)
def test_plural_nouns_headlines_and_bare_titles_are_not_names(text: str) -> None:
    assert _find(text) == []


def test_an_unquoted_name_with_a_comma_is_a_clear_error(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[2] / "reference"
    for name in ("name_parts.yaml", "months.yaml"):
        (tmp_path / name).write_bytes((source / name).read_bytes())
    (tmp_path / "entities.yaml").write_text(
        "types: [gov_body]\nentities:\n  - {id: moe, name: Ministry of Trade, Industry and Energy, type: gov_body}\n",
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError, match="unknown keys"):
        load_entity_catalog(tmp_path)
