"""Decoding and normalisation of input bytes."""

import codecs

import pytest

from triangulate.decoding import DecodedText, Rejection, decode_document, normalise_text


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (b"Plain ASCII headline\nBody.", "Plain ASCII headline\nBody.", "utf-8"),
        ("Nvidia\u2019s shares \u2014 down 3.9%".encode(), "Nvidia\u2019s shares \u2014 down 3.9%", "utf-8"),
        (codecs.BOM_UTF8 + b"Line one\r\nLine two\rLine three", "Line one\nLine two\nLine three", "utf-8-bom"),
        ("Umsatz in Zürich".encode("utf-16"), "Umsatz in Zürich", "utf-16-le-bom"),
        ("Café São Paulo, naïve résumé, déjà vu.".encode("latin-1"), "Café São Paulo, naïve résumé, déjà vu.", None),
    ],
)
def test_decodes_and_normalises(data: bytes, text: str, encoding: str | None) -> None:
    decoded = decode_document(data)
    assert isinstance(decoded, DecodedText)
    assert decoded.text == text
    if encoding is not None:
        assert decoded.encoding == encoding


def test_latin1_is_not_read_as_utf8() -> None:
    decoded = decode_document("Prix: 12 € — non, 12 £".encode("cp1252"))
    assert isinstance(decoded, DecodedText)
    assert decoded.text == "Prix: 12 € — non, 12 £"
    assert decoded.encoding != "utf-8"


def test_nfc_composes_decomposed_accents() -> None:
    decomposed = "Cafe\u0301"
    assert normalise_text(decomposed) == "Café"
    assert len(normalise_text(decomposed)) == 4


def test_normalisation_changes_nothing_else() -> None:
    text = "  “Quoted”  —\ttabs\u00a0and  spaces  \n\n"
    assert normalise_text(text) == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t\r\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 9)) * 50, "binary"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "undecodable"),
    ],
)
def test_rejects_with_reason(data: bytes, reason: str) -> None:
    rejected = decode_document(data)
    assert isinstance(rejected, Rejection)
    assert rejected.reason == reason
    assert rejected.detail
