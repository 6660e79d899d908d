"""Saved web pages: the article's main text and the page's own metadata, read offline."""

import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest

from triangulate.decoding import Rejection
from triangulate.html_pages import HtmlPage, extract_page, is_html
from triangulate.inbox import list_inbox
from triangulate.ingest import ingest_inbox

SCANNED_AT = datetime(2026, 1, 2, tzinfo=UTC)
PARAGRAPHS = (
    "Dock workers at the city's container terminal returned to work on Friday after union leaders "
    "accepted a revised pay offer worth 6% over two years.",
    "The stoppage had left more than forty ships waiting offshore, and freight companies said it would "
    "take at least a week to clear the backlog of containers.",
    "Nobody wanted this to drag on, the union's regional secretary told reporters outside the terminal "
    "gates, adding that members had voted by a large majority to accept.",
)
PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Port strike ends after nine days | Harbour Gazette</title>
<meta property="og:title" content="Port strike ends after nine days">
<meta property="article:published_time" content="2025-03-14T08:15:00Z">
<link rel="canonical" href="https://www.harbourgazette.example/news/2025/03/14/port-strike-ends">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/subscribe">Subscribe today and save</a></li></ul></nav>
<div class="share">Share on Facebook | Share on X | Email this story</div>
<article>
<h1>Port strike ends after nine days</h1>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<p>{PARAGRAPHS[2]}</p>
</article>
<aside class="related"><h3>Most read</h3><ul><li><a href="/a">Ten recipes for a rainy weekend</a></li>
<li><a href="/b">Where to watch the cup final tonight</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment">First! Great article, thanks for sharing it with everyone here.</div>
<div class="comment">The union should have held out for longer, in my humble view of things.</div></section>
<footer>Copyright 2025 Harbour Gazette. All rights reserved. Privacy policy. Cookie settings.</footer>
</body></html>
"""
WIDGETS = ("Subscribe", "Share on", "Most read", "recipes", "Comments", "First!", "held out", "Copyright", "Cookie")


def test_main_text_and_metadata_without_navigation_or_comments() -> None:
    page = extract_page(html=PAGE, not_after=SCANNED_AT)
    assert isinstance(page, HtmlPage)
    assert all(paragraph in page.text for paragraph in PARAGRAPHS)
    assert [widget for widget in WIDGETS if widget in page.text] == []
    assert page.title == "Port strike ends after nine days"
    assert page.url == "https://www.harbourgazette.example/news/2025/03/14/port-strike-ends"
    assert page.published_at == datetime(2025, 3, 14, tzinfo=UTC)
    assert page.published_at_evidence is not None and "2025-03-14" in page.published_at_evidence


def test_publication_date_after_the_scan_is_not_used() -> None:
    page = extract_page(html=PAGE, not_after=datetime(2025, 1, 1, tzinfo=UTC))
    assert isinstance(page, HtmlPage)
    assert page.published_at is None


def test_page_without_main_text_is_rejected() -> None:
    empty = "<html><head><title>Loading</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    rejected = extract_page(html=empty, not_after=SCANNED_AT)
    assert isinstance(rejected, Rejection)
    assert rejected.reason == "no_main_text"


def test_extraction_never_opens_a_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network access during extraction")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert isinstance(extract_page(html=PAGE, not_after=SCANNED_AT), HtmlPage)
    assert attempts == []


@pytest.mark.parametrize(
    ("paths", "data", "expected"),
    [
        (["page.html"], b"plain words", True),
        (["PAGE.HTM"], b"plain words", True),
        (["saved.txt"], b"\n  <!DOCTYPE html><html><body>x</body></html>", True),
        (["saved.txt"], b"<!-- saved --><html lang='fr'>", True),
        (["notes.txt"], b"Use <html> tags in the body of the article.", False),
        (["notes.txt"], b"Headline\nBody.", False),
    ],
)
def test_is_html_by_name_or_first_bytes(paths: list[str], data: bytes, expected: bool) -> None:
    assert is_html(paths=paths, data=data) is expected


def test_saved_page_becomes_a_document_with_its_bytes_kept(tmp_path: Path) -> None:
    raw = PAGE.encode()
    (tmp_path / "story.htm").write_bytes(raw)
    (tmp_path / "sniffed.txt").write_bytes(PAGE.replace("nine days", "ten days").encode())
    (tmp_path / "empty.html").write_bytes(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    result = ingest_inbox(list_inbox(tmp_path), scanned_at=SCANNED_AT, max_file_bytes=100_000)
    by_path = {doc.source_path: doc for doc in result.documents}
    document = by_path["story.htm"]
    assert document.content_format == "html"
    assert document.text.startswith("Port strike ends after nine days\n")
    assert "Subscribe" not in document.text and "<p>" not in document.text
    assert document.char_length == len(document.text)
    assert (document.title, document.title_source) == ("Port strike ends after nine days", "inferred")
    assert (document.url, document.url_source) == (
        "https://www.harbourgazette.example/news/2025/03/14/port-strike-ends",
        "inferred",
    )
    assert document.outlet == "harbourgazette.example"
    assert (document.published_at, document.published_at_source) == (datetime(2025, 3, 14, tzinfo=UTC), "inferred")
    assert document.published_at_evidence and "web page's metadata" in document.published_at_evidence
    assert by_path["sniffed.txt"].content_format == "html"
    stored = {row.doc_id: row.content for row in result.document_bytes}
    assert stored[document.doc_id] == raw
    assert [(q.source_path, q.reason) for q in result.quarantine] == [("empty.html", "no_main_text")]


def test_japanese_page_in_shift_jis(tmp_path: Path) -> None:
    body = "政府は新しい経済対策を発表しました。\n首相は記者会見で、景気の回復が続くとの見方を示しました。"
    page = (
        '<html lang="ja"><head><meta charset="shift_jis"><title>経済対策を発表</title></head><body>'
        + "<article>"
        + "".join(f"<p>{line}</p>" for line in body.splitlines())
        + "</article></body></html>"
    )
    (tmp_path / "keizai.html").write_bytes(page.encode("shift_jis"))
    (document,) = ingest_inbox(list_inbox(tmp_path), scanned_at=SCANNED_AT, max_file_bytes=100_000).documents
    assert document.encoding == "shift_jis"
    assert document.text == body + "\n"
    assert document.title == "経済対策を発表"
