"""Decode the bytes of an input file into the normalised text every span points into.

What is normalised, exactly (and nothing else):
1. A byte-order mark is removed (UTF-8, UTF-16 and UTF-32 BOMs select their encoding). Bytes that are
   neither UTF-8 nor marked are decoded with the legacy encoding ``triangulate.encoding_detection``
   finds, with its confidence.
2. Line breaks: CRLF and lone CR become LF.
3. Unicode is put in NFC form.

Whitespace, quotes, dashes and everything else are kept as they are, so a span in the stored text is a
faithful quotation of the article. Bytes that cannot be read as text are rejected with a reason
(``empty``, ``binary`` or ``undecodable``) rather than guessed at.
"""

import codecs
import re
import unicodedata
from dataclasses import dataclass, replace

from triangulate.encoding_detection import detect_legacy_encoding

# Share of control characters (other than tab, LF, CR, FF) above which decoded text counts as binary.
MAX_CONTROL_CHAR_SHARE = 0.05

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
    """Normalised text, the encoding it was decoded from (``-bom`` marks a stripped BOM) and how sure that is.

    ``confidence`` is 1.0 for UTF-8 and byte-order marks; for a detected legacy encoding it is the
    winner's share of the two best candidates' scores, ``uncertain`` when they are close, and
    ``evidence`` lists both (JSON).
    """

    text: str
    encoding: str
    confidence: float = 1.0
    uncertain: bool = False
    evidence: str | None = None


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


def _decode_raw(data: bytes) -> DecodedText | Rejection:
    """Decode without normalising: a BOM's encoding, else UTF-8, else the detected legacy encoding."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data[len(bom) :].decode(encoding), f"{encoding}-bom")
            except UnicodeDecodeError as error:
                return Rejection("undecodable", f"starts with a {encoding} byte-order mark but: {error}")
    first_nul = data.find(0)
    if first_nul >= 0:
        return Rejection("binary", f"contains NUL bytes (first at byte {first_nul})")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        detection = detect_legacy_encoding(data)
        if detection is None:
            return Rejection("undecodable", f"not UTF-8 ({utf8_error}) and no other encoding fits")
        return DecodedText(
            detection.text, detection.encoding, detection.confidence, detection.uncertain, detection.evidence
        )


def decode_document(data: bytes) -> DecodedText | Rejection:
    """Decode and normalise file bytes, or say why they cannot be a document."""
    if not data:
        return Rejection("empty", "0 bytes")
    decoded = _decode_raw(data)
    if isinstance(decoded, Rejection):
        return decoded
    share = _control_share(decoded.text)
    if share > MAX_CONTROL_CHAR_SHARE:
        return Rejection("binary", f"{share:.0%} of characters are control characters")
    text = normalise_text(decoded.text)
    if not text.strip():
        return Rejection("empty", f"only whitespace ({len(data)} bytes)")
    return replace(decoded, text=text)
