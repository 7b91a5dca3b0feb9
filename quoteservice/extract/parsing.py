"""The spaCy parse of an article, with bounded cost: what the parser sees, and in what pieces.

The parser sees `parse_text(text)` (same length and offsets, without input that only costs), in
paragraph-aligned pieces of at most PIECE_CHARS, joined back into one Doc. Between pieces the
extraction's Budget is checked, so a cancelled or overdue call stops within one piece's parse, and
concurrent calls sharing one pipeline take turns piece by piece instead of document by document.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from quoteservice.extract.budget import UNLIMITED, Budget

PIECE_CHARS = 10_000  # longer articles are parsed in pieces that end at a paragraph break
_LONG_RUN = re.compile(r"\S{200,}")
_SYMBOL_RUN = re.compile(r"[^\w\n]{16,}")  # 16+ characters without a letter, digit or newline
_MIN_SYMBOLS = 8
_PARAGRAPH = re.compile(r"\n(?=\S)")  # a newline that starts a paragraph's first character
_SPACE = re.compile(r"\s(?=\S)")


def _blank_symbols(m: re.Match[str]) -> str:
    run = m.group()
    if sum(not c.isspace() for c in run) < _MIN_SYMBOLS:
        return run
    return "".join(c if c.isspace() else " " for c in run)


def parse_text(text: str) -> str:
    """The text the parser sees: same length, offsets unchanged, without input that only costs.

    Runs of 16+ symbols (quote-mark soup, emoji, rules of dashes) become spaces: they hold no words
    to parse, yet would be one token per character. Non-space runs of 200+ characters are broken
    every 100, since spaCy's tokenizer is quadratic in the length of one punctuation-only "word".
    Quote marks are always read from the original text.
    """
    if _SYMBOL_RUN.search(text) is not None:
        text = _SYMBOL_RUN.sub(_blank_symbols, text)
    if _LONG_RUN.search(text) is None:
        return text
    return _LONG_RUN.sub(lambda m: "".join(c if (i + 1) % 100 else " " for i, c in enumerate(m.group())), text)


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece starting at `start` ends: at the last paragraph start in its second half,
    else at the last space followed by a word, else at `limit` (no space in 5,000 characters)."""
    lo = start + (limit - start) // 2
    for pattern in (_PARAGRAPH, _SPACE):
        last = None
        for m in pattern.finditer(text, lo, limit):
            last = m
        if last is not None:
            return last.end()
    return limit


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """`text` as consecutive pieces of at most `size` characters (they concatenate back to `text`)."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def _join(docs: list[Doc]) -> Doc:
    return docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)


def parse(nlp: Language, text: str, budget: Budget = UNLIMITED, lock: threading.Lock | None = None) -> Doc:
    """The Doc of `text` as the parser sees it, parsed piece by piece with the budget checked between."""
    docs = []
    for piece in pieces(parse_text(text)):
        budget.check("parse")
        if lock is None:
            docs.append(nlp(piece))
        else:
            with lock:
                docs.append(nlp(piece))
    return _join(docs)


def parse_many(nlp: Language, texts: Iterable[str], batch_size: int = 8) -> Iterator[Doc]:
    """Docs of many texts in order, their pieces parsed in batches (no budget: for benches and batch jobs)."""
    texts = list(texts)
    split = [pieces(parse_text(t)) for t in texts]
    flat = (p for ps in split for p in ps)
    parsed = nlp.pipe(flat, batch_size=batch_size)
    for ps in split:
        yield _join([next(parsed) for _ in ps])
