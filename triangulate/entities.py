"""Find the entities a text names: catalog matches first, then organisations, state bodies and people.

The catalog (``reference/entities.yaml``) is matched token by token, ignoring case and punctuation,
longest alias first, with possessives ("Nvidia's") and legal suffixes ("Huawei Technologies Co") folded
into the entity. An alias that is an ordinary word matches only when written with a capital, and an
acronym only in capitals. An abbreviation the text defines ("Yangtze Memory Technologies Co (YMTC)")
names the same entity for the rest of the document.

Names not in the catalog are found from capitalised word sequences with a type guess and a confidence:
a legal suffix or company word makes a company, a government word a state body, a title ("CEO",
"Commerce Secretary") a person. Such entities get an id derived from their normalised name, so the
same name in two documents is one entity, and a person's surname alone refers back to them within a
document. A sentence-initial capital, a month or weekday, or a common word is never a name on its own.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from triangulate.records import CatalogEntryRecord
from triangulate.reference import DEFAULT_REFERENCE_DIR, ReferenceDataError, load_month_names, load_yaml_file

ENTITY_TYPES = ("org", "company", "gov_body", "party", "person", "place", "product", "media", "program")
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_ACRONYM_MAX_LETTERS = 6
_CONNECTORS = ("of", "and", "for", "the", "de")


_ENTRY_KEYS = frozenset({"id", "name", "type", "aliases", "ticker", "country", "parent"})


@dataclass(frozen=True)
class CatalogEntity:
    """One catalog entry."""

    entity_id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    ticker: str | None = None
    country: str | None = None
    parent: str | None = None


@dataclass(frozen=True, eq=False)
class EntityCatalog:
    """The catalog with its aliases indexed by normalised token sequence."""

    entities: Mapping[str, CatalogEntity]
    aliases: Mapping[tuple[str, ...], str]
    needs_capital: frozenset[tuple[str, ...]]
    acronyms: frozenset[tuple[str, ...]]
    longest_alias: int
    legal_suffixes: frozenset[str]
    company_words: frozenset[str]
    government_words: frozenset[str]
    organisation_words: frozenset[str]
    person_titles: frozenset[tuple[str, ...]]
    speech_verbs: frozenset[str]
    not_names: frozenset[str]


@dataclass(frozen=True, slots=True)
class Mention:
    """A span that names an entity, with the entity it resolves to."""

    char_start: int
    char_end: int
    surface: str
    entity_id: str
    name: str
    type: str
    in_catalog: bool
    confidence: float
    rule: str


@dataclass
class DocumentContext:
    """What earlier sentences of a document taught: defined abbreviations and people's surnames."""

    abbreviations: dict[str, Mention] = field(default_factory=dict)
    surnames: dict[str, Mention] = field(default_factory=dict)


def tokens_of(text: str) -> tuple[str, ...]:
    """Lower-case word tokens of ``text`` (letters and digits; punctuation separates)."""
    return tuple(token.lower() for token in _TOKEN.findall(text))


def _strings(values: object, where: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ReferenceDataError(f"{where} must be a list of strings")
    return values


def read_catalog_entries(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> list[CatalogEntryRecord]:
    """The catalog's entries as written, unvalidated, so checks can report what is wrong with them."""
    data = load_yaml_file(reference_dir / "entities.yaml")
    return [
        CatalogEntryRecord(
            entity_id=str(entry.get("id")),
            name=str(entry.get("name")),
            type=str(entry.get("type")),
            aliases=[str(alias) for alias in entry.get("aliases", [])],
            ticker=None if entry.get("ticker") is None else str(entry["ticker"]),
            country=None if entry.get("country") is None else str(entry["country"]),
            parent=None if entry.get("parent") is None else str(entry["parent"]),
        )
        for entry in data.get("entities", [])
    ]


@lru_cache(maxsize=4)
def load_entity_catalog(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> EntityCatalog:
    """Read and validate ``entities.yaml`` and ``name_parts.yaml`` (cached per folder).

    Raises ReferenceDataError for an unknown type, a duplicate id, an unknown parent, or an alias
    claimed by two entities.
    """
    data = load_yaml_file(reference_dir / "entities.yaml")
    parts = load_yaml_file(reference_dir / "name_parts.yaml")
    types = set(_strings(data["types"], "entities.yaml types"))
    if not types <= set(ENTITY_TYPES):
        raise ReferenceDataError(f"entities.yaml: unknown types {sorted(types - set(ENTITY_TYPES))}")
    entities: dict[str, CatalogEntity] = {}
    aliases: dict[tuple[str, ...], str] = {}
    needs_capital: set[tuple[str, ...]] = set()
    acronyms: set[tuple[str, ...]] = set()
    for entry in data["entities"]:
        unknown = set(entry) - _ENTRY_KEYS
        if unknown:
            raise ReferenceDataError(
                f"entities.yaml: entry {entry.get('id')!r} has unknown keys {sorted(unknown)} "
                "(a name with a comma must be quoted)"
            )
        entity = CatalogEntity(
            entity_id=str(entry["id"]),
            name=str(entry["name"]),
            type=str(entry["type"]),
            aliases=tuple(str(a) for a in entry.get("aliases", [])),
            ticker=entry.get("ticker"),
            country=entry.get("country"),
            parent=entry.get("parent"),
        )
        if not re.fullmatch(r"[a-z0-9_]+", entity.entity_id) or entity.entity_id in entities:
            raise ReferenceDataError(f"entities.yaml: id '{entity.entity_id}' is not a unique lower-case slug")
        if entity.type not in types:
            raise ReferenceDataError(f"entities.yaml: '{entity.entity_id}' has unknown type '{entity.type}'")
        entities[entity.entity_id] = entity
        for alias in (entity.name, *entity.aliases):
            key = tokens_of(alias)
            if not key:
                raise ReferenceDataError(f"entities.yaml: '{entity.entity_id}' has an empty alias")
            owner = aliases.setdefault(key, entity.entity_id)
            if owner != entity.entity_id:
                raise ReferenceDataError(
                    f"entities.yaml: alias '{alias}' is claimed by '{owner}' and '{entity.entity_id}'"
                )
            letters = re.sub(r"[^A-Za-z]", "", alias)
            if letters.isupper() and len(letters) <= _ACRONYM_MAX_LETTERS and not any(c.isdigit() for c in alias):
                acronyms.add(key)
            elif alias[:1].isupper() or any(c.isupper() for c in alias):
                needs_capital.add(key)
    acronyms -= needs_capital
    for entity in entities.values():
        if entity.parent is not None and entity.parent not in entities:
            raise ReferenceDataError(f"entities.yaml: '{entity.entity_id}' has unknown parent '{entity.parent}'")
    month_and_weekday = set(load_month_names(reference_dir)) | {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
    }  # fmt: skip
    return EntityCatalog(
        entities=entities,
        aliases=aliases,
        needs_capital=frozenset(needs_capital),
        acronyms=frozenset(acronyms),
        longest_alias=max(len(key) for key in aliases),
        legal_suffixes=frozenset(_strings(parts["legal_suffixes"], "legal_suffixes")),
        company_words=frozenset(_strings(parts["company_words"], "company_words")),
        government_words=frozenset(_strings(parts["government_words"], "government_words")),
        organisation_words=frozenset(_strings(parts["organisation_words"], "organisation_words")),
        person_titles=frozenset(tokens_of(t) for t in _strings(parts["person_titles"], "person_titles")),
        speech_verbs=frozenset(_strings(parts["speech_verbs"], "speech_verbs")),
        not_names=frozenset(_strings(parts["not_names"], "not_names")) | month_and_weekday,
    )


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    lower: str
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(0), m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


_NAME_GAP = re.compile(r"[\s.\-&'’]*")


# Word pairs after which a single capitalised word names a source ("according to Gartner").
_CITING_PAIRS = frozenset({("according", "to"), ("reported", "by"), ("cited", "by")})


def _is_prose(tokens: list[_Token]) -> bool:
    """Whether a sentence is prose rather than a title-case headline: some of its longer words are lower case."""
    words = [t.text for t in tokens if len(t.text) >= 4 and t.text.isalpha()]
    return not words or sum(word[0].islower() for word in words) >= 0.15 * len(words)


def _looks_like_name(token: _Token) -> bool:
    """A capitalised or all-capital word of two or more letters."""
    return len(token.text) >= 2 and token.text[0].isupper() and token.text.isalpha()


def _joined(text: str, left: _Token, right: _Token) -> bool:
    """Whether two tokens belong to one name: only spaces, hyphens, dots, ampersands or apostrophes between."""
    gap = text[left.end : right.start]
    return len(gap) <= 3 and _NAME_GAP.fullmatch(gap) is not None and "\n" not in gap


def normalised_name(name: str, catalog: EntityCatalog) -> str:
    """Lower-case tokens without trailing legal suffixes: how names are compared across documents."""
    words = list(tokens_of(name))
    while len(words) > 1 and words[-1] in catalog.legal_suffixes:
        words.pop()
    return " ".join(words)


def new_entity_id(name: str, catalog: EntityCatalog) -> str:
    """Id of an entity not in the catalog: ``x_`` plus its normalised name as a slug."""
    return "x_" + re.sub(r"[^a-z0-9]+", "_", normalised_name(name, catalog)).strip("_")


class MentionFinder:
    """Finds mentions sentence by sentence; a ``DocumentContext`` carries what a document defined."""

    def __init__(self, catalog: EntityCatalog) -> None:
        self.catalog = catalog
        self._first_tokens = frozenset(key[0] for key in catalog.aliases)

    def find(self, *, text: str, context: DocumentContext | None = None) -> list[Mention]:
        """Return the mentions in ``text`` (one sentence) in order, spans relative to ``text``."""
        context = context if context is not None else DocumentContext()
        tokens = _tokens(text)
        taken = [False] * len(tokens)
        mentions = self._catalog_mentions(text, tokens, taken, context)
        mentions += self._new_mentions(text, tokens, taken, context)
        mentions = self._absorb_places(text, sorted(mentions, key=lambda m: m.char_start))
        self._learn_abbreviations(text, mentions, context)
        for mention in mentions:
            if mention.type == "person" and " " in mention.name:
                context.surnames.setdefault(mention.name.split()[-1].lower(), mention)
        return mentions

    def _accept_surface(self, key: tuple[str, ...], surface: str) -> bool:
        if key in self.catalog.acronyms:
            return surface.replace(".", "").replace(" ", "").isupper()
        if key in self.catalog.needs_capital:
            return any(c.isupper() or c.isdigit() for c in surface)
        return True

    def _catalog_mentions(
        self, text: str, tokens: list[_Token], taken: list[bool], context: DocumentContext
    ) -> list[Mention]:
        found: list[Mention] = []
        index = 0
        while index < len(tokens):
            match = self._longest_alias(text, tokens, index)
            if match is None:
                defined = context.abbreviations.get(tokens[index].text)
                if defined is not None and tokens[index].text.isupper():
                    token = tokens[index]
                    found.append(self._copy(defined, token.start, token.end, text, "defined_abbreviation"))
                    taken[index] = True
                index += 1
                continue
            entity_id, length = match
            entity = self.catalog.entities[entity_id]
            end_index = index + length
            if entity.type in ("company", "org"):
                while end_index < len(tokens) and tokens[end_index].lower in self.catalog.legal_suffixes:
                    if (
                        not _joined(text, tokens[end_index - 1], tokens[end_index])
                        or not tokens[end_index].text[0].isupper()
                    ):
                        break
                    end_index += 1
            start, end = tokens[index].start, tokens[end_index - 1].end
            if text[end : end + 1] == "." and end_index - index > 1 and text[start:end].count(".") >= 1:
                end += 1
            found.append(
                Mention(start, end, text[start:end], entity_id, entity.name, entity.type, True, 1.0, "catalog")
            )
            for covered in range(index, end_index):
                taken[covered] = True
            index = end_index
        return found

    def _longest_alias(self, text: str, tokens: list[_Token], index: int) -> tuple[str, int] | None:
        if tokens[index].lower not in self._first_tokens:
            return None
        run = 1
        while (
            run < self.catalog.longest_alias
            and index + run < len(tokens)
            and _joined(text, tokens[index + run - 1], tokens[index + run])
        ):
            run += 1
        for length in range(run, 0, -1):
            window = tokens[index : index + length]
            key = tuple(token.lower for token in window)
            entity_id = self.catalog.aliases.get(key)
            if entity_id is None:
                continue
            surface = text[window[0].start : window[-1].end]
            if self._accept_surface(key, surface):
                return entity_id, length
        return None

    @staticmethod
    def _copy(mention: Mention, start: int, end: int, text: str, rule: str) -> Mention:
        return Mention(
            start, end, text[start:end], mention.entity_id, mention.name, mention.type, mention.in_catalog,
            mention.confidence, rule,
        )  # fmt: skip

    def _absorb_places(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Fold "<body> of <place>" into one name ("National Energy Administration of China")."""
        merged: list[Mention] = []
        for mention in mentions:
            previous = merged[-1] if merged else None
            if (
                previous is not None
                and not previous.in_catalog
                and previous.type in ("gov_body", "org", "company")
                and mention.type == "place"
                and re.fullmatch(r"\s+of\s+", text[previous.char_end : mention.char_start])
            ):
                merged[-1] = self._new(
                    text, previous.char_start, mention.char_end, previous.type, previous.confidence, previous.rule
                )
                continue
            merged.append(mention)
        return merged

    def _learn_abbreviations(self, text: str, mentions: Sequence[Mention], context: DocumentContext) -> None:
        for mention in mentions:
            defined = re.match(r"\s*\(([A-Z][A-Za-z0-9&.-]{1,9})\)", text[mention.char_end :])
            if defined and defined.group(1) not in context.abbreviations:
                context.abbreviations[defined.group(1)] = mention

    def _capitalised_runs(self, text: str, tokens: list[_Token], taken: list[bool]) -> Iterable[tuple[int, int]]:
        """Index ranges of capitalised word sequences (with inner 'of', 'and', 'for', 'the', '&')."""
        index = 0
        while index < len(tokens):
            if taken[index] or not tokens[index].text[0].isupper():
                index += 1
                continue
            end = index + 1
            while end < len(tokens) and not taken[end] and _joined(text, tokens[end - 1], tokens[end]):
                word = tokens[end]
                if word.text[0].isupper() or word.text[0].isdigit():
                    end += 1
                elif (
                    word.lower in _CONNECTORS
                    and end + 1 < len(tokens)
                    and tokens[end + 1].text[0].isupper()
                    and not taken[end + 1]
                ):
                    end += 2
                else:
                    break
            yield index, end
            index = end

    def _new_mentions(
        self, text: str, tokens: list[_Token], taken: list[bool], context: DocumentContext
    ) -> list[Mention]:
        found: list[Mention] = []
        for start, end in self._capitalised_runs(text, tokens, taken):
            while start < end:
                mention, stop = self._classify(text, tokens, start, end, context)
                if mention is not None:
                    found.append(mention)
                start = stop + 1
        return found

    def _title_before(self, tokens: list[_Token], start: int, end: int) -> int:
        """Number of leading tokens of the run that form a person title ("Commerce Secretary").

        A title the catalog does not list in full counts up to its last title word, when a name of one
        to three words follows it ("Technology Secretary Peter Kyle").
        """
        for length in range(min(3, end - start - 1), 0, -1):
            if tuple(t.lower for t in tokens[start : start + length]) in self.catalog.person_titles:
                return length
        for length in range(end - start - 1, max(end - start - 4, 0), -1):
            if (tokens[start + length - 1].lower,) in self.catalog.person_titles:
                return length
        return 0

    def _classify(
        self, text: str, tokens: list[_Token], start: int, end: int, context: DocumentContext
    ) -> tuple[Mention | None, int]:
        """Classify the run ``start``..``end``; also return where the classified part stopped.

        A titled person ends at the first connector ("CEO Jane Doe of Acme Corp"): the rest of the run
        is classified on its own.
        """
        catalog = self.catalog
        words = [t.lower for t in tokens[start:end]]
        title = self._title_before(tokens, start, end)
        preceding_title = start > 0 and (tokens[start - 1].lower,) in catalog.person_titles
        if title:
            start, words = start + title, words[title:]
            connector = next((i for i, w in enumerate(words) if w in _CONNECTORS), None)
            if connector is not None:
                end, words = start + connector, words[:connector]
        institutional = catalog.government_words | catalog.organisation_words | {"ministry"}
        if start == 0 and len(words) > 2 and words[1] in _CONNECTORS and not title and words[0] not in institutional:
            start, words = start + 2, words[2:]
        while words and words[0] in catalog.not_names and len(words) > 1:
            start, words = start + 1, words[1:]
        if not words or all(w in catalog.not_names for w in words) or tuple(words) in catalog.person_titles:
            return None, end
        first, last = tokens[start].start, tokens[end - 1].end
        sentence_initial = start == 0 or text[: tokens[start].start].strip() in ("", '"', "“", "(")
        next_word = tokens[end].lower if end < len(tokens) else ""
        if len(words) == 1 and words[0] in context.surnames:
            known = context.surnames[words[0]]
            return self._copy(known, first, last, text, "surname"), end
        if words[0] == "ministry" or any(w in catalog.government_words for w in words):
            return (self._new(text, first, last, "gov_body", 0.8, "government_word") if len(words) > 1 else None), end
        if words[-1] in catalog.legal_suffixes or words[-1] in catalog.company_words:
            return (self._new(text, first, last, "company", 0.8, "company_word") if len(words) > 1 else None), end
        if any(w in catalog.organisation_words for w in words) and len(words) > 1:
            return self._new(text, first, last, "org", 0.7, "organisation_word"), end
        if title or preceding_title:
            return (self._new(text, first, last, "person", 0.8, "title") if len(words) <= 3 else None), end
        if (
            next_word in catalog.speech_verbs
            and 2 <= len(words) <= 3
            and all(t.text[1:].islower() for t in tokens[start:end])
        ):
            return self._new(text, first, last, "person", 0.6, "speaker"), end
        cited = start >= 2 and (tokens[start - 2].lower, tokens[start - 1].lower) in _CITING_PAIRS
        plural_at_start = sentence_initial and words[0].endswith("s") and not tokens[start].text.isupper()
        if (
            len(words) == 1
            and (cited or next_word in catalog.speech_verbs)
            and _looks_like_name(tokens[start])
            and not plural_at_start
        ):
            return self._new(text, first, last, "org", 0.4, "named_source"), end
        # In a title-case line (a headline) capitalisation says nothing; elsewhere it marks names.
        prose = _is_prose(tokens)
        if len(words) >= 2 and prose and not any(w.isdigit() for w in words):
            if len(words) == 2 and all(t.text[0].isupper() and t.text[1:].islower() for t in tokens[start:end]):
                return self._new(text, first, last, "person", 0.5, "two_capitalised_words"), end
            return self._new(text, first, last, "org", 0.4, "capitalised_sequence"), end
        return None, end

    def _new(self, text: str, start: int, end: int, kind: str, confidence: float, rule: str) -> Mention:
        """A mention of an entity not in the catalog; companies are named without their legal suffix."""
        surface = text[start:end]
        name = surface
        if kind in ("company", "org"):
            words = surface.split()
            while len(words) > 1 and words[-1].lower().strip(".,") in self.catalog.legal_suffixes:
                words.pop()
            name = " ".join(words).rstrip(",")
        return Mention(start, end, surface, new_entity_id(name, self.catalog), name, kind, False, confidence, rule)
