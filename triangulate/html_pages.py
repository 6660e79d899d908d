"""Read a saved web page: its main text, title, canonical address and publication date, offline.

A file is a web page when its name ends in ``.html``, ``.htm`` or ``.xhtml``, or when its first
non-blank bytes open an HTML document (``<!doctype html``, ``<html``, or a ``<head>``/``<body>``/
``<meta>``/``<title>`` tag). trafilatura extracts the article's main text and leaves out navigation,
share bars, comment sections, related-story boxes and footers; it reads the title, the canonical
address and the publication date from the page's metadata (``<title>``/``og:title``,
``<link rel="canonical">``/``og:url``, ``article:published_time``, JSON-LD). It is given the decoded
string only, never a URL, so nothing is fetched. A page without main text is rejected as ``no_main_text``:
when nothing is extracted, or only lines that do not read as prose (trafilatura falls back to the whole
body, so a page of links gives "Home" or "Subscribe | Login"); prose is a line of at least
``MIN_SENTENCE_CHARS`` characters ending like a sentence.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from trafilatura import bare_extraction
from trafilatura.settings import Document

from triangulate.decoding import Rejection, normalise_text

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# How far into the file the opening of an HTML document is looked for.
SNIFF_BYTES = 1024
MIN_SENTENCE_CHARS = 12
_SENTENCE_END = "[.!?\u2026\u3002\uff01\uff1f][\"'\u2019\u201d\u00bb)\\]\u300d\u300f]*[ \t]*$"
_SENTENCE_LINE = re.compile(f"^.{{{MIN_SENTENCE_CHARS - 1},}}{_SENTENCE_END}", re.MULTILINE)
_HTML_OPENING = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S
)


@dataclass(frozen=True)
class HtmlPage:
    """The main text of a page and the metadata the page gives about itself (``None`` where it gives none)."""

    text: str
    title: str | None
    url: str | None
    published_at: datetime | None
    published_at_evidence: str | None


def is_html(*, paths: Sequence[str], data: bytes) -> bool:
    """Return whether a file is a saved web page, by any of its names or by its first bytes."""
    if any(path.lower().endswith(HTML_SUFFIXES) for path in paths):
        return True
    return _HTML_OPENING.match(data[:SNIFF_BYTES]) is not None


def extract_page(*, html: str, not_after: datetime) -> HtmlPage | Rejection:
    """Extract the main text and metadata of a decoded page; dates after ``not_after`` are never used."""
    document = bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        date_extraction_params={
            "extensive_search": False,
            "original_date": True,
            "max_date": not_after.date().isoformat(),
        },
    )
    text = normalise_text(document.text or "").strip() if isinstance(document, Document) else ""
    if not isinstance(document, Document) or not _SENTENCE_LINE.search(text):
        found = f"only {text[:80]!r}" if text else "nothing"
        return Rejection("no_main_text", f"a web page ({len(html)} characters) whose main text is {found}, not prose")
    published_at = None
    evidence = None
    if document.date:
        day = datetime.fromisoformat(document.date)
        published_at = datetime(day.year, day.month, day.day, tzinfo=UTC)
        evidence = f"publication date '{document.date}' in the web page's metadata"
    return HtmlPage(
        text=text + "\n",
        title=_clean(document.title),
        url=_clean(document.url) if document.url and document.url.startswith(("http://", "https://")) else None,
        published_at=published_at,
        published_at_evidence=evidence,
    )


def _clean(value: str | None) -> str | None:
    stripped = " ".join(value.split()) if value else ""
    return stripped or None
