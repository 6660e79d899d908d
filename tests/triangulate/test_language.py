"""Offline language detection of passages and documents."""

import pytest

from triangulate.language import LanguageGuess, detect_language, document_language, load_languages

LANGUAGES = load_languages()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nvidia (NVDA) shares fell 3.9% to US$172.40 on Friday, while SMIC and Cambricon rose.", "en"),
        ("英伟达股价周五下跌，市场担心出口管制进一步收紧。", "zh"),
        ("エヌビディアの株価が金曜日に下落した。", "ja"),
        ("엔비디아 주가가 금요일에 하락했다고 밝혔다.", "ko"),
        ("Les actions de Nvidia ont chuté vendredi après la publication du rapport.", "fr"),
        ("Die Aktien von Nvidia fielen am Freitag nach dem Bericht deutlich.", "de"),
        ("Las acciones de Nvidia cayeron el viernes tras el informe del gobierno.", "es"),
        ("Акции Nvidia упали в пятницу после публикации отчёта.", "ru"),
    ],
)
def test_detects_language_of_short_passages(text: str, language: str) -> None:
    guess = detect_language(text=text, languages=LANGUAGES)
    assert guess.language == language
    assert guess.confidence is not None and guess.confidence > 0.5


@pytest.mark.parametrize("text", ["Comments", "Post a Comment", "[1] https://example.com/a/b/c", "3.9% 2026 US$3.7"])
def test_too_little_text_is_not_judged(text: str) -> None:
    assert detect_language(text=text, languages=LANGUAGES).language is None


def test_document_language_weighted_and_mixed() -> None:
    english = LanguageGuess("en", 0.99, 300)
    chinese = LanguageGuess("zh", 0.99, 120)
    unjudged = LanguageGuess(None, None, 5)
    mixed = document_language(guesses=[english, chinese, unjudged])
    assert (mixed.language, mixed.is_mixed) == ("en", True)
    assert mixed.shares == {"en": 0.7143, "zh": 0.2857}
    plain = document_language(guesses=[english, LanguageGuess("zh", 0.9, 30)])
    assert (plain.language, plain.is_mixed) == ("en", False)
    assert document_language(guesses=[unjudged]).language is None
