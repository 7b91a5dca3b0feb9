"""The review page in a real headless Chromium (Debian's `chromium`, driven by Playwright with executable_path;
no browser is downloaded), served by the real HTTP server on the embedded engine over the seeds' archive.
Screenshots go to .artifacts/screenshots/ (QUOTES_SCREENSHOTS overrides)."""
from __future__ import annotations

import os
import pathlib
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import ROOT, SEEDS
from quoteservice.archive.store import Archive
from quoteservice.http.embedded import EmbeddedBackend
from quoteservice.http.server import HttpServer, application
from quoteservice.v1 import quote_service_pb2 as pb

SHOTS = pathlib.Path(os.environ.get("QUOTES_SCREENSHOTS", ROOT / ".artifacts" / "screenshots"))
# as the machine probe starts it: no background connections (the network is closed), no sandbox as root
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SEED_003 = next(p for p in SEEDS if p.name.startswith("003"))


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise RuntimeError("no chromium on PATH: .ci/run installs Debian's chromium (apt-get install chromium)")
    return found


@pytest.fixture(scope="module")
def site(engine, seeds_archive: Archive) -> Iterator[str]:
    server = HttpServer("127.0.0.1", 0, application(EmbeddedBackend(engine, seeds_archive))).start()
    yield f"http://127.0.0.1:{server.port}"
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, site: str, request) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """A fresh page at 1280 px; fails the test on any JavaScript error or console error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    pg.on("console", lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None)
    pg.goto(site + "/")
    yield pg
    context.close()
    assert not problems, problems


def _shot(pg: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _paste(pg: Any, text: str) -> None:
    pg.fill("#article-text", text)
    pg.click("#extract")
    pg.wait_for_selector("#status:has-text('quote')")


def test_pasting_a_seed_shows_every_quote_in_its_speakers_colour(page, engine) -> None:  # type: ignore[no-untyped-def]
    text = SEED_003.read_text(encoding="utf-8")
    want = engine.extract(pb.Document(id="pasted", text=text))
    _paste(page, text)
    shown = page.eval_on_selector_all("#article [data-q]", "els => [...new Set(els.map(e => e.dataset.q))].length")
    assert shown == len(want.quotes) > 10
    # one focusable piece per quote, and the pieces of a quote that nests none spell its text
    assert page.locator("#article [data-q][tabindex='0']").count() == len(want.quotes)
    q1 = want.quotes[0]
    assert "".join(page.locator('#article [data-q="0"]').all_text_contents()) == q1.text
    colours = page.eval_on_selector_all(
        "#article [data-q][tabindex='0']", "els => els.map(e => e.style.getPropertyValue('--c'))")
    by_speaker = {q.speaker.id: c for q, c in zip(want.quotes, colours) if q.speaker.id}
    assert len(set(by_speaker.values())) == len(by_speaker) > 2  # one colour per speaker
    assert page.locator("#article .cue").count() > 0 and page.locator("#article .mention").count() > 0
    speakers = page.locator("#speakers li")
    assert speakers.filter(has_text="per:padaliak.migail").count() == 1
    assert speakers.filter(has_text="Mykhailo Podolyak").locator(".count").text_content() == str(
        sum(q.speaker.id == "per:padaliak.migail" for q in want.quotes))
    _shot(page, "article-003")


def test_a_quotes_details_by_mouse_and_by_keyboard(page, engine) -> None:  # type: ignore[no-untyped-def]
    text = SEED_003.read_text(encoding="utf-8")
    want = engine.extract(pb.Document(id="pasted", text=text))
    _paste(page, text)
    page.click('#article [data-q="0"]')
    details = page.locator("#details")
    assert details.locator("blockquote").text_content() == want.quotes[0].text
    assert details.locator("[data-field=type]").text_content() == "direct"
    assert details.locator("[data-field=method]").text_content() == "explicit"
    assert details.locator("[data-field=confidence]").text_content() == f"{want.quotes[0].confidence:.2f}"
    page.focus("#extract")  # from the button, Tab reaches the first quote (the archive picker comes between)
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.q") is not None:
            break
    assert page.evaluate("document.activeElement.dataset.q") == "0"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert details.locator("blockquote").text_content() == want.quotes[1].text
    assert page.locator('#article [data-q="1"].sel').count() >= 1
    _shot(page, "quote-details")


def test_a_cluster_shows_rockets_as_an_insertion(page) -> None:  # type: ignore[no-untyped-def]
    page.click("#tab-archive")
    page.check("#altered-only")
    page.click("#list-clusters")
    page.click("#clusters a:has-text('Gerashchenko')")
    view = page.locator("#cluster-view")
    view.locator(".member").first.wait_for()
    assert view.locator(".member ins").all_text_contents() == ["[rockets]"]
    edited = view.locator(".member", has=page.locator("ins"))
    assert edited.get_attribute("data-doc").startswith("003")
    assert view.locator(".member.canon").count() == 1
    assert view.locator(".member", has_text="via Reuters").count() == 1
    _shot(page, "cluster-rockets")


def test_search_by_any_spelling_then_open_the_article(page) -> None:  # type: ignore[no-untyped-def]
    page.click("#tab-archive")
    page.fill("#search-speaker", "Песков")
    page.click("#search")
    page.wait_for_selector("#archive-status:has-text('quote')")
    rows = page.locator("#results tbody tr")
    assert rows.count() >= 3
    assert set(rows.locator("td[data-label=Speaker]").all_text_contents()) == {"Dmitry Peskov"}
    rows.first.locator("a:has-text('article')").click()
    page.wait_for_selector("#status:has-text('quote')")
    assert page.locator("#tab-article").get_attribute("aria-selected") == "true"
    assert page.locator("#article [data-q]").count() > 0
    # a clustered quote links to its cluster
    page.locator("#article .q[tabindex='0']", has_text="negotiating positions").first.click()
    page.locator("#details [data-field=cluster] a").click()
    page.locator("#cluster-view .member").first.wait_for()
    assert page.locator("#cluster-view .member").count() >= 2
    _shot(page, "search-and-open")


def test_readable_on_a_phone(browser, site) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.goto(site + "/")
    _paste(pg, SEED_003.read_text(encoding="utf-8"))
    wide = pg.evaluate("""() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391)
                           .map(e => `${e.tagName}#${e.id}.${e.className}`)""")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390, wide  # nothing wider than the screen
    side, article = pg.locator("aside.side").bounding_box(), pg.locator("#article").bounding_box()
    assert side["y"] >= article["y"] + article["height"] - 1  # the side list goes below the article
    _shot(pg, "phone-article")
    context.close()
