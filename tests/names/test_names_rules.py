"""Skeleton rules, transliteration and data-table sanity."""
from __future__ import annotations

import pytest

from quoteservice.names import resources
from quoteservice.names.figures import _index
from quoteservice.names.given import _classes, given_key
from quoteservice.names.skeleton import word_skeleton
from quoteservice.names.translit import detect_language, transliterate


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zelenskiy", "Zelenskyy"), ("Zelenskyi", "Zelensky"), ("Gerashchenko", "Herashchenko"),
        ("Geraschenko", "Gerashchenko"), ("Kiriyenko", "Kirienko"), ("Lukashenka", "Lukashenko"),
        ("Tsikhanouski", "Tikhanovsky"), ("Zelenskaya", "Zelenska"), ("Navalnyy", "Navalny"),
        ("Matviichuk", "Matviychuk"), ("Medvediev", "Medvedev"), ("Shoygu", "Shoigu"),
    ],
)
def test_surname_skeletons_agree(a: str, b: str) -> None:
    assert word_skeleton(a, surname=True) == word_skeleton(b, surname=True)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zelensky", "Zelenska"), ("Zelenskyy", "Zelenskaya"), ("Navalny", "Navalnaya"), ("Ivanov", "Ivanova"),
        ("Yermak", "Yermolaev"), ("Gerasimov", "Gerashchenko"), ("Mishustin", "Mizintsev"),
        ("Tikhanovsky", "Tikhanovskaya"), ("Kowalski", "Kowalska"),
    ],
)
def test_surname_skeletons_differ(a: str, b: str) -> None:
    assert word_skeleton(a, surname=True) != word_skeleton(b, surname=True)


@pytest.mark.parametrize(
    ("names", "same"),
    [
        (["Mykhailo", "Mikhail", "Michael"], True),
        (["Volodymyr", "Vladimir", "Uladzimir"], True),
        (["Oleksii", "Alexei", "Aleksei", "Alexey", "Oleksiy"], True),
        (["Oleksandr", "Alexander", "Aliaksandr"], True),
        (["Serhiy", "Sergei", "Siarhei"], True),
        (["Andriy", "Andrei", "Andrii"], True),
        (["Yuriy", "Yuri", "Yurii"], True),
        (["Dmytro", "Dmitry"], True),
        (["Oleksandr", "Oleksandra"], False),
        (["Oleksii", "Oleksandr"], False),
        (["Yevgeny", "Yevgenia"], False),
        (["Viktor", "Vitaly"], False),
    ],
)
def test_given_name_classes(names: list[str], same: bool) -> None:
    assert (len({given_key(n) for n in names}) == 1) is same


@pytest.mark.parametrize(
    ("text", "lang", "latin"),
    [
        ("Михайло Подоляк", "ru", "Mikhailo Podolyak"),  # no Ukrainian-only letter; parse_name decides
        ("Олексій Данілов", "uk", "Oleksii Danilov"),
        ("Євген Пригожин", "uk", "Yevhen Pryhozhyn"),
        ("Дмитрий Песков", "ru", "Dmitry Peskov"),
        ("Алексей Навальный", "ru", "Aleksei Navalny"),
        ("Николай Азаров", "ru", "Nikolai Azarov"),
        ("Аляксандр Лукашэнка", "be", "Aliaksandr Lukashenka"),
        ("Сяргей Ціханоўскі", "be", "Siarhei Tsikhanouski"),
        ("ЗЕЛЕНСЬКИЙ", "uk", "ZELENSKYI"),
    ],
)
def test_transliteration(text: str, lang: str, latin: str) -> None:
    assert detect_language(text) == lang
    assert transliterate(text) == latin


def test_given_name_table_loads_without_conflicts() -> None:
    key_of, _, _ = _classes()  # raises if one spelling sits in two classes
    assert len(set(key_of.values())) > 100


def test_public_figures_have_distinct_ids() -> None:
    rows = resources.lines("public_figures.txt")
    assert len(_index().by_id) == len(rows)
