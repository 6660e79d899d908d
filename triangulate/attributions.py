"""Find who a sentence attributes its statement to: media, officials, companies, people, unnamed sources.

Cues come from ``reference/attribution_cues.yaml``: "according to X", "X reported/said/told", ", said X",
"citing X", unnamed sources ("people familiar with the matter", "two sources"), unnamed officials,
state media, statements ("in a statement", credited to the sentence's actor) and numbered reference
markers ("[2]", resolved to a URL by the caller from the document's source links). A citing cue chains
onto the attribution before it: "the FT reported, citing people familiar with the matter" is media,
then anonymous, the second citing the first. Finding the entities themselves is ``triangulate.entities``.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from triangulate.entities import Mention
from triangulate.reference import DEFAULT_REFERENCE_DIR, load_yaml_file

SOURCE_KINDS = ("media", "official", "company", "anonymous", "reference", "person")
KIND_OF_ENTITY_TYPE = {
    "media": "media",
    "gov_body": "official",
    "party": "official",
    "place": "official",
    "company": "company",
    "org": "company",
    "person": "person",
}


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution cue in a sentence and the source it names."""

    char_start: int
    char_end: int
    surface: str
    source_name: str | None
    source_kind: str
    entity_id: str | None
    marker: str | None
    cites_previous: bool
    rule: str


@dataclass(frozen=True, eq=False)
class AttributionCues:
    """Compiled cue patterns."""

    according: re.Pattern[str]
    citing: re.Pattern[str]
    anonymous: re.Pattern[str]
    official: re.Pattern[str]
    state_media: re.Pattern[str]
    reporting_after: re.Pattern[str]
    reporting_before: re.Pattern[str]
    statement: re.Pattern[str]
    official_documents: re.Pattern[str]
    reference_documents: re.Pattern[str]


def _words(phrases: Sequence[str]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


@lru_cache(maxsize=4)
def load_attribution_cues(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> AttributionCues:
    """Read ``attribution_cues.yaml`` and compile its patterns (cached per folder)."""
    data = load_yaml_file(reference_dir / "attribution_cues.yaml")
    verbs = _words(data["reporting_verbs"])
    source_phrase = r"(?P<src>[^,.;:()\[\]]{2,80}?)(?=\s*(?:[,.;:()\[]|$|\s(?:that|who|which|and\s+the)\b))"
    return AttributionCues(
        according=re.compile(rf"\b(?:{_words(data['according'])})\s+{source_phrase}", re.IGNORECASE),
        citing=re.compile(rf"\b(?:{_words(data['citing'])})\s+{source_phrase}", re.IGNORECASE),
        anonymous=re.compile(rf"\b(?:{_words(data['anonymous'])})\b", re.IGNORECASE),
        official=re.compile(rf"\b(?:{_words(data['official'])})\s+(?:{verbs})\b", re.IGNORECASE),
        state_media=re.compile(rf"\b(?:{_words(data['state_media'])})\b", re.IGNORECASE),
        reporting_after=re.compile(rf"^(?:['’]s?\s+\w+)?\s*(?:,\s*)?(?:{verbs})\b(?!\s+(?:\$|\d))", re.IGNORECASE),
        reporting_before=re.compile(rf"(?:^|[,\"”]\s*)(?:{verbs})\s+$", re.IGNORECASE),
        statement=re.compile(rf"\b(?:{_words(data['statement_channels'])})\b", re.IGNORECASE),
        official_documents=re.compile(rf"\b(?:{_words(data['official_documents'])})\b", re.IGNORECASE),
        reference_documents=re.compile(rf"\b(?:{_words(data['reference_documents'])})\b", re.IGNORECASE),
    )


_MARKER = re.compile(r"\[(\d{1,3})\]")


def _source_of_phrase(
    text: str, start: int, end: int, mentions: Sequence[Mention], cues: AttributionCues
) -> tuple[str | None, str, str | None] | None:
    """(name, kind, entity_id) of the source a phrase names, or None when it names none."""
    inside = [m for m in mentions if start <= m.char_start and m.char_end <= end and m.type in KIND_OF_ENTITY_TYPE]
    phrase = text[start:end]
    if cues.anonymous.search(phrase):
        return None, "anonymous", None
    if cues.state_media.search(phrase):
        return phrase.strip(), "media", None
    if inside:
        mention = inside[0]
        return mention.name, KIND_OF_ENTITY_TYPE[mention.type], mention.entity_id
    if cues.reference_documents.search(phrase):
        return phrase.strip(), "reference", None
    if cues.official_documents.search(phrase) or cues.official.search(phrase + " said"):
        return phrase.strip(), "official", None
    return None


def find_attributions(
    *, text: str, mentions: Sequence[Mention], cues: AttributionCues | None = None
) -> list[Attribution]:
    """Return the attributions in ``text`` (one sentence) in order, spans relative to ``text``."""
    cues = cues or load_attribution_cues()
    found: list[Attribution] = []
    for pattern, rule in ((cues.according, "according_to"), (cues.citing, "citing")):
        for match in pattern.finditer(text):
            source = _source_of_phrase(text, match.start("src"), match.end("src"), mentions, cues)
            if source is not None:
                name, kind, entity_id = source
                surface_end = match.end("src")
                found.append(
                    Attribution(match.start(), surface_end, text[match.start() : surface_end], name, kind, entity_id,
                                None, rule == "citing", rule)
                )  # fmt: skip
    for mention in mentions:
        if mention.type not in KIND_OF_ENTITY_TYPE:
            continue
        kind = KIND_OF_ENTITY_TYPE[mention.type]
        after = cues.reporting_after.match(text[mention.char_end : mention.char_end + 40])
        before = cues.reporting_before.search(text[max(0, mention.char_start - 30) : mention.char_start])
        if after is not None:
            end = mention.char_end + after.end()
            found.append(_named(text, mention, mention.char_start, end, kind, "reporting_verb"))
        elif before is not None and mention.type in ("person", "media", "company", "gov_body"):
            found.append(
                _named(
                    text,
                    mention,
                    mention.char_start - len(before.group(0).lstrip(',"” ')),
                    mention.char_end,
                    kind,
                    "verb_before",
                )
            )
    for pattern, kind, rule in (
        (cues.anonymous, "anonymous", "anonymous_source"),
        (cues.official, "official", "unnamed_official"),
        (cues.state_media, "media", "state_media"),
    ):
        for match in pattern.finditer(text):
            name = None if kind == "anonymous" else match.group(0)
            found.append(Attribution(match.start(), match.end(), match.group(0), name, kind, None, None, False, rule))
    for match in cues.statement.finditer(text):
        actors = [
            m for m in mentions if m.char_end <= match.start() and m.type in KIND_OF_ENTITY_TYPE and m.type != "media"
        ]
        if actors:
            actor = actors[-1]
            found.append(_named(text, actor, match.start(), match.end(), KIND_OF_ENTITY_TYPE[actor.type], "statement"))
    for match in _MARKER.finditer(text):
        found.append(
            Attribution(
                match.start(),
                match.end(),
                match.group(0),
                None,
                "reference",
                None,
                match.group(0),
                False,
                "reference_marker",
            )
        )
    return _without_overlaps(found)


def _named(text: str, mention: Mention, start: int, end: int, kind: str, rule: str) -> Attribution:
    return Attribution(start, end, text[start:end], mention.name, kind, mention.entity_id, None, False, rule)


def _without_overlaps(found: list[Attribution]) -> list[Attribution]:
    """Keep the longest of overlapping attributions; a citing attribution keeps its chain flag."""
    kept: list[Attribution] = []
    for attribution in sorted(found, key=lambda a: (-(a.char_end - a.char_start), a.char_start)):
        if all(attribution.char_end <= k.char_start or attribution.char_start >= k.char_end for k in kept):
            kept.append(attribution)
    return sorted(kept, key=lambda a: a.char_start)
