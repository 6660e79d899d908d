"""Origins, reference lists with their in-text markers, via lines and cited URLs."""

from triangulate.passages import load_passage_rules, split_passages
from triangulate.reference import load_month_names, load_widget_line_patterns
from triangulate.source_links import find_source_links, unmatched_markers

RULES = load_passage_rules(widget_lines=load_widget_line_patterns())
MONTHS = load_month_names()
TEXT = (
    "Chipmakers rally\n"
    "Output will triple by 2026 [2], officials said [1]. A filing at https://example.gov/filing.pdf shows more.\n"
    "The plan was first reported in March [3].\n"
    "Original: news.example.com/2025/08/27/chips\n"
    "Via: https://aggregator.example.net/story/1\n"
    "References:\n"
    "[1] https://example.org/statement\n"
    "[2] https://example.com/plan-2026\n"
)


def _links() -> tuple[list[tuple[str, str | None, str | None, int]], list[str]]:
    passages = split_passages(text=TEXT, title="Chipmakers rally", rules=RULES, month_names=MONTHS)
    links = find_source_links(text=TEXT, passages=passages, manifest_url="https://www.example.com/a")
    for link in links:
        if link.char_start is not None and link.char_end is not None:
            assert TEXT[link.char_start : link.char_end] == link.url
        assert all(TEXT[start:end] == link.marker for start, end in link.citation_spans)
    rows = [(link.relation, link.marker, link.domain, len(link.citation_spans)) for link in links]
    missing = [TEXT[start:end] for start, end in unmatched_markers(text=TEXT, passages=passages, links=links)]
    return rows, missing


def test_links_relations_markers_and_citations() -> None:
    rows, _ = _links()
    assert rows == [
        ("original", None, "example.com", 0),
        ("cites", None, "example.gov", 0),
        ("original", None, "news.example.com", 0),
        ("via", None, "aggregator.example.net", 0),
        ("reference", "[1]", "example.org", 1),
        ("reference", "[2]", "example.com", 1),
    ]


def test_marker_without_reference_is_reported() -> None:
    _, missing = _links()
    assert missing == ["[3]"]


def test_a_scheme_or_www_followed_only_by_punctuation_is_no_link() -> None:
    text = "See www.. or http://, for more, and www.example.org.\n"
    passages = split_passages(text=text, title=None, rules=RULES, month_names=MONTHS)
    links = find_source_links(text=text, passages=passages, manifest_url=None)
    assert [(link.url, link.char_start) for link in links] == [("www.example.org", 36)]
