"""Hostile and merely unusual article texts, by family, at any size (for bench/adversarial.py and tests).

Each family maps a size in characters to a deterministic text of exactly that size; together they
probe every stage whose cost could grow faster than the text: quote pairing and nesting, cue and
frame search, assembly, layout labels, the speaker model and names.
"""
from __future__ import annotations

import random
from collections.abc import Callable, Sequence

Family = Callable[[int], str]


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _mixed(alphabet: str, size: int, seed: int, space: float = 0.0) -> str:
    rng = random.Random(seed)
    return "".join(" " if rng.random() < space else rng.choice(alphabet) for _ in range(size))


def glyph_soup(size: int) -> str:
    """Random quotation glyphs of every style, some spaces."""
    return _mixed("“”\"'«»„‘’‹›`", size, seed=1, space=0.15)


def nested_marks(size: int) -> str:
    """Alternating opening marks that never close: “‘“‘…"""
    return _repeat("“‘", size)


def nested_quotes(size: int) -> str:
    """Quotes nested inside quotes with cues at every level."""
    return _repeat("“He said ‘she told me “they said ‘we agree,’ ", size)


def pronoun_reports(size: int) -> str:
    """A report made only of pronouns and speech verbs."""
    return _repeat("he said that ", size)


def pronoun_mix(size: int) -> str:
    """Pronoun-dense reported speech with a few names, quotes and both genders."""
    unit = ("She told him that he said they had agreed, and he added that she was wrong. "
            "“It was his idea,” she said. Peskov said he denied it. ")
    return _repeat(unit, size)


def no_spaces(size: int) -> str:
    """One long run of letters, digits and punctuation without a space."""
    return _mixed("abcdefghijklmnopqrstuvwxyz0123456789.,;:-_/“”\"'()", size, seed=2)


def one_letter(size: int) -> str:
    """One letter repeated: the longest possible single token."""
    return "x" * size


def nested_parens(size: int) -> str:
    """Deeply nested parentheses and brackets around names and cues."""
    depth = max(1, size // 40)
    inner = "(Peskov, the spokesman, said [Lavrov told {Putin " * depth
    return (inner + ")]}" * depth + " " * size)[:size]


def appositives(size: int) -> str:
    """One speaker with an endless chain of appositives before the cue."""
    unit = "Dmitry Peskov, the spokesman of the Kremlin, an aide to the president, a former diplomat, "
    body = _repeat(unit, max(0, size - 40))
    return (body + "said “we will wait for the talks.”" + " " * 40)[:size]


def short_lines(size: int) -> str:
    """Thousands of one-line paragraphs."""
    return _repeat("Peskov said yes.\nHe added no.\n“Fine,” she said.\n\n", size)


def short_quotes(size: int) -> str:
    """Thousands of short quotes with cues."""
    return _repeat("“Yes,” he said. “No,” Peskov replied. “Maybe” ", size)


def cue_frames(size: int) -> str:
    """Repeated speech frames: a chain of reported reports."""
    return _repeat("Peskov said that Lavrov told reporters that according to Putin, Zelensky claimed that ", size)


def emoji_marks(size: int) -> str:
    """Combining marks stacked on letters, emoji with joiners and skin tones, among quotes."""
    unit = "Z\u0351\u0334\u0321a\u0315\u0358l\u0334g\u0337o\u0360 “👍🏽👨‍👩‍👧‍👦🇺🇦,” he said. e\u0301\u0301\u0301 "
    return _repeat(unit, size)


def right_to_left(size: int) -> str:
    """Arabic and Hebrew text with guillemets and bidi controls mixed with English cues."""
    unit = ("قال المتحدث «نحن ننتظر المحادثات» \u200f أمس. "
            "אמר הדובר ״אנחנו מחכים״ \u202b said Peskov\u202c. ")
    return _repeat(unit, size)


def repeated(article: str) -> Family:
    """One real article repeated to the size."""
    return lambda size: _repeat(article.rstrip() + "\n\n", size)


def concatenated(articles: Sequence[str]) -> Family:
    """Ordinary news: different articles one after another (the baseline of the same size)."""
    return lambda size: _repeat("".join(a.rstrip() + "\n\n" for a in articles), size)


FAMILIES: dict[str, Family] = {
    "glyph_soup": glyph_soup,
    "nested_marks": nested_marks,
    "nested_quotes": nested_quotes,
    "pronoun_reports": pronoun_reports,
    "pronoun_mix": pronoun_mix,
    "no_spaces": no_spaces,
    "one_letter": one_letter,
    "nested_parens": nested_parens,
    "appositives": appositives,
    "short_lines": short_lines,
    "short_quotes": short_quotes,
    "cue_frames": cue_frames,
    "emoji_marks": emoji_marks,
    "right_to_left": right_to_left,
}
"""The synthetic families; `repeated(article)` adds "a real article repeated to the size limit"."""
