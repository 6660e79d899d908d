"""Blank out parts of a text that no extractor should read, keeping every character offset.

URLs, e-mail addresses and numbered citation markers ("[2]") hold digits that are neither quantities
nor dates. Masking replaces them with spaces of the same length, so spans found in the masked text
are spans in the original. What each extractor then reads is its own business.
"""

import re

_NOT_PROSE = re.compile(
    r"https?://\S+|www\.\S+|\b[\w.-]+\.(?:com|org|net|gov|edu|cn|jp|uk|ai|io)/\S*|\[\d+\]|\b[\w.+-]+@[\w-]+\.[\w.]+"
)


def mask_links_and_markers(text: str) -> str:
    """Return ``text`` with URLs, e-mail addresses and citation markers replaced by spaces."""
    # Every URL, address and marker above holds one of these; most prose holds none, and finding that
    # out is much cheaper than trying the full pattern at every word.
    if "/" not in text and "@" not in text and "[" not in text and "www." not in text:
        return text
    return _NOT_PROSE.sub(lambda match: " " * len(match.group(0)), text)
