"""ArticleSpeakers: one cluster per speaker within an article, with the fullest name's id."""
from __future__ import annotations

import pytest

from quoteservice.names import ArticleSpeakers, speaker_id


def _clusters(mentions: list[str]) -> dict[str, list[str]]:
    a = ArticleSpeakers()
    for m in mentions:
        a.add(m)
    return {c.id: c.aliases for c in a.clusters()}


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        (["Kremlin Spokesman Dmitry Peskov", "Peskov", "Mr. Peskov"],
         {"per:peskav.dmitri": ["Kremlin Spokesman Dmitry Peskov", "Peskov", "Mr. Peskov"]}),
        # bare surname first, full name later: still one speaker, with the full name's id
        (["Kovalchuk", "Deputy Minister Iryna Kovalchuk", "Kovalchuk’s"],
         {"per:kavalchuk.irina": ["Kovalchuk", "Deputy Minister Iryna Kovalchuk", "Kovalchuk’s"]}),
        (["Volodymyr Zelensky", "Olena Zelenska", "Zelensky’s", "Zelenska"],
         {"per:zelenski.vladimir": ["Volodymyr Zelensky", "Zelensky’s"],
          "per:zelenska.elena": ["Olena Zelenska", "Zelenska"]}),
        (["Mikhail Podolyak", "Mykhailo Podoliak", "Podolyak"],
         {"per:padaliak.migail": ["Mikhail Podolyak", "Mykhailo Podoliak", "Podolyak"]}),
        (["Andriy Yermak", "Andriy Yermolaev", "Yermak"],
         {"per:ermak.andrei": ["Andriy Yermak", "Yermak"], "per:ermalaev.andrei": ["Andriy Yermolaev"]}),
        # two same-surname people: a bare surname goes to the best-known bearer
        (["Alexander Lukashenko", "Viktor Lukashenko", "Lukashenko"],
         {"per:lukashenka.aleksander": ["Alexander Lukashenko", "Lukashenko"],
          "per:lukashenka.viktor": ["Viktor Lukashenko"]}),
        # ... and to the latest one when neither is in the table
        (["Oleksandr Kovalenko", "Petro Kovalenko", "Kovalenko"],
         {"per:kavalenka.aleksander": ["Oleksandr Kovalenko"], "per:kavalenka.petr": ["Petro Kovalenko", "Kovalenko"]}),
        (["V. Kovalchuk", "Vasyl Kovalchuk"], {"per:kavalchuk.vasili": ["V. Kovalchuk", "Vasyl Kovalchuk"]}),
        (["Михайло Подоляк", "Podolyak"], {"per:padaliak.migail": ["Михайло Подоляк", "Podolyak"]}),
    ],
)
def test_article_clusters(mentions: list[str], expected: dict[str, list[str]]) -> None:
    assert _clusters(mentions) == expected


def test_handle_from_add_follows_a_later_full_name() -> None:
    a = ArticleSpeakers()
    early = a.add("Kovalchuk")
    assert early.id == "per:kavalchuk"
    a.add("Iryna Kovalchuk")
    assert early.id == "per:kavalchuk.irina"
    assert early.name == "Iryna Kovalchuk"
    assert len(a.finalize()) == 1


def test_cluster_name_role_and_kind() -> None:
    a = ArticleSpeakers()
    a.add("Zelenskyy")
    c = a.add("Ukrainian President Volodymyr Zelenskyy’s")
    assert (c.name, c.role, c.kind) == ("Volodymyr Zelensky", "Ukrainian President", "PERSON")
    assert c.id == speaker_id("Vladimir Zelensky")


def test_fullest_name_not_in_table_is_displayed_in_latin() -> None:
    a = ArticleSpeakers()
    a.add("Kovalchuk")
    c = a.add("Ірина Ковальчук")
    assert c.name == "Iryna Kovalchuk"


def test_organisations_cluster_by_alias() -> None:
    a = ArticleSpeakers()
    k1 = a.add("the Kremlin", "ORGANIZATION")
    k2 = a.add("Kremlin’s", "ORGANIZATION")
    u1 = a.add("the UN", "ORGANIZATION")
    u2 = a.add("United Nations", "ORGANIZATION")
    assert k1.id == k2.id == "org:kremlin" and k1.name == "Kremlin"
    assert u1.id == u2.id == "org:united-nations"
    assert len(a.clusters()) == 2


def test_nameless_mentions_get_no_id() -> None:
    a = ArticleSpeakers()
    c = a.add("The spokesman")
    assert c.id == "" and c.name == "The spokesman"
    assert a.add("Dmitry Peskov").id == "per:peskav.dmitri"


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        # a surname spelt a letter or two off joins the one close full name of the article
        (["Martin Buchtmann", "Bauchtman"], {"per:buchtman.martin": ["Martin Buchtmann", "Bauchtman"]}),
        (["Maxine Waters", "Water"], {"per:vaters.maksine": ["Maxine Waters", "Water"]}),
        # a bare given name joins the one full name with that given name
        (["Daniel Bernoulli", "Johann Bernoulli", "Daniel"],
         {"per:bernavli.danil": ["Daniel Bernoulli", "Daniel"], "per:bernavli.iogan": ["Johann Bernoulli"]}),
        # never across a feminine Slavic ending, nor when two full names are equally close
        (["Alexei Navalny", "Navalnaya"], {"per:navalni.aleksei": ["Alexei Navalny"], "per:navalna.iulia": ["Navalnaya"]}),
        (["Anna Malar", "Maria Malar", "Anna"], {"per:malar.ana": ["Anna Malar", "Anna"], "per:malar.maria": ["Maria Malar"]}),
        (["Oleksandr Lukashenko", "Lukashenk"], {"per:lukashenka.aleksander": ["Oleksandr Lukashenko", "Lukashenk"]}),
        (["Volodymyr Zelensky", "Zelenska"], {"per:zelenski.vladimir": ["Volodymyr Zelensky"],
                                              "per:zelenska.elena": ["Zelenska"]}),
    ],
)
def test_spelling_slips_and_given_names_within_an_article(mentions, expected) -> None:
    assert _clusters(mentions) == expected
