"""Reconciliation end to end on short invented articles from different outlets: every fact status."""

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import build_defs
from pipelines.settings import Settings

Facts = dict[tuple[str, str], tuple[str, str | None, int, int, str]]
ARTICLES = {
    "harbor_vireo.txt": (
        "Harbor Ledger",
        "2026-03-03",
        "Vireo Semiconductor sets output goal\n\n"
        "Vireo Semiconductor Inc plans to double its wafer output by 2027, the company said on Monday. "
        "Shares of Intel fell 4.2% on Monday after its forecast.\n\n"
        "Cloud services accounted for 30% of Kestrel Systems' revenue, the company said.\n\n"
        "SK Hynix will invest $5 billion in a new packaging plant, according to people familiar with the matter.\n",
    ),
    "eastline_vireo.txt": (
        "Eastline Wire",
        "2026-03-03",
        "Vireo aims to double wafer output\n\n"
        "Vireo Semiconductor aims to double wafer output by 2027, according to a company statement. "
        "Intel shares fell 6.5% on Monday, extending losses.\n\n"
        "Cloud services accounted for 30% of Kestrel Systems' revenue in the third quarter of 2025.\n\n"
        "SK Hynix will invest 5 billion euros in a new packaging plant, officials said.\n",
    ),
    "metro_lumen.txt": (
        "Metro Tech Daily",
        "2026-03-04",
        "Lumen Fab targets more capacity\n\n"
        "Lumen Fab Co aims to triple its capacity by 2026, according to government guidelines. "
        "Regulators will provide subsidies of hundreds of millions of dollars to Lumen Fab Co.\n\n"
        "Nvidia reported revenue of $39.5 billion in the July quarter, the company said.\n\n"
        "AMD expects sales of its MI308 chips to reach $800 million in the fourth quarter of 2026.\n",
    ),
    "harbor_lumen.txt": (
        "Harbor Ledger",
        "2026-03-05",
        "Lumen Fab plan draws questions\n\n"
        "Lumen Fab Co plans to triple its capacity by 2028, the company said. "
        "Regulators will provide subsidies of billions of dollars to Lumen Fab Co.\n\n"
        "Orion Robotics Inc will hire 2,000 engineers in 2026, its founder said on Tuesday.\n\n"
        "AMD expects sales of its MI300X chips to reach $2 billion in the fourth quarter of 2026.\n",
    ),
    "syndicated_orion.txt": (
        "Syndicated Copy",
        "2026-03-06",
        "Lumen Fab's plan draws questions from analysts\n\n"
        "Lumen Fab Co plans to triple its capacity by 2028, the company said. "
        "Regulators will provide subsidies of billions of dollars to Lumen Fab Co.\n\n"
        "Orion Robotics Inc will hire 2,000 engineers in 2026, its founder said on Tuesday.\n\n"
        "This article first appeared in Harbor Ledger.\n",
    ),
    "undated_kestrel.txt": (
        "",
        "",
        "Kestrel expands\n\nKestrel Systems Inc will open three new data centres next year, the company said.\n",
    ),
    "dated_kestrel.txt": (
        "Eastline Wire",
        "2026-03-03",
        "Kestrel expansion\n\nKestrel Systems Inc will open three new data centres in 2027, the company said.\n",
    ),
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root: Path = tmp_path_factory.mktemp("reconcile")
    inbox = root / "inbox"
    inbox.mkdir()
    rows = ["path,outlet,published_at"]
    for name, (outlet, published, text) in ARTICLES.items():
        (inbox / name).write_text(text, encoding="utf-8")
        rows.append(f"{name},{outlet},{published}")
    (inbox / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    settings = Settings(inbox=inbox, data_dir=root / "data", max_file_bytes=1_000_000, executor="in_process")
    job = build_defs(settings).resolve_job_def("triangulate_job")
    result = job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)
    assert result.is_node_success("reconciled_facts")
    copy = root / "warehouse_copy.duckdb"
    shutil.copyfile(settings.warehouse_path, copy)
    return copy


@pytest.fixture(scope="module")
def facts(warehouse: Path) -> Facts:
    with duckdb.connect(str(warehouse)) as connection:
        found = connection.execute(
            "SELECT subject_entity_id, measure, status, conflict_kind, n_documents, n_outlets, reference_status "
            "FROM reconciled.facts"
        ).fetchall()
    return {(str(s), str(m)): (str(st), k, int(d), int(o), str(r)) for s, m, st, k, d, o, r in found}


def test_two_outlets_agreeing_corroborate(facts: Facts) -> None:
    assert facts[("x_vireo_semiconductor", "production_target")][:4] == ("corroborated", None, 2, 2)


def test_different_moves_of_one_stock_on_one_day_conflict(
    facts: Facts,
) -> None:
    assert facts[("intel", "share_price_change")][:2] == ("conflict", "numeric")


def test_different_deadlines_for_one_target_conflict(
    facts: Facts,
) -> None:
    assert facts[("x_lumen_fab", "production_target")][:2] == ("conflict", "date")


def test_one_currency_against_another_is_a_currency_conflict(
    facts: Facts,
) -> None:
    assert facts[("sk_hynix", "investment")][:2] == ("conflict", "currency")


def test_hundreds_of_millions_against_billions_is_a_magnitude_conflict(
    facts: Facts,
) -> None:
    assert facts[("x_lumen_fab", "subsidy")][:2] == ("conflict", "magnitude")


def test_a_share_with_and_without_a_period_is_period_ambiguous(
    facts: Facts,
) -> None:
    assert facts[("x_kestrel_systems", "revenue_share")][0] == "period_ambiguous"


def test_a_relative_date_without_publication_date_is_unresolved(
    facts: Facts,
) -> None:
    assert facts[("x_kestrel_systems", "capacity")][0] == "unresolved"


def test_a_syndicated_copy_does_not_corroborate(facts: Facts) -> None:
    assert facts[("x_orion_robotics", "employment")][:4] == ("single_source", None, 2, 1)


def test_a_figure_against_the_reference_fact_is_flagged(
    facts: Facts,
) -> None:
    status, _, _, _, reference = facts[("nvidia", "revenue")]
    assert (status, reference) == ("single_source", "conflicts")


def test_statements_about_different_products_are_different_facts(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse)) as connection:
        found = connection.execute(
            "SELECT products, status FROM reconciled.facts "
            "WHERE subject_entity_id = 'amd' AND measure = 'revenue' ORDER BY 1"
        ).fetchall()
    assert found == [(["amd_mi300x"], "single_source"), (["amd_mi308"], "single_source")]


def test_documents_about_one_event_form_a_story_with_their_outlets(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse)) as connection:
        stories = connection.execute(
            "SELECT s.outlets, s.first_published, s.last_published FROM reconciled.stories s "
            "WHERE list_contains(s.label_terms, 'vireo')"
        ).fetchall()
        orphans = connection.execute(
            "SELECT count(*) FROM reconciled.document_groups g "
            "WHERE g.story_id NOT IN (SELECT story_id FROM reconciled.stories)"
        ).fetchone()
    assert [(outlets, str(first), str(last)) for outlets, first, last in stories] == [
        (["Eastline Wire", "Harbor Ledger"], "2026-03-03", "2026-03-03")
    ]
    assert orphans == (0,)


def test_a_conflict_names_each_side_and_never_joins_two_stories(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse)) as connection:
        (explanation,) = connection.execute(
            "SELECT explanation FROM reconciled.facts WHERE subject_entity_id = 'intel'"
        ).fetchone() or ("",)
        stories_per_conflict = connection.execute(
            "SELECT DISTINCT count(DISTINCT g.story_id) FROM "
            "(SELECT fact_id, unnest(claim_ids) AS claim_id FROM reconciled.facts WHERE status = 'conflict') f "
            "JOIN extracted.claims c USING (claim_id) JOIN reconciled.document_groups g USING (doc_id) "
            "GROUP BY f.fact_id"
        ).fetchall()
    assert "Harbor Ledger, published 2026-03-03, states '4.2%'" in explanation
    assert '"Intel shares fell 6.5% on Monday, extending losses."' in explanation
    assert "subject intel, measure share_price_change" in explanation
    assert stories_per_conflict == [(1,)]
