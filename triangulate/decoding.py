"""Decode the bytes of an input file into the normalised text every span points into.

What is normalised, exactly (and nothing else):
1. A byte-order mark is removed (UTF-8, UTF-16 and UTF-32 BOMs select their encoding).
2. Line breaks: CRLF and lone CR become LF.
3. Unicode is put in NFC form.

Whitespace, quotes, dashes and everything else are kept as they are, so a span in the stored text is a
faithful quotation of the article. Bytes that cannot be read as text are rejected with a reason
(``empty``, ``binary`` or ``undecodable``) rather than guessed at.
"""

import codecs
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

# Share of control characters (other than tab, LF, CR, FF) above which decoded text counts as binary.
MAX_CONTROL_CHAR_SHARE = 0.05

PREFERRED_LEGACY_ENCODING = "cp1252"
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Unicode category Cc (C0 and C1 controls and DEL) except tab, LF, FF and CR.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class DecodedText:
    """Normalised text and the encoding it was decoded from (``-bom`` marks a stripped BOM)."""

    text: str
    encoding: str


@dataclass(frozen=True)
class Rejection:
    """Why bytes could not become a document: a quarantine reason and a human-readable detail."""

    reason: str
    detail: str


def normalise_text(text: str) -> str:
    """Apply the documented normalisation: drop a leading BOM, CRLF/CR to LF, Unicode NFC."""
    text = text.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL_CHARS.findall(text)) / len(text)


def _decode_raw(data: bytes) -> tuple[str, str] | Rejection:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), f"{encoding}-bom"
            except UnicodeDecodeError as error:
                return Rejection("undecodable", f"starts with a {encoding} byte-order mark but: {error}")
    first_nul = data.find(0)
    if first_nul >= 0:
        return Rejection("binary", f"contains NUL bytes (first at byte {first_nul})")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        return _decode_legacy(data, utf8_error)


def _decode_legacy(data: bytes, utf8_error: UnicodeDecodeError) -> tuple[str, str] | Rejection:
    """Decode non-UTF-8 bytes with charset-normalizer, preferring windows-1252 among equally good fits.

    On short texts many single-byte code pages fit equally well; windows-1252 (which browsers also use
    for "latin-1") is by far the most common legacy encoding of news pages, so it wins ties.
    """
    matches = list(from_bytes(data))
    if not matches:
        return Rejection("undecodable", f"not UTF-8 ({utf8_error}) and no other encoding fits")
    least_chaos = min(match.chaos for match in matches)
    tied = [match for match in matches if match.chaos == least_chaos]
    chosen = next((match for match in tied if match.encoding == PREFERRED_LEGACY_ENCODING), tied[0])
    return str(chosen), chosen.encoding


def decode_document(data: bytes) -> DecodedText | Rejection:
    """Decode and normalise file bytes, or say why they cannot be a document."""
    if not data:
        return Rejection("empty", "0 bytes")
    decoded = _decode_raw(data)
    if isinstance(decoded, Rejection):
        return decoded
    raw_text, encoding = decoded
    share = _control_share(raw_text)
    if share > MAX_CONTROL_CHAR_SHARE:
        return Rejection("binary", f"{share:.0%} of characters are control characters")
    text = normalise_text(raw_text)
    if not text.strip():
        return Rejection("empty", f"only whitespace ({len(data)} bytes)")
    return DecodedText(text=text, encoding=encoding)
