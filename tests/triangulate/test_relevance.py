"""Off-topic scoring of body passages against their document and the corpus."""

from triangulate.relevance import PassageText, content_terms, load_stopwords, names_in, score_relevance

STOPWORDS = load_stopwords()

STORY = [
    ("title", "Chipmakers expand wafer capacity as demand for AI processors grows"),
    (
        "body",
        "Foundries are adding wafer capacity for AI processors as chip designers report record demand. "
        "New fabs for advanced processors are planned, and capacity for packaging is tight.",
    ),
    (
        "body",
        "Chip designers said demand for AI processors outstrips foundry capacity, so wafer prices rose. "
        "Analysts expect capacity for advanced chips to double as new fabs open.",
    ),
    (
        "body",
        "Packaging capacity is the bottleneck: foundries say advanced packaging for AI processors is sold "
        "out, and chip designers are booking wafer capacity a year ahead.",
    ),
]
SPLICED = (
    "The regional football league confirmed that the championship final will be played in the coastal "
    "stadium after heavy rain flooded the pitch, and ticket holders will be refunded by the club."
)


def _passages(extra: list[tuple[str, str]] | None = None, doc_id: str = "d1") -> list[PassageText]:
    rows = STORY + (extra or [])
    return [PassageText(doc_id, f"{doc_id}-{i}", kind, text) for i, (kind, text) in enumerate(rows)]


def test_spliced_unrelated_paragraph_is_off_topic_with_evidence() -> None:
    scores = {s.passage_id: s for s in score_relevance(passages=_passages([("body", SPLICED)]), stopwords=STOPWORDS)}
    spliced = scores["d1-4"]
    assert spliced.is_off_topic
    assert spliced.relevance is not None and spliced.relevance < spliced.threshold
    assert spliced.shared_terms == []
    assert "football" in spliced.unshared_terms
    assert not any(scores[f"d1-{i}"].is_off_topic for i in (1, 2, 3))


def test_on_topic_passages_of_other_documents_raise_corpus_similarity() -> None:
    # The other outlet words its passages differently: exact copies would not count (see below).
    other = [
        PassageText("d2", f"d2-{i}", "body", f"{text} So says a second outlet.")
        for i, (_, text) in enumerate(STORY[1:])
    ]
    scores = score_relevance(passages=_passages() + other, stopwords=STOPWORDS)
    assert all(score.corpus_similarity is not None and score.corpus_similarity > 0.2 for score in scores)
    assert not any(score.is_off_topic for score in scores)


def test_only_body_passages_are_scored_and_short_ones_are_not_judged() -> None:
    passages = _passages([("boilerplate", SPLICED), ("body", "Shares rose.")])
    scores = score_relevance(passages=passages, stopwords=STOPWORDS)
    assert [s.passage_id for s in scores] == ["d1-1", "d1-2", "d1-3", "d1-5"]
    short = scores[-1]
    assert short.relevance is None and not short.is_off_topic
    assert short.content_words < 12


def test_content_terms_and_names() -> None:
    assert content_terms("Nvidia’s chips and the companies' factories", stopwords=STOPWORDS) == [
        "nvidia",
        "chip",
        "company",
        "factory",
    ]
    assert names_in("The Ministry of Commerce met Nvidia in Beijing.", stopwords=STOPWORDS) == {
        "Ministry of Commerce",
        "Nvidia",
        "Beijing",
    }


OTHER_TOPICS = [
    "harvest wheat tractors irrigation farmers fields drought crop yields fertiliser barley",
    "orchestra concert violin symphony composer audience rehearsal conductor album cello",
    "hospital nurses patients ward surgery clinic vaccine doctors treatment beds",
    "railway trains station commuters timetable signals tracks carriages tickets platform",
    "museum painting exhibition gallery sculpture curator collection artist portrait visitors",
    "election voters ballot candidates campaign polling turnout parliament coalition seats",
]


def _other_story(words: str, number: int) -> list[tuple[str, str]]:
    vocabulary = words.split()
    rotated = [vocabulary[i:] + vocabulary[:i] for i in range(4)]
    return [("title", " ".join(rotated[0][:5]).capitalize())] + [
        ("body", f"Reports on {' and '.join(r[:6])} in region {number} continued, with {', '.join(r[6:])} too.")
        for r in rotated[1:]
    ]


def test_a_paragraph_spliced_into_many_documents_does_not_vouch_for_itself() -> None:
    documents = {f"chip{n}": [(k, f"{t} Plant number {n} is among them.") for k, t in STORY] for n in range(30)}
    for n in range(30):
        documents[f"chip{n}"].append(("body", SPLICED))
    for n, words in enumerate(OTHER_TOPICS * 3):
        documents[f"other{n}"] = _other_story(words, n)
    passages = [
        PassageText(doc_id, f"{doc_id}-{i}", kind, text)
        for doc_id, rows in documents.items()
        for i, (kind, text) in enumerate(rows)
    ]
    scores = {s.passage_id: s for s in score_relevance(passages=passages, stopwords=STOPWORDS)}
    assert all(scores[f"chip{n}-4"].is_off_topic for n in range(30))
    assert not any(scores[f"chip{n}-{i}"].is_off_topic for n in range(30) for i in (1, 2, 3))


def test_a_document_alone_has_no_corpus_similarity() -> None:
    # Rounding once left the corpus minus this document a tiny norm: similarity 0.0 halved relevance.
    passages = [
        PassageText("d1", "d1-0", "body", "chip chip chip chip chip chip chip chip chip chip chip control"),
        PassageText("d1", "d1-1", "body", "chip chip chip chip chip chip chip chip chip chip export export"),
    ]
    scores = score_relevance(passages=passages, stopwords=STOPWORDS)
    assert [(s.corpus_similarity, s.relevance == s.document_similarity) for s in scores] == [(None, True)] * 2
