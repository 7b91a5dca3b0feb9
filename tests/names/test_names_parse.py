"""parse_name and display_name: titles apart from the name, possessives stripped, Latin output."""
from __future__ import annotations

import pytest

from quoteservice.names import display_name, is_place_or_body, parse_name
from quoteservice.names.translit import has_cyrillic


@pytest.mark.parametrize(
    ("text", "role", "given", "surname", "display"),
    [
        ("Kremlin Spokesman Dmitry Peskov", "Kremlin Spokesman", ("Dmitry",), "Peskov", "Dmitry Peskov"),
        ("Ukrainian President Volodymyr Zelensky’s", "Ukrainian President", ("Volodymyr",), "Zelensky",
         "Volodymyr Zelensky"),
        ("Mr. Peskov", "", (), "Peskov", "Peskov"),
        ("Дмитрий Песков", "", ("Dmitry",), "Peskov", "Dmitry Peskov"),
        ("Михайло Подоляк", "", ("Mykhailo",), "Podoliak", "Mykhailo Podoliak"),
        ("Аляксандр Лукашэнка", "", ("Aliaksandr",), "Lukashenka", "Aliaksandr Lukashenka"),
        ("Russia’s Defense Ministry Spokesman Major-General Igor Konashenkov",
         "Russia’s Defense Ministry Spokesman Major-General", ("Igor",), "Konashenkov", "Igor Konashenkov"),
        ("Ukraine’s deputy Prime Minister Iryna Vereshchuk’s", "Ukraine’s deputy Prime Minister", ("Iryna",),
         "Vereshchuk", "Iryna Vereshchuk"),
        ("the UN’s human rights chief, Michelle Bachelet", "the UN’s human rights chief", ("Michelle",),
         "Bachelet", "Michelle Bachelet"),
        ("Michelle Bachelet, the UN human rights chief", "the UN human rights chief", ("Michelle",),
         "Bachelet", "Michelle Bachelet"),
        ("FOX Business news correspondent\u00a0Charles Gasparino", "FOX Business news correspondent",
         ("Charles",), "Gasparino", "Charles Gasparino"),
        ("Ukrainian Ambassador to the U.S. Oksana Markarova", "Ukrainian Ambassador to the U.S.", ("Oksana",),
         "Markarova", "Oksana Markarova"),
        ("Ukraine Mykhailo Podolyak", "Ukraine", ("Mykhailo",), "Podolyak", "Mykhailo Podolyak"),
        ("Wagner Yevgeny Prigozhin", "Wagner", ("Yevgeny",), "Prigozhin", "Yevgeny Prigozhin"),
        ("Ursula von der Leyen", "", ("Ursula",), "von der Leyen", "Ursula von der Leyen"),
        ("George W. Bush", "", ("George", "W."), "Bush", "George W. Bush"),
        ("John Major", "", ("John",), "Major", "John Major"),
        ("ZELENSKY", "", (), "Zelensky", "Zelensky"),
        ("Putin Vladimir Vladimirovich", "", ("Vladimir",), "Putin", "Vladimir Vladimirovich Putin"),
        ("Xi Jinping", "", ("Jinping",), "Xi", "Xi Jinping"),
        ("Президент України Володимир Зеленський", "Prezydent Ukrainy", ("Volodymyr",), "Zelenskyi",
         "Volodymyr Zelenskyi"),
    ],
)
def test_parse_name(text: str, role: str, given: tuple[str, ...], surname: str, display: str) -> None:
    p = parse_name(text)
    assert (p.role, p.given, p.surname, p.display) == (role, given, surname, display)


@pytest.mark.parametrize("text", ["He", "she", "The Russian president", "the spokesman", ""])
def test_mentions_without_a_name(text: str) -> None:
    assert parse_name(text).is_empty


def test_honorific_kept_apart() -> None:
    p = parse_name("Mrs. Zelenska")
    assert (p.honorific, p.role, p.surname) == ("Mrs.", "", "Zelenska")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),  # the table's preferred spelling
        ("Vladimir Zelensky", "Volodymyr Zelensky"),
        ("Lukashenka", "Lukashenko"),
        ("Володимир Зеленський", "Volodymyr Zelensky"),
        ("Олександра Коваленко", "Oleksandra Kovalenko"),  # not in the table: transliterated as written
        ("Сергей Тихановский", "Siarhei Tsikhanouski"),  # the table spells him the Belarusian way
        ("Kremlin Spokesman Dmitry Peskov", "Dmitry Peskov"),
    ],
)
def test_display_name(text: str, expected: str) -> None:
    assert display_name(text) == expected
    assert not has_cyrillic(display_name(text))


def test_display_name_keeps_cyrillic_when_asked() -> None:
    assert display_name("Президент Дмитрий Песков", latin=False) == "Дмитрий Песков"


@pytest.mark.parametrize(
    ("text", "surname", "display"),
    [
        # suffixes stay in the name as shown, not in the surname (so not in the id)
        ("Joseph R. Biden Jr.", "Biden", "Joseph R. Biden Jr."),
        ("Martin Luther King Jr.", "King", "Martin Luther King Jr."),
        ("John Smith III", "Smith", "John Smith III"),
        # a title or courtesy word is a surname after a given name or a courtesy title
        ("Charlie King", "King", "Charlie King"),
        ("Mr. King", "King", "King"),
        ("Jingyi Pan", "Pan", "Jingyi Pan"),
        # possessives in any apostrophe, the left single quotation mark included
        ("Chuck Schumer‘s", "Schumer", "Chuck Schumer"),
        ("Donald Trump‘s", "Trump", "Donald Trump"),
        # hyphenated names whole
        ("Lauri Nelson-Jones", "Nelson-Jones", "Lauri Nelson-Jones"),
        ("Mohamed El-Hassan Mohamed", "Mohamed", "Mohamed El-Hassan Mohamed"),
        # titles alone name nobody
        ("Vice President", "", ""),
        ("Retired General", "", ""),
        ("Attorney General", "", ""),
    ],
)
def test_names_whole(text: str, surname: str, display: str) -> None:
    p = parse_name(text)
    assert (p.surname, p.display) == (surname, display)


@pytest.mark.parametrize(("text", "expected"), [
    ("Kyiv", True), ("The U.S.", True), ("Russia", True), ("Charlie King", False), ("President", False), ("EB-5", False),
])
def test_is_place_or_body(text: str, expected: bool) -> None:
    assert is_place_or_body(text) is expected
