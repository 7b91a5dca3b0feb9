"""Turn quoted spans and speech cues into quote records, in three passes over one Article.

1. `quotes_with_cues`: a quoted span adjacent to a cue ("…,” Peskov said / Peskov said: “…”) is a
   direct quote, or mixed when the cue's clause reports more than the quoted words.
2. `reports`: a cue's reported clause left over is indirect, or mixed when it holds quoted words.
3. `continuations`: a quoted span left over takes the speaker of the quote just before it when one
   is near, or stands alone (no speaker) when it is a whole sentence.
Each pass returns drafts; `assemble` runs them in order.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from quoteservice.extract.article import Article, Draft, Intervals
from quoteservice.extract.content import modifies_noun, names_given
from quoteservice.extract.cues import QUOTED_OBJECT_RULE, Cue, CueKind
from quoteservice.extract.labels import opens_with_transcript_label
from quoteservice.extract.mentions import Mention, MentionKind, mention_of
from quoteservice.extract.model import QuoteType
from quoteservice.extract.quotemarks import QuotedSpan
from quoteservice.extract.wordlists import words

# Between a quote and a cue after it only punctuation and spaces may stand.
_GAP = re.compile(r"[\s,:;—–\-]*", re.UNICODE)
_MIN_ORPHAN_WORDS = 4
_OBJECT_REPORT_HEADS = words("object_report_heads")
_UNASSERTED_MODALS = words("unasserted_modals")
_BACKGROUND_MARKS = words("background_marks")
_CONTINUATION_PARAGRAPHS = 1  # a continuation quote may sit at most this many paragraphs later


_NP_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "PART"})
_PREDICATES = frozenset({"npadvmod", "oprd", "attr", "acomp", "xcomp", "ccomp"})  # spaCy labels of a small clause
_PASSIVE_CLAUSES = frozenset({"oprd", "attr", "acomp", "xcomp", "ccomp", "advcl", "csubjpass"})  # what a passive reports

class CueIndex:
    """Cues sorted by the offset of their verb, so the cues inside a clause are found by bisection."""

    def __init__(self, cues: list[Cue]) -> None:
        self.cues = sorted(cues, key=lambda c: c.verb.idx)
        self._idx = [c.verb.idx for c in self.cues]

    def within(self, span: tuple[int, int]) -> list[Cue]:
        """Cues whose verb starts in [span[0], span[1])."""
        return self.cues[bisect.bisect_left(self._idx, span[0]):bisect.bisect_left(self._idx, span[1])]


def _token_at(doc: Doc, pos: int) -> Token | None:
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _governing_cue(tok: Token, by_verb: dict[int, Cue]) -> Cue | None:
    """The cue whose own clause (verb, speaker, objects — not its content) contains tok.

    It is the nearest cue verb among tok and its ancestors: a token under another cue verb
    ("accused X and said the arming was an “…”") belongs to that one.
    """
    for t in (tok, *tok.ancestors):
        cue = by_verb.get(t.i)
        if cue is not None:
            if cue.content is not None and cue.content[0] <= tok.idx < cue.content[1]:
                return None
            return cue
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _np_run(doc: Doc, i: int, end: int) -> list[Token]:
    """A noun-phrase-like run of tokens from i ("Ukrainian Interior Ministry adviser Anton Gerashchenko")."""
    j = i
    while j < end and (doc[j].pos_ in _NP_POS or doc[j].tag_ == "POS"):
        j += 1
    return list(doc[i:j])


def _postposed_pattern(doc: Doc, tok: Token, by_verb: dict[int, Cue], in_quote: Intervals) -> Cue | None:
    """Surface fallback when the parse misattaches the frame after a quote.

    Matches `said NP`, `NP said`, `NP (tag) said` and `NP, <appositive or relative clause>, said`,
    where "said" is any cue.
    """
    end = tok.sent.end
    if tok.i in by_verb:  # inverted: "…,” said Kremlin spokesman Dmitry Peskov
        cue = by_verb[tok.i]
        j = tok.i + 1
        while j < end and doc[j].pos_ in ("ADV", "AUX"):
            j += 1
        run = _np_run(doc, j, end) if j < end else []
        heads = [t for t in run if t.pos_ in ("PROPN", "NOUN")]
        if heads and (cue.subject is None or in_quote.contains(cue.subject.idx)):
            return replace(cue, subject=heads[-1], mention_tokens=tuple(run), rule=cue.rule + "+inverted_name")
        return cue if cue.subject is not None and not in_quote.contains(cue.subject.idx) else None
    run = [tok] if tok.pos_ == "PRON" else _np_run(doc, tok.i, end)
    heads = [t for t in run if t.pos_ in ("PROPN", "NOUN", "PRON")]
    if not heads:
        return None
    j = run[-1].i + 1
    if j < end and doc[j].text == "(":  # "Rep. Elijah E. Cummings (D-Md.) said": skip the tag
        close = next((m for m in range(j + 1, min(end, j + 12)) if doc[m].text == ")"), None)
        if close is None:
            return None
        j = close + 1
    if j < end and doc[j].text == ",":  # skip one comma-delimited appositive or relative clause
        k = next((m for m in range(j + 1, min(end, j + 40)) if doc[m].text == ","), None)
        if k is None:
            return None
        j = k + 1
    while j < end and (doc[j].pos_ in ("ADV", "AUX", "PART") or doc[j].dep_ in ("aux", "neg", "advmod")):
        j += 1
    found = by_verb.get(j)
    if found is None:
        return None
    return replace(found, subject=heads[-1], mention_tokens=tuple(run), rule=found.rule + "+surface_subject")


_DASH_BYLINE = re.compile(r"[^\S\n]*(?:[―—–]|--?)[^\S\n]*(?=\S)")


def _dash_byline(text: str, doc: Doc, after: int) -> Cue | None:
    """A dash byline after a quote: '“…” ― Sonya Herridge'. The name must end its line or clause."""
    m = _DASH_BYLINE.match(text, after)
    if m is None:
        return None
    tok = _token_at(doc, m.end())
    if tok is None:
        return None
    run = [t for t in _np_run(doc, tok.i, min(len(doc), tok.i + 8)) if t.pos_ == "PROPN" or t.text == "."]
    while run and run[-1].text == ".":
        run.pop()
    if not run or run[0].i != tok.i or run[-1].i - tok.i >= 6 or not any(t.ent_type_ == "PERSON" or t.is_title for t in run):
        return None
    end = run[-1].idx + len(run[-1].text)
    eol = text.find("\n", end)
    rest = text[end:eol if eol >= 0 else len(text)]
    if rest.strip() not in ("", ".") and not rest.lstrip().startswith((",", "(")):
        return None  # "“…” — Smith said" is a verb frame, handled by the parse
    dash = m.group().strip()
    start = m.start() + m.group().index(dash)
    return Cue(tok, (start, start + len(dash)), run[-1], None, CueKind.BYLINE, "dash_byline", mention_tokens=tuple(run))


def _subordinator(tok: Token) -> bool:
    """A word opening a subordinate clause after a quote ("“absolutely right” when he said …"): that clause's cue
    is not the quote's frame ("“…,” as he said" is)."""
    return tok.dep_ in ("mark", "advmod") and tok.tag_ in ("IN", "WRB") and tok.lower_ != "as"


def _adjacent_cue(text: str, doc: Doc, q: QuotedSpan, by_verb: dict[int, Cue], in_quote: Intervals) -> Cue | None:
    """The cue right after the closing mark ("…,” Peskov said) or right before the opening one."""
    after = q.outer_end
    byline = _dash_byline(text, doc, after) if q.close_mark is not None else None
    if byline is not None:
        return byline
    postposed = _postposed_cue(text, doc, q, by_verb, in_quote)
    if postposed is not None and postposed.content is not None and _finished(text, q) \
            and _reported_before(doc, q, by_verb):
        return None  # '… as “a planet in her own orbit.” Zenghelis described her as …': the report before owns it
    return postposed or _preposed_cue(text, doc, q, by_verb, in_quote)


def _reported_before(doc: Doc, q: QuotedSpan, by_verb: dict[int, Cue]) -> bool:
    """Whether the words right before the opening mark lie in a cue's reported content ("described her as “…”")."""
    tok = _token_at(doc, q.open_mark)
    if tok is None or tok.i == 0:
        return False
    before = doc[tok.i - 1]
    for verb in (before, *before.ancestors):
        cue = by_verb.get(verb.i)
        if cue is not None and cue.content is not None and cue.content[0] <= before.idx < cue.content[1]:
            return True
    return False


def _postposed_cue(text: str, doc: Doc, q: QuotedSpan, by_verb: dict[int, Cue], in_quote: Intervals) -> Cue | None:
    """The cue of the frame right after the closing mark, across punctuation and spaces ("…,” Peskov said)."""
    after = q.outer_end
    m = _GAP.match(text, after)
    nxt = m.end() if m else after
    if nxt >= len(text) or "\n" in text[after:nxt] or in_quote.contains(nxt):
        return None
    tok = _token_at(doc, nxt)
    if tok is None or _subordinator(tok):
        return None
    cue = _governing_cue(tok, by_verb)
    if cue is not None and cue.verb.idx > after and cue.subject is not None and not in_quote.contains(cue.subject.idx):
        return cue
    return _postposed_pattern(doc, tok, by_verb, in_quote)


def _preposed_cue(text: str, doc: Doc, q: QuotedSpan, by_verb: dict[int, Cue], in_quote: Intervals) -> Cue | None:
    """The cue whose clause runs up to the opening mark, walking back over the gap ("Peskov said: “…”")."""
    p = q.open_mark
    while p > 0 and (text[p - 1].isspace() or text[p - 1] in ",:;—–-"):
        p -= 1
    if "\n" in text[p:q.open_mark] and ":" not in text[p:q.open_mark]:
        return None  # a cue in an earlier paragraph introduces the quote only through a colon
    if text[max(0, p - 4):p].lower() == "that" and (p - 4 == 0 or not text[p - 5].isalnum()):
        p -= 4  # "added that “…”": a whole quoted statement after "that" stays direct
        while p > 0 and (text[p - 1].isspace() or text[p - 1] in ",:;—–-"):
            p -= 1
    if p == 0 or in_quote.contains(p - 1) or text[p - 1] in ".!?":
        return None  # nothing, another quote, or a finished sentence stands before the quote
    tok = _token_at(doc, p - 1)
    if tok is None:
        return None
    cue = _governing_cue(tok, by_verb)
    return cue if cue is not None and cue.verb.idx < q.open_mark else None


def _finished(text: str, q: QuotedSpan) -> bool:
    """Whether a closed quotation ends its sentence with a period inside the marks ("… in her own orbit.”")."""
    return q.close_mark is not None and text[q.start:q.end].rstrip()[-1:] == "."


def _innermost(cue: Cue, q: QuotedSpan, cues: CueIndex) -> Cue:
    """The most deeply nested cue whose content holds the quote ("Bachelet said … “…”, CNN reported")."""
    best = cue
    assert cue.content is not None
    for other in cues.within(cue.content):
        c = other.content
        if other is not cue and other.kind.takes_quotes and other.subject is not None and c is not None \
                and other.rule != QUOTED_OBJECT_RULE and best.content is not None \
                and best.content[0] <= other.verb.idx < best.content[1] and c[0] <= q.start and q.end <= c[1] + 1:
            best = other
    return best


def _frame(cue: Cue) -> set[int]:
    """Token indices of the cue's own clause (verb, speaker, adverbials), outside its content."""
    whole = cue.verb.dep_ == "parataxis"  # its content is the governing clause
    return {t.i for t in cue.verb.subtree
            if whole or cue.content is None or not cue.content[0] <= t.idx < cue.content[1]}


def _reports_more(doc: Doc, cue: Cue, q: QuotedSpan, cues: CueIndex, in_quote: Intervals) -> bool:
    """Whether the cue's content holds unquoted words besides cue frames: the quote is then mixed.

    Words between a quote and a cue after it are the frame ("…” Macron, who is …, said"), and a cue
    found by surface pattern has an unreliable parse, so neither makes a quote mixed.
    """
    if cue.content is None or cue.mention_tokens:
        return False
    close = q.close_at
    frames = _frame(cue)
    for other in cues.within(cue.content):
        if other is not cue and other.rule != QUOTED_OBJECT_RULE:  # "said they have “…” to secure …" reports more
            frames |= _frame(other)
    span = doc.char_span(cue.content[0], cue.content[1], alignment_mode="expand")
    return span is not None and any(
        t.is_alpha and t.i not in frames and not in_quote.contains(t.idx) and t.lower_ != "that"
        and not close < t.idx < cue.verb.idx for t in span)


def _mention(cue: Cue) -> Mention:
    assert cue.subject is not None
    mention = mention_of(cue.subject, list(cue.mention_tokens) or None)
    if cue.relative is not None:  # written as "who": the span says so, the name comes from the antecedent
        mention = replace(mention, written=(cue.relative.idx, cue.relative.idx + len(cue.relative.text)))
    return mention


@dataclass
class Scene:
    """What the passes share: the article, its live cues (outside quotes and excluded regions) and what is taken."""

    article: Article
    cues: list[Cue]
    by_verb: dict[int, Cue] = field(init=False)
    index: CueIndex = field(init=False)
    cue_of_quote: set[int] = field(default_factory=set)  # verbs of cues that took a quote in pass 1
    consumed: set[int] = field(default_factory=set)  # ids of quoted spans a record holds
    leftover: list[QuotedSpan] = field(default_factory=list)  # quoted spans pass 1 found no cue for
    leftover_ids: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.by_verb = {c.verb.i: c for c in self.cues if c.kind.takes_quotes}
        self.index = CueIndex(self.cues)


def _quote_draft(scene: Scene, q: QuotedSpan, cue: Cue) -> Draft:
    """The record of a quote next to its cue: mixed when the (innermost) cue's clause reports more."""
    art = scene.article
    mixed = cue.content is not None and _reports_more(art.doc, cue, q, scene.index, art.in_quote)
    if mixed:
        nested = _innermost(cue, q, scene.index)
        if nested is not cue:  # a nested cue owns the quote; judge it on its own clause
            cue = nested
            mixed = _reports_more(art.doc, cue, q, scene.index, art.in_quote)
    scene.cue_of_quote.add(cue.verb.i)
    if mixed and cue.content is not None:
        s, e = _trim(art.text, min(cue.content[0], q.open_mark), max(cue.content[1], q.outer_end))
        scene.consumed.add(id(q))
        return Draft(s, e, QuoteType.MIXED, _mention(cue), cue.span, q, rule=f"quote_with_cue/mixed <- {cue.rule}")
    s, e = _trim(art.text, q.start, q.end)
    return Draft(s, e, QuoteType.DIRECT, _mention(cue), cue.span, q, rule=f"quote_with_cue <- {cue.rule}")


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_MAX_TITLE_WORDS = 8
_TITLE_SMALL_WORDS = words("title_small_words")
_POSSESSIVE_BEFORE = re.compile(r"[’']s?\s*$")


def _title(art: Article, q: QuotedSpan) -> bool:
    """A quoted title or name ("“On the Last Day of the Year”", "“Joan of Arc”"): up to eight words, capitalised
    but for function words, and no sentence-final mark, unless an owner's possessive stands before it (American
    style puts a sentence's period inside the marks: "on Fox News’s “Fox and Friends.”"). A command stays a
    statement ("“Make America Great Again”")."""
    content = art.text[q.start:q.end].strip()
    words = _WORD.findall(content)
    owned = _POSSESSIVE_BEFORE.search(art.text, max(0, q.open_mark - 4), q.open_mark) is not None
    if not 2 <= len(content.split()) <= _MAX_TITLE_WORDS or content[-1:] in "?!…" or not words \
            or (content[-1:] == "." and not owned):
        return False
    if not all(w[0].isupper() or w.lower() in STOP_WORDS or w.lower().strip("'’") in _TITLE_SMALL_WORDS for w in words) \
            or not any(w[0].isupper() and w.lower() not in STOP_WORDS for w in words):
        return False  # "“I would,” Melanie said": capitals only on function words
    first = _token_at(art.doc, q.start)
    return owned or first is None or first.tag_ != "VB"  # "CBS's “Face the Nation”" is a name, not a command


_MAX_SUBHEADING_WORDS = 6
_SENTENCE_ENDS = ".!?:\n”\"»"


def _subheading(art: Article, q: QuotedSpan) -> bool:
    """A short paragraph that is one quotation in single marks and nothing else: a section heading quoting the
    section ("'A really tough decision.'", "'All Bets Are Off.'"), not the speaker before it going on (who is
    quoted in double marks: “We will never do it.”)."""
    if not q.single or q.paragraphs > 1 or len(art.text[q.start:q.end].split()) > _MAX_SUBHEADING_WORDS:
        return False
    lo, hi = art.paragraphs[art.paragraph_index(q.start) - 1]
    return art.text[lo:q.open_mark].strip() == "" and art.text[q.outer_end:hi].strip() == ""


def _named(art: Article, q: QuotedSpan) -> bool:
    """A name being given right before the quote: "the so-called “…”", "known as “…”", "is called a “…”"."""
    mark = _token_at(art.doc, q.open_mark)
    if mark is None:
        return names_given(art.text[max(0, q.open_mark - 40):q.open_mark].lower().split()[-2:])
    before = [t.lower_ for t in art.doc[max(0, mark.i - 4): mark.i] if t.pos_ != "DET" and not t.is_space]
    return names_given(before[-2:])


def _term(art: Article, q: QuotedSpan) -> bool:
    """Quoted words that modify the noun after them ("the 'let alone' construction"): a term, not a statement."""
    if q.close_mark is None:
        return False
    opening, closing = _token_at(art.doc, q.open_mark), _token_at(art.doc, q.close_mark)
    return opening is not None and closing is not None and modifies_noun(art.doc, opening.i, closing.i)


def _naming(art: Article, q: QuotedSpan) -> bool:
    """Quoted words that name something rather than state it: a title, a name given, a term."""
    return _title(art, q) or _named(art, q) or _term(art, q)


def _statement(art: Article, q: QuotedSpan) -> bool:
    """Whether quoted words can be someone's statement: not a title or a name given, and a single word only when
    punctuation inside the marks ends it ("“No,” she said"; a lone “term” is a scare quote). Words that open a
    sentence and end in a comma inside the closing mark are set off before their cue: a reply, not a title."""
    content = art.text[q.start:q.end].strip()
    if len(content.split()) < 2 and not (q.terminated and content[-1:] in ",.!?"):
        return False
    if q.terminated and content[-1:] == "," and _opens_sentence(art.text, q.open_mark):
        return not (_named(art, q) or _term(art, q))  # "“Absolutely not,” said Kuleba": a reply, however capitalised
    return not _naming(art, q)


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether the mark at `pos` starts a sentence (not "On “Face the Nation,” Ryan said": a show's title)."""
    before = text[max(0, pos - 200):pos].rstrip()
    return not before or before[-1] in _SENTENCE_ENDS


def quotes_with_cues(scene: Scene) -> list[Draft]:
    """Pass 1: every quoted span with a cue next to it; the others go to `scene.leftover`."""
    art = scene.article
    drafts = []
    for q in art.quotes:
        cue = _adjacent_cue(art.text, art.doc, q, scene.by_verb, art.in_quote) if _statement(art, q) else None
        if cue is not None and cue.rule == QUOTED_OBJECT_RULE:
            cue = _enclosing_report(scene, cue, q) or cue
        if cue is None or cue.subject is None:
            scene.leftover.append(q)
            scene.leftover_ids.add(id(q))
        else:
            drafts.append(_quote_draft(scene, q, cue))
    return drafts


def _enclosing_report(scene: Scene, cue: Cue, q: QuotedSpan) -> Cue | None:
    """The innermost speech cue above a quoted-object verb whose reported clause holds the verb and its quote:
    "Stabenow said Schumer has “an uncanny way …”" is Stabenow's report, not Schumer's words (any verb's quoted
    object is only a guess at its subject's words). A walk up the verb's ancestors: bounded by the tree's depth."""
    for t in cue.verb.ancestors:
        other = scene.by_verb.get(t.i)
        c = other.content if other is not None else None
        if other is not None and other.kind is CueKind.VERB and other.subject is not None and c is not None \
                and c[0] <= cue.verb.idx < c[1] and c[0] <= q.start and q.end <= c[1] + 1:
            return other
    return None


def _owned_by_nested(scene: Scene, cue: Cue) -> bool:
    """"According to a translation, he was quoted saying …", "checked Trump’s claim that …", "it was clarified that
    Fowler is calling …": a named report nested inside owns the content."""
    assert cue.content is not None
    nested = [o for o in scene.index.within(cue.content) if o is not cue and o.kind.takes_quotes]  # speech only
    if any(o.span[0] == cue.content[0] and o.content is not None for o in nested):
        return True  # "he was quoted saying that …": the content opens with a cue that reports it, one statement
    return cue.kind.yields_to_nested and any(
        o.subject is not None and (o.content is not None or o.verb.i in scene.cue_of_quote) for o in nested)


def _may_report_object(mention: Mention | None, verb: Token) -> bool:
    """Unquoted noun-object reports only for named speakers and described sources ("a group of doctors called
    for his dismissal"): not "the world condemned the attack"."""
    return mention is None or mention.kind in (MentionKind.PERSON_NAME, MentionKind.PRONOUN) \
        or (mention.kind is MentionKind.ORG_NAME and mention.head.pos_ == "PROPN") \
        or (mention.kind in (MentionKind.DESCRIPTION, MentionKind.ORG_NAME)  # "the GOP nominee"
            and mention.head.lemma_.lower() in _OBJECT_REPORT_HEADS
            and _asserted(verb))


def _asserted(verb: Token) -> bool:
    """Whether a verb states that a report was made: not negated ("did not announce a position"), not a forecast
    ("will likely demand"), not a background clause ("ended after the office called for …")."""
    return not any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _UNASSERTED_MODALS)
                   or (c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS) for c in verb.children)


def _report_draft(scene: Scene, cue: Cue, q_starts: list[int], q_ends: list[int]) -> Draft | None:
    """The record of one cue's reported clause, with the quotes it holds; None when the clause is not a report."""
    art, content = scene.article, cue.content
    assert content is not None
    inside = [q for q in art.quotes[bisect.bisect_right(q_ends, content[0]): bisect.bisect_left(q_starts, content[1])]
              if not _term(art, q)]
    if any(q.start < content[0] - 1 for q in inside):
        return None  # the clause starts inside a quote: the quote's own words, not a report
    after = _quote_right_after(scene, content[1], q_starts)
    if after is not None and cue.kind is not CueKind.BELIEF:
        inside = [*inside, after]  # "responded to the altar call at his church “to accept Christ …”"
    end = max([content[1]] + [q.outer_end for q in inside])
    mention = _mention(cue) if cue.subject is not None else None  # an unnamed asker or source has no mention
    if cue.kind.object_report and not inside and not _may_report_object(mention, cue.verb):
        return None
    scene.consumed.update(id(q) for q in inside)
    s, e = _trim(art.text, content[0], end)
    kind = QuoteType.MIXED if inside else QuoteType.INDIRECT
    return Draft(s, e, kind, mention, cue.span, rule=f"report <- {cue.rule}", belief=cue.kind is CueKind.BELIEF,
                 noun_phrase=not inside and _noun_phrase_report(art.doc, cue))


def _noun_phrase_report(doc: Doc, cue: Cue) -> bool:
    """Whether a report gives only what was spoken about: a noun-phrase object ("denied the allegations"), a
    reporting noun's topic ("remarks on the economy"), a passive's subject ("a curfew was announced")."""
    assert cue.content is not None
    if cue.kind is CueKind.UNATTRIBUTED and cue.rule.endswith("/unnamed_passive"):
        return not any(c.dep_ in _PASSIVE_CLAUSES or (c.dep_ == "prep" and any(g.dep_ == "pcomp" for g in c.children))
                       for c in cue.verb.children)  # "Last quarter, it was announced our GDP": a time is no clause
    return (cue.kind.object_report or cue.kind is CueKind.NOUN) and _nominal(doc, cue.content)


def _nominal(doc: Doc, content: tuple[int, int]) -> bool:
    """Whether a content span is one noun phrase ("the allegations"): not a verb's ("calling for reducing …",
    "spoke about how the consulate was taken"), nor an object with its predicate ("reported ants a first")."""
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    if span is None:
        return False
    heads = [t for t in span if not t.is_punct and not span.start <= t.head.i < span.end]
    return bool(heads) and heads[0].pos_ not in ("VERB", "AUX") \
        and not any(h.dep_ in _PREDICATES for h in heads[1:])  # "…, without much effort" is no predicate


def _quote_right_after(scene: Scene, end: int, q_starts: list[int]) -> QuotedSpan | None:
    """A quote that pass 1 left without a cue and that opens right after a report's clause, across spaces only:
    the parser cut the clause short of it."""
    quotes = scene.article.quotes
    k = bisect.bisect_left(q_starts, end)
    if k == len(quotes) or id(quotes[k]) in scene.consumed or id(quotes[k]) not in scene.leftover_ids:
        return None
    q = quotes[k]
    return q if scene.article.text[end:q.open_mark].strip() == "" and q.terminated else None


def reports(scene: Scene, taken: Intervals) -> list[Draft]:
    """Pass 2: each cue's reported clause that pass 1 did not use and that `taken` leaves mostly free."""
    q_starts = [q.start for q in scene.article.quotes]  # quotes are sorted and disjoint, so ends are sorted too
    q_ends = [q.end for q in scene.article.quotes]
    drafts: dict[tuple[int, int], Draft] = {}  # one record per clause: the nearest of two cues over it keeps it
    for cue in scene.cues:
        if cue.verb.i in scene.cue_of_quote or cue.content is None \
                or (cue.subject is None and cue.kind is not CueKind.UNATTRIBUTED):
            continue
        if cue.content[1] - cue.content[0] < 8 or taken.overlap(cue.content) > 0.5 or _owned_by_nested(scene, cue):
            continue
        draft = _report_draft(scene, cue, q_starts, q_ends)
        if draft is not None:
            drafts[draft.start, draft.end] = draft  # "published his theory, which highlighted the fact that C"
    return list(drafts.values())


def _after_bracket(text: str, pos: int) -> bool:
    """Whether an opening bracket stands right before `pos`, across spaces only."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos > 0 and text[pos - 1] == "("


def _opens_paragraph(art: Article, q: QuotedSpan) -> bool:
    """Whether the quotation opens its paragraph, or follows a colon ("More from the report: “…")."""
    lo, _ = art.paragraphs[art.paragraph_index(q.open_mark) - 1]
    before = art.text[lo:q.open_mark].rstrip()
    return before == "" or before.endswith(":")


def continuations(scene: Scene, drafts: list[Draft]) -> list[Draft]:
    """Pass 3: leftover quoted spans, as continuations of the quote before them or as unattributed quotes."""
    art = scene.article
    # quotes that may carry a speaker on to a following cue-less quote, by end offset
    anchor_drafts = sorted((d for d in drafts if d.type is not QuoteType.INDIRECT), key=lambda d: d.end)  # stable
    anchor_ends = [d.end for d in anchor_drafts]
    out: list[Draft] = []
    for q in scene.leftover:
        if id(q) in scene.consumed or _naming(art, q) or _subheading(art, q) \
                or (q.paragraphs > 1 and opens_with_transcript_label(art.text, q.start)):
            continue  # a transcript in quotation marks: its turns become label records
        s, e = _trim(art.text, q.start, q.end)
        words = art.text[s:e].split()
        k = bisect.bisect_right(anchor_ends, q.open_mark) - 1
        prev = anchor_drafts[k] if k >= 0 else None
        near = prev is not None and art.paragraph_index(q.start) - art.paragraph_index(prev.start) \
            <= _CONTINUATION_PARAGRAPHS
        in_brackets = _after_bracket(art.text, q.open_mark)  # "(“…”)": an aside, not the speaker going on
        if prev is not None and near and len(words) >= 2 and not in_brackets \
                and (prev.mention is not None or prev.continuation):
            draft = Draft(s, e, QuoteType.DIRECT, None, None, q, continuation=True, rule="continuation")
            i = bisect.bisect_right(anchor_ends, e)
            anchor_ends.insert(i, e)
            anchor_drafts.insert(i, draft)
            out.append(draft)
        elif len(words) >= _MIN_ORPHAN_WORDS and art.text[e - 1:e] in ".?!…" and not q.single \
                and (q.close_mark is not None or _opens_paragraph(art, q)) and not _object_of_word_before(art, q):
            # an unclosed mark quotes only when it opens its paragraph (a quotation running on to the next one),
            # not mid-sentence ("interaction with “new readers' through your Mets work?")
            out.append(Draft(s, e, QuoteType.DIRECT, None, None, q, rule="orphan_quote"))
    return out


def _object_of_word_before(art: Article, q: QuotedSpan) -> bool:
    """Whether a quotation is the object of the word right before it: a name the writer uses ('For more, see
    “Dynamic and formal equivalence.”'), not a statement standing alone."""
    mark, inner = _token_at(art.doc, q.open_mark), art.doc.char_span(q.start, q.end, alignment_mode="contract")
    if mark is None or mark.i == 0 or inner is None:
        return False
    before = art.doc[mark.i - 1]
    return before.pos_ in ("VERB", "ADP") and any(t.head.i == before.i and t.dep_ in ("dobj", "pobj") for t in inner)


def live_cues(article: Article, cues: list[Cue]) -> list[Cue]:
    """The cues outside quotation marks and excluded regions."""
    return [c for c in cues if not article.in_quote.contains(c.verb.idx) and not article.excluded.contains(c.verb.idx)]


def assemble(article: Article, cues: list[Cue]) -> list[Draft]:
    """All quote records of one article from quotation marks and cues, in text order, before speaker resolution."""
    scene = Scene(article, live_cues(article, cues))
    drafts = quotes_with_cues(scene)
    taken = Intervals([(d.quote.open_mark if d.type is QuoteType.DIRECT and d.quote else d.start, d.end)
                       for d in drafts])
    drafts += reports(scene, taken)
    drafts.sort(key=lambda d: d.start)
    drafts += continuations(scene, drafts)
    drafts.sort(key=lambda d: d.start)
    return drafts
