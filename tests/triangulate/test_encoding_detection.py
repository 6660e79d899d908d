"""Legacy encoding detection: the right code page for the language, with an honest confidence."""

import json

import pytest

from triangulate.decoding import DecodedText, decode_document
from triangulate.encoding_detection import UNCERTAIN_BELOW, detect_legacy_encoding

FRENCH = (
    "Déjà vu à Lyon : les élèves ont répété la leçon avant l'été.\n"
    "Le café du coin a fermé ses portes après trente ans ; les habitués sont déçus.\n"
)
SPANISH = (
    "El señor Peña llegó a Málaga el año pasado.\n«¿Qué pasó con la fábrica?», preguntó la niña. Nadie respondió.\n"
)
GERMAN = (
    "Die Bürger in Köln äußerten große Sorgen über die Mieten.\n"
    "„Zu hoch“, sagte eine Rentnerin – und fügte hinzu, sie müsse bald umziehen.\n"
)
POLISH = (
    "Współpraca między sąsiednimi gminami jest ważna dla rozwoju regionu.\n"
    "Wójt powiedział, że źródła finansowania będą znane jesienią.\n"
)
CZECH = (
    "Vláda schválila nový zákon o daních z příjmů.\n"
    "Ministr řekl, že změny začnou platit příští rok a dotknou se hlavně živnostníků.\n"
)
RUSSIAN = (
    "Правительство объявило о новых мерах поддержки малого бизнеса.\n"
    "Министр сказал, что рост экономики продолжится и в следующем году.\n"
)
# "Мі" in windows-1251 is a valid UTF-8 pair: an accident, not a file mixing UTF-8 in.
UKRAINIAN = (
    "Уряд оголосив про нові заходи підтримки економіки.\nМіністр сказав, що зростання триватиме ще щонайменше рік.\n"
)
LITHUANIAN = (
    "Šiandien Kaune vyko ūkininkų susitikimas su ministre.\n"
    "Ji pabrėžė, kad žemės ūkio parama bus didinama, o žmonės tuo džiaugiasi.\n"
)
JAPANESE = (
    "政府は新しい経済対策を発表しました。\n"
    "首相は記者会見で、景気の回復が続くとの見方を示しました。\n"
    "野党は財源が不透明だと批判しています。\n"
)
CHINESE = (
    "政府今天宣布了新的经济支持措施。\n"
    "部长在记者会上表示，今年的增长将继续保持稳定。\n"
    "专家认为这些政策有助于扩大内需。\n"
)


@pytest.mark.parametrize(
    ("text", "encoding", "expected", "language"),
    [
        (FRENCH, "latin-1", "cp1252", "fr"),
        (SPANISH, "latin-1", "cp1252", "es"),
        (SPANISH, "cp1252", "cp1252", "es"),
        (GERMAN, "cp1252", "cp1252", "de"),
        (POLISH, "cp1250", "cp1250", "pl"),
        (CZECH, "cp1250", "cp1250", "cs"),
        (RUSSIAN, "cp1251", "cp1251", "ru"),
        (RUSSIAN, "koi8_r", "koi8_r", "ru"),
        (UKRAINIAN, "cp1251", "cp1251", "uk"),
        (LITHUANIAN, "cp1257", "cp1257", "lt"),
        (JAPANESE, "shift_jis", "shift_jis", "ja"),
        (CHINESE, "gb18030", "gb18030", "zh"),
    ],
)
def test_detects_the_encoding_of_the_texts_language(text: str, encoding: str, expected: str, language: str) -> None:
    detection = detect_legacy_encoding(text.encode(encoding))
    assert detection is not None
    assert detection.text == text
    assert detection.encoding == expected
    assert UNCERTAIN_BELOW <= detection.confidence <= 1.0
    assert not detection.uncertain
    best, runner_up = json.loads(detection.evidence)
    assert (best["encoding"], best["language"]) == (expected, language)
    assert runner_up["score"] < best["score"]


@pytest.mark.parametrize(("text", "wrong"), [("déjà vu", "déją vu"), ("Señor Peña", "Seńor Peńa")])
def test_short_western_text_is_read_as_windows_1252_and_flagged_uncertain(text: str, wrong: str) -> None:
    decoded = decode_document(text.encode("latin-1"))
    assert isinstance(decoded, DecodedText)
    assert decoded.text == text != wrong
    assert decoded.encoding == "cp1252"
    assert decoded.uncertain
    assert decoded.confidence == 0.5
    assert len(json.loads(decoded.evidence or "[]")) == 2


def test_utf8_is_certain_and_has_no_evidence() -> None:
    decoded = decode_document(FRENCH.encode())
    assert isinstance(decoded, DecodedText)
    assert (decoded.encoding, decoded.confidence, decoded.uncertain, decoded.evidence) == ("utf-8", 1.0, False, None)


def test_mixed_utf8_and_windows_1252_lines_are_each_read_right() -> None:
    data = GERMAN.encode() + FRENCH.encode("cp1252")
    decoded = decode_document(data)
    assert isinstance(decoded, DecodedText)
    assert decoded.text == GERMAN + FRENCH
    assert decoded.encoding == "utf-8+cp1252"
    assert 0.5 < decoded.confidence <= 1.0


def test_mixed_languages_in_one_code_page() -> None:
    detection = detect_legacy_encoding((FRENCH + SPANISH + GERMAN).encode("cp1252"))
    assert detection is not None
    assert detection.encoding == "cp1252"
    assert detection.text == FRENCH + SPANISH + GERMAN
    assert not detection.uncertain
