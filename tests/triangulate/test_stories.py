"""Stories: documents about one event group together, other events and far-apart dates stay apart."""

from datetime import date

from triangulate.relevance import load_stopwords
from triangulate.stories import StoryDocument, find_stories

QUAKE_A = (
    "A magnitude 6.1 earthquake struck the island of Qeshm in the Persian Gulf on Sunday, destroying villages "
    "and killing ten people, Iranian officials said. Rescue teams from Bandar Abbas reached Qeshm by ferry."
)
QUAKE_B = (
    "Rescuers on Qeshm island searched collapsed homes after Sunday's earthquake in the Persian Gulf killed at "
    "least ten villagers; ferries from Bandar Abbas carried tents and doctors to Qeshm."
)
REHAB = (
    "The actress Marlo Vance checked into the Seabright treatment centre in Malibu on Friday, her publicist said, "
    "weeks after a judge in Los Angeles ordered her into rehab."
)


def _stories(*documents: StoryDocument) -> list[list[str]]:
    return sorted(story.doc_ids for story in find_stories(documents, stopwords=load_stopwords()))


def test_reports_of_one_event_from_two_outlets_are_one_story() -> None:
    stories = find_stories(
        [
            StoryDocument("doc_a", QUAKE_A, "Quake hits Qeshm", date(2005, 11, 27), "Wire One"),
            StoryDocument("doc_b", QUAKE_B, "Qeshm rescue", date(2005, 11, 28), "Wire Two"),
            StoryDocument("doc_c", REHAB, "Vance in rehab", date(2005, 11, 27), "Wire One"),
        ],
        stopwords=load_stopwords(),
    )
    quake = next(story for story in stories if "doc_a" in story.doc_ids)
    assert quake.doc_ids == ["doc_a", "doc_b"]
    assert quake.outlets == ["Wire One", "Wire Two"]
    assert (quake.first_published, quake.last_published) == (date(2005, 11, 27), date(2005, 11, 28))
    assert "qeshm" in quake.label_terms
    assert sorted(len(story.doc_ids) for story in stories) == [1, 2]


def test_the_same_words_months_apart_are_two_stories() -> None:
    assert _stories(
        StoryDocument("doc_a", QUAKE_A, None, date(2005, 11, 27), "Wire One"),
        StoryDocument("doc_b", QUAKE_B, None, date(2006, 3, 2), "Wire Two"),
    ) == [["doc_a"], ["doc_b"]]


def test_a_document_without_a_date_joins_by_content_alone() -> None:
    assert _stories(
        StoryDocument("doc_a", QUAKE_A, None, date(2005, 11, 27), "Wire One"),
        StoryDocument("doc_b", QUAKE_B, None, None, None),
    ) == [["doc_a", "doc_b"]]


def test_every_document_is_in_exactly_one_story() -> None:
    documents = [StoryDocument(f"doc_{i}", text, None, None, None) for i, text in enumerate([QUAKE_A, REHAB, ""])]
    assert sorted(d for story in _stories(*documents) for d in story) == ["doc_0", "doc_1", "doc_2"]


def test_undated_reports_naming_dates_of_different_years_are_two_stories() -> None:
    assert _stories(
        StoryDocument("doc_a", QUAKE_A + " The quake struck on Nov. 27, 2005.", None, None, None),
        StoryDocument("doc_b", QUAKE_B + " The quake struck on March 2, 2009.", None, None, None),
    ) == [["doc_a"], ["doc_b"]]


def test_a_target_year_does_not_date_a_story() -> None:
    assert _stories(
        StoryDocument("doc_a", QUAKE_A + " Rebuilding should end by 2008.", None, None, None),
        StoryDocument("doc_b", QUAKE_B + " Officials promised new homes by 2010.", None, None, None),
    ) == [["doc_a", "doc_b"]]
