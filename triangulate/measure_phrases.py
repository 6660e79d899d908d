"""Read what a figure counts from the words it attaches to, and normalise them into a measure name.

A figure's measure is the noun phrase it attaches to, read in its own clause (a clause ends at a
semicolon or a ", while"/", but"/", whereas" that starts another statement):

- a count's own noun, with the verb (a participle, an -ing form or an irregular past) that says what
  happened to it ("killed 12 people", "killing 12 people", "12 people were injured", "250 others
  injured": ``people_killed``, ``people_injured``); failing that, the phrase before it (below); failing
  that, its bare noun ("53 catches"), which names a measure only through the vocabulary;
- an "of" phrase after it ("67% of voters", "a 15% cut of sales"), which makes a percentage a share of
  that total; an "off" phrase ("knocked 2% off its shares");
- the noun phrase before a verb of state or change, or before "of", "at" or "worth" ("first-half
  revenue rose 40%", "the index closed at 1,200", "revenue of 2.9 billion yuan");
- for an amount, the noun right after it ("a $2 billion subsidy"), through the vocabulary only.

Words are normalised: lower case; articles, possessors ("Acme's") and hedges dropped; plurals folded;
words for persons ("men", "women", "individuals") read as people; joined with ``_``. Synonyms and the
controlled vocabulary then map the phrase ("sales" is revenue); that mapping is ``triangulate.claims``'s
job.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

_WORD = r"[A-Za-z][A-Za-z-]*(?:'s|’s)?"
# How far before the phrase the vocabulary may look for a cue that names it ("sales of its chips to reach").
CONTEXT_CHARS = 30


def _words(words: list[str]) -> str:
    """An alternation of words and phrases, longest first, spaces matching any whitespace."""
    ordered = sorted({w.lower() for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@dataclass(frozen=True, eq=False)
class PhraseReading:
    """The words that read a phrase, from the ``reading`` section of ``reference/measures.yaml``."""

    clause_break: re.Pattern[str]
    before: re.Pattern[str]
    set_before: re.Pattern[str]
    verb_before: re.Pattern[str]
    verb_after: re.Pattern[str]
    phrase_ends: frozenset[str]
    dropped: frozenset[str]
    comparative: re.Pattern[str]
    not_verbs: frozenset[str]
    irregular_verbs: dict[str, str]
    people_nouns: frozenset[str]
    generic_nouns: frozenset[str]
    time_words: frozenset[str]
    state_words: frozenset[str]
    states: str
    of_after: re.Pattern[str]
    off_after: re.Pattern[str]
    anaphoric: frozenset[str]
    auxiliaries: str


def compile_reading(spec: dict[str, list[str]], irregular_verbs: dict[str, str]) -> PhraseReading:
    """Build the patterns of a ``reading`` section (lists of lower-case words and phrases, and the map of
    irregular verb forms to participles)."""
    tails = spec["tail_words"]
    auxiliaries, hedges = _words(spec["auxiliaries"]), _words(spec["hedge_words"])
    irregular = _words(list(irregular_verbs))
    link = rf"(?:(?:{auxiliaries})\s+)?(?:{_words(spec['link_words'])})"
    tail = rf"(?:\s+(?:{_words(tails)}))*"
    return PhraseReading(
        clause_break=re.compile(
            rf";|,\s+(?:{_words(spec['comma_clause_breaks'])})\s+|\s+(?:{_words(spec['clause_breaks'])})\s+",
            re.IGNORECASE,
        ),
        before=re.compile(rf"(?<![\w-])((?:{_WORD}\s+){{0,5}}?{_WORD})\s+{link}{tail}\s*$", re.IGNORECASE),
        set_before=re.compile(
            rf"\b(?:{_words(spec['setting_verbs'])})\s+((?:{_WORD}\s+){{0,4}}?{_WORD})\s+(?:to|by|at)"
            rf"(?:\s+(?:{hedges}))?\s*$",
            re.IGNORECASE,
        ),
        verb_before=re.compile(rf"\b((?:{irregular})|[a-z]+ed|[a-z]{{3,}}ing)\s+(?:(?:{hedges})\s+)?$"),
        verb_after=re.compile(rf"^\s+(?:[a-z-]+\s+){{0,2}}(?:{auxiliaries})\s+([a-z]+ed|[a-z]{{3,}}ing)\b"),
        phrase_ends=frozenset(spec["phrase_ends"]),
        dropped=frozenset(spec["dropped_words"]),
        comparative=re.compile(rf"^\s+(?:{_words(spec['comparatives'])})\b", re.IGNORECASE),
        not_verbs=frozenset(spec["not_verbs"]),
        irregular_verbs=dict(irregular_verbs),
        people_nouns=frozenset(spec["people_nouns"]),
        generic_nouns=frozenset(spec["generic_nouns"]),
        time_words=frozenset(spec["time_words"]),
        state_words=frozenset(spec["state_words"]),
        states=_words(spec["state_words"]),
        of_after=re.compile(rf"^\s+(?:(?:{_words(spec['share_nouns'])})\s+)?of\s+", re.IGNORECASE),
        off_after=re.compile(rf"^\s+(?:{_words(spec['off_words'])})\s+", re.IGNORECASE),
        anaphoric=frozenset(spec["anaphoric_nouns"]),
        auxiliaries=auxiliaries,
    )


def _participle(verb: str, reading: PhraseReading) -> str | None:
    """The past participle a count's verb stands for ("killing" is killed), or None when it is not a verb."""
    if verb in reading.irregular_verbs:
        return reading.irregular_verbs[verb]
    if verb in reading.not_verbs:
        return None
    return verb[:-3] + "ed" if verb.endswith("ing") else verb


@lru_cache(maxsize=512)
def _bare_participle_after(noun: str, auxiliaries: str, states: str) -> re.Pattern[str]:
    """A participle or a state right after the counted noun, with or without an auxiliary ("250 others
    injured", "left four people dead")."""
    return re.compile(rf"^\s+(?:[a-z-]+\s+){{0,2}}?{re.escape(noun)}\s+(?:(?:{auxiliaries})\s+)?({states}|[a-z]+ed)\b")


@dataclass(frozen=True, slots=True)
class MeasurePhrase:
    """What a figure counts, as read: the words, whether it is a share of them, and the matched text."""

    words: tuple[str, ...]
    share_of: bool
    context: str
    # False for a count's bare noun ("53 catches") and an amount's noun ("a $35,000 reward"): what
    # happened to them is unread (caught in a game, a season, a career?), so they name a measure only
    # through the vocabulary ("two facilities" is capacity); a cue near the figure comes first.
    qualified: bool = True


def clause_bounds(text: str, position: int, *, reading: PhraseReading) -> tuple[int, int]:
    """Start and end of the clause of ``text`` that holds ``position``."""
    start, end = 0, len(text)
    for found in reading.clause_break.finditer(text):
        if found.end() <= position:
            start = found.end()
        elif found.start() >= position:
            end = found.start()
            break
    return start, end


def singular(word: str) -> str:
    """The word in lower case, without a possessive, its plural folded ("catches" is catch)."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normalise(words: list[str], *, reading: PhraseReading) -> tuple[str, ...]:
    """Content words of a phrase: lower case, its owner ("Kestrel Systems'", "Acme's") and articles dropped,
    plurals folded."""
    owners = [i for i, w in enumerate(words) if re.search(r"(?:['’]s|s['’])$", w)]
    kept = [
        w
        for w in words[owners[-1] + 1 if owners else 0 :]
        if w.lower() not in reading.dropped and w.lower() not in reading.time_words
    ]
    folded = (singular(w) for w in kept if re.fullmatch(r"[A-Za-z][A-Za-z-]*", w))
    return tuple("people" if w in reading.people_nouns else w for w in folded)


def _of_phrase(text: str, reading: PhraseReading) -> list[str]:
    """The words of an "of" phrase: up to the first verb, preposition or punctuation."""
    words: list[str] = []
    for found in re.finditer(r"[^\s]+", text):
        word = found.group(0)
        bare = word.rstrip(",.;:)")
        if (
            not re.fullmatch(_WORD + "['’]?", bare)
            or bare.lower() in reading.phrase_ends
            or (bare.endswith("ed") and words)
        ):
            break
        words.append(bare)
        if bare != word or len(words) == 5:
            break
    return words


def is_difference(*, text: str, end: int, reading: PhraseReading) -> bool:
    """Whether the figure ending at ``end`` is a difference ("$100 cheaper than"), not a level or count."""
    return reading.comparative.match(text[end:]) is not None


def _count_verb(before: str, after: str, unit: str, reading: PhraseReading) -> str | None:
    """The participle saying what happened to the counted things, before the figure or after its noun."""
    state = _bare_participle_after(unit, reading.auxiliaries, reading.states).search(after)
    if state is not None and state.group(1) in reading.state_words:
        return state.group(1)
    found = reading.verb_before.search(before)
    verb = None if found is None else _participle(found.group(1), reading)
    if verb is None:
        found = reading.verb_after.search(after) or state
        verb = None if found is None else _participle(found.group(1), reading)
    return verb


def read_phrase(
    *,
    text: str,
    start: int,
    end: int,
    kind: str,
    unit: str | None,
    reading: PhraseReading,
    counted: str | None = None,
) -> MeasurePhrase | None:
    """The phrase the figure at ``text[start:end]`` attaches to, or None when none can be read.
    ``counted`` names what a count counts when its own noun stands for an earlier one ("250 others")."""
    clause_start, clause_end = clause_bounds(text, start, reading=reading)
    before, after = text[clause_start:start], text[end:clause_end]
    if kind == "count" and unit:
        verb = _count_verb(before.lower(), after.lower(), unit.lower(), reading)
        noun = () if unit[0].isupper() else normalise([counted or unit], reading=reading)
        if verb is not None and noun:
            return MeasurePhrase((*noun, verb), False, unit)
        named = _before_phrase(before, reading)
        if named is not None:
            return named
        bare = noun and noun[-1] not in reading.generic_nouns
        return MeasurePhrase(noun, False, unit, qualified=False) if bare else None
    of_after = reading.of_after.match(after)
    if kind == "percent" and of_after is not None:
        read = _of_phrase(after[of_after.end() :], reading)
        words = normalise(read, reading=reading)
        if words:
            return MeasurePhrase(words[-3:], True, "of " + " ".join(read))
    off_after = reading.off_after.match(after)
    if off_after is not None:
        read = _of_phrase(after[off_after.end() :], reading)
        words = normalise(read, reading=reading)
        if words:
            return MeasurePhrase(words[-3:], False, after[: off_after.end()] + " ".join(read))
    named = _before_phrase(before, reading)
    if named is None and kind == "money":
        return _noun_after(after, reading)
    return named


def _before_phrase(before: str, reading: PhraseReading) -> MeasurePhrase | None:
    """The noun phrase before a verb of state or change, "of", "at" or "worth" that leads to the figure,
    or the object of a verb that sets it ("raised its capex plan to", "cut its rate by")."""
    found = reading.set_before.search(before) or reading.before.search(before)
    if found is None:
        return None
    read = found.group(1).split()
    if read[-1][0].isupper() and "of" in read[:-1]:
        # "Shares of Advanced Micro Devices fell 6%": the company's shares.
        read = read[: len(read) - 1 - read[::-1].index("of")]
    share = next((i for i in range(len(read) - 1) if read[i].lower() in _SHARE_WORDS and read[i + 1] == "of"), None)
    if share is not None and share + 2 < len(read):
        words = normalise(read[share + 2 :], reading=reading)
        if words:
            return MeasurePhrase(words[-3:], True, " ".join(read))
    # The phrase starts after the last word that ends another phrase: a preposition, a verb, a name.
    ends = [
        i
        for i, w in enumerate(read[:-1])
        if w.lower() in reading.phrase_ends or (i > 0 and w[0].isupper()) or w.endswith(("ed", "ing"))
    ]
    cut = ends[-1] + 1 if ends else 0
    read = read[cut:]
    words = normalise(read, reading=reading)
    # A capital on the clause's first word may only start the sentence ("Shares of AMD fell").
    named = read[-1][0].isupper() and (len(read) > 1 or cut > 0 or bool(before[: found.start(1)].strip()))
    if not words or named or read[-1].lower() in reading.phrase_ends:
        return None
    return MeasurePhrase(words[-3:], False, before[max(0, found.start(1) - CONTEXT_CHARS) : found.end(1)])


_SHARE_WORDS = frozenset({"share", "percentage", "proportion"})
_NOUN_AFTER = re.compile(r"^\s+([a-z][a-z-]+(?:\s+[a-z][a-z-]+)?)\b")


def _noun_after(after: str, reading: PhraseReading) -> MeasurePhrase | None:
    """What an amount is, named right after it: "a $35,000 reward", "$2 million in damages"."""
    found = _NOUN_AFTER.match(after)
    if found is None:
        return None
    read: list[str] = []
    for word in found.group(1).split():
        if (
            word in reading.phrase_ends
            or word in reading.dropped
            or word in reading.time_words
            or word.endswith(("ed", "ing", "ly"))
        ):
            break
        read.append(word)
    words = normalise(read, reading=reading)
    return MeasurePhrase(words, False, after[: found.end()], qualified=False) if words else None
