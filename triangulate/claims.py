"""Turn one sentence's mentions, quantities, times and attributions into claims with a measure.

A claim is a checkable statement: a subject entity, a measure (what the figure counts), the figure and
period it states, who it is attributed to, and whether it is hedged ("plans to", "could") or negated.
Every figure of a sentence becomes a claim (a sentence may hold several), except figures that are not
statements: those inside an attribution ("according to two sources") and a restatement of the figure
before it in parentheses ("20 million pounds (30 million euros)" is one claim). A sentence with no
figure becomes one claim when it reports an event measure (a ban, an approval, an export control) or a
deadline.

The measure is read from the words the figure attaches to in its clause (``triangulate.measure_phrases``)
and mapped by the vocabulary of ``reference/measures.yaml``: a synonym or a measure's cue in those words
names it (a percentage "of" a total is the share measure of that total); failing that, the phrase itself,
normalised ("people_killed"); failing that (no phrase, or a count's bare noun), the measure whose cue is
nearest the figure within ``DISTANCE_STEP`` characters in the same clause, by priority. A figure whose
measure cannot be read keeps ``measure = None``: it is stored but never reconciled. The subject is the
first actor of the figure's clause. Which sentences may make claims (body text, on topic, English) is the
caller's decision.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from triangulate.attributions import Attribution
from triangulate.entities import Mention
from triangulate.measure_phrases import (
    MeasurePhrase,
    PhraseReading,
    clause_bounds,
    compile_reading,
    is_difference,
    read_phrase,
)
from triangulate.quantities import Quantity
from triangulate.reference import DEFAULT_REFERENCE_DIR, ReferenceDataError, load_month_names, load_yaml_file
from triangulate.temporal import TimeExpression

# A company or official reporting its own figures is their subject; an outlet or unnamed source is not.
_OTHER_SOURCES = frozenset({"media", "anonymous", "reference"})
_SUBJECT_TYPES = ("company", "org", "gov_body", "party", "place", "person", "product", "program")
_ACTOR_TYPES = frozenset({"company", "org", "gov_body", "party"})
# Cue distances are compared in steps of this many characters; within a step the measure's priority decides.
DISTANCE_STEP = 30
# The measure of a change whose measure is not named otherwise: a figure in apposition names it better.
_GENERIC_CHANGE = "growth"
_COMPANY_MEASURES = frozenset(
    {"revenue", "revenue_share", "profit", "share_price_change", "market_share", "employment"}
)


@dataclass(frozen=True)
class Measure:
    """One measure of the controlled vocabulary."""

    name: str
    description: str
    cues: re.Pattern[str] | None
    kinds: frozenset[str]
    priority: int
    events: bool
    needs_direction: bool
    needs_time: bool
    daily: bool
    period_required: bool
    share_of: str | None
    part_of: str | None
    level: str | None


@dataclass(frozen=True, eq=False)
class MeasureVocabulary:
    """The measures and the hedge and negation cues."""

    measures: Sequence[Measure]
    hedges: re.Pattern[str]
    negations: re.Pattern[str]
    synonyms: Mapping[str, str]
    reading: PhraseReading
    cumulative: re.Pattern[str]
    scope_place: re.Pattern[str]
    # The scope prepositions: opening a clause ("In Aceh,"), before a name ("in Aceh"), ending before one.
    opening_place: re.Pattern[str]
    named_place: re.Pattern[str]
    place_preposition_before: re.Pattern[str]
    continues: re.Pattern[str]
    months: frozenset[str]

    @property
    def names(self) -> tuple[str, ...]:
        """The measure names, in file order."""
        return tuple(measure.name for measure in self.measures)

    def get(self, name: str) -> Measure | None:
        """The measure called ``name``, or None for a measure read from the text and not in the vocabulary."""
        return next((measure for measure in self.measures if measure.name == name), None)


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim of a sentence; the indexes point into the lists the sentence's extractors returned."""

    measure: str | None
    subject: int | None
    quantity: int | None
    time: int | None
    attribution: int | None
    hedged: bool
    negated: bool
    period: str | None
    scope: str | None = None


def _cue_pattern(cues: Sequence[str]) -> re.Pattern[str] | None:
    if not cues:
        return None
    parts = [re.escape(c[:-1]) + r"\w*" if c.endswith("*") else re.escape(c) for c in cues]
    return re.compile(r"\b(?:" + "|".join(p.replace(r"\ ", r"\s+") for p in parts) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=4)
def load_measures(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> MeasureVocabulary:
    """Read ``measures.yaml`` (cached per folder); raise ReferenceDataError when it is malformed."""
    data = load_yaml_file(reference_dir / "measures.yaml")
    measures = []
    for name, spec in data["measures"].items():
        if not re.fullmatch(r"[a-z_]+", name):
            raise ReferenceDataError(f"measures.yaml: measure name '{name}' must be lower_snake_case")
        measures.append(
            Measure(
                name=name,
                description=str(spec["description"]),
                cues=_cue_pattern([str(c) for c in spec.get("cues", [])]),
                kinds=frozenset(spec.get("kinds", [])),
                priority=int(spec.get("priority", 5)),
                events=bool(spec.get("events", False)),
                needs_direction=bool(spec.get("needs_direction", False)),
                needs_time=bool(spec.get("needs_time", False)),
                daily=bool(spec.get("daily", False)),
                period_required=bool(spec.get("period_required", False)),
                share_of=spec.get("share_of"),
                part_of=spec.get("part_of"),
                level=spec.get("level"),
            )
        )
    hedges, negations = _cue_pattern(data["hedges"]), _cue_pattern([str(n) for n in data["negations"]])
    if hedges is None or negations is None:
        raise ReferenceDataError("measures.yaml: hedges and negations must not be empty")
    synonyms = {str(k): str(v) for k, v in (data.get("synonyms") or {}).items()}
    names = {m.name for m in measures}
    for phrase, target in synonyms.items():
        if not re.fullmatch(r"[a-z_]+", phrase) or not re.fullmatch(r"[a-z_]+", target):
            raise ReferenceDataError(f"measures.yaml: synonym '{phrase}: {target}' must be lower_snake_case")
        if target not in names and target in synonyms:
            raise ReferenceDataError(f"measures.yaml: synonym '{phrase}' maps to another synonym '{target}'")
    try:
        spec = data["reading"]
        for key, words in spec.items():
            if not all(isinstance(w, str) for w in words):
                raise ReferenceDataError(f'measures.yaml: reading.{key} holds a non-word; quote words like "on"')
        irregular = {str(k): str(v) for k, v in spec["irregular_verbs"].items()}
        reading = compile_reading(
            {key: [str(w) for w in words] for key, words in spec.items() if key != "irregular_verbs"}, irregular
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise ReferenceDataError(f"measures.yaml: malformed reading section ({error})") from error
    try:
        scope = data["scope"]
        cumulative = _cue_pattern([str(w) for w in scope["cumulative"]])
        prepositions = "|".join(re.escape(str(w)).replace(r"\ ", r"\s+") for w in scope["prepositions"])
        places = "|".join(re.escape(str(w)) for w in scope["place_nouns"])
    except (KeyError, TypeError) as error:
        raise ReferenceDataError(f"measures.yaml: malformed scope section ({error})") from error
    if cumulative is None:
        raise ReferenceDataError("measures.yaml: scope.cumulative must not be empty")
    scope_place = re.compile(
        rf"\b(?:{prepositions})\s+(?:(?:the|a|an|its|their|\d[\d,]*|[a-z]+)\s+){{0,3}}?(?P<place>{places})\b",
        re.IGNORECASE,
    )
    return MeasureVocabulary(
        opening_place=re.compile(rf"\W*(?:{prepositions})\b", re.IGNORECASE),
        named_place=re.compile(rf"\b(?:{prepositions})\s+((?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+){{0,2}})\b"),
        place_preposition_before=re.compile(rf"\b(?:{prepositions})\s+(?:the\s+)?$", re.IGNORECASE),
        measures=measures,
        hedges=hedges,
        negations=negations,
        synonyms=synonyms,
        reading=reading,
        cumulative=cumulative,
        scope_place=scope_place,
        months=frozenset(load_month_names(reference_dir)),
        continues=re.compile(
            r"\W*(?:" + "|".join(re.escape(str(w)) for w in data["continuing_words"]) + r")\b", re.IGNORECASE
        ),
    )


def _distance(cue: re.Match[str], start: int, end: int) -> int:
    return max(0, cue.start() - end, start - cue.end())


def _takes(measure: Measure, quantity: Quantity) -> bool:
    return (
        quantity.kind in measure.kinds
        and measure.part_of is None
        and measure.cues is not None
        and not (measure.needs_direction and quantity.direction is None)
    )


def _nearest_cue(text: str, quantity: Quantity, vocabulary: MeasureVocabulary) -> Measure | None:
    """The measure whose cue is nearest the figure in its clause, within ``DISTANCE_STEP`` characters."""
    start, end = clause_bounds(text, quantity.char_start, reading=vocabulary.reading)
    clause = text[start:end]
    hits = [
        (hit, measure)
        for measure in vocabulary.measures
        if _takes(measure, quantity) and measure.cues is not None
        for hit in measure.cues.finditer(clause)
    ]
    # A cue inside a longer cue of another measure is not one ("funding" in "funding round").
    hits = [
        (hit, measure)
        for hit, measure in hits
        if not any(
            other.start() <= hit.start() and hit.end() <= other.end() and other.end() - other.start() > len(hit[0])
            for other, _ in hits
        )
    ]
    ranked = [
        (measure.priority, distance, measure)
        for hit, measure in hits
        if (distance := _distance(hit, quantity.char_start - start, quantity.char_end - start)) <= DISTANCE_STEP
    ]
    return min(ranked, key=lambda r: (r[0], r[1]))[2] if ranked else None


def _mapped(phrase: MeasurePhrase, quantity: Quantity, vocabulary: MeasureVocabulary) -> str | None:
    """The vocabulary measure a phrase names, through a synonym or a cue; a share "of" a total is its share."""
    name = "_".join(phrase.words).replace("-", "_")
    candidates = [vocabulary.synonyms.get(name), vocabulary.synonyms.get(phrase.words[-1].replace("-", "_"))]
    if phrase.share_of:
        candidates.insert(0, vocabulary.synonyms.get("share_of_" + phrase.words[-1].replace("-", "_")))
    named = next((vocabulary.get(c) for c in candidates if c is not None and vocabulary.get(c) is not None), None)
    if named is None and (quantity.kind != "count" or not phrase.qualified):
        # A count's noun with what happened to it ("killed two co-workers") is named by that, not by a cue.
        cued = [m for m in vocabulary.measures if m.cues is not None and m.cues.search(phrase.context)]
        named = min(cued, key=lambda m: m.priority) if cued else None
    if named is None:
        synonym = next((c for c in candidates if c is not None), None)
        return None if synonym is None else ("share_of_" + synonym if phrase.share_of else synonym)
    if phrase.share_of and named.share_of is None and named.kinds != {"percent"}:
        share = next((m for m in vocabulary.measures if m.share_of == named.name), None)
        return share.name if share is not None else "share_of_" + named.name
    return named.name if _takes(named, quantity) or (quantity.kind in named.kinds and named.cues is None) else None


def _measure_of(text: str, quantity: Quantity, vocabulary: MeasureVocabulary, counted: str | None = None) -> str | None:
    """What the figure counts: the phrase it attaches to, mapped or as read; else a nearby cue; else None.
    A difference ("$100 cheaper than its predecessor") measures nothing read here: None. ``counted`` is
    the noun a count's own noun stands for ("250 others")."""
    if quantity.direction is None and is_difference(text=text, end=quantity.char_end, reading=vocabulary.reading):
        return None
    if quantity.kind == "reading":
        return quantity.unit
    phrase = read_phrase(
        text=text,
        start=quantity.char_start,
        end=quantity.char_end,
        kind=quantity.kind,
        unit=quantity.unit,
        reading=vocabulary.reading,
        counted=counted,
    )
    mapped = None if phrase is None else _mapped(phrase, quantity, vocabulary)
    if mapped is not None:
        return mapped
    if phrase is not None and phrase.qualified:
        return ("share_of_" if phrase.share_of else "") + "_".join(phrase.words).replace("-", "_")
    cued = _nearest_cue(text, quantity, vocabulary)
    return None if cued is None else cued.name


def _not_a_statement(
    index: int, quantities: Sequence[Quantity], text: str, attributions: Sequence[Attribution]
) -> bool:
    """A figure inside an attribution, the top of a range ("$66 billion to $72 billion", one claim), or a
    restatement of the figure before it in parentheses."""
    quantity = quantities[index]
    if any(a.char_start <= quantity.char_start and quantity.char_end <= a.char_end for a in attributions):
        return True
    if index and _RANGE_TOP.fullmatch(text, quantities[index - 1].char_end, quantity.char_start):
        low = quantities[index - 1]
        starts = text[max(0, low.char_start - 6) : low.char_start].lower()
        if low.kind == quantity.kind and low.unit == quantity.unit and low.direction is None and "from" not in starts:
            return True
    opening = text.rfind("(", 0, quantity.char_start)
    if opening < 0 or ")" in text[opening : quantity.char_start]:
        return False
    return any(
        q.kind == quantity.kind and q.char_end <= opening and not text[q.char_end : opening].strip()
        for q in quantities[:index]
    )


def _scope(text: str, quantity: Quantity, mentions: Sequence[Mention], vocabulary: MeasureVocabulary) -> str | None:
    """What part of the event the figure covers, when its clause says: ``cumulative``, the place it is
    limited to (``place:<entity id>`` or ``place:<place noun>``), or both joined by ``;``."""
    start, end = clause_bounds(text, quantity.char_start, reading=vocabulary.reading)
    segment_start = max(start, text.rfind(",", start, quantity.char_start) + 1)
    comma = text.find(",", quantity.char_end, end)
    segment_end = end if comma < 0 else comma
    parts = ["cumulative"] if vocabulary.cumulative.search(text, segment_start, segment_end) else []
    # The place after the figure ("killed 12 people in the province"), or an opening "In the province,".
    opening = text.find(",", start, quantity.char_start) if vocabulary.opening_place.match(text, start) else -1
    place = _place_in(text, quantity.char_end, end, mentions, vocabulary) or (
        _place_in(text, start, opening, mentions, vocabulary) if opening > 0 else None
    )
    return ";".join(parts + ([place] if place else [])) or None


_LIST_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def _place_in(
    text: str, start: int, end: int, mentions: Sequence[Mention], vocabulary: MeasureVocabulary
) -> str | None:
    """The first place ``text[start:end]`` limits a figure to ("in Aceh", "across 13 countries")."""
    places = [
        m
        for m in mentions
        if (m.type == "place" or not m.in_catalog)
        and start <= m.char_start < end
        and vocabulary.place_preposition_before.search(text, start, m.char_start)
    ]
    found = vocabulary.scope_place.search(text, start, end)
    if places and (found is None or places[0].char_start < found.start()):
        # A list of places is a scope of its own ("in Indonesia, Sri Lanka and India" is not Indonesia).
        listed = [places[0]]
        for mention in sorted(mentions, key=lambda m: m.char_start):
            if mention.char_start > listed[-1].char_start and _LIST_SEPARATOR.fullmatch(
                text, listed[-1].char_end, mention.char_start
            ):
                listed.append(mention)
        return "place:" + "+".join(sorted({m.entity_id for m in listed}))
    if found is None:
        # A capitalised name after the preposition that no mention covers ("in Aceh"), unless a month.
        named = vocabulary.named_place.search(text, start, end)
        words = [] if named is None else named.group(1).split()
        if words and words[0].lower() not in vocabulary.months:
            return "place:" + "_".join(word.lower() for word in words)
        return None
    noun = found.group("place").lower()
    return "place:" + (noun[:-3] + "y" if noun.endswith("ies") else noun.removesuffix("s"))


def _counted(index: int, quantities: Sequence[Quantity], reading: PhraseReading) -> str | None:
    """The noun of the count before a count whose noun stands for it ("five people ..., 250 others")."""
    unit = quantities[index].unit
    if quantities[index].kind != "count" or unit is None or unit.lower() not in reading.anaphoric:
        return None
    earlier = [
        q.unit
        for q in quantities[:index]
        if q.kind == "count" and q.unit is not None and q.unit.lower() not in reading.anaphoric
    ]
    return earlier[-1] if earlier else None


def _in_apposition(text: str, before: Quantity, quantity: Quantity) -> bool:
    """Whether ``quantity`` restates or qualifies the figure just before it: ", up 56%", ", a 40-fold
    jump", "to $3.7 billion", "at $120", ", or about $3.7 billion"."""
    between = text[before.char_end : quantity.char_start]
    return _APPOSITION.fullmatch(between) is not None


# What may separate a figure from the one before it that it restates or qualifies: the earlier figure's
# own short "of"/"for"/"in" phrase ("12% of its total", "for the quarter"), a comma or a space, then
# only articles, hedges and the words of a move or level.
_APPOSITION = re.compile(
    r"(?:\s+(?:of|for|in)\s+(?:[\w'’-]+\s+){0,3}[\w'’-]+)?"
    r"(?:,\s*|\s+)(?:(?:a|an|or|up|down|to|at|about|around|nearly|roughly|some|almost|just|over|under|"
    r"more\s+than|less\s+than)\s+)*",
    re.IGNORECASE,
)


def _inherited(previous: str, quantity: Quantity, vocabulary: MeasureVocabulary) -> str | None:
    """The measure a figure in apposition takes from the figure before it, or None when it takes none.

    The total a share is of (its part, then); the level a move is of ("up 4.5% at $120": the price);
    the same measure when it takes this kind of figure (a change of revenue, a restated revenue)."""
    measure = vocabulary.get(previous)
    change = quantity.direction is not None or quantity.kind == "multiplier"
    if measure is None:
        return previous if change else None
    if measure.share_of is not None and quantity.kind == "money":
        return measure.share_of
    if measure.level is not None and not change and quantity.kind != "percent":
        return measure.level
    return previous if quantity.kind in measure.kinds or (change and measure.kinds) else None


_RANGE_TOP = re.compile(r"\s*(?:-|–|to|and)\s*", re.IGNORECASE)


def _event_measure(text: str, vocabulary: MeasureVocabulary) -> Measure | None:
    events = [m for m in vocabulary.measures if m.events and m.cues is not None and m.cues.search(text)]
    return min(events, key=lambda m: m.priority) if events else None


def _subject(
    text: str,
    measure: str | None,
    anchor: int,
    mentions: Sequence[Mention],
    attributions: Sequence[Attribution],
    reading: PhraseReading,
) -> int | None:
    """Index of the claim's subject: not an outlet or source credited, in the figure's clause and before it
    when possible ("A rose 20%, while B gained 5%": B's 5% is B's)."""

    reported_by_others = [a for a in attributions if a.source_kind in _OTHER_SOURCES]

    def outside(mention: Mention) -> bool:
        return all(mention.char_end <= a.char_start or mention.char_start >= a.char_end for a in reported_by_others)

    candidates = [i for i, m in enumerate(mentions) if m.type in _SUBJECT_TYPES and outside(m)]
    # A person credited with saying it ("Sam Altman said") is its subject only when no one else can be.
    speakers = {i for i in candidates if mentions[i].type == "person" and _speaks(mentions[i], attributions)}
    candidates = [i for i in candidates if i not in speakers] or candidates
    if measure in _COMPANY_MEASURES:
        companies = [i for i in candidates if mentions[i].type in ("company", "org")]
        candidates = companies or candidates
    owners = {i for i in candidates if mentions[i].type == "place" and _owns_actor(text, mentions, i)}
    candidates = [i for i in candidates if i not in owners]
    start, end = clause_bounds(text, anchor, reading=reading)
    before = [i for i in candidates if mentions[i].char_start < anchor]
    in_clause = [i for i in before if mentions[i].char_start >= start] or [
        i for i in candidates if start <= mentions[i].char_start < end
    ]
    pool = in_clause or before or candidates
    return pool[0] if pool else None


def _speaks(mention: Mention, attributions: Sequence[Attribution]) -> bool:
    return any(a.char_start <= mention.char_start and mention.char_end <= a.char_end for a in attributions)


def _owns_actor(text: str, mentions: Sequence[Mention], index: int) -> bool:
    """Whether a place only qualifies the institution after it ("South Korea's ministry"): that one acts."""
    place = mentions[index]
    following = [m for m in mentions if m.char_start >= place.char_end]
    if not following:
        return False
    actor = min(following, key=lambda m: m.char_start)
    return actor.type in _ACTOR_TYPES and text[place.char_end : actor.char_start] in ("'s ", "’s ")


def _time_for(text: str, anchor: int, times: Sequence[TimeExpression]) -> int | None:
    """The date nearest the figure, leaving out one that only names another thing ("the tsunami of 2004")."""
    dated = [
        i
        for i, t in enumerate(times)
        if t.type in ("DATE", "TIME")
        and not t.value.endswith("_REF")
        and not _NAMES_A_THING.search(text, max(0, t.char_start - 30), t.char_start)
    ]
    if not dated:
        return None
    return min(dated, key=lambda i: abs(times[i].char_start - anchor))


_NAMES_A_THING = re.compile(r"\b[a-z]{3,}\s+of\s+$")


def _mark_parts(claims: list[Claim], quantities: Sequence[Quantity], vocabulary: MeasureVocabulary) -> list[Claim]:
    """An amount stated next to its share of a total is a part of that total, not the total itself."""
    by_name = {m.name: m for m in vocabulary.measures}
    parts = {m.part_of: m.name for m in vocabulary.measures if m.part_of is not None}
    totals = {
        by_name[c.measure].share_of for c in claims if c.measure in by_name and by_name[c.measure].share_of is not None
    }
    marked = []
    for claim in claims:
        part = parts.get(claim.measure) if claim.measure is not None and claim.measure in totals else None
        if part is not None and claim.quantity is not None and quantities[claim.quantity].kind in by_name[part].kinds:
            claim = replace(claim, measure=part)
        marked.append(claim)
    return marked


def find_claims(
    *,
    text: str,
    mentions: Sequence[Mention],
    quantities: Sequence[Quantity],
    times: Sequence[TimeExpression],
    attributions: Sequence[Attribution],
    vocabulary: MeasureVocabulary | None = None,
) -> list[Claim]:
    """Return the claims of one sentence; every span argument is relative to ``text``."""
    vocabulary = vocabulary or load_measures()
    hedged = vocabulary.hedges.search(text) is not None
    negated = vocabulary.negations.search(text) is not None
    attribution = 0 if attributions else None
    claims: list[Claim] = []
    for index, quantity in enumerate(quantities):
        if _not_a_statement(index, quantities, text, attributions):
            continue
        measure = _measure_of(text, quantity, vocabulary, _counted(index, quantities, vocabulary.reading))
        previous = claims[-1] if claims else None
        if (
            (measure is None or measure == _GENERIC_CHANGE)
            and previous is not None
            and previous.measure is not None
            and previous.quantity is not None
            and _in_apposition(text, quantities[previous.quantity], quantity)
        ):
            measure = _inherited(previous.measure, quantity, vocabulary) or measure
        time = _time_for(text, quantity.char_start, times)
        claims.append(
            Claim(
                measure=measure,
                subject=_subject(text, measure, quantity.char_start, mentions, attributions, vocabulary.reading),
                quantity=index,
                time=time,
                attribution=attribution,
                hedged=hedged,
                negated=negated,
                period=None if time is None else times[time].value,
                scope=_scope(text, quantity, mentions, vocabulary),
            )
        )
    if claims:
        return _mark_parts(claims, quantities, vocabulary)
    event = _event_measure(text, vocabulary)
    deadline = next((m for m in vocabulary.measures if m.needs_time and m.cues is not None), None)
    time = _time_for(text, len(text), times)
    by_a_date = time is not None and re.search(
        r"\bby\s+(?:the\s+end\s+of\s+)?$", text[: times[time].char_start], re.IGNORECASE
    )
    if event is None and deadline is not None and by_a_date and hedged:
        event = deadline
    if event is None:
        return []
    cue = event.cues.search(text) if event.cues is not None else None
    anchor = cue.start() if cue is not None else 0
    return [
        Claim(
            measure=event.name,
            subject=_subject(text, event.name, anchor, mentions, attributions, vocabulary.reading),
            quantity=None,
            time=time,
            attribution=attribution,
            hedged=hedged,
            negated=negated,
            period=None if time is None else times[time].value,
        )
    ]
