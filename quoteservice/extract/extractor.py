"""The extraction pipeline: quotation marks + parse → cues → records → resolved speakers with stable ids."""
from __future__ import annotations

import functools
import json
import threading
import time
from collections.abc import Iterable, Iterator
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan

from quoteservice import names
from quoteservice.extract import contract
from quoteservice.extract.zones import SharedMemoryZone
from quoteservice.extract.article import Article, Draft
from quoteservice.extract.assemble import assemble
from quoteservice.extract.provenance import add_via
from quoteservice.extract.budget import UNLIMITED, Budget
from quoteservice.extract.cues import find_cues
from quoteservice.extract.labels import label_drafts
from quoteservice.extract.entities import given_name_gender
from quoteservice.extract.lexicon import Lexicon, load_lexicon
from quoteservice.extract.parsing import parse, parse_many
from quoteservice.extract.model import ArticleQuotes, Method, Quote, QuoteType, Span, SpeakerKind
from quoteservice.extract.pronouns import PronounResolver
from quoteservice.extract.candidates import ENTITY, NOBODY, WRITTEN, CandidateBuilder, entity_key, mention_class
from quoteservice.extract.documents import is_document
from quoteservice.extract.mentions import Mention, MentionKind, person_names
from quoteservice.extract.ranker import SpeakerDecision, SpeakerRanker, shipped
from quoteservice.extract.speakers import Resolution, SpeakerResolver

_NAME_KIND = {SpeakerKind.PERSON: "PERSON", SpeakerKind.ORGANIZATION: "ORGANIZATION"}


@functools.cache
def _confidence_table() -> dict[str, float]:
    raw = json.loads((resources.files("quoteservice") / "data" / "confidence.json").read_text(encoding="utf-8"))
    return {k: float(v) for k, v in raw["base"].items()}


def confidence(draft: Draft, res: Resolution) -> float:
    """Calibrated confidence from the record type and how its speaker was found (data/confidence.json)."""
    table = _confidence_table()
    value = table.get(f"{draft.type.value}:{res.method.value}", table["default"]) if res.confidence is None \
        else res.confidence
    if draft.quote is not None and not draft.quote.terminated:
        value *= table["unterminated_factor"]
    return round(value, 3)


class _Stopwatch:
    """Adds the seconds since the last lap to a stage's total, when asked to keep timings."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self._timings = timings
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        if self._timings is not None:
            now = time.perf_counter()
            self._timings[stage] = self._timings.get(stage, 0.0) + now - self._last
            self._last = now


class Extractor:
    """Extract quote records from article texts with one shared spaCy pipeline (thread-safe)."""

    def __init__(self, nlp: Language, lexicon: Lexicon | None = None, *, coreference: bool = True,
                 ranker: SpeakerRanker | None = None) -> None:
        self.nlp = nlp
        self.ranker = ranker or shipped()
        self.lexicon = lexicon or load_lexicon()
        self.pronouns = PronounResolver(nlp) if coreference else None
        given_name_gender("Anna")  # load the gender table now, not on the first article that needs it
        self._lock = threading.Lock()
        self.zone = SharedMemoryZone(nlp)  # the vocab stays flat however many new words the articles bring

    def extract(self, text: str, budget: Budget = UNLIMITED, *, beliefs: bool = False) -> ArticleQuotes:
        """Quotes of one article; raises budget.Stopped when `budget` runs out or its caller cancels."""
        with self.zone():
            doc = parse(self.nlp, text, budget, self._lock)
            return self.from_doc(doc, text, budget=budget, beliefs=beliefs)

    def pipe(self, texts: Iterable[str], batch_size: int = 8, *, beliefs: bool = False) -> Iterator[ArticleQuotes]:
        """Quotes of many articles, parsed in batches (each batch in one memory zone)."""
        texts = list(texts)
        for i in range(0, len(texts), batch_size):
            batch = texts[i:i + batch_size]
            with self.zone():
                with self._lock:
                    docs = list(parse_many(self.nlp, batch, batch_size=batch_size))
                results = [self.from_doc(doc, text, beliefs=beliefs) for doc, text in zip(docs, batch)]
            yield from results

    def from_doc(self, doc: Doc, text: str | None = None, timings: dict[str, float] | None = None,
                 budget: Budget = UNLIMITED, *, beliefs: bool = False,
                 trace: list[SpeakerDecision] | None = None) -> ArticleQuotes:
        """Quotes of an already parsed article (`text`: the original, if the parse saw parse_text(text)).

        With `beliefs`, attributions of belief and evidence too (Quote.belief). With `timings`, the seconds
        each stage took are added to it (bench/stage_costs.py prints them). With `trace`, each ranked speaker
        decision is appended to it (training/speakers/ reads them).
        """
        clock = _Stopwatch(timings)
        text = doc.text if text is None else text
        people = person_names(doc)
        cues, article = find_cues(doc, self.lexicon, beliefs=beliefs), Article.of(text, doc, people)
        clock.lap("cues")
        budget.check("cues")
        drafts = assemble(article, cues)
        drafts += label_drafts(article, cues, [(d.start, d.end) for d in drafts], self.lexicon.source_nouns)
        drafts.sort(key=lambda d: d.start)
        clock.lap("records")
        budget.check("records")
        resolved = self._resolve(doc, drafts, people, article, budget, trace)
        out = self._records(text, resolved)
        clock.lap("speakers")
        add_via(doc, out.quotes)
        clock.lap("provenance")
        return out

    def _resolve(self, doc: Doc, drafts: list[Draft], people: list[SpacySpan], article: Article,
                 budget: Budget = UNLIMITED, trace: list[SpeakerDecision] | None = None
                 ) -> list[tuple[Draft, Resolution, names.SpeakerCluster | None]]:
        """Each draft's speaker, in text order: a name as written, else the ranker's pick among candidates."""
        people = [p for p in people if not article.furniture.contains(p.start_char)]  # "Story continues below …"
        resolver = SpeakerResolver(doc, self.pronouns, people, article.furniture.contains, article.in_quote.contains)
        builder = CandidateBuilder(doc, resolver.entities.mentions, [p[0] for p in article.paragraphs],
                                   article.in_quote)
        speakers = names.ArticleSpeakers()
        for name in people:  # every name in the article, so "Putin" displays as its fullest form
            speakers.add(name.text, "PERSON")
        resolved: list[tuple[Draft, Resolution, names.SpeakerCluster | None]] = []
        added: dict[tuple[str, SpeakerKind], names.SpeakerCluster] = {}
        last: Resolution | None = None
        last_mention = None
        for n, d in enumerate(drafts):
            if n % 16 == 0:
                budget.check("speakers")
            if d.mention is not None and d.mention.kind in (MentionKind.PERSON_NAME, MentionKind.ORG_NAME) \
                    and not d.continuation:
                res = resolver.resolve(d.mention)
            else:
                res = self._ranked(resolver, builder, d, last, last_mention, trace)
            if d.mention is not None and res.kind in _NAME_KIND:
                resolver.remember(d.mention.start, res)
            builder.record(entity_key(res.name, res.kind) if res.kind in _NAME_KIND else "",
                           d.type is QuoteType.DIRECT, d.start)
            if d.type is not QuoteType.INDIRECT:
                last, last_mention = res, d.mention
            if d.type is QuoteType.DIRECT:
                resolver.remember_quote(d.start, d.end, res)
            # cluster handles follow later merges, so ids are read only once every name is in
            cluster = None
            if res.kind in _NAME_KIND:  # a name already in joins its cluster again: adding it anew grows with the text
                cluster = added.get((res.name, res.kind))
                if cluster is None:
                    cluster = added[(res.name, res.kind)] = speakers.add(res.name, _NAME_KIND[res.kind])
            resolved.append((d, res, cluster))
        return resolved

    def _ranked(self, resolver: SpeakerResolver, builder: CandidateBuilder, d: Draft, last: Resolution | None,
                last_mention: Mention | None, trace: list[SpeakerDecision] | None) -> Resolution:
        """The ranker's speaker for a record whose mention is no name (sets d.mention for a continuation)."""
        cont = d.continuation and last is not None
        mention = None if cont else d.mention
        if not cont and mention is None and d.cue is not None:  # an agentless cue ("is said to"): nobody spoke
            return Resolution("", SpeakerKind.UNKNOWN, Method.NONE)
        mclass = mention_class(mention, cont)
        if cont and last is not None:
            sieve = Resolution(last.name, last.kind, Method.PREVIOUS_QUOTE, last.role)
        elif mention is not None:
            sieve = resolver.resolve(mention)
        else:
            sieve = Resolution("", SpeakerKind.UNKNOWN, Method.NONE)
        picks = {"sieve": sieve} | (resolver.step_picks(mention) if mention is not None else {})
        if last is not None:
            picks["previous"] = last
        keys = {k: builder.ensure(r.name, r.kind) for k, r in picks.items() if r.kind in _NAME_KIND}
        pos = mention.start if mention is not None else d.start
        document = mention is not None and is_document(mention.head)
        cands = builder.build(pos, mclass, mention, keys, sieve.name if sieve.kind is SpeakerKind.UNNAMED else "",
                              document)
        choice = self.ranker.choose(cands)
        if trace is not None:
            trace.append(SpeakerDecision(d.start, d.end, mclass, cands, cands.index(choice.candidate)))
        chosen = choice.candidate
        if cont and last is not None:
            same_as_last = chosen.key == entity_key(last.name, last.kind) if chosen.type == ENTITY \
                else chosen.type == WRITTEN and last.kind is SpeakerKind.UNNAMED
            d.mention = last_mention if same_as_last else None
            if same_as_last:  # it continues the quote before it (join_interrupted and provenance read this)
                return Resolution(last.name, last.kind, Method.PREVIOUS_QUOTE, last.role, confidence=choice.probability)
        if chosen.type == NOBODY:
            return Resolution("", SpeakerKind.UNKNOWN, Method.NONE, confidence=choice.probability)
        if chosen.type == WRITTEN:  # the description itself, or an unnamed source a step found ("they": the campaign)
            method = sieve.method if sieve.kind is SpeakerKind.UNNAMED and chosen.name == sieve.name else Method.EXPLICIT
            return Resolution(chosen.name, SpeakerKind.UNNAMED, method, confidence=choice.probability)
        same = next((picks[step] for step, key in keys.items() if key == chosen.key), None)
        role = same.role if same is not None else ""
        name = same.name if same is not None else chosen.name
        method = choice.method
        if keys.get("sieve") == chosen.key:
            method = sieve.method  # the ranker agrees with the steps: the step that found it names the method
        return Resolution(name, chosen.kind, method, role, confidence=choice.probability)

    @staticmethod
    def _records(text: str, resolved: list[tuple[Draft, Resolution, names.SpeakerCluster | None]]) -> ArticleQuotes:
        """The article's records, their speakers under the speaker contract (contract.py)."""
        speakers = contract.Speakers([c for _, _, c in resolved if c is not None])
        quotes: list[Quote] = []
        for d, res, cluster in resolved:
            speaker = speakers.speaker(res.kind, res.name, cluster, d.mention, res.role)
            method = res.method if speaker is not None or res.method is Method.PREVIOUS_QUOTE else Method.NONE
            mention = None
            if d.mention is not None:
                lo, hi = d.mention.written or (d.mention.start, d.mention.end)
                mention = Span(lo, hi, text[lo:hi])
            cue = Span(d.cue[0], d.cue[1], text[d.cue[0]:d.cue[1]]) if d.cue is not None else None
            quotes.append(Quote(Span(d.start, d.end, text[d.start:d.end]), d.type, speaker, mention, cue,
                                confidence(d, res), method, d.rule, d.belief, noun_phrase=d.noun_phrase))
        quotes = contract.enforce(quotes)
        used = {q.speaker.id for q in quotes if q.speaker is not None}
        return ArticleQuotes(quotes, [s for s in speakers.all() if s.id in used])
