"""Find direct quotations in a passage and the speaker the text names for each.

Quotations are text between matching curly quotes (“…”) or straight double quotes, and may span
sentence boundaries, so they are found per passage. A quotation of fewer than ``MIN_WORDS`` words
with no speaker, or one whose words are all capitalised, is a scare quote or a name in quotes.
The speaker is a person, organisation or outlet named next to the quote with a speech verb:
"…," said Jensen Huang / "…," Huang said / Huang said: "…" / Huang ..., saying, "…" (the nearest person before the cue).
Pronouns ("he said") leave the speaker unknown.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from triangulate.entities import Mention

MIN_WORDS = 4
_PAIRS = re.compile(r"“(?P<curly>[^“”]{1,2000})”|\"(?P<straight>[^\"]{1,2000})\"")
_SPEECH = r"(?:said|says|told|added|noted|wrote|stated|explained|warned|argued|asked|insisted|according\s+to)"
# "…, saying, “…”": the quote is introduced by a participle or verb and spoken by the sentence's subject.
_INTRODUCED = re.compile(r"\b(?:saying|said|says|adding|added|noting|stating|told\s+\w+|telling\s+\w+)\s*[:,]?\s*$")
_SUBJECT_REACH = 250
_SPEAKER_TYPES = ("person", "company", "org", "gov_body", "party", "media", "place")


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: span of the quoted words (without the marks) and its speaker, if named."""

    char_start: int
    char_end: int
    text: str
    speaker_name: str | None
    speaker_entity_id: str | None


def _speaker(text: str, start: int, end: int, mentions: Sequence[Mention]) -> Mention | None:
    for mention in mentions:
        if mention.type not in _SPEAKER_TYPES:
            continue
        if end < mention.char_start <= end + 80:
            gap = text[end + 1 : mention.char_start]
            tail = text[mention.char_end : mention.char_end + 20]
            if re.fullmatch(rf"\s*,?\s*{_SPEECH}\s+", gap) or (
                re.fullmatch(r"\s*,?\s*", gap) and re.match(rf"\s+{_SPEECH}\b", tail)
            ):
                return mention
        if start - 80 <= mention.char_end < start:
            gap = text[mention.char_end : start - 1]
            if re.fullmatch(rf"(?:['’]s?\s+\w+)?\s+{_SPEECH}\s*[:,]?\s*", gap):
                return mention
    if _INTRODUCED.search(text, max(0, start - 40), start - 1):
        earlier = [m for m in mentions if start - _SUBJECT_REACH <= m.char_end < start and m.type in _SPEAKER_TYPES]
        people = [m for m in earlier if m.type == "person"]
        candidates = people or earlier
        return candidates[-1] if candidates else None
    return None


def find_quotes(*, text: str, mentions: Sequence[Mention]) -> list[Quote]:
    """Return the quotations in ``text`` (a passage) with spans relative to it; ``mentions`` likewise."""
    found = []
    for match in _PAIRS.finditer(text):
        group = "curly" if match["curly"] is not None else "straight"
        start, end = match.start(group), match.end(group)
        speaker = _speaker(text, start, end, mentions)
        words = text[start:end].split()
        if speaker is None and (len(words) < MIN_WORDS or all(w[:1].isupper() for w in words)):
            continue
        found.append(
            Quote(
                start,
                end,
                text[start:end],
                None if speaker is None else speaker.name,
                None if speaker is None else speaker.entity_id,
            )
        )
    return found
