"""The text layer on the bundled sample: page furniture is not body, and only the spliced passage is off-topic."""

import json
from pathlib import Path

from triangulate.page_metadata import find_title
from triangulate.reference import load_widget_line_patterns
from triangulate.text_layer import TextInput, TextLayer, TextRows

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
NOT_BODY = {
    "Original: toutiao.com/article/1851125356874848/",
    "Statement: The article represents the views of the author himself.",
    "source: AI",
    "Related:",
    "(via)",
    "Comments",
    "Post a Comment",
    "What is the story about?",
    "What's Happening?",
    "Why It's Important?",
    "What's Next?",
    "Beyond the Headlines",
    "AI Generated Content",
    "Do you find this article useful?",
    "References:",
    "No comments yet",
}


def _build() -> tuple[dict[str, str], TextRows]:
    widgets = load_widget_line_patterns()
    texts = {path.name: path.read_text(encoding="utf-8") for path in sorted(SAMPLES.iterdir())}
    documents = [TextInput(name, text, find_title(text, widget_patterns=widgets)) for name, text in texts.items()]
    return texts, TextLayer().build(documents)


def test_spans_are_exact_and_sentences_lie_in_their_passage() -> None:
    texts, rows = _build()
    passages = {p.passage_id: p for p in rows.passages}
    for passage in rows.passages:
        assert texts[passage.doc_id][passage.char_start : passage.char_end] == passage.text
    for sentence in rows.sentences:
        assert texts[sentence.doc_id][sentence.char_start : sentence.char_end] == sentence.text
        parent = passages[sentence.passage_id]
        assert parent.char_start <= sentence.char_start < sentence.char_end <= parent.char_end


def test_widgets_labels_disclaimers_credits_and_dangling_lines_are_not_body() -> None:
    _, rows = _build()
    kinds = {p.text: p.kind for p in rows.passages}
    assert set(kinds) >= NOT_BODY
    assert all(kinds[line] != "body" for line in NOT_BODY)
    assert all(kinds[p.text] == "reference" for p in rows.passages if p.text.startswith(("[1] ", "[2] ")))


def test_reference_markers_and_original_line_are_linked() -> None:
    texts, rows = _build()
    by_marker = {link.marker: link for link in rows.source_links if link.relation == "reference"}
    assert set(by_marker) == {"[1]", "[2]"}
    for link in by_marker.values():
        spans = json.loads(link.citation_spans)
        assert spans and all(texts[link.doc_id][start:end] == link.marker for start, end in spans)
    (original,) = [link for link in rows.source_links if link.relation == "original"]
    assert original.url.startswith("toutiao.com/")
    assert all(flag.unmatched_reference_markers == 0 for flag in rows.document_flags)


def test_only_the_spliced_delegation_passage_is_off_topic() -> None:
    _, rows = _build()
    off_topic = [p for p in rows.passages if p.is_off_topic]
    assert len(off_topic) == 1
    (passage,) = off_topic
    assert "delegation" in passage.text
    evidence = json.loads(passage.off_topic_evidence or "{}")
    assert evidence["relevance"] < evidence["threshold"]
    assert "japan" in evidence["unshared_terms"]
