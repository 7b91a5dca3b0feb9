"""Attributions made by layout instead of a verb's clause.

- transcript lines: ``PENCE: Gennifer Flowers will not be attending …``
- a headline led by a speaker's name: ``Pat Caddell: Democrat Voters Worried …``, by a document
  (``Poll: Clinton and Trump in dead heat``) or by a person's name before a whole quotation
  (``A lesson from Loretta Lynch: 'Be the voice that people hear.'``)
- a block quote: a paragraph ending in a cue and a colon (``Limbaugh added:``) introduces the
  next paragraph, which carries no quotation marks of its own.
- an embedded post: a paragraph followed by its byline line (``— Dmytro Kuleba (@DmytroKuleba) February 28,
  2022``) is the named person's direct quote.

The speaker label must be a name that the article uses for a person elsewhere, so section labels
("UPDATE:", "Peace talks begin in Belarus:") never become speakers; a source noun ("Poll:") only in a headline.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from quoteservice.extract.article import Article, Draft, Intervals
from quoteservice.extract.cues import Cue
from quoteservice.extract.glyphs import MARK_CHARS, OPEN_CHARS
from quoteservice.extract.mentions import mention_of
from quoteservice.extract.model import QuoteType

_LABEL = re.compile("[" + re.escape("".join(sorted(OPEN_CHARS))) + r"]?([A-Z][\w.'’\- ]{1,40}?):[ \t]+(?=\S)")
_TRAILING = MARK_CHARS | {" "}  # trimmed from the end of a label's content
_MAX_LABEL_WORDS = 4
# "— Dmytro Kuleba (@DmytroKuleba) February 28, 2022": a dash, a name, the handle, then at most a date
_BYLINE = re.compile(r"[—–-]{1,2}\s*((?:[A-Z][\w.'’\-]*\s+){0,3}[A-Z][\w.'’\-]*)\s*\(@\w{1,30}\)[\w ,./:-]{0,40}")
_POST_TAIL = re.compile(r"(?:\s*(?:https?://|pic\.twitter\.com/)\S+)+\s*$")  # links closing an embedded post
_MIN_HEADLINE_QUOTE_WORDS = 4  # a shorter quotation after a headline label is a statement only when punctuated as one


def opens_with_transcript_label(text: str, start: int) -> bool:
    """Whether a quoted passage opens with a capitalised speaker label ("PENCE: …"): a transcript set in quotation
    marks, whose turns are the label records' and no one quote's."""
    m = _LABEL.match(text, start)
    return m is not None and m.group(1).upper() == m.group(1) and 0 < len(m.group(1).split()) <= _MAX_LABEL_WORDS


def _label_draft(text: str, doc: Doc, para: tuple[int, int], words: set[str], *, headline: bool) -> Draft | None:
    """A record for `Label: content` when the label names a person of the article."""
    m = _LABEL.match(text, para[0], para[1])
    if m is None:
        return None
    label = m.group(1).strip()
    tokens = label.replace("’", "'").split()
    if not 0 < len(tokens) <= _MAX_LABEL_WORDS:
        return None
    if not headline and label.upper() != label:
        return None  # transcript speakers are set in capitals: "WALLACE:", "SEN. KAINE:"
    if not all(w.strip(".'").lower() in words for w in tokens if w.strip(".'").isalpha() and len(w) > 3) \
            or tokens[-1].strip(".").lower() not in words:
        return None
    start, end = m.end(), para[1]
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    if end - start < 8 or (headline and _title_about(doc, start, end)):
        return None
    span = doc.char_span(m.start(1), m.start(1) + len(label), alignment_mode="expand")
    if span is None or not len(span):
        return None
    mention = mention_of(span[-1], list(span))
    colon = m.end(1)
    return Draft(start, end, QuoteType.DIRECT if not headline else QuoteType.INDIRECT, mention, (colon, colon + 1),
                 rule="headline_label" if headline else "transcript_label")


def _title_about(doc: Doc, start: int, end: int) -> bool:
    """A headline's words after the label that are a noun phrase led by an article, with no verb: a title about the
    person ("Frank Messina: An Interview with the 'Mets Poet'"), not their words ("Caddell: Voters Are Worried")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[0].pos_ == "DET" and span[0].dep_ == "det" \
        and not any(t.pos_ in ("VERB", "AUX") for t in span)


def _headline_source(article: Article, para: tuple[int, int], sources: frozenset[str]) -> Draft | None:
    """A headline that gives a source before its colon: a document ("Poll: Clinton and Trump in dead heat"), or a
    quotation whole after it, from a person the label names ("A lesson from Loretta Lynch: 'Be the voice …'")."""
    text, doc = article.text, article.doc
    m = _LABEL.match(text, para[0], para[1])
    label = doc.char_span(m.start(1), m.end(1), alignment_mode="expand") if m is not None else None
    if m is None or label is None:
        return None
    start, end, colon = m.end(), para[1], m.end(1)
    while end > start and text[end - 1].isspace():
        end -= 1
    if len(label) == 1 and label[0].lower_ in sources and end - start >= 8:
        return Draft(start, end, QuoteType.INDIRECT, mention_of(label[0], [label[0]]), (colon, colon + 1),
                     rule="headline_label")
    person = next((e for e in label.ents if e.label_ == "PERSON"), None)
    # the quotation found by the marks (apostrophes are told apart there) must be all that follows the colon
    q = next((q for q in article.quotes if q.open_mark == start), None)
    if person is None or q is None or q.close_mark is None or text[q.outer_end:end].strip(" .") != "":
        return None
    if text[q.end - 1:q.end] not in (".", "!", "?", "…") and len(text[q.start:q.end].split()) < _MIN_HEADLINE_QUOTE_WORDS:
        return None  # "Zelensky in Kyiv: 'Peace talks'": a short title, not a statement
    return Draft(q.start, q.end, QuoteType.DIRECT, mention_of(person.root, list(person)), (colon, colon + 1),
                 rule="headline_label")


def _embedded_post(text: str, doc: Doc, para: tuple[int, int], nxt: tuple[int, int]) -> Draft | None:
    """A post embedded from a social network: the paragraph before a byline line "— Name (@handle) Date" is Name's
    direct quote (its trailing links left out)."""
    m = _BYLINE.fullmatch(text, nxt[0], nxt[1])
    if m is None or _BYLINE.fullmatch(text, para[0], para[1]) is not None:
        return None
    start, end = para
    tail = _POST_TAIL.search(text, start, end)
    end = tail.start() if tail is not None else end
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    name = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    if end - start < 8 or name is None or not len(name):
        return None
    return Draft(start, end, QuoteType.DIRECT, mention_of(name[-1], list(name)), (nxt[0], nxt[0] + 1),
                 rule="embedded_post")


def _block_quote(text: str, doc: Doc, para: tuple[int, int], nxt: tuple[int, int], cues: list[Cue]) -> Draft | None:
    """The paragraph after "S added:", "S told reporters:" or "S told us that:" when it opens with no quotation
    mark of its own (after "that", an indirect record)."""
    if not text[para[0]:para[1]].endswith(":") or text[nxt[0]] in OPEN_CHARS:
        return None
    for cue in cues:
        if para[0] <= cue.verb.idx < para[1] and cue.subject is not None and cue.content is None \
                and _only_addressee(doc, cue, para[1]):
            qtype = QuoteType.INDIRECT if text[cue.span[1]:para[1]].rstrip(" :").lower().endswith("that") \
                else QuoteType.DIRECT
            return Draft(nxt[0], nxt[1], qtype, mention_of(cue.subject), cue.span, rule=f"block_quote <- {cue.rule}")
    return None


def _only_addressee(doc: Doc, cue: Cue, end: int) -> bool:
    """Whether between the cue and the colon stand only its objects ("reporters", "us", "the following") and
    "that"."""
    tail = doc.char_span(cue.span[1], end, alignment_mode="expand")
    if tail is None:
        return False
    objects = [c for c in cue.verb.children if c.dep_ in ("dative", "dobj") and c.i > cue.verb.i]
    return all(t.is_punct or t.is_space or t.lower_ == "that" or any(o.left_edge.i <= t.i <= o.right_edge.i for o in objects)
               for t in tail)


def label_drafts(article: Article, cues: list[Cue], taken: list[tuple[int, int]],
                 sources: frozenset[str] = frozenset()) -> list[Draft]:
    """Layout-made records in spans that records from quotation marks and cues (`taken`) leave mostly free.

    A label must use the words of the article's person names ("mike", "pence"); a headline's may also be a
    source noun (`sources`: "Poll:") or lead a quotation from a person it names.
    """
    text, doc, paras, skip = article.text, article.doc, article.paragraphs, article.excluded
    words = {t.lower_ for span in article.names for t in span if t.is_alpha and len(t) > 1}
    used = Intervals(taken)
    out: list[Draft] = []
    for i, para in enumerate(paras):
        if i and skip.overlap(para):
            continue
        found = _label_draft(text, doc, para, words, headline=(i == 0))
        if found is None and i == 0:
            found = _headline_source(article, para, sources)
        if found is None and i + 1 < len(paras) and not skip.overlap(paras[i + 1]):
            found = _embedded_post(text, doc, para, paras[i + 1]) or _block_quote(text, doc, para, paras[i + 1], cues)
        if found is not None and used.overlap((found.start, found.end)) <= 0.5:  # a short quote inside a line
            out.append(found)
            used = Intervals([*used.spans, (found.start, found.end)])
    return out
