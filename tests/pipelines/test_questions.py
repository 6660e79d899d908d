"""The README's "Questions you can ask" section is what its queries return on a fresh run of the sample."""

import shutil
from pathlib import Path

import dagster as dg

from pipelines.definitions import build_defs
from pipelines.questions import END, README, START, render_questions, with_section
from pipelines.settings import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"


def test_readme_section_matches_a_fresh_run_of_the_sample(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES, inbox)
    settings = Settings(inbox=inbox, data_dir=tmp_path / "data", max_file_bytes=20 * 1024 * 1024, executor="in_process")
    job = build_defs(settings).resolve_job_def("triangulate_job")
    assert job.execute_in_process(instance=dg.DagsterInstance.ephemeral()).success
    section = render_questions(settings.analytics_path)
    readme = README.read_text(encoding="utf-8")
    assert section.count("```sql") >= 5
    assert section in readme, "README.md is out of date: run `make docs`"


def test_with_section_replaces_only_the_text_between_the_markers() -> None:
    readme = f"intro\n{START}\nold\n{END}\noutro\n"
    assert with_section(readme, f"{START}\nnew\n{END}") == f"intro\n{START}\nnew\n{END}\noutro\n"
