"""Speaker ids: spelling variants of one person share an id; different people never do."""
from __future__ import annotations

import re

import pytest

from quoteservice.names import display_name, format_names, same_person, speaker_id

SAME = [
    # transliteration variants (many are people absent from the public-figure table)
    ("Mykhailo Podolyak", "Mikhail Podolyak"),
    ("Mykhailo Podolyak", "Mykhailo Podoliak"),
    ("Anton Gerashchenko", "Anton Herashchenko"),
    ("Volodymyr Zelensky", "Vladimir Zelensky"),
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
    ("Volodymyr Zelenskiy", "Volodymyr Zelenskyi"),
    ("Ihor Kolomoisky", "Igor Kolomoyskyi"),
    ("Viktor Yanukovych", "Victor Yanukovich"),
    ("Valentina Matviyenko", "Valentyna Matvienko"),
    ("Mikhail Khodorkovsky", "Mikhail Khodorkovskiy"),
    ("Mikhail Gorbachev", "Mikhail Gorbachyov"),
    ("Vitali Klitschko", "Vitaliy Klychko"),
    ("Sviatlana Tsikhanouskaya", "Svetlana Tikhanovskaya"),
    ("Vasily Nebenzya", "Vassily Nebenzia"),
    ("Valerii Zaluzhnyi", "Valery Zaluzhny"),
    ("Kyrylo Budanov", "Kirill Budanov"),
    ("Hanna Maliar", "Anna Malyar"),
    ("Oleksiy Arestovych", "Alexei Arestovich"),
    ("Denys Shmyhal", "Denis Shmygal"),
    ("Yevhen Yenin", "Yevgeny Enin"),
    ("Pyotr Verzilov", "Petr Verzilov"),
    ("Artyom Uss", "Artem Uss"),
    ("Dzmitry Kuleshov", "Dmitry Kuleshov"),
    ("Viktar Babaryka", "Viktor Babariko"),
    ("Pavel Latushka", "Pavel Latushko"),
    ("Uladzimir Makei", "Vladimir Makei"),
    ("Siarhei Tsikhanouski", "Sergei Tikhanovsky"),
    ("Yevgeny Prigozhin", "Evgeny Prigozhin"),
    ("Sergei Kiriyenko", "Sergey Kirienko"),
    ("Yulia Tymoshenko", "Yuliia Tymoshenko"),
    ("Oleksandr Syrskyi", "Aleksandr Syrsky"),
    # Cyrillic input
    ("Михайло Подоляк", "Mykhailo Podolyak"),
    ("Дмитрий Песков", "Dmitry Peskov"),
    ("Дмитро Пєсков", "Dmitri Peskov"),
    ("Аляксандр Лукашэнка", "Alexander Lukashenko"),
    ("Ігор Клименко", "Ihor Klymenko"),
    ("Ганна Маляр", "Hanna Maliar"),
    # titles, possessives, casing
    ("Ukrainian President Volodymyr Zelensky’s", "Volodymyr Zelensky"),
    ("Kremlin Spokesman Dmitry Peskov", "Dmitry Peskov"),
    ("Russia's Defense Ministry Spokesman Major-General Igor Konashenkov", "Igor Konashenkov"),
    ("MYKHAILO PODOLYAK", "Mykhailo Podolyak"),
    ("Vladimir Vladimirovich Putin", "Vladimir Putin"),
    # a bare surname takes the best-known bearer's id
    ("Lukashenko", "Alexander Lukashenko"),
    ("Lukashenka", "Alexander Lukashenko"),
    ("Zelenskyy’s", "Volodymyr Zelensky"),
    ("Mr. Peskov", "Dmitry Peskov"),
    ("A. Lukashenko", "Alexander Lukashenko"),
]

DIFFERENT = [
    ("Volodymyr Zelensky", "Olena Zelenska"),
    ("Zelensky", "Zelenska"),
    ("Andriy Yermak", "Andriy Yermolaev"),
    ("Alexander Lukashenko", "Viktor Lukashenko"),
    ("Lukashenko", "Viktor Lukashenko"),
    ("Alexander Lukashenko", "Alexander Litvinenko"),
    ("Alexei Navalny", "Yulia Navalnaya"),
    ("Navalny", "Navalnaya"),
    ("Sergei Tikhanovsky", "Svetlana Tikhanovskaya"),
    ("Viktor Yanukovych", "Oleksandr Yanukovych"),
    ("Viktor Babariko", "Eduard Babariko"),
    ("Dmitry Medvedev", "Dmitry Peskov"),
    ("Valery Gerasimov", "Anton Gerashchenko"),
    ("Mikhail Mishustin", "Mikhail Mizintsev"),
    ("Ihor Klymenko", "Ihor Kolomoisky"),
    ("Sergei Ivanov", "Sergei Ivanova"),
    ("Oleksandr Kovalenko", "Oleksandra Kovalenko"),
    ("Yevgeny Petrov", "Yevgenia Petrova"),
    ("Vitali Klitschko", "Wladimir Klitschko"),
    ("Mario Rossi", "Marie Rossi"),
    ("Kremlin", "Dmitry Peskov"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_variants_share_an_id(a: str, b: str) -> None:
    assert speaker_id(a) == speaker_id(b)
    assert same_person(a, b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_people_get_different_ids(a: str, b: str) -> None:
    assert speaker_id(a) != speaker_id(b)
    assert not same_person(a, b)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dmitry Peskov", "per:peskav.dmitri"),
        ("Дмитрий Песков", "per:peskav.dmitri"),
        ("Volodymyr Zelenskyy", "per:zelenski.vladimir"),
        ("Olena Zelenska", "per:zelenska.elena"),
        ("Viktor Lukashenko", "per:lukashenka.viktor"),
        ("Kovalchuk", "per:kavalchuk"),  # bare surname not in the table: surname-only id
        ("V. Kovalchuk", "per:kavalchuk.v"),
        ("the Kremlin", "org:kremlin"),
    ],
)
def test_id_scheme_is_pinned(name: str, expected: str) -> None:
    kind = "ORGANIZATION" if "Kremlin" in name else "PERSON"
    assert speaker_id(name, kind) == expected


@pytest.mark.parametrize("name", ["Mykhailo Podolyak", "Михайло Подоляк", "Xi Jinping", "Ursula von der Leyen",
                                  "George W. Bush", "Jean-Yves Le Drian", "Lukashenka"])
def test_ids_are_ascii_and_deterministic(name: str) -> None:
    first = speaker_id(name)
    assert re.fullmatch(r"per:[a-z0-9.\-]+", first)
    assert speaker_id(name) == first


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Kovalchuk", "Iryna Kovalchuk", True),  # unknown bare surname fits any bearer
        ("I. Kovalchuk", "Iryna Kovalchuk", True),
        ("O. Kovalchuk", "Iryna Kovalchuk", False),
        ("O. Kovalenko", "Alexander Kovalenko", True),  # Oleksandr = Alexander
        ("Kovalchuk", "Kovalchuk", True),
        ("He", "He", False),  # no name, no match
    ],
)
def test_same_person_with_partial_names(a: str, b: str, expected: bool) -> None:
    assert same_person(a, b) is expected


@pytest.mark.parametrize(
    ("kind", "a", "b"),
    [
        ("ORGANIZATION", "the Kremlin", "Kremlin’s"),
        ("ORGANIZATION", "the Kremlin", "Kremlin‘s"),
        ("ORGANIZATION", "Kelowna Rockets", "the Kelowna Rockets'"),
        ("PERSON", "Donald Trump", "Donald Trump‘s"),  # per:trump.donald, never per:trumps.donald
        ("PERSON", "Joseph R. Biden", "Joseph R. Biden Jr."),
        ("ORGANIZATION", "the UN", "United Nations"),
        ("ORGANIZATION", "U.N.", "the United Nations"),
        ("ORGANIZATION", "UN refugee agency", "UNHCR"),
        ("ORGANIZATION", "the U.K.’s Ministry of Defense", "UK Ministry of Defence"),
        ("ORGANIZATION", "the Center for Strategic and International Studies (CSIS)", "CSIS"),
    ],
)
def test_organisation_aliases_share_an_id(kind: str, a: str, b: str) -> None:
    assert speaker_id(a, kind) == speaker_id(b, kind)


@pytest.mark.parametrize(("text", "expected"), [("the Kelowna Rockets'", "Kelowna Rockets"), ("Kremlin‘s", "Kremlin")])
def test_organisation_display_without_possessive(text: str, expected: str) -> None:
    assert display_name(text, "ORGANIZATION") == expected


def test_distinct_organisations_differ() -> None:
    assert speaker_id("UNHCR", "ORGANIZATION") != speaker_id("United Nations", "ORGANIZATION")
    assert speaker_id("White House", "ORGANIZATION") != speaker_id("Kremlin", "ORGANIZATION")


def test_format_names_prints_id_and_display() -> None:
    lines = format_names(["Volodymyr Zelenskyy", "Дмитрий Песков", "Kremlin", "Kovalchuk"])
    assert lines == [
        "per:zelenski.vladimir\tVolodymyr Zelensky",
        "per:peskav.dmitri\tDmitry Peskov",
        "org:kremlin\tKremlin",
        "per:kavalchuk\tKovalchuk",
    ]
