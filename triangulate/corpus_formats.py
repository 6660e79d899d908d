"""Read annotated news corpora into plain article text: TimeML files and ECB+ tokenised XML.

Only readers belong here: markup in, text and the metadata the markup states out. Writing an inbox
from a corpus is ``triangulate.import_corpus``.

- TimeML (TimeBank, TempEval-3): the ``<TEXT>`` element with every tag removed and entities decoded,
  the ``<TITLE>`` when there is one, the creation date of ``<DCT>`` and each ``<TIMEX3>`` inside
  ``<TEXT>`` with its exact offsets into that plain text.
- ECB+: one ``<token>`` element per word and no original spacing. Tokens are joined back into text
  with the spacing of written English; each ``sentence`` number becomes a line, so a page's address
  and dateline stay on lines of their own and every sentence is a paragraph of its own.
"""

import html
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from datetime import date

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTRIBUTE = re.compile(r'([A-Za-z]+)="([^"]*)"')
_DCT_VALUE = re.compile(r"<DCT>.*?value=\"(\d{4})-(\d{2})-(\d{2})", re.DOTALL)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.DOTALL)
_TEXT = re.compile(r"<TEXT>(.*)</TEXT>", re.DOTALL)

# Tokens written against the word before them, and tokens the next word is written against.
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "...", "…", "''", "”", "’", "'"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "€", "£", "¥", "#", "``", "“", "‘"})
_CLITIC = re.compile(r"^(?:['’](?:s|m|d|re|ve|ll)|n['’]t)$", re.IGNORECASE)
# A straight double quote right after these closes a quotation ("..., " he said).
_CLOSES_QUOTATION = frozenset(",.!?")
_QUOTE_SPELLING = {"``": "“", "''": "”"}
# Characters that hold a web address together: in ``http : / / host / a - b``, a token made only of
# these is written without spaces on either side (a comma too, when a number or another of these follows).
_URL_JOINER = re.compile(r"^[/.:\-_?=&#%~+]+$")
_URL_START = ("http", "https")


@dataclass(frozen=True, slots=True)
class TimexAnnotation:
    """One TIMEX3 expression: offsets into the document's plain text, its surface, type and value."""

    char_start: int
    char_end: int
    surface: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    """A TimeML document as plain text: its title, creation date and annotated time expressions."""

    title: str | None
    text: str
    created: date | None
    timexes: tuple[TimexAnnotation, ...]


def read_timeml(*, markup: str) -> TimeMLDocument:
    """Turn one TimeML file into plain text, keeping the exact offsets of every TIMEX3 in ``<TEXT>``.

    ``created`` is the date of the ``<DCT>`` TIMEX3 (``None`` when the file has none); ``title`` is the
    ``<TITLE>`` with tags removed and whitespace collapsed (``None`` when absent or empty). A file
    without a ``<TEXT>`` element is a ``ValueError``.
    """
    body_match = _TEXT.search(markup)
    if body_match is None:
        raise ValueError("no <TEXT> element")
    created_match = _DCT_VALUE.search(markup)
    created = date(*(int(part) for part in created_match.groups())) if created_match else None
    title_match = _TITLE.search(markup)
    title = " ".join(_strip_tags(title_match.group(1))[0].split()) if title_match else ""
    text, timexes = _strip_tags(body_match.group(1))
    return TimeMLDocument(title=title or None, text=text, created=created, timexes=timexes)


def _strip_tags(markup: str) -> tuple[str, tuple[TimexAnnotation, ...]]:
    """Remove tags and decode entities; return the text and the TIMEX3 spans found in it."""
    pieces: list[str] = []
    length = 0
    spans: list[tuple[int, int, dict[str, str]]] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    position = 0
    for tag in _TAG.finditer(markup):
        chunk = html.unescape(markup[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1) != "/":
            open_timex = (length, dict(_ATTRIBUTE.findall(tag.group(3))))
        elif open_timex is not None:
            spans.append((open_timex[0], length, open_timex[1]))
            open_timex = None
    pieces.append(html.unescape(markup[position:]))
    text = "".join(pieces)
    timexes = tuple(
        TimexAnnotation(start, end, text[start:end], attrs.get("type", ""), attrs.get("value", ""))
        for start, end, attrs in spans
    )
    return text, timexes


def read_ecbplus(*, markup: str) -> str:
    """Return an ECB+ document as text: one line per sentence, tokens spaced as written English.

    Tokens are ordered by sentence and position. A sentence that starts with a lower-case letter
    continues the line before it (the tokeniser cut a sentence after an abbreviation).
    """
    root = ElementTree.fromstring(markup)
    sentences: dict[int, list[tuple[int, str]]] = {}
    for token in root.iter("token"):
        word = (token.text or "").strip()
        if word:
            sentences.setdefault(int(token.get("sentence", "0")), []).append((int(token.get("number", "0")), word))
    lines: list[str] = []
    for number in sorted(sentences):
        line = detokenise(tokens=[word for _, word in sorted(sentences[number])])
        if lines and line[:1].islower():
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return "\n".join(lines) + "\n" if lines else ""


def detokenise(*, tokens: list[str]) -> str:
    """Join one sentence's tokens with the spacing of written English.

    No space before closing punctuation, clitics ('s, n't, 're) and percent signs; none after opening
    brackets, currency signs and opening quotes; straight double quotes alternate between opening and
    closing; a hyphen between two words joins them; a web address (``http : / / host / path``), a
    clock time (``4 : 00``), a numeric date (``05 / 03 / 2013``), a number split at its thousands
    separator or decimal point (``170 , 000``, ``1 . 7m``) and ``a . m .`` are written without spaces.
    """
    out: list[str] = []
    glue_next = True
    quote_open = False
    in_url = False
    for index, raw in enumerate(tokens):
        token = _QUOTE_SPELLING.get(raw, raw)
        before = tokens[index - 1] if index else ""
        after = tokens[index + 1] if index + 1 < len(tokens) else ""
        if raw.lower() in _URL_START and after == ":":
            in_url = True
        elif in_url and not any(_URL_JOINER.match(t) or t == "," for t in (raw, before)):
            in_url = False
        if raw == '"':
            closing = bool(before) and (
                quote_open or not after or after in _NO_SPACE_BEFORE or before[-1] in _CLOSES_QUOTATION
            )
            glue_before, glue_after = closing, not closing
            quote_open = not closing
        else:
            glue_before, glue_after = _glue(raw, before=before, after=after, in_url=in_url)
            quote_open ^= raw.count('"') % 2 == 1
        out.append(token if glue_next or glue_before else f" {token}")
        glue_next = glue_after
    return "".join(out)


# A number's first group before its thousands separator, maybe after a currency sign ("170", "$200").
_THOUSANDS_HEAD = re.compile(r"[^\w\s]{0,3}\d{1,3}")


def _glue(token: str, *, before: str, after: str, in_url: bool) -> tuple[bool, bool]:
    """Whether ``token`` is written against the token before it, and the next token against it."""
    if in_url and (_URL_JOINER.match(token) or (token == "," and (_URL_JOINER.match(after) or after[:1].isdigit()))):
        return True, True
    if token == "-" and before[-1:].isalnum() and after[:1].isalnum():
        return True, True
    if token in (":", "/") and before.isdigit() and after[:2].isdigit():
        return True, True
    if token == "," and _THOUSANDS_HEAD.fullmatch(before) and len(after) == 3 and after.isdigit():
        return True, True
    if token == "." and before[-1:].isdigit() and after[:1].isdigit():
        return True, True
    if token == "." and before.lower() in ("a", "p") and after.lower() == "m":
        return True, True
    if token in _NO_SPACE_BEFORE or _CLITIC.match(token):
        return True, False
    if token in _NO_SPACE_AFTER:
        return False, True
    return False, False
