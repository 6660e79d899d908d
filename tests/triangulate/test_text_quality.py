"""Text-layer quality issues built from the layer's rows."""

import json
from datetime import date

from triangulate.text_layer import TextInput, TextLayer

LAYER = TextLayer()


def _issues(text: str, *, published: date | None = None, title: str | None = None) -> dict[str, list[str]]:
    rows = LAYER.build([TextInput("doc_0000000000000001", text, title, None, published)])
    found: dict[str, list[str]] = {}
    for issue in rows.quality_issues:
        if issue.char_start is not None and issue.char_end is not None:
            found.setdefault(issue.check_name, []).append(text[issue.char_start : issue.char_end])
        else:
            found.setdefault(issue.check_name, []).append(issue.message)
        json.loads(issue.evidence)
    return found


def test_unmatched_marker_and_far_reference_date() -> None:
    text = (
        "Chipmakers expanded capacity this year as demand for processors grew [1], and output rose [4].\n"
        "References:\n"
        "[1] https://example.com/news/2019/01/05/capacity\n"
    )
    issues = _issues(text, published=date(2025, 8, 27))
    assert issues["source_links__unmatched_marker"] == ["[4]"]
    assert issues["source_links__reference_date_far"] == ["https://example.com/news/2019/01/05/capacity"]
    assert "source_links__reference_date_far" not in _issues(text)  # no publication date: nothing to compare


def test_non_english_and_boilerplate_heavy_documents() -> None:
    french = "Les actions des fabricants de puces ont fortement progressé vendredi après l'annonce du gouvernement.\n"
    assert "documents__non_english" in _issues(french)
    furniture = "Short story body that says one thing about chips today.\nComments\nShare\nSubscribe now\nRelated:\n"
    assert "documents__high_boilerplate" in _issues(furniture)


def test_ai_label_issue_points_at_the_label() -> None:
    text = "Chipmakers expanded capacity as demand for processors grew sharply this year.\nAI Generated Content\n"
    assert _issues(text)["documents__ai_generated"] == ["AI Generated Content"]


def test_several_origin_domains_make_a_document_mixed() -> None:
    text = (
        "Chipmakers expanded capacity as demand for processors grew sharply this year.\n"
        "Original: https://news.example.com/a\n"
        "Via: https://aggregator.example.net/b\n"
    )
    (flags,) = LAYER.build([TextInput("doc_0000000000000001", text, None)]).document_flags
    assert flags.is_mixed_sources
    assert json.loads(flags.mixed_sources_evidence or "{}") == {
        "origin_domains": ["aggregator.example.net", "news.example.com"]
    }
    single = LAYER.build([TextInput("doc_0000000000000001", text.rsplit("Via:", 1)[0], None)]).document_flags
    assert not single[0].is_mixed_sources
