"""Turn a file's bytes into the text of its document: decoded text, or the main text of a web page.

Ingestion and the provenance check both call ``read_content``, so the stored text can always be derived
again from the stored bytes and the document's ``content_format`` (``text`` or ``html``).
"""

from dataclasses import dataclass
from datetime import datetime

from triangulate.decoding import DecodedText, Rejection, decode_document
from triangulate.html_pages import HtmlPage, extract_page

CONTENT_FORMATS = ("text", "html")


@dataclass(frozen=True)
class Content:
    """The document text, how the bytes were decoded, and the page read when the file is a web page."""

    text: str
    decoded: DecodedText
    page: HtmlPage | None


def read_content(data: bytes, *, content_format: str, not_after: datetime) -> Content | Rejection:
    """Decode ``data``; for ``html``, extract the page's main text and metadata (dates up to ``not_after``)."""
    decoded = decode_document(data)
    if isinstance(decoded, Rejection):
        return decoded
    if content_format != "html":
        return Content(decoded.text, decoded, None)
    page = extract_page(html=decoded.text, not_after=not_after)
    if isinstance(page, Rejection):
        return page
    return Content(page.text, decoded, page)
